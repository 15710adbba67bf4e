import Testing
@testable import Ledger

@Suite struct DealerSelectionTests {
    let dealers = [
        Dealer(code: "DLR001", name: "A", region: "华东", brand: "Aurora"),
        Dealer(code: "DLR002", name: "B", region: "华南", brand: "Borealis"),
    ]

    @Test func filtersThatMatchPass() throws {
        try DealerSelection.validate(dealers, codes: ["DLR001"], regions: ["华东"], brands: ["Aurora"])
        try DealerSelection.validate(dealers, codes: [], regions: [], brands: [])
    }

    @Test func aValueThatMatchesNothingNamesTheClosest() {
        #expect(throws: SelectionError.self) { try DealerSelection.validate(dealers, codes: ["dlr001"], regions: [], brands: []) }
        do {
            try DealerSelection.validate(dealers, codes: ["dlr001"], regions: ["华中"], brands: ["Aurara"])
        } catch let error as SelectionError {
            #expect(error.message.contains("--dealer dlr001 matches no dealer; did you mean DLR001?"))
            #expect(error.message.contains("--region 华中 matches no dealer; did you mean 华东 or 华南?"))
            #expect(error.message.contains("--brand Aurara matches no dealer; did you mean Aurora?"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func filtersThatTogetherLeaveNoDealer() {
        #expect(throws: SelectionError("no dealer matches all of --dealer DLR002 --region 华东 together")) {
            try DealerSelection.validate(dealers, codes: ["DLR002"], regions: ["华东"], brands: [])
        }
    }
}
