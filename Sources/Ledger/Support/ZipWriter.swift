import CZlib

/// Writes a zip container in memory, deterministically: entries in the order added, raw
/// DEFLATE at a fixed level, every timestamp 1980-01-01 00:00 (the zip epoch), no extra
/// fields — the same entries always give the same bytes.
struct ZipWriter {
    private struct Central {
        var name: [UInt8]
        var crc: UInt32
        var compressed: Int
        var uncompressed: Int
        var offset: Int
    }

    private(set) var bytes: [UInt8] = []
    private var central: [Central] = []

    /// Adds the file `name` with `contents` (deflated).
    mutating func add(_ name: String, _ contents: [UInt8]) throws {
        let compressed = try Self.deflate(contents)
        let crc = contents.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        addEntry(name, compressed: compressed, crc: crc, size: contents.count)
    }

    /// Adds the file `name` whose contents `produce` hands over chunk by chunk (it fills the
    /// buffer and returns false after the last chunk): only the compressed bytes are held,
    /// so very large generated parts (a 1,048,576-row sheet) need little memory.
    mutating func add(_ name: String, streaming produce: (inout [UInt8]) -> Bool) throws {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipWriterError.zlib
        }
        defer { deflateEnd(&stream) }
        var compressed: [UInt8] = []
        var crc: uLong = crc32(0, nil, 0)
        var size = 0
        var chunk: [UInt8] = []
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var more = true
        while more {
            chunk.removeAll(keepingCapacity: true)
            more = produce(&chunk)
            size += chunk.count
            let flush = more ? Z_NO_FLUSH : Z_FINISH
            try chunk.withUnsafeMutableBufferPointer { input in
                crc = crc32(crc, input.baseAddress, uInt(input.count))
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                repeat {
                    let produced: Int = try output.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        let status = CZlib.deflate(&stream, flush)
                        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw ZipWriterError.zlib }
                        return out.count - Int(stream.avail_out)
                    }
                    compressed.append(contentsOf: output[0..<produced])
                } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
            }
        }
        addEntry(name, compressed: compressed, crc: UInt32(truncatingIfNeeded: crc), size: size)
    }

    private mutating func addEntry(_ name: String, compressed: [UInt8], crc: UInt32, size: Int) {
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        put32(0x0403_4B50)
        put16(20)  // version needed: 2.0 (deflate)
        put16(0x0800)  // flags: UTF-8 names
        put16(8)
        put16(0)  // time 00:00
        put16(0x0021)  // date 1980-01-01
        put32(crc)
        put32(UInt32(compressed.count))
        put32(UInt32(size))
        put16(UInt16(nameBytes.count))
        put16(0)
        bytes += nameBytes
        bytes += compressed
        central.append(Central(name: nameBytes, crc: crc, compressed: compressed.count, uncompressed: size, offset: offset))
    }

    /// The finished container.
    mutating func finish() -> [UInt8] {
        let start = bytes.count
        for entry in central {
            put32(0x0201_4B50)
            put16(20)  // made by: MS-DOS, 2.0
            put16(20)
            put16(0x0800)
            put16(8)
            put16(0)
            put16(0x0021)
            put32(entry.crc)
            put32(UInt32(entry.compressed))
            put32(UInt32(entry.uncompressed))
            put16(UInt16(entry.name.count))
            put16(0)
            put16(0)
            put16(0)
            put16(0)
            put32(0)
            put32(UInt32(entry.offset))
            bytes += entry.name
        }
        let size = bytes.count - start
        put32(0x0605_4B50)
        put16(0)
        put16(0)
        put16(UInt16(central.count))
        put16(UInt16(central.count))
        put32(UInt32(size))
        put32(UInt32(start))
        put16(0)
        return bytes
    }

    private mutating func put16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    private mutating func put32(_ value: UInt32) {
        put16(UInt16(value & 0xFFFF))
        put16(UInt16(value >> 16))
    }

    /// Raw DEFLATE (no zlib header), level 6.
    static func deflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipWriterError.zlib
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        let written: Int = try input.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                guard CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END else { throw ZipWriterError.zlib }
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }
}

enum ZipWriterError: Error, CustomStringConvertible {
    case zlib
    var description: String { "zlib could not compress a workbook part" }
}
