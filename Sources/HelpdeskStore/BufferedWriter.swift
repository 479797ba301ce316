import Foundation

/// Writes a new file in large chunks and counts the bytes, so snapshot builders can record the offset
/// of every line they write.
final class BufferedWriter {
    let path: String
    let fd: Int32
    private(set) var offset = 0
    private(set) var crc: UInt32 = 0
    /// CRC-32 of the line begun by `beginLine`.
    private var lineCRC: UInt32 = 0
    private var buffer: [UInt8] = []

    init(creating path: String, permissions: StorePermissions) throws {
        self.path = path
        fd = try Durable.open(path, O_WRONLY | O_CREAT | O_TRUNC, permissions: permissions)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        crc = RecordChecksum.update(crc, bytes)
        lineCRC = RecordChecksum.update(lineCRC, bytes)
        offset += bytes.count
        if buffer.count + bytes.count > (1 << 20) { try flushBuffer() }
        if bytes.count >= (1 << 20) {
            try Durable.write(fd, bytes, path: path)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Starts a checksummed line (see `endFramedLine`).
    func beginLine() { lineCRC = 0 }

    /// Ends a line begun with `beginLine` whose bytes so far are a JSON object without its closing
    /// brace: writes `,"sum":"xxxxxxxx"}` and the newline — the frame of a log record (`LogRecord`),
    /// so `LogRecord.verify` checks snapshot lines and log lines alike.
    func endFramedLine() throws {
        let sum = [UInt8(ascii: "}")].withUnsafeBytes { RecordChecksum.update(lineCRC, $0) }
        try write(LogRecord.sumPrefix + RecordChecksum.hex(sum) + Array("\"}\n".utf8))
    }

    /// Writes a complete JSON object (ending in `}`, no newline) as a checksummed line.
    func writeFramed(object: UnsafeRawBufferPointer) throws {
        guard object.last == UInt8(ascii: "}") else {
            throw StoreError.writeFailed(path: path, reason: "a snapshot record did not encode as a JSON object")
        }
        beginLine()
        try write(UnsafeRawBufferPointer(rebasing: object[0..<(object.count - 1)]))
        try endFramedLine()
    }

    func writeFramed(object: [UInt8]) throws { try object.withUnsafeBytes { try writeFramed(object: $0) } }

    private func flushBuffer() throws {
        try Durable.write(fd, buffer, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and `fsync`s: the file is complete on disk.
    func finish() throws {
        try flushBuffer()
        try Durable.sync(fd, path: path)
    }
}
