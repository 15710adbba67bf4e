/// A file of a bundle: its path relative to the output folder, and its contents.
public struct BundleFile: Sendable, Hashable {
    public var path: String
    /// The file's bytes (text files are UTF-8; kpi.xlsx and zips are binary).
    public var bytes: [UInt8]
    /// The contents as text (UTF-8).
    public var contents: String { String(decoding: bytes, as: UTF8.self) }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, contents: String) {
        self.init(path: path, bytes: Array(contents.utf8))
    }
}

/// Bundles an OEM can mail (cli.md `bundle`, docs/bundles.md): one folder per region
/// (`<period>/<region>/`) or per dealer (`<period>/dealers/<code>/`) whose file names carry
/// the region or dealer and the period (`华东_2026-10_kpi.html`), so that mailed files stay
/// apart. Each holds the pack's dealer rows with its region's and the network's rows (kpi.csv,
/// kpi.json, kpi.html, optionally kpi.xlsx), the department P&L, technicians, salespeople,
/// advisors, exception lists, a `manifest.json` (files, sizes, SHA-256) and a `SHA256SUMS`
/// that `sha256sum -c` checks; optionally the same folder as one zip beside it.
/// No customer names; phones are masked by the exception lists.
public struct RegionalBundles: Sendable {
    /// Hex SHA-256 of bytes (the tool passes the implementation).
    public var digest: @Sendable ([UInt8]) -> String
    public var toolVersion: String
    /// The language of kpi.html and kpi.xlsx (`--lang`); CSVs stay canonical.
    public var language: ReportLanguage = .zh
    /// Targets that light kpi.html's and kpi.xlsx's values (`--targets`), if any.
    public var targets: KPITargets?

    public init(digest: @escaping @Sendable ([UInt8]) -> String, toolVersion: String = LedgerVersion.current) {
        self.digest = digest
        self.toolVersion = toolVersion
    }

    /// What to write besides the CSV, JSON and HTML files.
    public struct Options: Sendable {
        /// The generation time, written into the manifests as given.
        public var generatedAt: String
        /// Add `<prefix>_kpi.xlsx` (`KPIWorkbook`, its `kpi` sheet equal to the bundle's kpi.csv).
        public var includesWorkbook: Bool
        /// Add `<prefix>.zip` beside the folder: the folder's files under `<prefix>/`.
        public var zip: Bool

        public init(generatedAt: String, includesWorkbook: Bool = false, zip: Bool = false) {
            self.generatedAt = generatedAt
            self.includesWorkbook = includesWorkbook
            self.zip = zip
        }
    }

    /// Safe folder names for the pack keys (regions or dealer codes), in their order: made
    /// with `SafeFileName`, and distinct even where names differ only in characters replaced
    /// or in case (`a/b`, `a_b` → `a_b`, `a_b-2`).
    public static func folderNames(for keys: [String]) -> [String] {
        var used = Set<String>()
        return keys.map { key in
            let base = SafeFileName.make(from: key)
            var folder = base
            var suffix = 2
            while used.contains(folder.lowercased()) {
                folder = base + "-\(suffix)"
                suffix += 1
            }
            used.insert(folder.lowercased())
            return folder
        }
    }

    /// The folder of a pack relative to the output folder: `<period>/<folder>` for a region,
    /// `<period>/dealers/<folder>` for a dealer.
    public static func location(of grouping: PackGrouping, folder: String, period: ReportingPeriod) -> String {
        let periodFolder = SafeFileName.make(from: period.fileLabel)
        return grouping == .region ? "\(periodFolder)/\(folder)" : "\(periodFolder)/dealers/\(folder)"
    }

    /// The start of every file name of a pack: its folder name and the period (`华东_2026-10`).
    public static func prefix(folder: String, period: ReportingPeriod) -> String {
        SafeFileName.make(from: "\(folder)_\(period.fileLabel)", maxBytes: 160)
    }

    /// The files of one pack (`folder` from `folderNames(for:)`), paths relative to the output
    /// folder: the pack's folder, and with `options.zip` the zip beside it.
    public func files(for pack: ReportPack, folder: String, period: ReportingPeriod, options: Options) throws -> [BundleFile] {
        let prefix = Self.prefix(folder: folder, period: period)
        let title: String
        switch (pack.grouping, language) {
        case (.region, .en): title = "Dealer KPI report — region \(pack.name) — \(period)"
        case (.region, .zh): title = "经销商经营指标报告 — 区域 \(pack.name) — \(period)"
        case (.dealer, .en): title = "Dealer KPI report — \(pack.key) \(pack.name) — \(period)"
        case (.dealer, .zh): title = "经销商经营指标报告 — \(pack.key) \(pack.name) — \(period)"
        }
        let report = pack.report
        var files: [(String, [UInt8])] = [
            ("\(prefix)_kpi.csv", Array(KPITables.kpiCSV([report] + pack.comparisons).utf8)),
            ("\(prefix)_kpi.json", Array(KPIJSON.render(report, comparedWith: pack.comparisons).utf8)),
            ("\(prefix)_kpi.html", Array(KPIHTMLRenderer(
                language: language, targets: targets, generatedAt: options.generatedAt, toolVersion: toolVersion
            ).render(report, title: title, comparedWith: pack.comparisons).utf8)),
            ("\(prefix)_pnl.csv", Array(LedgerTables.pnlCSV(pack.ledgers).utf8)),
            ("\(prefix)_technicians.csv", Array(KPITables.techniciansCSV(report).utf8)),
            ("\(prefix)_salespeople.csv", Array(KPITables.salespeopleCSV(report).utf8)),
            ("\(prefix)_advisors.csv", Array(KPITables.advisorsCSV(report).utf8)),
        ]
        if options.includesWorkbook {
            files.append(("\(prefix)_kpi.xlsx", try KPIWorkbook.render(report, coarser: pack.comparisons, coarserInLongSheet: true, language: language, targets: targets)))
        }
        files += report.exceptions.map { ("exceptions/\(prefix)_\($0.id).csv", Array(KPITables.exceptionCSV($0).utf8)) }
        files.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        files.append(("manifest.json", Array(manifest(files: files, pack: pack, period: period, generatedAt: options.generatedAt).utf8)))
        files.append(("SHA256SUMS", Array(checksums(files).utf8)))

        let location = Self.location(of: pack.grouping, folder: folder, period: period)
        var out = files.map { BundleFile(path: "\(location)/\($0.0)", bytes: $0.1) }
        if options.zip {
            var zip = ZipWriter()
            for (name, bytes) in files { try zip.add("\(prefix)/\(name)", bytes) }
            let parent = location[..<(location.lastIndex(of: "/") ?? location.startIndex)]
            out.append(BundleFile(path: "\(parent)/\(prefix).zip", bytes: zip.finish()))
        }
        return out
    }

    /// `SHA256SUMS` in the format `sha256sum -c` reads: `<hex>  <name>`, one line per file,
    /// in byte order of the names (manifest.json included).
    func checksums(_ files: [(String, [UInt8])]) -> String {
        files.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }.map { "\(digest($0.1))  \($0.0)\n" }.joined()
    }

    func manifest(files: [(String, [UInt8])], pack: ReportPack, period: ReportingPeriod, generatedAt: String) -> String {
        let report = pack.report
        let coverage = report.coverage.status(of: report.dealers.map(\.code))
        var out = "{\n"
        out += "  \"period\": \(JSONText.quoted(period.description)),\n"
        out += "  \"period_start\": \(JSONText.quoted(period.start.description)),\n"
        out += "  \"period_end\": \(JSONText.quoted(period.end.description)),\n"
        out += "  \"kind\": \(JSONText.quoted(pack.grouping.rawValue)),\n"
        out += "  \"region\": \(JSONText.quoted(pack.region)),\n"
        if pack.grouping == .dealer {
            out += "  \"dealer_code\": \(JSONText.quoted(pack.key)),\n"
            out += "  \"dealer_name\": \(JSONText.quoted(pack.name)),\n"
        }
        out += "  \"dealers\": [\(report.dealers.map(\.code).sorted().map(JSONText.quoted).joined(separator: ", "))],\n"
        out += "  \"coverage\": \(JSONText.quoted(coverage.rawValue)),\n"
        out += "  \"generated_at\": \(JSONText.quoted(generatedAt)),\n"
        out += "  \"tool_version\": \(JSONText.quoted(toolVersion)),\n"
        out += "  \"files\": ["
        for (index, (name, bytes)) in files.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"name\": \(JSONText.quoted(name)), \"size\": \(bytes.count), \"sha256\": \(JSONText.quoted(digest(bytes)))}"
        }
        out += "\n  ]\n}\n"
        return out
    }
}
