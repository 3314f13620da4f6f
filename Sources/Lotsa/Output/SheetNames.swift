/// Worksheet names that Excel accepts, one per provider, made from provider ids.
///
/// Excel's rules: 1 to 31 characters, none of `[ ] : * ? / \`, not starting or
/// ending with an apostrophe, not "History", and unique without regard to case.
/// A name is therefore not a provider id: the workbook keeps the id in a cell of
/// the sheet (`B1`), and readers find the provider there, never in the name.
public enum SheetNames {
    public static let maximumLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// A legal, unique name for each of `wanted`, in order; `reserved` names
    /// (other sheets of the workbook) are never given out. A clash is resolved
    /// by a suffix `~2`, `~3`, … within the 31 characters.
    public static func assign(_ wanted: [String], reserved: [String] = []) -> [String] {
        var taken = Set(reserved.map { $0.lowercased() })
        return wanted.map { text in
            let base = legal(text)
            var name = base
            var counter = 1
            while taken.contains(name.lowercased()) {
                counter += 1
                let suffix = "~\(counter)"
                name = String(base.prefix(maximumLength - suffix.count)) + suffix
            }
            taken.insert(name.lowercased())
            return name
        }
    }

    /// `text` with forbidden and control characters replaced by `_`, shortened to 31
    /// characters, without leading or trailing apostrophes; `_` when nothing is left.
    static func legal(_ text: String) -> String {
        var name = String(text.map { forbidden.contains($0) || $0.isControl ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        name = String(name.prefix(maximumLength))
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty || name.lowercased() == "history" { name = "_" + name }
        return String(name.prefix(maximumLength))
    }
}

private extension Character {
    var isControl: Bool { unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
}
