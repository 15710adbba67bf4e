import Testing
@testable import Ledger

@Suite struct SuggestionsTests {
    @Test(arguments: [
        ("dlr001", ["DLR001", "DLR002", "DLR003"], ["DLR001"]),
        ("bach", ["load", "feeds", "batches", "status", "check"], ["batches"]),
        ("kpis", ["kpi", "exceptions", "bundle", "ledger", "catalogue"], ["kpi"]),
        ("华中", ["华东", "华南", "West"], ["华东", "华南"]),
        ("repair_order", ["repair_orders", "ro_parts", "dealers"], ["repair_orders"]),
        ("csi_scor", ["service.csi_score", "sales.new_retail_units"], ["service.csi_score"]),
        ("zzzzzz", ["load", "feeds"], []),
    ] as [(String, [String], [String])])
    func closestValues(typed: String, candidates: [String], expected: [String]) {
        #expect(Suggestions.closest(to: typed, among: candidates) == expected)
    }

    @Test func hintSuggestsAndListsFewValues() {
        #expect(Suggestions.hint(for: "dlr001", among: ["DLR001", "DLR002"], noun: "dealer code")
            == "did you mean DLR001? dealer codes: DLR001, DLR002")
        #expect(Suggestions.hint(for: "x", among: [], noun: "region") == "there are no regions")
    }

    @Test func transpositionIsOneEdit() {
        #expect(Suggestions.editDistance(Array("ab"), Array("ba")) == 1)
        #expect(Suggestions.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}
