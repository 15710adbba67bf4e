import FuzzSupport
import Ledger

/// libFuzzer target: the source-profile loader (TOML, see docs/profiles.md and scripts/fuzz.sh).
///
/// Any text must give a profile or a `ProfileError`; a crash or a hang is a finding. A loaded
/// profile, loaded again from the same text, must be equal.
@main enum FuzzProfileLoader {
    static func main() { FuzzDriver.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let first = try SourceProfile(toml: text, file: "fuzz.toml")
        let second = try SourceProfile(toml: text, file: "fuzz.toml")
        if first != second { FuzzDriver.fail("the same profile text loaded twice differs") }
    } catch {
        // ProfileError: the expected outcome for broken text.
    }
    return 0
}
