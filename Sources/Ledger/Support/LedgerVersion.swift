/// The version of the toolchain, printed by `--version` and written into bundle manifests.
public enum LedgerVersion {
    public static let current = "0.1.0"
}
