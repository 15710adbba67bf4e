import Testing
import TestSupport

@testable import Ledger

/// Malformed TOML in a profile is a `ProfileError` with the line and column of the problem,
/// never a crash. These inputs once made the previous TOML library (TOMLKit's toml++) abort
/// the process; several came from fuzzing (samples/fuzz-regressions/FuzzProfileLoader/).
@Suite struct ProfileSyntaxErrorTests {
    @Test(arguments: [
        ("[# Chinese DMS parts in/out ledger", 1, 2),
        ("[a.#b]\n", 1, 4),
        ("name = \"x\"\ncolumns = {# }\n", 2, 12),
        (".a = 1\n", 1, 1),
        ("[a]\n= 1\n", 2, 1),
        ("a = { x = 1, # }\n", 1, 14),
        ("[\u{FFFD}\u{FFFD}] 1\n", 1, 2),
        ("工单号 = \"ro_no\"\n", 1, 1),
        ("[\nname m+name me\n", 1, 2),
        ("[a\nb = 1\n", 1, 3),
        ("[\r'x' ~ \n", 1, 2),
        ("name = \"x\"\nfeed =\n", 2, 7),
        ("name = \"x\"\nfeed = ", 2, 8),
        ("[booleans]\ntrue = [\"是\", \"Y\"]\nfalse = [}\"否\", \"N\"]\n", 3, 10),
    ])
    func malformedTOMLIsAProfileErrorWithItsPlace(text: String, line: Int, column: Int) {
        do {
            _ = try SourceProfile(toml: text, file: "p.toml")
            Issue.record("accepted \(text.debugDescription)")
        } catch {
            #expect(error.line == line && error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.message.hasPrefix("TOML syntax error: "), "\(error)")
            #expect(error.description.hasPrefix("p.toml:\(line):\(column): TOML syntax error: "), "\(error)")
        }
    }

    /// The fifth fuzz finding (a value missing after `=`, toml++'s `parse_value()` assertion),
    /// as committed: the message docs/profiles.md shows.
    @Test func theMissingValueFuzzInputIsASyntaxError() throws {
        let path = Tools.repositoryRoot + "/samples/fuzz-regressions/FuzzProfileLoader/crash-1a1f7072f4e6686390dd494ea726178c0bf51644"
        #expect(throws: ProfileError.self) { try SourceProfile.load(path: path, displayName: "profiles/yonyou.toml") }
        do {
            _ = try SourceProfile.load(path: path, displayName: "profiles/yonyou.toml")
        } catch let error as ProfileError {
            #expect(
                error.description
                    == "profiles/yonyou.toml:28:10: TOML syntax error: expected a value (a string, number, boolean, date, array or inline table), found \"}\"")
        }
    }

    /// Text the old lexical guard had to let through is TOML that parses.
    @Test(arguments: [
        "# comment\r\nname = \"x\" # trailing\r\n",
        "[columns]\n\"工单号\" = \"ro_no\"\n\"是否缺件\" = { column = \"filled_from_stock\", inverted = true }\n",
        "[values.ro_type]\n\"12121002\" = \"repair\"\n[[list]]\na = [1, 2,\n  3]\nb = [{ x = 1 }, { y = 2 }]\n",
        "s = \"\"\"\n[# not a header\n工单号\n\"\"\"\nt = 'a # b'\nd = 2026-10-01\nf = 1.5\n",
    ])
    func validTOMLParses(_ text: String) throws {
        _ = try TOMLDocument(parsing: text)
    }

    /// A valid document that is not a valid profile is a profile error, not a syntax error.
    @Test func kindsOfValueAreNamedInProfileErrors() {
        do {
            _ = try SourceProfile(toml: "name = \"x\"\nfeed = \"repair_orders\"\nheader_row = 1.5\n", file: "p.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.key == "header_row")
            #expect(error.message.hasSuffix("got a float"))
        }
    }
}
