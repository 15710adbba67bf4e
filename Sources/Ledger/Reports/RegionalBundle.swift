/// A file of a bundle: its path relative to the output folder, and its contents.
public struct BundleFile: Sendable, Hashable {
    public var path: String
    /// The file's bytes (text files are UTF-8; kpi.xlsx is binary).
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

/// Regional bundles (cli.md `bundle`): `<period>/<region>/` per region with that region's
/// kpi.csv, kpi.html, technicians.csv, exceptions and a `manifest.json` listing every file
/// with its size and SHA-256. No customer names; phones are masked by the exception lists.
public struct RegionalBundles: Sendable {
    /// Hex SHA-256 of UTF-8 bytes (the tool passes the implementation).
    public var digest: @Sendable ([UInt8]) -> String
    public var toolVersion: String
    /// The language of kpi.html and kpi.xlsx (`--lang`); CSVs stay canonical.
    public var language: ReportLanguage = .zh

    public init(digest: @escaping @Sendable ([UInt8]) -> String, toolVersion: String = LedgerVersion.current) {
        self.digest = digest
        self.toolVersion = toolVersion
    }

    /// The files of every region's bundle. `generatedAt` is written into the manifests as given.
    /// With `includesWorkbook`, each bundle also holds the region's kpi.xlsx (`KPIWorkbook`).
    public func files(
        for reports: [(region: String, report: KPIReport)], period: ReportingPeriod, generatedAt: String, includesWorkbook: Bool = false
    ) throws -> [BundleFile] {
        var used = Set<String>()
        var out: [BundleFile] = []
        let periodFolder = SafeFileName.make(from: period.fileLabel)
        for (region, report) in reports {
            var folder = SafeFileName.make(from: region)
            var suffix = 2
            while used.contains(folder.lowercased()) {
                folder = SafeFileName.make(from: region) + "-\(suffix)"
                suffix += 1
            }
            used.insert(folder.lowercased())
            var files: [(String, [UInt8])] = [
                ("kpi.csv", Array(KPITables.kpiCSV(report).utf8)),
                ("kpi.html", Array(KPIHTMLRenderer(language: language).render(report).utf8)),
                ("technicians.csv", Array(KPITables.techniciansCSV(report).utf8)),
                ("salespeople.csv", Array(KPITables.salespeopleCSV(report).utf8)),
                ("advisors.csv", Array(KPITables.advisorsCSV(report).utf8)),
            ]
            if includesWorkbook { files.append(("kpi.xlsx", try KPIWorkbook.render(report, language: language))) }
            files += report.exceptions.map { ("exceptions/\($0.id).csv", Array(KPITables.exceptionCSV($0).utf8)) }
            files.sort { $0.0 < $1.0 }
            let coverage = report.coverage.status(of: report.dealers.map(\.code))
            let manifest = self.manifest(files: files, region: region, period: period, generatedAt: generatedAt, coverage: coverage)
            for (name, bytes) in files + [("manifest.json", Array(manifest.utf8))] {
                out.append(BundleFile(path: "\(periodFolder)/\(folder)/\(name)", bytes: bytes))
            }
        }
        return out
    }

    func manifest(
        files: [(String, [UInt8])], region: String, period: ReportingPeriod, generatedAt: String, coverage: CoverageStatus
    ) -> String {
        var out = "{\n"
        out += "  \"period\": \(JSONText.quoted(period.description)),\n"
        out += "  \"period_start\": \(JSONText.quoted(period.start.description)),\n"
        out += "  \"period_end\": \(JSONText.quoted(period.end.description)),\n"
        out += "  \"region\": \(JSONText.quoted(region)),\n"
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
