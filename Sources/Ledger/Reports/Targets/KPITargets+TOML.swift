/// Reading a targets file (docs/targets.md has the format with examples): a `[kpi."<id>"]`
/// table per KPI with `target` and `amber`, and `region."<name>"` / `brand."<name>"`
/// override tables that set either or both.
extension KPITargets {
    /// The largest targets file read (a targets file is a few kilobytes).
    public static let maximumFileSize = 1 << 20

    /// Reads the targets file at `path` (named so in messages). `regions` and `brands` are
    /// those of the dealer master: an override of any other is an error with the closest
    /// names suggested (nil: not checked).
    public static func load(
        path: String, catalogue: KPICatalogue = .standard, regions: Set<String>? = nil, brands: Set<String>? = nil
    ) throws(TargetsError) -> KPITargets {
        let bytes: [UInt8]
        do {
            let source = try FileByteSource(path: path)
            var read: [UInt8] = []
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
            defer { buffer.deallocate() }
            while true {
                let count = try source.read(into: buffer)
                if count == 0 { break }
                read.append(contentsOf: buffer.prefix(count))
                if read.count > maximumFileSize {
                    throw TargetsError(file: path, "the file is larger than 1 MiB: not a targets file")
                }
            }
            bytes = read
        } catch let error as TargetsError {
            throw error
        } catch let error as InputError {
            throw TargetsError(file: path, "cannot read the targets file: \(error.reason)")
        } catch {
            throw TargetsError(file: path, "cannot read the targets file: \(error)")
        }
        return try KPITargets(toml: bytes, file: path, catalogue: catalogue, regions: regions, brands: brands)
    }

    /// Parses and checks a targets file's bytes (UTF-8 TOML); `file` names it in messages and,
    /// by its last path component, in the reports.
    public init(
        toml bytes: [UInt8], file: String, catalogue: KPICatalogue = .standard, regions: Set<String>? = nil, brands: Set<String>? = nil
    ) throws(TargetsError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: bytes)
        } catch {
            throw TargetsError(file: file, line: error.line, column: error.column, "TOML syntax error: \(error.reason)")
        }
        let reader = TargetsReader(file: file, catalogue: catalogue, regions: regions, brands: brands)
        let rules = try reader.rules(document.root)
        let name = file.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? file
        self.init(fileName: name, rules: rules)
    }
}

/// The checks of a parsed targets file, each error naming the line of the key at fault.
struct TargetsReader {
    let file: String
    let catalogue: KPICatalogue
    let regions: Set<String>?
    let brands: Set<String>?

    static let topLevelKeys = ["kpi"]
    static let kpiKeys = ["target", "amber", "region", "brand"]
    static let overrideKeys = ["target", "amber"]

    func error(_ line: Int?, _ message: String) -> TargetsError { TargetsError(file: file, line: line, message) }

    func rules(_ root: TOMLTable) throws(TargetsError) -> [KPITargetRule] {
        for key in root.keys where !Self.topLevelKeys.contains(key) {
            throw error(root.line(of: key), "unknown key \(quoted(key)): a targets file holds [kpi.\"<id>\"] tables")
        }
        guard let kpis = root["kpi"] else {
            throw error(nil, "no targets: add a [kpi.\"<id>\"] table with a target (see docs/targets.md)")
        }
        guard case let .table(table) = kpis else {
            throw error(root.line(of: "kpi"), "kpi must be a table of KPI ids, found \(kpis.kindDescription)")
        }
        guard !table.entries.isEmpty else {
            throw error(root.line(of: "kpi"), "no targets: add a [kpi.\"<id>\"] table with a target (see docs/targets.md)")
        }
        var rules: [KPITargetRule] = []
        for (id, value) in table.entries {
            let line = table.line(of: id)
            guard let definition = catalogue.definition(id) else {
                let hint = Suggestions.closest(to: id, among: catalogue.definitions.map(\.id))
                let suggestion = hint.isEmpty ? " (see `dms-report catalogue`)" : ": did you mean \(hint.joined(separator: " or "))?"
                throw error(line, "unknown KPI \(quoted(id))\(suggestion)")
            }
            guard definition.direction != .neutral else {
                throw error(
                    line,
                    "\(id) (\(definition.title)) has no better direction (it is neutral: a volume or a level), so a target cannot say good or bad; remove it")
            }
            guard case let .table(entries) = value else {
                throw error(line, "kpi.\(quoted(id)) must be a table with target and amber, found \(value.kindDescription)")
            }
            rules.append(try rule(definition, entries, line: line))
        }
        return rules
    }

    func rule(_ definition: KPIDefinition, _ table: TOMLTable, line: Int?) throws(TargetsError) -> KPITargetRule {
        let id = definition.id
        try checkKeys(table, allowed: Self.kpiKeys, in: "kpi.\(quoted(id))")
        guard let target = try number(table, "target", of: definition) else {
            throw error(line, "kpi.\(quoted(id)) has no target: add target = <value in \(unitHint(definition))>")
        }
        let amber = try number(table, "amber", of: definition) ?? TargetDecimal(mantissa: 0, places: 0)
        let base = KPIThreshold(target: target, amber: amber)
        let regions = try overrides(table, "region", of: definition, base: base, known: self.regions)
        let brands = try overrides(table, "brand", of: definition, base: base, known: self.brands)
        return KPITargetRule(definition: definition, threshold: base, regions: regions, brands: brands)
    }

    /// `region."华东" = { target = … }` or `[kpi."…".region."华东"]`: what an override leaves
    /// out comes from the KPI's own target and band.
    func overrides(_ table: TOMLTable, _ kind: String, of definition: KPIDefinition, base: KPIThreshold, known: Set<String>?)
        throws(TargetsError) -> [(String, KPIThreshold)]
    {
        guard let value = table[kind] else { return [] }
        let path = "kpi.\(quoted(definition.id)).\(kind)"
        guard case let .table(entries) = value else {
            throw error(table.line(of: kind), "\(path) must be a table of \(kind)s, found \(value.kindDescription)")
        }
        var out: [(String, KPIThreshold)] = []
        for (name, value) in entries.entries {
            let line = entries.line(of: name)
            if let known, !known.contains(name) {
                let hint = Suggestions.hint(for: name, among: Array(known), noun: kind)
                throw error(line, "\(path): no dealer in the dealer master has \(kind) \(quoted(name))\(hint.isEmpty ? "" : "; \(hint)")")
            }
            guard case let .table(override) = value else {
                throw error(line, "\(path).\(quoted(name)) must be a table with target and/or amber, found \(value.kindDescription)")
            }
            try checkKeys(override, allowed: Self.overrideKeys, in: "\(path).\(quoted(name))")
            let target = try number(override, "target", of: definition)
            let amber = try number(override, "amber", of: definition)
            guard target != nil || amber != nil else {
                throw error(line, "\(path).\(quoted(name)) sets neither target nor amber")
            }
            out.append((name, KPIThreshold(target: target ?? base.target, amber: amber ?? base.amber)))
        }
        return out
    }

    func checkKeys(_ table: TOMLTable, allowed: [String], in path: String) throws(TargetsError) {
        for key in table.keys where !allowed.contains(key) {
            let close = Suggestions.closest(to: key, among: allowed)
            let hint = close.isEmpty ? " (allowed: \(allowed.joined(separator: ", ")))" : ": did you mean \(close.joined(separator: " or "))?"
            throw error(table.line(of: key), "\(path): unknown key \(quoted(key))\(hint)")
        }
    }

    /// A number key (`target`, `amber`) as an exact decimal; nil when absent. A band is ≥ 0.
    func number(_ table: TOMLTable, _ key: String, of definition: KPIDefinition) throws(TargetsError) -> TargetDecimal? {
        guard let value = table[key] else { return nil }
        let line = table.line(of: key)
        let decimal: TargetDecimal?
        switch value {
        case let .integer(number): decimal = TargetDecimal(mantissa: number, places: 0)
        case let .float(number): decimal = TargetDecimal(number)
        default:
            throw error(line, "\(key) of \(definition.id) must be a number in \(unitHint(definition)), found \(value.kindDescription)")
        }
        guard let decimal else {
            throw error(line, "\(key) of \(definition.id) must be a finite number with at most \(TargetDecimal.maxPlaces) decimals")
        }
        if key == "amber" && decimal.isNegative {
            throw error(line, "amber of \(definition.id) is negative (\(decimal)): the band is how far beyond the target is still amber, 0 or more")
        }
        return decimal
    }

    /// The unit a target is written in, for messages.
    func unitHint(_ definition: KPIDefinition) -> String {
        switch definition.unit {
        case .rate: return "kpi.csv's unit (a rate as a fraction: 0.03 for 3 %)"
        case .money: return "kpi.csv's unit (yuan)"
        default: return "kpi.csv's unit (\(definition.unit.rawValue))"
        }
    }

    /// A key as TOML would need it written (quoted unless bare).
    func quoted(_ key: String) -> String {
        let bare = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return bare ? key : key.debugDescription
    }
}
