#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libFuzzer entry of a fuzz executable. Built only with `LEDGER_FUZZ=1` and
/// `-sanitize=fuzzer` (scripts/fuzz.sh): the executable's `main` hands its arguments and the
/// per-input callback to `LLVMFuzzerRunDriver`, so libFuzzer's own `main` is not needed.
public enum FuzzDriver {
    /// The per-input callback libFuzzer calls (return 0).
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer with the process arguments and exits with its status.
    public static func run(_ callback: Callback) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, callback)
        exit(status)
    }

    /// Reports a broken invariant: libFuzzer records the input as a crash.
    public static func fail(_ message: String) -> Never {
        let text = Array("fuzz invariant broken: \(message)\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzDriver.Callback
) -> CInt
