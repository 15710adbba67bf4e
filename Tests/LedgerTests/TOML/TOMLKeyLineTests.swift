import Testing

@testable import Ledger

/// The line of every key (`TOMLTable.line(of:)`), which lets a valid document's content
/// errors (an unknown KPI in a targets file) name their line.
@Suite struct TOMLKeyLineTests {
    @Test func everyKindOfKeyHasItsLine() throws {
        let text = """
            \u{FEFF}top = 1
            # comment

            [a."quoted.key"]
            x = 2
            dotted.inner = 3
            inline = { y = 4, z = 5 }
            [b.c]
            [b]
            w = 6
            [[list]]
            v = 7
            multi = \"\"\"
            one
            two\"\"\"
            after = 8
            """
        let document = try TOMLDocument(parsing: Array(text.utf8))
        let root = document.root
        #expect(root.line(of: "top") == 1)
        #expect(root.line(of: "a") == 4)
        guard case let .table(a)? = root["a"], case let .table(quoted)? = a["quoted.key"] else {
            Issue.record("no table a.\"quoted.key\"")
            return
        }
        #expect(a.line(of: "quoted.key") == 4)
        #expect(quoted.line(of: "x") == 5 && quoted.line(of: "dotted") == 6 && quoted.line(of: "inline") == 7)
        guard case let .table(dotted)? = quoted["dotted"], case let .table(inline)? = quoted["inline"] else {
            Issue.record("no dotted or inline table")
            return
        }
        #expect(dotted.line(of: "inner") == 6)
        #expect(inline.line(of: "y") == 7 && inline.line(of: "z") == 7)
        // [b] defined after [b.c] created it: the header's line.
        #expect(root.line(of: "b") == 9)
        guard case let .table(b)? = root["b"], case let .array(list)? = root["list"], case let .table(first)? = list.first else {
            Issue.record("no b or list")
            return
        }
        #expect(b.line(of: "c") == 8 && b.line(of: "w") == 10)
        #expect(root.line(of: "list") == 11 && first.line(of: "v") == 12 && first.line(of: "multi") == 13 && first.line(of: "after") == 16)
        #expect(root.line(of: "missing") == nil)
    }

    @Test func linesDoNotTakePartInEquality() throws {
        let a = try TOMLDocument(parsing: "x = 1\ny = 2\n")
        let b = try TOMLDocument(parsing: "\n\nx = 1\n\ny = 2\n")
        #expect(a == b)
        #expect(a.root.line(of: "y") == 2 && b.root.line(of: "y") == 5)
    }
}
