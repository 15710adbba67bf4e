import Testing
@testable import Ledger

/// Malformed TOML that makes the TOML library trap must be a `ProfileError` instead.
@Suite struct ProfileLexicalGuardTests {
    @Test(arguments: [
        "[# Chinese DMS parts in/out ledger",
        "[a.#b]\n",
        "name = \"x\"\ncolumns = {# }\n",
        ".a = 1\n",
        "[a]\n= 1\n",
        "a = { x = 1, # }\n",
        "[\u{FFFD}\u{FFFD}] 1\n",
        "工单号 = \"ro_no\"\n",
        "[\nname m+name me\n",
        "[a\nb = 1\n",
        "[\r'x' ~ \n",
    ])
    func malformedKeysAreProfileErrors(_ text: String) {
        #expect(throws: ProfileError.self) { try SourceProfile(toml: text, file: "p.toml") }
        #expect(SourceProfile.lexicalProblem(text) != nil)
    }

    @Test(arguments: [
        "# comment\r\nname = \"x\" # trailing\r\n",
        "[columns]\n\"工单号\" = \"ro_no\"\n\"是否缺件\" = { column = \"filled_from_stock\", inverted = true }\n",
        "[values.ro_type]\n\"12121002\" = \"repair\"\n[[list]]\na = [1, 2,\n  3]\nb = [{ x = 1 }, { y = 2 }]\n",
        "s = \"\"\"\n[# not a header\n工单号\n\"\"\"\nt = 'a # b'\nd = 2026-10-01\nf = 1.5\n",
    ])
    func validTOMLPassesTheGuard(_ text: String) {
        #expect(SourceProfile.lexicalProblem(text) == nil)
    }
}
