import Foundation

/// Charts as inline SVG: the report must open offline, print, and load nothing —
/// no script, no web font, no external image. Every data mark carries
/// `class="mark"` so the browser check (scripts/check-report) and the tests can
/// tell a chart with data from an empty one.
enum SVGChart {
    struct Series {
        var name: String
        var values: [Double]
        var color: String
        var dashed = false
    }

    static let palette = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30343f", "#e07a5f"]

    static func number(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A readable axis maximum (1, 2 or 5 × a power of ten) at or above `value`.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    static func open(_ width: Int, _ height: Int, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(escape(label))\">"
    }

    /// Lines over the weeks, with a y axis, every 13th week labelled, and a legend.
    static func lines(_ series: [Series], weeks: [String], label: String) -> String {
        let width = 720, height = 300, left = 60.0, right = 10.0, top = 10.0, bottom = 70.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        let maximum = niceMaximum(series.flatMap(\.values).max() ?? 0)
        let count = max(weeks.count, 2)
        func x(_ index: Int) -> Double { left + plotWidth * Double(index) / Double(count - 1) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / maximum) }
        var svg = open(width, height, label: label)
        svg += axes(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight, maximum: maximum)
        for (index, week) in weeks.enumerated() where index % 13 == 0 || index == weeks.count - 1 {
            svg += "<text x=\"\(number(x(index)))\" y=\"\(number(top + plotHeight + 14))\" text-anchor=\"middle\" class=\"tick\">\(escape(week))</text>"
        }
        for item in series where !item.values.isEmpty {
            let points = item.values.enumerated().map { "\(number(x($0.offset))),\(number(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline class=\"mark\" fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"1.8\""
                + (item.dashed ? " stroke-dasharray=\"5 3\"" : "") + " points=\"\(points)\"><title>\(escape(item.name))</title></polyline>"
        }
        svg += legend(series.map { ($0.name, $0.color, $0.dashed) }, x: left, y: Double(height) - 34, width: plotWidth)
        return svg + "</svg>"
    }

    /// Horizontal bars, one per label, stacked by part (colours in `parts` order).
    static func stackedBars(_ bars: [(label: String, parts: [Double])], parts: [(name: String, color: String)],
                            label: String, highlight: Set<String> = []) -> String {
        let rowHeight = 18.0, left = 170.0, right = 70.0, top = 8.0
        let width = 720, height = Int(top + rowHeight * Double(bars.count) + 50)
        let plotWidth = Double(width) - left - right
        let maximum = niceMaximum(bars.map { $0.parts.reduce(0, +) }.max() ?? 0)
        var svg = open(width, height, label: label)
        for (row, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(row)
            let marked = highlight.contains(bar.label)
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y + 12.5))\" text-anchor=\"end\" class=\"label\(marked ? " changed" : "")\">\(escape(bar.label))</text>"
            var start = left
            for (index, value) in bar.parts.enumerated() where value > 0 {
                let length = plotWidth * value / maximum
                svg += "<rect class=\"mark\" x=\"\(number(start))\" y=\"\(number(y + 2))\" width=\"\(number(max(length, 0.5)))\" height=\"\(number(rowHeight - 4))\" fill=\"\(parts[index].color)\">"
                    + "<title>\(escape(bar.label)) – \(escape(parts[index].name)): \(number(value))</title></rect>"
                start += length
            }
            svg += "<text x=\"\(number(start + 4))\" y=\"\(number(y + 12.5))\" class=\"value\">\(number(bar.parts.reduce(0, +)))</text>"
        }
        if parts.count > 1 {
            svg += legend(parts.map { ($0.name, $0.color, false) }, x: left, y: top + rowHeight * Double(bars.count) + 16, width: plotWidth)
        }
        return svg + "</svg>"
    }

    /// Signed horizontal bars around zero (the needs-analysis gap: red where need exceeds own capacity).
    static func signedBars(_ bars: [(label: String, value: Double)], label: String, highlight: Set<String> = []) -> String {
        let rowHeight = 18.0, left = 170.0, right = 60.0, top = 8.0
        let width = 720, height = Int(top + rowHeight * Double(bars.count) + 16)
        let plotWidth = Double(width) - left - right
        let extent = niceMaximum(bars.map { abs($0.value) }.max() ?? 0)
        let zero = left + plotWidth / 2
        var svg = open(width, height, label: label)
        svg += "<line x1=\"\(number(zero))\" y1=\"\(number(top))\" x2=\"\(number(zero))\" y2=\"\(number(top + rowHeight * Double(bars.count)))\" class=\"axis\"/>"
        for (row, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(row)
            let length = plotWidth / 2 * abs(bar.value) / extent
            let x = bar.value >= 0 ? zero : zero - length
            let marked = highlight.contains(bar.label)
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y + 12.5))\" text-anchor=\"end\" class=\"label\(marked ? " changed" : "")\">\(escape(bar.label))</text>"
            svg += "<rect class=\"mark\" x=\"\(number(x))\" y=\"\(number(y + 2))\" width=\"\(number(max(length, 0.5)))\" height=\"\(number(rowHeight - 4))\" fill=\"\(bar.value > 0 ? "#d1495b" : "#66a182")\">"
                + "<title>\(escape(bar.label)): \(number(bar.value))</title></rect>"
            svg += "<text x=\"\(number(bar.value >= 0 ? zero + length + 4 : zero + 4))\" y=\"\(number(y + 12.5))\" class=\"value\">\(number(bar.value))</text>"
        }
        return svg + "</svg>"
    }

    /// Rows × weeks, darker for more; every non-zero cell is a mark.
    static func heatMap(rows: [(label: String, values: [Double])], weeks: [String], label: String) -> String {
        let cell = 11.0, left = 170.0, top = 8.0
        let width = Int(left + cell * Double(weeks.count) + 10), height = Int(top + cell * Double(rows.count) + 30)
        let maximum = max(rows.flatMap(\.values).max() ?? 0, 1)
        var svg = open(width, height, label: label)
        for (row, item) in rows.enumerated() {
            let y = top + cell * Double(row)
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y + 9))\" text-anchor=\"end\" class=\"label small\">\(escape(item.label))</text>"
            for (column, value) in item.values.enumerated() {
                let x = left + cell * Double(column)
                if value <= 0 {
                    svg += "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(cell - 1))\" height=\"\(number(cell - 1))\" fill=\"#f2f2f2\"/>"
                } else {
                    let shade = 0.15 + 0.85 * value / maximum
                    svg += "<rect class=\"mark\" x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(cell - 1))\" height=\"\(number(cell - 1))\" fill=\"#1b6ca8\" fill-opacity=\"\(String(format: "%.2f", shade))\">"
                        + "<title>\(escape(item.label)) \(escape(weeks[column])): \(number(value))</title></rect>"
                }
            }
        }
        let bottom = top + cell * Double(rows.count) + 12
        for (index, week) in weeks.enumerated() where index % 13 == 0 {
            svg += "<text x=\"\(number(left + cell * Double(index)))\" y=\"\(number(bottom))\" class=\"tick\">\(escape(week))</text>"
        }
        return svg + "</svg>"
    }

    private static func axes(left: Double, top: Double, plotWidth: Double, plotHeight: Double, maximum: Double) -> String {
        var svg = ""
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = top + plotHeight * (1 - Double(step) / 4)
            svg += "<line x1=\"\(number(left))\" y1=\"\(number(y))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(y))\" class=\"grid\"/>"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y + 4))\" text-anchor=\"end\" class=\"tick\">\(number(value))</text>"
        }
        return svg
    }

    private static func legend(_ items: [(String, String, Bool)], x: Double, y: Double, width: Double) -> String {
        var svg = "", cursorX = x, cursorY = y
        for (name, color, dashed) in items {
            let itemWidth = 34 + Double(name.count) * 6.2
            if cursorX + itemWidth > x + width { cursorX = x; cursorY += 16 }
            svg += "<line x1=\"\(number(cursorX))\" y1=\"\(number(cursorY - 4))\" x2=\"\(number(cursorX + 20))\" y2=\"\(number(cursorY - 4))\" stroke=\"\(color)\" stroke-width=\"6\""
                + (dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>"
            svg += "<text x=\"\(number(cursorX + 24))\" y=\"\(number(cursorY))\" class=\"legend\">\(escape(name))</text>"
            cursorX += itemWidth
        }
        return svg
    }
}
