import Foundation

/// Writes a new file in large chunks and counts the bytes, so snapshot builders can record the offset
/// of every line they write.
final class BufferedWriter {
    let path: String
    let fd: Int32
    private(set) var offset = 0
    private(set) var crc: UInt32 = 0
    private var buffer: [UInt8] = []

    init(creating path: String, permissions: StorePermissions) throws {
        self.path = path
        fd = try Durable.open(path, O_WRONLY | O_CREAT | O_TRUNC, permissions: permissions)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        crc = RecordChecksum.update(crc, bytes)
        offset += bytes.count
        if buffer.count + bytes.count > (1 << 20) { try flushBuffer() }
        if bytes.count >= (1 << 20) {
            try Durable.write(fd, bytes, path: path)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

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
