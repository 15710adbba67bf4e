/// What became of one cell bound into a statement.
enum CellOutcome {
    case ok
    /// Bound, but the VIN's check digit is wrong (a warning).
    case vinCheckDigit
    /// Not bound: the row is rejected for this reason.
    case invalid(String)
}

extension FileLoad {
    /// Parses a cell and binds it at parameter `index`. Text cells are bound straight from
    /// the reader's bytes; numbers and dates are bound without building strings.
    ///
    /// - Parameter stable: whether `bytes` stay valid and unchanged until the statement has
    ///   run (the CSV reader's record buffer, untouched until its next record): text is then
    ///   bound without a copy.
    func bindCell(
        _ bytes: UnsafeRawBufferPointer, type: PreparedColumnType, isKey: Bool, statement: Statement, at index: Int,
        parser: ValueParser, stable: Bool = false
    ) throws -> CellOutcome {
        if case .text = type.type {
            return try bindText(bytes, isKey: isKey, statement: statement, at: index, stable: stable)
        }
        return try bindParsed(bytes, type: type, isKey: isKey, statement: statement, at: index, parser: parser)
    }

    /// Binds a text cell: trimmed, NUL and invalid bytes rejected, null spellings as null.
    @inline(__always)
    func bindText(_ bytes: UnsafeRawBufferPointer, isKey: Bool, statement: Statement, at index: Int, stable: Bool) throws -> CellOutcome {
        if CellBytes.containsNUL(bytes) { return .invalid("NUL byte in value") }
        let range = CellBytes.trimmed(bytes)
        let cell = UnsafeRawBufferPointer(rebasing: bytes[range])
        if CellBytes.isNullSpelling(cell, 0..<cell.count) {
            if isKey { return .invalid("key column is empty") }
            try statement.bindNull(at: index)
            return .ok
        }
        guard UTF8Validation.isValid(cell) else { return .invalid(invalidText) }
        if stable {
            try statement.bind(borrowingUTF8: cell, at: index)
        } else {
            try statement.bind(utf8: cell, at: index)
        }
        return .ok
    }

    /// Binds a cell of a parsed type (numbers, dates, enumerations, VINs …).
    func bindParsed(
        _ bytes: UnsafeRawBufferPointer, type: PreparedColumnType, isKey: Bool, statement: Statement, at index: Int,
        parser: ValueParser
    ) throws -> CellOutcome {
        if case .vin = type.type {
            // Bound from the parser's stack buffer: no `String` per cell.
            let bound = try parser.withVIN(bytes) { vin, checkDigitMatches -> CellOutcome in
                guard let vin else {
                    if isKey { return .invalid("key column is empty") }
                    try statement.bindNull(at: index)
                    return .ok
                }
                try statement.bind(utf8: vin, at: index)
                return checkDigitMatches ? .ok : .vinCheckDigit
            }
            switch bound {
            case .failure(let error): return rejection(bytes, error)
            case .success(let outcome): return outcome
            }
        }
        switch parser.parse(bytes, as: type) {
        case .failure(let error):
            return rejection(bytes, error)
        case .success(let value):
            switch value {
            case .null:
                if isKey { return .invalid("key column is empty") }
                try statement.bindNull(at: index)
            case .integer(let number):
                try statement.bind(number, at: index)
            case .text(let text):
                try statement.bind(text, at: index)
            case .date(let date):
                try date.withCanonicalUTF8 { try statement.bind(utf8: $0, at: index) }
            case .dateTime(let dateTime):
                try dateTime.withCanonicalUTF8 { try statement.bind(utf8: $0, at: index) }
            case .vin(let vin, let checkDigitMatches):
                try statement.bind(vin, at: index)
                if !checkDigitMatches { return .vinCheckDigit }
            }
            return .ok
        }
    }

    /// Why a cell that did not parse is rejected: its bytes are not text in the file's
    /// encoding, or the parser's reason.
    private func rejection(_ bytes: UnsafeRawBufferPointer, _ error: ValueError) -> CellOutcome {
        if !UTF8Validation.isValid(bytes) { return .invalid(invalidText) }
        return .invalid(error.description)
    }

    /// The reason of a cell whose bytes are not text in the file's encoding; it says
    /// which `--encoding` would read the file otherwise.
    var invalidText: String {
        switch encoding {
        case .utf8: return "bytes that are not valid UTF-8; if the file is GBK/GB18030 pass --encoding gb18030"
        case .gb18030: return "bytes that are not valid GB18030/GBK; if the file is UTF-8 pass --encoding utf-8"
        }
    }
}
