/// Warehouse locations that name a PostgreSQL database, and their safe spelling for messages.
public enum PostgreSQLURL {
    /// Whether `location` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgreSQL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The URL with its password (in the authority or as a `password=` parameter) replaced
    /// by `***`: what messages, logs and the batch ledger may show.
    public static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[rest.startIndex..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[authority.startIndex..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        if let query = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { part in
                part.lowercased().hasPrefix("password=") ? "password=***" : String(part)
            }
            text = String(text[...query]) + parameters.joined(separator: "&")
        }
        return text
    }

    /// `message` with every occurrence of the URL's password replaced by `***`.
    public static func redactedMessage(_ message: String, url: String) -> String {
        let passwords = secrets(in: url).filter { !$0.isEmpty }
        var text = message
        for secret in passwords {
            while let range = text.range(of: secret) { text.replaceSubrange(range, with: "***") }
        }
        return text
    }

    private static func secrets(in url: String) -> [String] {
        var found: [String] = []
        let redacted = redacted(url)
        // The characters that differ between the URL and its redacted form are the secrets.
        if redacted != url, let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[rest.startIndex..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[authority.startIndex..<at].firstIndex(of: ":") {
                found.append(String(authority[authority.index(after: colon)..<at]))
            }
            if let query = url.firstIndex(of: "?") {
                for part in url[url.index(after: query)...].split(separator: "&") where part.lowercased().hasPrefix("password=") {
                    found.append(String(part.dropFirst("password=".count)))
                }
            }
        }
        return found
    }
}
