import ArgumentParser

/// A hidden `--debug-fault` option: makes a tool fail on purpose so that the end-to-end
/// tests can prove how an internal error is reported (exit 70, one message on stderr).
public enum DebugFault: String, ExpressibleByArgument, Sendable {
    case `internal`

    /// An error no layer knows: it reaches the tool as a bug would.
    public struct InjectedFault: Error, CustomStringConvertible {
        public var description: String { "fault injected by --debug-fault" }
    }

    public func trigger() throws {
        switch self {
        case .internal: throw InjectedFault()
        }
    }
}
