import Foundation

/// How numbers are written in every output, the same way on every machine.
public enum NumberFormat {
    /// JSON: whole numbers without a decimal point, others in Swift's shortest
    /// round-trip form (the full precision of the value).
    public static func json(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// CSV: whole numbers as integers, others with up to `decimals` decimals and no
    /// trailing zeros; `decimalComma` writes `2,5` for Swedish Excel.
    public static func csv(_ value: Double, decimals: Int = 6, decimalComma: Bool = false) -> String {
        guard value.isFinite else { return "" }
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        var text: String
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            text = String(Int64(rounded))
        } else {
            text = String(format: "%.\(decimals)f", rounded)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
