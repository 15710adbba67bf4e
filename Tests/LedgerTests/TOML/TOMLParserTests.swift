import Testing

@testable import Ledger

/// Valid TOML 1.0 documents (many adapted from the toml-test suite and the spec's examples)
/// and the values they must give, keys in document order.
@Suite struct TOMLParserTests {
    static func table(_ entries: (String, TOMLValue)...) -> TOMLValue {
        .table(TOMLTable(entries.map { (key: $0.0, value: $0.1) }))
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> TOMLDate { TOMLDate(year: year, month: month, day: day) }

    static func time(_ hour: Int, _ minute: Int, _ second: Int, _ nanosecond: Int = 0) -> TOMLTime {
        TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    static let cases: [(String, String, TOMLValue)] = [
        ("empty document", "", table()),
        ("only comments and blank lines", "# a comment\n\n   \t\n# another # one\n", table()),
        ("comment after a value", "a = 1 # one\nb = \"# not a comment\" # but this is\n", table(("a", .integer(1)), ("b", .string("# not a comment")))),
        (
            "bare, quoted and dotted keys",
            """
            bare_key = 1
            bare-key = 2
            1234 = 3
            "127.0.0.1" = 4
            'quoted "value"' = 5
            "" = 6
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            a . b . c = 7
            "ʎǝʞ" = 8
            """,
            table(
                ("bare_key", .integer(1)), ("bare-key", .integer(2)), ("1234", .integer(3)), ("127.0.0.1", .integer(4)),
                ("quoted \"value\"", .integer(5)), ("", .integer(6)),
                ("physical", table(("color", .string("orange")), ("shape", .string("round")))),
                ("site", table(("google.com", .boolean(true)))),
                ("a", table(("b", table(("c", .integer(7)))))), ("ʎǝʞ", .integer(8)))
        ),
        ("float-looking dotted key", "3.14159 = \"pi\"\n", table(("3", table(("14159", .string("pi")))))),
        ("keys keep document order", "zebra = 1\napple = 2\nmango = 3\n", table(("zebra", .integer(1)), ("apple", .integer(2)), ("mango", .integer(3)))),
        (
            "basic string escapes",
            #"s = "\b\t\n\f\r\"\\ \u00E9 \U0001F600 tab:\#tend""#,
            table(("s", .string("\u{8}\t\n\u{C}\r\"\\ é 😀 tab:\tend")))
        ),
        ("literal string", #"p = 'C:\Users\nodejs\templates'"#, table(("p", .string(#"C:\Users\nodejs\templates"#)))),
        ("literal string with quotes", #"q = 'Tom "Dubs" Preston-Werner'"#, table(("q", .string(#"Tom "Dubs" Preston-Werner"#)))),
        ("empty strings", "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''\n", table(("a", .string("")), ("b", .string("")), ("c", .string("")), ("d", .string("")))),
        ("multi-line basic string trims the first newline", "s = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n", table(("s", .string("Roses are red\nViolets are blue")))),
        (
            "line-ending backslash",
            "s = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\   \n    the lazy dog.\"\"\"\nt = \"\"\"\\\n       The quick brown \\\n       fox.\\\n       \"\"\"\n",
            table(("s", .string("The quick brown fox jumps over the lazy dog.")), ("t", .string("The quick brown fox.")))
        ),
        (
            "quotes inside multi-line basic strings",
            "a = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\nb = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"\nc = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n",
            table(
                ("a", .string("Here are two quotation marks: \"\". Simple enough.")), ("b", .string("Here are three quotation marks: \"\"\".")),
                ("c", .string("\"This,\" she said, \"is just a pointless statement.\"")))
        ),
        ("escapes in multi-line basic strings", "s = \"\"\"\\tx\\u0041\\\"\"\"\"\n", table(("s", .string("\txA\"")))),
        (
            "multi-line literal strings",
            "re = '''I [dw]on't need \\d{2} apples'''\nlines = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\nq = ''''That,' she said, 'is still pointless.''''\n",
            table(
                ("re", .string("I [dw]on't need \\d{2} apples")),
                ("lines", .string("The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n")),
                ("q", .string("'That,' she said, 'is still pointless.'")))
        ),
        ("non-ASCII in strings, keys and comments", "\"工单号\" = \"ro_no\" # 注释\nname = '维修单'\n", table(("工单号", .string("ro_no")), ("name", .string("维修单")))),
        (
            "integers",
            "a = +99\nb = 42\nc = 0\nd = -17\ne = 1_000\nf = 5_349_221\ng = 1_2_3_4_5\nh = -0\ni = +0\nj = 9223372036854775807\nk = -9223372036854775808\n",
            table(
                ("a", .integer(99)), ("b", .integer(42)), ("c", .integer(0)), ("d", .integer(-17)), ("e", .integer(1000)), ("f", .integer(5_349_221)),
                ("g", .integer(12345)), ("h", .integer(0)), ("i", .integer(0)), ("j", .integer(Int64.max)), ("k", .integer(Int64.min)))
        ),
        (
            "hexadecimal, octal and binary integers",
            "h1 = 0xDEADBEEF\nh2 = 0xdeadbeef\nh3 = 0xdead_beef\nh4 = 0x00ff\nmax = 0x7FFFFFFFFFFFFFFF\no1 = 0o01234567\no2 = 0o755\nb1 = 0b11010110\nb2 = 0b0_1\n",
            table(
                ("h1", .integer(0xDEAD_BEEF)), ("h2", .integer(0xDEAD_BEEF)), ("h3", .integer(0xDEAD_BEEF)), ("h4", .integer(255)), ("max", .integer(Int64.max)),
                ("o1", .integer(0o01234567)), ("o2", .integer(0o755)), ("b1", .integer(0b11010110)), ("b2", .integer(1)))
        ),
        (
            "floats",
            "a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\nh = 224_617.445_991_228\ni = 1e1_0\nj = -0.0\nk = 0e0\nl = 1.7976931348623157e308\n",
            table(
                ("a", .float(1)), ("b", .float(3.1415)), ("c", .float(-0.01)), ("d", .float(5e22)), ("e", .float(1e6)), ("f", .float(-0.02)),
                ("g", .float(6.626e-34)), ("h", .float(224_617.445_991_228)), ("i", .float(1e10)), ("j", .float(-0.0)), ("k", .float(0)),
                ("l", .float(Double.greatestFiniteMagnitude)))
        ),
        ("infinities", "a = inf\nb = +inf\nc = -inf\n", table(("a", .float(.infinity)), ("b", .float(.infinity)), ("c", .float(-.infinity)))),
        ("booleans", "t = true\nf = false\n", table(("t", .boolean(true)), ("f", .boolean(false)))),
        (
            "offset date-times",
            "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999+05:30\nd = 1979-05-27 07:32:00z\ne = 1979-05-27t07:32:00.1234567891Z\n",
            table(
                ("a", .offsetDateTime(date(1979, 5, 27), time(7, 32, 0), offsetMinutes: 0)),
                ("b", .offsetDateTime(date(1979, 5, 27), time(0, 32, 0), offsetMinutes: -420)),
                ("c", .offsetDateTime(date(1979, 5, 27), time(0, 32, 0, 999_999_000), offsetMinutes: 330)),
                ("d", .offsetDateTime(date(1979, 5, 27), time(7, 32, 0), offsetMinutes: 0)),
                ("e", .offsetDateTime(date(1979, 5, 27), time(7, 32, 0, 123_456_789), offsetMinutes: 0)))
        ),
        (
            "local date-times, dates and times",
            "a = 1979-05-27T07:32:00\nb = 1979-05-27 00:32:00.5\nc = 1979-05-27\nd = 07:32:00\ne = 00:32:00.999999\nleap = 2024-02-29\nf = 2000-02-29\ng = 1979-05-27 # a date then a comment\n",
            table(
                ("a", .localDateTime(date(1979, 5, 27), time(7, 32, 0))), ("b", .localDateTime(date(1979, 5, 27), time(0, 32, 0, 500_000_000))),
                ("c", .localDate(date(1979, 5, 27))), ("d", .localTime(time(7, 32, 0))), ("e", .localTime(time(0, 32, 0, 999_999_000))),
                ("leap", .localDate(date(2024, 2, 29))), ("f", .localDate(date(2000, 2, 29))), ("g", .localDate(date(1979, 5, 27))))
        ),
        (
            "arrays",
            "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", 'yellow', \"\"\"green\"\"\" ]\nnested = [ [ 1, 2 ], [\"a\", \"b\"] ]\nmixed = [ 0.1, 2, \"x\", true, 1979-05-27 ]\nempty = []\nempty2 = [ ]\n",
            table(
                ("integers", .array([.integer(1), .integer(2), .integer(3)])),
                ("colors", .array([.string("red"), .string("yellow"), .string("green")])),
                ("nested", .array([.array([.integer(1), .integer(2)]), .array([.string("a"), .string("b")])])),
                ("mixed", .array([.float(0.1), .integer(2), .string("x"), .boolean(true), .localDate(date(1979, 5, 27))])),
                ("empty", .array([])), ("empty2", .array([])))
        ),
        (
            "multi-line arrays with comments and a trailing comma",
            "a = [\n  1, # one\n  2,\n  # a whole-line comment\n  3,\n]\nb = [\r\n  \"x\" ,\r\n  \"y\"\r\n]\n",
            table(("a", .array([.integer(1), .integer(2), .integer(3)])), ("b", .array([.string("x"), .string("y")])))
        ),
        (
            "inline tables",
            "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = {x=1,y=2}\nanimal = { type.name = \"pug\" }\nempty = {}\nnested = { a = { b = [ { c = 1 } ] } }\n",
            table(
                ("name", table(("first", .string("Tom")), ("last", .string("Preston-Werner")))),
                ("point", table(("x", .integer(1)), ("y", .integer(2)))),
                ("animal", table(("type", table(("name", .string("pug")))))), ("empty", table()),
                ("nested", table(("a", table(("b", .array([table(("c", .integer(1)))])))))))
        ),
        (
            "array of inline tables",
            "contributors = [\n  \"Foo Bar <foo@example.com>\",\n  { name = \"Baz Qux\", email = \"bazqux@example.com\" },\n]\n",
            table(
                ("contributors", .array([.string("Foo Bar <foo@example.com>"), table(("name", .string("Baz Qux")), ("email", .string("bazqux@example.com")))])))
        ),
        (
            "tables",
            "top = 0\n[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\n[ dog . \"tater.man\" ]\ntype.name = \"pug\"\n",
            table(
                ("top", .integer(0)), ("table-1", table(("key1", .string("some string")), ("key2", .integer(123)))),
                ("table-2", table(("key1", .string("another string")))),
                ("dog", table(("tater.man", table(("type", table(("name", .string("pug")))))))))
        ),
        (
            "super-table defined after its sub-table",
            "[x.y.z.w]\na = 1\n[x]\nb = 2\n",
            table(("x", table(("y", table(("z", table(("w", table(("a", .integer(1)))))))), ("b", .integer(2)))))
        ),
        (
            "sub-table of a table made by dotted keys",
            "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
            table(
                ("fruit", table(("apple", table(("color", .string("red")), ("taste", table(("sweet", .boolean(true)))), ("texture", table(("smooth", .boolean(true))))))))
            )
        ),
        (
            "arrays of tables",
            "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]\n\n[[products]]\nname = \"Nail\"\ncolor = \"gray\"\n",
            table(
                ("products", .array([table(("name", .string("Hammer")), ("sku", .integer(738_594_937))), table(), table(("name", .string("Nail")), ("color", .string("gray")))])))
        ),
        (
            "nested arrays of tables",
            "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits.varieties]]\nname = \"granny smith\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"\n",
            table(
                (
                    "fruits",
                    .array([
                        table(
                            ("name", .string("apple")), ("physical", table(("color", .string("red")))),
                            ("varieties", .array([table(("name", .string("red delicious"))), table(("name", .string("granny smith")))]))),
                        table(("name", .string("banana")), ("varieties", .array([table(("name", .string("plantain")))]))),
                    ])
                ))
        ),
        (
            "a header under the last table of an array of tables",
            "[[a]]\nb = 1\nc.d = 2\n[a.e]\nf = 3\n[[a]]\n",
            table(("a", .array([table(("b", .integer(1)), ("c", table(("d", .integer(2)))), ("e", table(("f", .integer(3))))), table()])))
        ),
        (
            "CRLF line breaks",
            "# c\r\na = 1\r\n[t]\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\nc = '''p\r\nq'''\r\n",
            table(("a", .integer(1)), ("t", table(("b", .string("x\ny")), ("c", .string("p\nq")))))
        ),
        ("a byte order mark is skipped", "\u{FEFF}a = 1\n", table(("a", .integer(1)))),
        ("no newline at the end", "a = 1", table(("a", .integer(1)))),
        ("whitespace around everything", "  \ta\t=\t1  \n  [  t  ]  \n  b = 2", table(("a", .integer(1)), ("t", table(("b", .integer(2)))))),
        (
            "arrays and inline tables nested exactly 64 levels",
            "a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n",
            table(("a", (0..<63).reduce(TOMLValue.array([])) { value, _ in .array([value]) }))
        ),
    ]

    @Test(arguments: cases)
    func validDocument(name: String, text: String, expected: TOMLValue) throws {
        let document = try TOMLDocument(parsing: text)
        #expect(TOMLValue.table(document.root) == expected, "\(name)")
        // The byte entry point agrees with the string one.
        #expect(try TOMLDocument(parsing: Array(text.utf8)) == document, "\(name)")
    }

    @Test func notANumber() throws {
        let document = try TOMLDocument(parsing: "a = nan\nb = +nan\nc = -nan\n")
        for key in ["a", "b", "c"] {
            guard case let .float(value)? = document[key] else {
                Issue.record("\(key) is not a float")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test func keyOrderIsTheDocumentOrderAtEveryLevel() throws {
        let document = try TOMLDocument(parsing: "[b]\nz = 1\ny = 2\n[a]\nx = 3\n[b.c]\n[0]\n")
        #expect(document.root.keys == ["b", "a", "0"])
        guard case let .table(b)? = document["b"] else {
            Issue.record("b is not a table")
            return
        }
        #expect(b.keys == ["z", "y", "c"])
    }

    @Test func kindsAreDescribedForMessages() throws {
        let document = try TOMLDocument(parsing: "a = 1.5\nb = 1979-05-27T07:32:00Z\nc = 07:32:00\nd = {}\n")
        #expect(document.root.entries.map(\.value.kindDescription) == ["a float", "an offset date-time", "a local time", "a table"])
    }
}
