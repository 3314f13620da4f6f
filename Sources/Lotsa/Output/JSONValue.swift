/// A JSON document with keys kept in the order they were written, so that
/// summary.json reads top-down like a report and is byte-identical run after run.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let value): out.append(value ? "true" : "false")
        case .number(let value): out.append(NumberFormat.json(value))
        case .string(let value): JSONValue.writeString(value, to: &out)
        case .array(let values):
            if values.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (i, value) in values.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                value.write(to: &out, indent: indent + 1)
                out.append(i == values.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: indent) + "]")
        case .object(let entries):
            if entries.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (i, (key, value)) in entries.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                JSONValue.writeString(key, to: &out)
                out.append(": ")
                value.write(to: &out, indent: indent + 1)
                out.append(i == entries.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: indent) + "}")
        }
    }

    private static func writeString(_ value: String, to out: inout String) {
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                out.append("\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                           + String(scalar.value, radix: 16))
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    /// Looks up a dotted path (`kpis.treated.region_contract`) in nested objects.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for component in path.split(separator: ".") {
            guard case .object(let entries)? = current else { return nil }
            current = entries.first { $0.0 == component }?.1
        }
        return current
    }
}
