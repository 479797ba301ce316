import Foundation

/// Where a command writes a document: standard output, or a file that appears whole or not at all
/// (written to a temporary file beside it, flushed, then renamed over the target), so a crash or a
/// full disk never leaves half an export where the old one was.
final class OutputFile {
    private let handle: FileHandle
    private let target: URL?
    private let temporary: URL?
    private var buffer = Data()
    private var finished = false

    /// `path` nil means standard output.
    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            target = nil
            temporary = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw UserError("cannot write \(path): cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        do {
            handle = try FileHandle(forWritingTo: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw UserError("cannot write \(path): \(error.localizedDescription)")
        }
        target = url
        temporary = temp
    }

    deinit {
        // Not finished: an error happened part-way; leave the old file alone and drop the partial one.
        if !finished, let temporary {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw UserError("cannot write \(target?.path ?? "standard output"): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file makes it durable and moves it into place.
    func finish() throws {
        try flush()
        guard let target, let temporary else { finished = true; return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw UserError("cannot write \(target.path): \(error.localizedDescription)")
        }
        // rename(2) replaces the target atomically: readers see the old file or the new one.
        guard rename(temporary.path, target.path) == 0 else {
            throw UserError("cannot write \(target.path): \(String(cString: strerror(errno)))")
        }
        finished = true
    }
}
