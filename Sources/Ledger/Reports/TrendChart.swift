/// A trend line chart as inline SVG (no scripts) at the period's grain (13 months, 8 quarters
/// or 5 years): gaps where a point is n/a; the x axis labelled with periods, the y axis with
/// its range and unit.
enum TrendChart {
    /// `title` is the chart's accessible label; `unitLabel` names the y axis's unit (drawn
    /// upright beside it); `emptyText` is shown when no point has a value.
    static func svg(
        points: [TrendPoint], unit: KPIUnit, title: String, unitLabel: String = "", emptyText: String = "no data in the trend"
    ) -> String {
        let width = 300.0, height = 96.0, left = 50.0, right = 6.0, top = 8.0, bottom = 18.0
        let values = points.map { $0.figure.number }
        let present = values.compactMap { $0 }
        let scale = unit == .rate ? 100.0 : 1.0
        var low = (present.min() ?? 0) * scale, high = (present.max() ?? 0) * scale
        // A flat series sits on an axis from zero (a rate of 0 % on 0–100 %, a count of 0 on
        // 0–1), never on an invented range around its value such as −1 to 1.
        if low == high {
            if high > 0 {
                low = 0
            } else if high < 0 {
                high = 0
            } else {
                high = unit == .rate ? 100 : 1
            }
        }
        let step = points.count > 1 ? (width - left - right) / Double(points.count - 1) : 0
        func x(_ index: Int) -> Double { left + Double(index) * step }
        func y(_ value: Double) -> Double { top + (high - value * scale) / (high - low) * (height - top - bottom) }
        func f(_ value: Double) -> String { ExactDecimal.approximate(value, places: 1) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTMLEscape.escape(title))\">"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#cbd2d9\"/>"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(width - right))\" y2=\"\(f(top))\" stroke=\"#eef1f4\"/>"
        let suffix = unit == .rate ? "%" : ""
        if !present.isEmpty { out += "<text x=\"\(f(left - 3))\" y=\"\(f(top + 4))\" font-size=\"9\" text-anchor=\"end\" fill=\"#7b8794\">\(HTMLEscape.escape(DisplayValue.grouped(ExactDecimal.approximate(high, places: 1)) + suffix))</text>" }
        if !present.isEmpty { out += "<text x=\"\(f(left - 3))\" y=\"\(f(height - bottom))\" font-size=\"9\" text-anchor=\"end\" fill=\"#7b8794\">\(HTMLEscape.escape(DisplayValue.grouped(ExactDecimal.approximate(low, places: 1)) + suffix))</text>" }
        if !unitLabel.isEmpty {
            out += "<text x=\"8\" y=\"\(f((top + height - bottom) / 2))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#7b8794\" "
            out += "transform=\"rotate(-90 8 \(f((top + height - bottom) / 2)))\" class=\"y-unit\">\(HTMLEscape.escape(unitLabel))</text>"
        }
        // Every point labelled when they fit (5 years); else the first, the middle and the last.
        let labelled: [(Int, String)] =
            points.count <= 6
            ? points.indices.map { ($0, $0 == 0 ? "start" : $0 == points.count - 1 ? "end" : "middle") }
            : [(0, "start"), (points.count / 2, "middle"), (points.count - 1, "end")]
        for (index, anchor) in labelled where index < points.count {
            let label = points[index].period.description
            out += "<text x=\"\(f(x(index)))\" y=\"\(f(height - 4))\" font-size=\"9\" text-anchor=\"\(anchor)\" fill=\"#7b8794\" class=\"x-label\">\(HTMLEscape.escape(label))</text>"
        }
        if present.isEmpty {
            out += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height / 2))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#9aa5b1\">\(HTMLEscape.escape(emptyText))</text></svg>\n"
            return out
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 { out += "<polyline fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.8\" points=\"\(segment.joined(separator: " "))\"/>" }
            segment = []
        }
        for (index, value) in values.enumerated() {
            guard let value else { flush(); continue }
            segment.append("\(f(x(index))),\(f(y(value)))")
            out += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"\(index == values.count - 1 ? "3" : "1.8")\" fill=\"#1f4e79\"/>"
        }
        flush()
        out += "</svg>\n"
        return out
    }
}
