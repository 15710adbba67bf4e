import Testing

@testable import Ledger

/// Invalid TOML 1.0 (many adapted from the toml-test suite): each must be a `TOMLError` at the
/// first problem's 1-based line and column, with a reason that names it.
@Suite struct TOMLErrorTests {
    static let cases: [(String, Int, Int, String)] = [
        // Keys and tables.
        ("a = 1\na = 2\n", 2, 1, "duplicate key a"),
        ("a.b = 1\na.b = 2\n", 2, 3, "duplicate key a.b"),
        ("\"a\" = 1\na = 2\n", 2, 1, "duplicate key a"),
        ("a = {x = 1, x = 2}\n", 1, 13, "duplicate key x"),
        ("[a]\n[a]\n", 2, 2, "table [a] is defined more than once"),
        ("[a]\nb = 1\n[a.b]\n", 3, 4, "a.b is already an integer"),
        ("[a.b]\n[a]\nb = 1\n", 3, 1, "duplicate key b"),
        ("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", 3, 8, "table [fruit.apple] is defined more than once"),
        ("a.b = 1\n[a]\n", 2, 2, "table [a] is defined more than once"),
        ("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, 1, "dotted keys cannot add to table b"),
        ("[[a]]\n[a]\n", 2, 2, "[a] is already an array of tables"),
        ("[a]\n[[a]]\n", 2, 3, "a is already a table"),
        ("a = []\n[[a]]\n", 2, 3, "a is already an array"),
        ("a = 1\n[a]\n", 2, 2, "a is already an integer"),
        ("a = {}\n[a.b]\n", 2, 2, "a is an inline table, which cannot be extended"),
        ("a = {b = 1}\na.c = 2\n", 2, 1, "a is an inline table, which cannot be extended"),
        ("[[a]]\nb.c = 1\n[[a]]\nb.c = 2\nb.c = 3\n", 5, 3, "duplicate key b.c"),
        ("[[a.b]]\n[a.b]\n", 2, 4, "[a.b] is already an array of tables"),
        (".a = 1\n", 1, 1, "expected a key"),
        ("a. = 1\n", 1, 4, "expected a key"),
        ("a b = 1\n", 1, 3, "expected = after the key a"),
        ("a.b.c\n", 1, 6, "expected = after the key a.b.c"),
        ("= 1\n", 1, 1, "expected a key"),
        ("[a]\n= 1\n", 2, 1, "expected a key"),
        ("\"\"\"a\"\"\" = 1\n", 1, 1, "a key cannot be a multi-line string"),
        ("工单号 = \"ro_no\"\n", 1, 1, "expected a key"),
        ("[a\nb = 1\n", 1, 3, "expected ] to close the table header [a]"),
        ("[]\n", 1, 2, "expected a key"),
        ("[a.]\n", 1, 4, "expected a key"),
        ("[a]]\n", 1, 4, "expected the end of the line"),
        ("[[a]\n", 1, 4, "expected ]] to close"),
        ("[[a] ]\n", 1, 4, "expected ]] to close"),
        ("[a] b = 1\n", 1, 5, "expected the end of the line"),
        ("[# Chinese DMS parts in/out ledger", 1, 2, "expected a key"),
        // Values.
        ("a = ", 1, 5, "missing value at the end of the text"),
        ("a =\nb = 1\n", 1, 4, "missing value"),
        ("a = # nothing\n", 1, 5, "missing value"),
        ("a = 1 b = 2\n", 1, 7, "expected the end of the line"),
        ("a = truex\n", 1, 9, "unexpected \"x\" after the value"),
        ("a = True\n", 1, 5, "invalid value \"True\""),
        ("a = yes\n", 1, 5, "invalid value \"yes\": strings need quotes"),
        ("a = ,\n", 1, 5, "expected a value"),
        // Strings.
        ("a = \"abc\n", 1, 9, "this string is never closed on its line"),
        ("a = \"abc", 1, 9, "this string is never closed"),
        ("a = 'abc\n", 1, 9, "this string is never closed on its line"),
        ("a = \"\\x41\"\n", 1, 6, "invalid escape \\x"),
        ("a = \"\\e\"\n", 1, 6, "invalid escape \\e"),
        ("a = \"\\ \"\n", 1, 6, "invalid escape \\ "),
        ("a = \"\\uD800\"\n", 1, 6, "U+D800 is not a Unicode scalar value"),
        ("a = \"\\U00110000\"\n", 1, 6, "U+110000 is not a Unicode scalar value"),
        ("a = \"\\u12\"\n", 1, 6, "\\u needs 4 hexadecimal digits"),
        ("a = \"x\u{7}\"\n", 1, 7, "control character U+0007 in a string"),
        ("a = 'x\u{1}'\n", 1, 7, "control character U+0001 in a string"),
        ("a = \"x\u{7F}\"\n", 1, 7, "control character U+007F in a string"),
        ("a = \"\"\"\nabc\n", 1, 5, "this multi-line string is never closed"),
        ("a = '''\nabc\n", 1, 5, "this multi-line string is never closed"),
        ("a = \"\"\"x\\ y\"\"\"\n", 1, 9, "a backslash followed by a space must end the line"),
        ("a = \"\"\"x\u{0}\"\"\"\n", 1, 9, "control character U+0000 in a string"),
        ("a = \"\"\"x\"\"\"\"\"\"\n", 1, 14, "too many quotes"),
        ("a = '''x''''''\n", 1, 14, "too many quotes"),
        ("a = \"\"\"x\ry\"\"\"\n", 1, 9, "a carriage return that is not part of a CRLF line break"),
        // Integers.
        ("a = 01\n", 1, 5, "leading zeros are not allowed"),
        ("a = -012\n", 1, 5, "leading zeros are not allowed"),
        ("a = 1__0\n", 1, 5, "underscores only between digits"),
        ("a = 1_\n", 1, 5, "underscores only between digits"),
        ("a = _1\n", 1, 5, "invalid value \"_1\""),
        ("a = +0x1\n", 1, 5, "a sign is not allowed"),
        ("a = 0x\n", 1, 5, "invalid number \"0x\""),
        ("a = 0xG1\n", 1, 5, "not a base-16 integer"),
        ("a = 0o8\n", 1, 5, "not a base-8 integer"),
        ("a = 0b102\n", 1, 5, "not a base-2 integer"),
        ("a = 0X1F\n", 1, 5, "invalid number"),
        ("a = 0x_1\n", 1, 5, "not a base-16 integer"),
        ("a = 9223372036854775808\n", 1, 5, "out of the 64-bit integer range"),
        ("a = -9223372036854775809\n", 1, 5, "out of the 64-bit integer range"),
        ("a = 0x8000000000000000\n", 1, 5, "out of the 64-bit integer range"),
        ("a = 99999999999999999999999\n", 1, 5, "out of the 64-bit integer range"),
        ("a = 1-2\n", 1, 5, "invalid number"),
        // Floats.
        ("a = 1.\n", 1, 5, "a decimal point needs digits on both sides"),
        ("a = .1\n", 1, 5, "expected a value"),
        ("a = 1.e5\n", 1, 5, "a decimal point needs digits on both sides"),
        ("a = 1e\n", 1, 5, "an exponent needs digits"),
        ("a = 1e_5\n", 1, 5, "an exponent needs digits"),
        ("a = 1.5_\n", 1, 5, "a decimal point needs digits on both sides"),
        ("a = 1.2.3\n", 1, 5, "a decimal point needs digits on both sides"),
        ("a = 1e1000\n", 1, 5, "out of the 64-bit float range"),
        ("a = Inf\n", 1, 5, "invalid value \"Inf\""),
        ("a = NaN\n", 1, 5, "invalid value \"NaN\""),
        ("a = infinity\n", 1, 5, "invalid number"),
        // Dates and times.
        ("a = 1979-13-01\n", 1, 5, "month 13 is not 1–12"),
        ("a = 1979-00-01\n", 1, 5, "month 0 is not 1–12"),
        ("a = 2023-02-29\n", 1, 5, "day 29 is not in 2023-02"),
        ("a = 1979-04-31\n", 1, 5, "day 31 is not in 1979-04"),
        ("a = 1900-02-29\n", 1, 5, "day 29 is not in 1900-02"),
        ("a = 1979-05-27T25:00:00\n", 1, 16, "invalid time"),
        ("a = 1979-05-27T07:60:00\n", 1, 16, "invalid time"),
        ("a = 07:32\n", 1, 10, "seconds are required"),
        ("a = 1979-5-27\n", 1, 11, "expected 2 digits for the month"),
        ("a = 1979-05-7\n", 1, 14, "expected 2 digits for the day"),
        ("a = 1979-05-27T\n", 1, 16, "expected 2 digits for the hour"),
        ("a = 1979-05-27T07:32:00+24:00\n", 1, 24, "invalid offset"),
        ("a = 1979-05-27T07:32:00+0700\n", 1, 27, "expected : in the offset"),
        ("a = 1979-05-27T07:32:00.\n", 1, 25, "a fraction of a second needs digits"),
        ("a = 07:32:00Z\n", 1, 13, "unexpected \"Z\" after the value"),
        // Arrays and inline tables.
        ("a = [1, 2\n", 1, 5, "this array is never closed"),
        ("a = [1 2]\n", 1, 8, "expected , or ] in the array"),
        ("a = [,]\n", 1, 6, "expected a value"),
        ("a = [1,,2]\n", 1, 8, "expected a value"),
        ("a = {x = 1,}\n", 1, 12, "a trailing comma is not allowed in an inline table"),
        ("a = {x = 1\n}\n", 1, 11, "an inline table must be on one line"),
        ("a = {\nx = 1}\n", 1, 6, "expected a key"),
        ("a = {x = 1 y = 2}\n", 1, 12, "expected , or } in the inline table"),
        ("a = {x = 1", 1, 5, "this inline table is never closed"),
        ("name = \"x\"\ncolumns = {# }\n", 2, 12, "expected a key"),
        ("a = { x = 1, # }\n", 1, 14, "expected a key"),
        // Comments, line breaks, control characters.
        ("# c\u{0}\n", 1, 4, "control character U+0000 in a comment"),
        ("a = \"x\"\n# \u{7F}\n", 2, 3, "control character U+007F in a comment"),
        ("a = 1\rb = 2\n", 1, 6, "a carriage return that is not part of a CRLF line break"),
        ("[\r'x' ~ \n", 1, 2, "expected a key"),
        ("# comment\rx\n", 1, 10, "a carriage return that is not part of a CRLF line break"),
        ("a = [\r]\n", 1, 6, "a carriage return that is not part of a CRLF line break"),
        ("a = \"x\u{1B}[0m\"\n", 1, 7, "control character U+001B"),
        // Nesting limits.
        ("a = " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n", 1, 69, "nested more than 64 levels deep"),
        ("a = " + String(repeating: "{b = ", count: 65) + "1" + String(repeating: "}", count: 65) + "\n", 1, 325, "nested more than 64 levels deep"),
        ("a" + String(repeating: ".a", count: 64) + " = 1\n", 1, 129, "a key with more than 64 dotted parts"),
        ("[" + Array(repeating: "t", count: 60).joined(separator: ".") + "]\nb.b.b.b.b = 1\n", 2, 13, "nested more than 64 levels deep"),
    ]

    @Test(arguments: cases)
    func invalidDocument(text: String, line: Int, column: Int, reason: String) {
        do {
            let document = try TOMLDocument(parsing: text)
            Issue.record("accepted \(text.debugDescription) as \(document)")
        } catch {
            #expect(error.line == line && error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.reason.contains(reason), "\(text.debugDescription): \(error)")
        }
    }

    static let bytes: [([UInt8], Int, Int)] = [
        (Array("a = \"".utf8) + [0xFF] + Array("\"\n".utf8), 1, 6),
        ([0xC0, 0xAF], 1, 1),
        (Array("a = 1\n# ".utf8) + [0xED, 0xA0, 0x80], 2, 3),
        (Array("a = 'é".utf8) + [0xE4, 0xB8], 1, 7),
        (Array("[".utf8) + Array(repeating: 0xFF, count: 150) + Array("] 1\n".utf8), 1, 2),
        ([0xF4, 0x90, 0x80, 0x80], 1, 1),
    ]

    @Test(arguments: bytes)
    func invalidUTF8(bytes: [UInt8], line: Int, column: Int) {
        do {
            _ = try TOMLDocument(parsing: bytes)
            Issue.record("accepted \(bytes)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.reason.contains("not valid UTF-8"))
        }
    }

    @Test func descriptionNamesThePlace() {
        #expect(TOMLError(line: 3, column: 7, reason: "missing value").description == "line 3, column 7: missing value")
    }
}
