import Testing
@testable import Ledger

@Suite struct EnumValueTests {
    let parser = ValueParser()
    let payType = EnumDomain(
        ["customer", "warranty", "internal"], aliases: ["自费": "customer", "W": "warranty", "Intr": "internal"],
        emptyMeans: "customer")
    let status = EnumDomain(["open", "closed", "void"], aliases: ["作废": "void", "红冲": "void"])

    @Test func canonicalValuesAndAliasesIgnoreCase() {
        let resolver = EnumResolver(payType)
        #expect(resolver.resolve("customer") == .success("customer"))
        #expect(resolver.resolve(" WARRANTY ") == .success("warranty"))
        #expect(resolver.resolve("自费") == .success("customer"))
        #expect(resolver.resolve("w") == .success("warranty"))
        #expect(resolver.resolve("INTR") == .success("internal"))
        #expect(EnumResolver(status).resolve("红冲") == .success("void"))
    }

    @Test func emptyMeansTheDefaultOrNull() {
        #expect(EnumResolver(payType).resolve("") == .success("customer"))
        #expect(EnumResolver(status).resolve("") == .success(nil))
        #expect(parser.parse("", as: .enumeration(payType)) == .success(.text("customer")))
        #expect(parser.parse("NULL", as: .enumeration(status)) == .success(.null))
    }

    @Test func unknownValueListsTheAllowedOnes() {
        #expect(
            parser.parse("refund", as: .enumeration(status))
                == .failure(ValueError(.enumeration, "\"refund\" is not one of open, closed, void (or a listed alias)")))
    }

    @Test func preparedColumnsReuseTheirTable() {
        let prepared = PreparedColumnType(.enumeration(status))
        for (text, expected) in [("OPEN", "open"), ("作废", "void"), ("Closed", "closed")] {
            let result = Array(text.utf8).withUnsafeBytes { parser.parse($0, as: prepared) }
            #expect(result == .success(.text(expected)))
        }
    }
}

@Suite struct VINValueTests {
    static let valid: [(String, String, Bool)] = [
        ("1M8GDM9AXKP042788", "1M8GDM9AXKP042788", true),
        ("lsvau218xn2183294", "LSVAU218XN2183294", true),
        ("LFV2A21K0G3012345", "LFV2A21K0G3012345", true),
        ("WBA3A5C53CF256551", "WBA3A5C53CF256551", true),
        (" 5YJSA1E18HF000001 ", "5YJSA1E18HF000001", true),
        ("LGBH52E06KY000123", "LGBH52E06KY000123", true),
        ("LSGKB54HXKS000003", "LSGKB54HXKS000003", true),
        // Wrong check digit: accepted, flagged.
        ("LSVAU2180N2183294", "LSVAU2180N2183294", false),
        ("1M8GDM9A1KP042788", "1M8GDM9A1KP042788", false),
        ("LFV2A21K8G3012345", "LFV2A21K8G3012345", false),
    ]

    @Test(arguments: valid)
    func accepts(text: String, canonical: String, matches: Bool) {
        #expect(ValueParser().parse(text, as: .vin) == .success(.vin(canonical, checkDigitMatches: matches)))
        #expect(VIN.parse(text) == .success(VIN(text: canonical, checkDigitMatches: matches)))
    }

    static let invalid: [(String, String)] = [
        ("1M8GDM9AXKP04278", "\"1M8GDM9AXKP04278\" is not a VIN: 16 bytes (expected 17 characters A-Z or 0-9, without I, O or Q)"),
        ("1M8GDM9AXKP0427888", "\"1M8GDM9AXKP0427888\" is not a VIN: 18 bytes (expected 17 characters A-Z or 0-9, without I, O or Q)"),
        ("IM8GDM9AXKP042788", "\"IM8GDM9AXKP042788\" is not a VIN: character 1 \"I\" is not allowed (expected 17 characters A-Z or 0-9, without I, O or Q)"),
        ("1M8GDM9AXKP0427O8", "\"1M8GDM9AXKP0427O8\" is not a VIN: character 16 \"O\" is not allowed (expected 17 characters A-Z or 0-9, without I, O or Q)"),
        ("1M8GDM9AXKP04278q", "\"1M8GDM9AXKP04278q\" is not a VIN: character 17 \"q\" is not allowed (expected 17 characters A-Z or 0-9, without I, O or Q)"),
        ("1M8GDM9AX-P042788", "\"1M8GDM9AX-P042788\" is not a VIN: character 10 \"-\" is not allowed (expected 17 characters A-Z or 0-9, without I, O or Q)"),
        ("1M8GDM9AX P042788", "\"1M8GDM9AX P042788\" is not a VIN: character 10 \" \" is not allowed (expected 17 characters A-Z or 0-9, without I, O or Q)"),
    ]

    @Test(arguments: invalid)
    func rejects(text: String, message: String) {
        #expect(ValueParser().parse(text, as: .vin) == .failure(ValueError(.vin, message)))
    }

    @Test func nullVIN() {
        #expect(VIN.parse(" ") == .success(nil))
        #expect(ValueParser().parse("-", as: .vin) == .success(.null))
    }
}
