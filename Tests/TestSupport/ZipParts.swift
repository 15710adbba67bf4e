import CMinizip

/// The parts of a zip container as an independent reader sees them: minizip's own inflate
/// and CRC-32 check (`unzOpenCurrentFile`, not the raw mode and limits of the project's
/// reader), so a test of the writer does not only trust the project's reader.
public enum ZipParts {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The uncompressed bytes of the part `name` of the container at `path`.
    public static func bytes(of name: String, in path: String) throws -> [UInt8] {
        guard let handle = unzOpen64(path) else { throw Failure(description: "\(path): not a zip container") }
        defer { unzClose(handle) }
        guard unzLocateFile(handle, name, 1) == UNZ_OK else { throw Failure(description: "\(path): no part \(name)") }
        guard unzOpenCurrentFile(handle) == UNZ_OK else { throw Failure(description: "\(path): cannot open part \(name)") }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { unzReadCurrentFile(handle, $0.baseAddress, UInt32($0.count)) }
            guard n >= 0 else {
                unzCloseCurrentFile(handle)
                throw Failure(description: "\(path): part \(name) is corrupt (minizip error \(n))")
            }
            if n == 0 { break }
            out += buffer[0..<Int(n)]
        }
        guard unzCloseCurrentFile(handle) == UNZ_OK else { throw Failure(description: "\(path): part \(name) fails its CRC-32 check") }
        return out
    }

    /// The names of the container's parts, in directory order.
    public static func names(in path: String) throws -> [String] {
        guard let handle = unzOpen64(path) else { throw Failure(description: "\(path): not a zip container") }
        defer { unzClose(handle) }
        var names: [String] = []
        var status = unzGoToFirstFile(handle)
        var name = [CChar](repeating: 0, count: 4096)
        while status == UNZ_OK {
            var info = unz_file_info64()
            guard unzGetCurrentFileInfo64(handle, &info, &name, uLong(name.count), nil, 0, nil, 0) == UNZ_OK else {
                throw Failure(description: "\(path): corrupt central directory")
            }
            names.append(String(decoding: name.prefix(Int(info.size_filename)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
            status = unzGoToNextFile(handle)
        }
        return names
    }
}
