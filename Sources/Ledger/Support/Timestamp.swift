/// Timestamps for the batch ledger and manifests.
public enum Timestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970 (UTC), fractions dropped.
    public static func iso8601(seconds: Double) -> String {
        guard let moment = LocalDateTime(secondsSinceEpoch: Int64(seconds.rounded(.down))) else { return "" }
        var text = moment.text
        if let space = text.firstIndex(of: " ") { text.replaceSubrange(space...space, with: "T") }
        return text + "Z"
    }
}
