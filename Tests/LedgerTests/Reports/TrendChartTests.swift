import Testing

@testable import Ledger

@Suite struct TrendChartTests {
    func points(_ values: [String?]) -> [TrendPoint] {
        values.enumerated().compactMap { index, value in
            ReportingPeriod.month(2026, index + 1).map { TrendPoint(period: $0, figure: KPIFigure(value: value)) }
        }
    }

    /// The axis labels (top, then bottom; one decimal, as the chart prints them) and the y of
    /// every point (the baseline is y 78, the top y 8).
    func axis(_ svg: String) -> (labels: [String], ys: [String]) {
        let labels = svg.components(separatedBy: "text-anchor=\"end\" fill=\"#7b8794\">").dropFirst().prefix(2)
            .map { String($0.prefix { $0 != "<" }) }
        let ys = svg.components(separatedBy: "<circle ").dropFirst().compactMap { circle in
            circle.components(separatedBy: "cy=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
        }
        return (labels, ys)
    }

    @Test func aFlatZeroSeriesSitsOnTheBaselineOfAnAxisFromZero() {
        let svg = TrendChart.svg(points: points(Array(repeating: "0", count: 6)), unit: .count, title: "t")
        let (labels, ys) = axis(svg)
        #expect(labels == ["1.0", "0.0"])
        #expect(!svg.contains("−1.0") && !svg.contains("-1.0"))
        #expect(ys.count == 6 && Set(ys) == ["78.0"])
        let rate = TrendChart.svg(points: points(["0.0000", "0.0000"]), unit: .rate, title: "t")
        #expect(axis(rate).labels == ["100.0%", "0.0%"])
    }

    @Test func aFlatNonZeroSeriesIsDrawnAtItsHeightAboveZero() {
        let (labels, ys) = axis(TrendChart.svg(points: points(["800.00", "800.00", nil, "800.00"]), unit: .money, title: "t"))
        #expect(labels == ["800.0", "0.0"])
        #expect(Set(ys) == ["8.0"])
        let negative = axis(TrendChart.svg(points: points(["-5", "-5"]), unit: .count, title: "t"))
        #expect(negative.labels == ["0.0", "−5.0"])
        #expect(Set(negative.ys) == ["78.0"])
    }

    @Test func aVaryingSeriesKeepsItsOwnRange() {
        let (labels, _) = axis(TrendChart.svg(points: points(["2", "7"]), unit: .count, title: "t"))
        #expect(labels == ["7.0", "2.0"])
    }
}
