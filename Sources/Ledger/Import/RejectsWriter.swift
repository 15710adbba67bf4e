/// The rejects file of one input file: one CSV row per rejected record, saying where it
/// was, which column and value failed and why, plus the raw record. Created on the first
/// reject only.
final class RejectsWriter {
    static let header = ["source_file", "line", "column", "value", "reason", "raw_record"]

    private let pathProvider: () throws -> String
    private var path: String?
    private let sourceFile: String
    private var writer: TextFileWriter?
    private let csv = CSVWriter()
    private(set) var count = 0

    init(path: String, sourceFile: String) {
        pathProvider = { path }
        self.sourceFile = sourceFile
    }

    /// A writer whose path is worked out at the first reject (it may wait for the input
    /// file's digest, see `FileDigest`).
    init(pathProvider: @escaping () throws -> String, sourceFile: String) {
        self.pathProvider = pathProvider
        self.sourceFile = sourceFile
    }

    func reject(line: Int, column: String?, value: String?, reason: String, raw: String) throws {
        if writer == nil {
            let path = try pathProvider()
            self.path = path
            let file = try TextFileWriter(path: path)
            try file.write("\u{FEFF}" + csv.line(Self.header))
            writer = file
        }
        count += 1
        try writer?.write(
            csv.line([.text(sourceFile), .number(String(line)), .text(column ?? ""), .text(value ?? ""), .text(reason), .text(raw)]))
    }

    /// Puts the file in place; returns its path, or nil when nothing was rejected.
    func commit() throws -> String? {
        guard let writer, let path else { return nil }
        try writer.commit()
        return path
    }
}
