/// Chooses the field separator of a CSV file from its header line (feeds.md 1, "CSV dialect").
///
/// Among `,` `;` `|` and tab, the one occurring most often outside quotes wins; ties go to
/// `,`, then to the earlier candidate in that order; a line with none of them is `,`.
public enum DelimiterDetection {
    /// The candidates, in tie-breaking order.
    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "\t")]

    /// The delimiter of the header record in `sample` (the first bytes of a file, UTF-8 or
    /// already decoded). `headerRow` (1-based) skips the records before the header, as
    /// `--header-row` does; a leading UTF-8 BOM and blank lines are skipped.
    public static func detect(sample: UnsafeRawBufferPointer, headerRow: Int = 1) -> UInt8 {
        var index = 0
        if sample.count >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF { index = 3 }
        var record = 1
        var counts = (0, 0, 0, 0)
        var inQuotes = false
        var recordHasBytes = false
        while index < sample.count {
            let byte = sample[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                recordHasBytes = true
                continue
            }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if recordHasBytes {
                    if record == headerRow { break }
                    record += 1
                    recordHasBytes = false
                }
                continue
            }
            recordHasBytes = true
            guard record == headerRow else { continue }
            switch byte {
            case UInt8(ascii: ","): counts.0 += 1
            case UInt8(ascii: ";"): counts.1 += 1
            case UInt8(ascii: "|"): counts.2 += 1
            case UInt8(ascii: "\t"): counts.3 += 1
            default: break
            }
        }
        let all = [counts.0, counts.1, counts.2, counts.3]
        var best = 0
        for candidate in 1..<4 where all[candidate] > all[best] { best = candidate }
        return candidates[best]
    }

    /// The delimiter of the header record in `sample`.
    public static func detect(sample: [UInt8], headerRow: Int = 1) -> UInt8 {
        sample.withUnsafeBytes { detect(sample: $0, headerRow: headerRow) }
    }
}
