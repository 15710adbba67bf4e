/// The languages of the reports people read (`--lang`); CSV headers and ids stay canonical.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en

    /// The value of `<html lang>`.
    public var htmlCode: String {
        switch self {
        case .zh: return "zh-CN"
        case .en: return "en"
        }
    }
}

/// A text in both report languages.
public struct LocalizedText: Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public subscript(_ language: ReportLanguage) -> String {
        switch language {
        case .zh: return zh
        case .en: return en
        }
    }
}

/// Catalogue entries that exist once per value of a key (a pay type, a department): declared
/// together, looked up by the typed key, listed in declaration order.
public struct KPIVariants<Key: Hashable & Sendable>: Sendable {
    /// The entries in declaration order.
    public let definitions: [KPIDefinition]
    private let byKey: [Key: KPIDefinition]
    private let make: @Sendable (Key) -> KPIDefinition

    init(_ keys: [Key], _ make: @escaping @Sendable (Key) -> KPIDefinition) {
        definitions = keys.map(make)
        byKey = Dictionary(uniqueKeysWithValues: zip(keys, definitions))
        self.make = make
    }

    /// The entry of `key` (one of the declared keys; another key gets an entry that is in no
    /// catalogue, which the catalogue tests would report).
    public subscript(_ key: Key) -> KPIDefinition { byKey[key] ?? make(key) }
}
