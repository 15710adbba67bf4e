#if canImport(Glibc)
import Glibc
#endif

/// `text` encoded as GB18030 (a superset of GBK) through glibc's iconv: the tests' own
/// encoder, the reverse direction of the code under test.
public func gb18030Encoded(_ text: String) -> [UInt8] {
    guard let converter = iconv_open("GB18030", "UTF-8"), Int(bitPattern: converter) != -1 else { return [] }
    defer { iconv_close(converter) }
    var source = Array(text.utf8)
    var result = [UInt8](repeating: 0, count: source.count * 4 + 16)
    let produced = source.withUnsafeMutableBytes { inBuffer in
        result.withUnsafeMutableBytes { outBuffer -> Int in
            var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = outBuffer.count
            _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            return outBuffer.count - outLeft
        }
    }
    return Array(result[..<produced])
}
