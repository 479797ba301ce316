// The one header Swift sees for ncursesw.
//
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which hides the wide-character API, so we ask for it
// explicitly. Macros, variadic functions and C globals are not usable from Swift 6, hence the small
// static inline wrappers below: Swift calls these instead of touching `stdscr`, `LINES`, `A_BOLD`, ...
#ifndef HELPDESK_NCURSES_SHIM_H
#define HELPDESK_NCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc hides wcwidth without _XOPEN_SOURCE; the backend uses it to learn how ncurses will measure a cell.
extern int wcwidth(wchar_t c);

static inline WINDOW *hd_stdscr(void) { return stdscr; }
static inline WINDOW *hd_curscr(void) { return curscr; }
static inline int hd_lines(void) { return LINES; }
static inline int hd_cols(void) { return COLS; }
static inline int hd_colors(void) { return COLORS; }
static inline int hd_color_pairs(void) { return COLOR_PAIRS; }
static inline int hd_key_f0(void) { return KEY_F0; }

static inline attr_t hd_attr_bold(void) { return WA_BOLD; }
static inline attr_t hd_attr_dim(void) { return WA_DIM; }
static inline attr_t hd_attr_underline(void) { return WA_UNDERLINE; }
static inline attr_t hd_attr_reverse(void) { return WA_REVERSE; }
static inline attr_t hd_attr_italic(void) { return WA_ITALIC; }

/// Puts one cell (a base character plus up to CCHARW_MAX-1 combining characters, NUL-terminated).
static inline int hd_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, (short)pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Puts a line-drawing character from the terminal's alternate character set ('q' = horizontal, 'x' =
/// vertical, 'l','k','m','j' = corners, 'a' = checkerboard), for locales that cannot print UTF-8 box glyphs.
static inline int hd_put_acs(int y, int x, char which, attr_t attrs, int pair) {
    wchar_t chars[CCHARW_MAX + 1];
    attr_t acs_attrs = 0;
    short ignored_pair = 0;
    cchar_t cell;
    if (getcchar(NCURSES_WACS(which), chars, &acs_attrs, &ignored_pair, NULL) == ERR) return ERR;
    if (setcchar(&cell, chars, acs_attrs | attrs, (short)pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// True when the current locale's codeset is UTF-8 (after setlocale(LC_ALL, "")).
static inline int hd_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (codeset[0] == 'U' || codeset[0] == 'u') &&
        (codeset[1] == 'T' || codeset[1] == 't') && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
