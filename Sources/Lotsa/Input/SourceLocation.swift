/// Where in the input something was found: a file, and optionally the 1-based
/// physical line and the field (a CSV column or a YAML key) within it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path as it is shown to the user (relative to the model folder, say).
    public var file: String
    /// The 1-based physical line, counting every line break of the file
    /// (including empty lines, comment lines and breaks inside quoted fields).
    public var line: Int?
    /// The column name (CSV) or key (YAML) that the problem concerns.
    public var field: String?

    public init(file: String, line: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
    }

    /// `file:line`, or just `file` when the line is not known. The field is
    /// not part of it; ``InputError`` shows it after the location.
    public var description: String {
        if let line { return "\(file):\(line)" }
        return file
    }
}
