/// Chooses the encoding of a file from its first bytes (feeds.md 1, "Encoding").
///
/// A UTF-8 byte-order mark means UTF-8; else bytes that are valid UTF-8 mean UTF-8 (a
/// multibyte sequence cut by the end of the sample is allowed when the sample is not the
/// whole file); anything else is GB18030, which covers GBK. Later invalid bytes reject only
/// their rows.
public enum EncodingDetector {
    /// How many leading bytes of a file are examined.
    public static let sampleSize = 64 * 1024

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
}
