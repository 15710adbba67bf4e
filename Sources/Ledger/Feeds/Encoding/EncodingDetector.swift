#if canImport(Glibc)
import Glibc
#endif

/// Chooses the encoding of a file (feeds.md 1, "Encoding").
///
/// A UTF-8 byte-order mark means UTF-8. Else, for a regular file, the whole file is
/// validated as UTF-8 in a streaming pass (ASCII skipped a word at a time, stopping at the
/// first invalid byte): valid means UTF-8 — so a GBK export whose first Chinese text comes
/// late is still read as GBK. An invalid byte means GB18030 (which covers GBK) unless the
/// bytes before it already held `utf8Evidence` well-formed multibyte characters: then the
/// file is UTF-8 with damaged bytes, which reject only their rows (GBK text hits an invalid
/// sequence within a few characters, so it never gets that far). A pipe or other stream can be read only once: its first 64 KiB decide (a multibyte
/// sequence cut by the end of the sample is allowed when the sample is not the whole input).
public enum EncodingDetector {
    /// How many leading bytes of a stream are examined (and replayed for delimiter detection).
    public static let sampleSize = 64 * 1024
    /// The read size of the whole-file pass.
    static let passBufferSize = 1 << 20
    /// Well-formed multibyte UTF-8 characters before the first invalid byte that make a
    /// file UTF-8 with damaged bytes rather than GB18030.
    public static let utf8Evidence = 8

    /// The encoding of a file whose first bytes are `sample`.
    ///
    /// - Parameter isWholeFile: whether `sample` holds the entire file; when it does, a
    ///   multibyte sequence cut at its end is invalid rather than cut by the sampling.
    public static func detect(_ sample: UnsafeRawBufferPointer, isWholeFile: Bool) -> TextEncoding {
        if sample.count >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF { return .utf8 }
        switch UTF8Validation.validate(sample) {
        case .valid: return .utf8
        case .truncated: return isWholeFile ? .gb18030 : .utf8
        case .invalid: return .gb18030
        }
    }

    /// The encoding of a file whose first bytes are `sample`.
    public static func detect(_ sample: [UInt8], isWholeFile: Bool) -> TextEncoding {
        sample.withUnsafeBytes { detect($0, isWholeFile: isWholeFile) }
    }

    /// Opens `path` and returns a source of UTF-8 bytes for it, decoding GB18030 when
    /// `encoding` says so or when `.auto` detects it. The CSV reader strips a UTF-8 BOM.
    public static func open(path: String, encoding: EncodingChoice) throws -> (source: any ByteSource, encoding: TextEncoding) {
        let chosen: TextEncoding
        switch encoding {
        case .utf8: chosen = .utf8
        case .gb18030: chosen = .gb18030
        case .auto where isRegularFile(path):
            chosen = try detectWholeFile(path: path)
        case .auto:
            let probe = try FileByteSource(path: path)
            var sample = [UInt8](repeating: 0, count: sampleSize)
            var filled = 0
            var reachedEnd = false
            try sample.withUnsafeMutableBytes { buffer in
                while filled < buffer.count {
                    let n = try probe.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                    if n == 0 {
                        reachedEnd = true
                        break
                    }
                    filled += n
                }
            }
            chosen = sample.withUnsafeBytes {
                detect(UnsafeRawBufferPointer(rebasing: $0[..<filled]), isWholeFile: reachedEnd)
            }
        }
        let file = try FileByteSource(path: path)
        switch chosen {
        case .utf8: return (file, .utf8)
        case .gb18030: return (try TranscodingByteSource(wrapping: file, from: .gb18030), .gb18030)
        }
    }

    /// Whether `path` names a regular file (which can be read twice).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The encoding of a whole file: UTF-8 when a BOM starts it or every byte is valid
    /// UTF-8, else GB18030. Reads until the first invalid byte at most.
    public static func detectWholeFile(path: String) throws -> TextEncoding {
        let source = try FileByteSource(path: path)
        // Room before the chunk for the up to 3 bytes of a sequence cut by the previous read.
        let carryRoom = 4
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: carryRoom + passBufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var carried = 0
        var first = true
        var multibyte = 0
        while true {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[carryRoom...]))
            let start = carryRoom - carried
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[start..<(carryRoom + n)])
            if first {
                first = false
                if n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { return .utf8 }
            }
            if n == 0 { return carried == 0 || multibyte >= utf8Evidence ? .utf8 : .gb18030 }
            // The common case, an all-ASCII chunk, is one pass of 32-byte steps: no
            // validation state and no multibyte characters to count.
            if carried == 0 && UTF8Validation.asciiRunLength(chunk) == chunk.count { continue }
            let outcome = UTF8Validation.validate(chunk)
            let end: Int
            switch outcome {
            case .valid: end = chunk.count
            case .invalid(let offset), .truncated(let offset): end = offset
            }
            if multibyte < utf8Evidence {
                multibyte += countMultibyteLeads(UnsafeRawBufferPointer(rebasing: chunk[..<end]), upTo: utf8Evidence - multibyte)
            }
            switch outcome {
            case .valid:
                carried = 0
            case .invalid:
                return multibyte >= utf8Evidence ? .utf8 : .gb18030
            case .truncated(let offset):
                carried = chunk.count - offset
                // Move the cut sequence just before the next chunk.
                UnsafeMutableRawBufferPointer(rebasing: buffer[(carryRoom - carried)..<carryRoom])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: chunk[offset...]))
            }
        }
    }

    /// Lead bytes of multibyte sequences in well-formed UTF-8, counted up to `limit`.
    static func countMultibyteLeads(_ bytes: UnsafeRawBufferPointer, upTo limit: Int) -> Int {
        guard bytes.baseAddress != nil else { return 0 }
        var count = 0
        var index = 0
        while index < bytes.count {
            index += UTF8Validation.asciiRunLength(bytes, from: index)
            guard index < bytes.count else { break }
            if bytes[index] >= 0xC2 {
                count += 1
                if count >= limit { break }
            }
            index += 1
        }
        return count
    }
}
