import Testing
import TestSupport
@testable import Ledger

@Suite struct ValueRoundTripTests {
    /// `minor` written as `-1,234,567.89` (grouped or not, with a currency sign or not).
    static func moneyText(_ minor: Int64, grouped: Bool, sign: Int) -> String {
        let magnitude = minor.magnitude
        var whole = String(magnitude / 100)
        if grouped {
            var groups: [String] = []
            while whole.count > 3 {
                groups.insert(String(whole.suffix(3)), at: 0)
                whole.removeLast(3)
            }
            groups.insert(whole, at: 0)
            whole = groups.joined(separator: ",")
        }
        let cents = magnitude % 100
        let number = (minor < 0 ? "-" : "") + whole + "." + (cents < 10 ? "0" : "") + String(cents)
        switch sign {
        case 1: return "¥" + number
        case 2: return number + "元"
        case 3: return "CNY " + number
        default: return number
        }
    }

    @Test func moneyRoundTrips() {
        var random = SplitMix64(seed: 42)
        let parser = ValueParser()
        for _ in 0..<5000 {
            let minor = Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &random)
            let text = ValueRoundTripTests.moneyText(
                minor, grouped: Bool.random(using: &random), sign: Int.random(in: 0...3, using: &random))
            #expect(parser.money(text) == .success(minor), "\(text)")
        }
    }

    @Test func datesRoundTripThroughEveryDefaultForm() {
        var random = SplitMix64(seed: 7)
        let parser = ValueParser()
        for _ in 0..<3000 {
            guard let date = LocalDate(daysSinceEpoch: Int.random(in: -25_000...40_000, using: &random)) else {
                Issue.record("no date")
                return
            }
            let canonical = date.text
            let forms = [
                canonical, canonical.replacingOccurrences(of: "-", with: "/"),
                canonical.replacingOccurrences(of: "-", with: ""),
                "\(date.year)年\(date.month)月\(date.day)日",
            ]
            for form in forms { #expect(parser.date(form) == .success(date), "\(form)") }
        }
    }

    @Test func gb18030RoundTripsAtRandomChunkSizes() throws {
        var random = SplitMix64(seed: 2026)
        let alphabet = Array("经销商代码工单号车架号配件维修保养索赔𠀀𠀁𪚥€£©,\"\n abcXYZ019")
        for _ in 0..<50 {
            let text = String((0..<Int.random(in: 0...400, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            let chunk = Int.random(in: 1...17, using: &random)
            #expect(try decode(gb18030Encoded(text), chunk: chunk, bufferSize: 64) == Array(text.utf8))
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
