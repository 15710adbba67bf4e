#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The iconv converter could not be created (the gconv modules are missing).
public struct TranscodingError: Error, CustomStringConvertible, Sendable, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Decodes another `ByteSource` from GB18030 (a superset of GBK/CP936) to UTF-8 with glibc
/// `iconv`, chunk by chunk in constant memory.
///
/// A multibyte sequence split across chunks is carried into the next chunk. An invalid
/// sequence never fails the read: it becomes the single byte `0xFF` (never valid UTF-8, so
/// the CSV row holding it fails UTF-8 validation and is rejected) and decoding resumes one
/// input byte later. A sequence truncated by the end of input also becomes one `0xFF`.
public final class TranscodingByteSource: ByteSource {
    /// The marker written for each invalid input sequence.
    public static let invalidMarker: UInt8 = 0xFF

    private let upstream: any ByteSource
    private let converter: iconv_t
    private let inputCapacity: Int
    private let input: UnsafeMutablePointer<UInt8>
    private var inputStart = 0
    private var inputEnd = 0
    private var upstreamFinished = false
    private let outputCapacity: Int
    private let output: UnsafeMutablePointer<UInt8>
    private var outputStart = 0
    private var outputEnd = 0

    /// Wraps `upstream`, whose bytes are in `encoding`.
    ///
    /// - Parameter bufferSize: bytes of input and of output held at once (at least 64).
    public init(wrapping upstream: any ByteSource, from encoding: TextEncoding = .gb18030, bufferSize: Int = 256 * 1024) throws {
        let sourceName: String
        switch encoding {
        case .gb18030: sourceName = "GB18030"
        case .utf8: sourceName = "UTF-8"
        }
        let handle = iconv_open("UTF-8", sourceName)
        guard let handle, Int(bitPattern: handle) != -1 else {
            throw TranscodingError(reason: "cannot decode \(sourceName): iconv_open failed (\(String(cString: strerror(errno))))")
        }
        self.upstream = upstream
        converter = handle
        inputCapacity = max(64, bufferSize)
        outputCapacity = max(64, bufferSize)
        input = .allocate(capacity: inputCapacity)
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        iconv_close(converter)
        input.deallocate()
        output.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let target = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if outputStart == outputEnd {
            try fillOutput()
            if outputStart == outputEnd { return 0 }
        }
        let n = min(buffer.count, outputEnd - outputStart)
        target.copyMemory(from: output + outputStart, byteCount: n)
        outputStart += n
        return n
    }

    /// Appends one invalid-sequence marker to the output (room for it is always kept).
    private func appendMarker() {
        output[outputEnd] = TranscodingByteSource.invalidMarker
        outputEnd += 1
    }

    /// Moves unconsumed input to the front and reads more from upstream.
    private func refillInput() throws {
        if inputStart > 0 {
            let remaining = inputEnd - inputStart
            if remaining > 0 { input.update(from: input + inputStart, count: remaining) }
            inputStart = 0
            inputEnd = remaining
        }
        guard inputEnd < inputCapacity else { return }
        let room = UnsafeMutableRawBufferPointer(start: input + inputEnd, count: inputCapacity - inputEnd)
        let n = try upstream.read(into: room)
        if n == 0 { upstreamFinished = true } else { inputEnd += n }
    }

    /// Converts input into the (empty) output buffer until it is nearly full or input ends.
    private func fillOutput() throws {
        outputStart = 0
        outputEnd = 0
        // Keep room for a 4-byte UTF-8 character and a marker.
        let reserve = 8
        while outputEnd < outputCapacity - reserve {
            if inputStart == inputEnd {
                if upstreamFinished { return }
                try refillInput()
                continue
            }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input + inputStart)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inputEnd - inputStart
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output + outputEnd)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = outputCapacity - reserve - outputEnd
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            let code = errno
            inputStart = inputEnd - inLeft
            outputEnd = outputCapacity - reserve - outLeft
            guard result == -1 else { continue }
            switch code {
            case E2BIG:
                return
            case EILSEQ:
                appendMarker()
                inputStart += 1
            case EINVAL:
                // An incomplete sequence at the end of the buffered input.
                if !upstreamFinished {
                    try refillInput()
                    if !upstreamFinished { continue }
                }
                appendMarker()
                inputStart = inputEnd
            default:
                throw TranscodingError(reason: "iconv failed: \(String(cString: strerror(code)))")
            }
        }
    }
}
