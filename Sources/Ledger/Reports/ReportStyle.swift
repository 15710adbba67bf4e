/// The one stylesheet and the shared components of every HTML page the tools write
/// (`kpi.html`, the bundles' pages, the driver-monitoring `report.html`): the same fonts,
/// headings, tables, badges and legends everywhere, inline (pages are self-contained).
public enum ReportStyle {
    /// Latin first, then the CJK faces found on Windows, macOS and Linux desktops.
    static let fontStack =
        "\"Segoe UI\", \"Helvetica Neue\", Arial, \"Microsoft YaHei\", \"PingFang SC\", \"Hiragino Sans GB\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", sans-serif"

    /// The stylesheet, without the `<style>` element.
    public static let css = """
        @page { size: A4; margin: 12mm; }
        * { box-sizing: border-box; }
        body { font-family: \(fontStack); color: #1f2933; margin: 0 auto; max-width: 1120px; padding: 24px; font-size: 13px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 10px; border-bottom: 2px solid #1f4e79; padding-bottom: 4px; color: #1f4e79; }
        h3 { font-size: 14px; margin: 18px 0 6px; }
        .meta { color: #52606d; margin: 0 0 4px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
        .card { border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 12px; break-inside: avoid; background: #fff; }
        .card .name { font-size: 12px; color: #52606d; } .card .value { font-size: 24px; font-weight: 600; margin: 2px 0; }
        .card .compare { font-size: 11px; color: #52606d; } .up { color: #1b7f3b; } .down { color: #b42318; } .flat { color: #52606d; }
        .card svg { display: block; margin-top: 6px; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; margin-bottom: 8px; }
        th, td { border-bottom: 1px solid #e4e7eb; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f4f8; font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td .sub { display: block; color: #7b8794; font-size: 10px; }
        tr { break-inside: avoid; } .na { color: #9aa5b1; }
        #exceptions table { font-size: 11px; } #exceptions td { overflow-wrap: anywhere; }
        .coverage { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; font-weight: 600; }
        .coverage.complete { background: #e3f4e8; color: #1b7f3b; } .coverage.partial { background: #fff4d6; color: #8a5a00; }
        .coverage.none { background: #fde8e7; color: #b42318; }
        .light { display: inline-block; padding: 0 4px; border-radius: 3px; border: 1px solid; }
        .light .sym { font-size: 0.8em; margin-right: 3px; }
        .t-green { background: #e0f3ec; color: #00553d; border-color: #009e73; }
        .t-amber { background: #fdf0d5; color: #6b4700; border-color: #e69f00; }
        .t-red { background: #fbe3d6; color: #8f3300; border-color: #d55e00; }
        ul.targets { padding-left: 16px; margin: 2px 0; } .sub-id { color: #7b8794; font-size: 10px; }
        .note { color: #52606d; font-size: 11px; } ol.footnotes { font-size: 11px; color: #3e4c59; padding-left: 18px; }
        .badge { display: inline-block; font-size: 11px; padding: 0 8px; border-radius: 8px; font-weight: 600; color: #fff; vertical-align: middle; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0 10px; font-size: 11px; color: #3e4c59; }
        .legend .item { white-space: nowrap; display: inline-flex; align-items: center; gap: 4px; }
        .swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #9aa5b1; border-radius: 2px; flex: none; }
        section.session { break-inside: avoid; }
        pre { background: #f5f7fa; padding: 8px; font-size: 11px; overflow-x: auto; }
        svg text { font-family: \(fontStack); }
        nav#contents { margin: 10px 0 0; } h2.toc { font-size: 13px; margin: 8px 0 4px; border: 0; padding: 0; }
        ol.toc { columns: 3; column-gap: 24px; margin: 0; padding-left: 18px; font-size: 12px; } ol.toc a { color: #1f4e79; text-decoration: none; }
        #data-through .through { white-space: nowrap; }
        table.heatmap td.heat { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        td.q1 { background: \(quartileColours[0]); color: #fff; } td.q2 { background: \(quartileColours[1]); }
        td.q3 { background: \(quartileColours[2]); } td.q4 { background: \(quartileColours[3]); color: #fff; }
        td.qna { background: \(noValueColour); } td.q1 .sub, td.q4 .sub { color: #f0f4f8; } td.q1 .na, td.q4 .na { color: #f0f4f8; }
        .print-only { display: none; }
        @media screen { section { content-visibility: auto; contain-intrinsic-size: auto 1000px; } }
        @media print {
          .print-only { display: block; } .screen-only { display: none; }
          #exceptions tbody tr:nth-child(n+\(KPIHTMLRenderer.printedExceptionRows + 1)) { display: none; }
          .pnl-group { display: inline-block; width: 49%; vertical-align: top; margin-right: 1%; break-inside: avoid; }
          body { padding: 0; max-width: none; font-size: 9px; line-height: 1.2; }
          h1 { font-size: 15px; } h2 { font-size: 12px; margin: 8px 0 4px; padding-bottom: 2px; break-after: avoid; }
          h3 { font-size: 10px; margin: 6px 0 2px; break-after: avoid; } .meta { margin: 0 0 2px; }
          .cards { grid-template-columns: repeat(4, 1fr); gap: 4px; } .card { padding: 3px 5px; box-shadow: none; }
          .card .value { font-size: 13px; } .card .name, .card .compare { font-size: 8px; } .card svg { width: 100%; height: auto; margin-top: 2px; }
          table { font-size: 8px; margin-bottom: 2px; } th, td { padding: 0 3px; line-height: 1.2; } td .sub { font-size: 7px; }
          #exceptions table { font-size: 7px; } .note, ol.footnotes { font-size: 7.5px; margin: 1px 0; } ol.footnotes li { break-inside: avoid; }
          .legend { margin: 2px 0 4px; font-size: 8px; } ol.toc { font-size: 8px; }
          table.pnl, .card, .legend, nav#contents { break-inside: avoid; } tr, td, th { break-inside: avoid; }
          thead { display: table-header-group; } a { color: inherit; text-decoration: none; }
        }
        """

    /// The heat map's quartile colours, best first: a blue–red diverging scale that stays
    /// distinct with the common colour-vision deficiencies (ColorBrewer RdBu, 4 classes).
    static let quartileColours = ["#2166ac", "#92c5de", "#f4a582", "#b2182b"]
    /// A cell without a value: grey, labelled "n/a" in the cell and in the legend.
    static let noValueColour = "#e4e7eb"

    /// A legend: each colour swatch and its label in one unbreakable item.
    static func legend(_ items: [(colour: String, label: String)]) -> String {
        var out = "<div class=\"legend\">"
        for item in items {
            out += "<span class=\"item\"><span class=\"swatch\" style=\"background:\(HTMLEscape.escape(item.colour))\"></span>"
            out += "\(HTMLEscape.escape(item.label))</span>"
        }
        return out + "</div>\n"
    }
}
