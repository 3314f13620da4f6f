import Foundation

/// A file a run read, with its SHA-256, so an output can be traced to its exact inputs.
public struct InputFile: Sendable, Hashable, Codable {
    public var path: String
    public var sha256: String
    public var bytes: Int

    public init(data: Data, displayPath: String) {
        self.path = displayPath
        self.bytes = data.count
        self.sha256 = SHA256.hex(data)
    }
}

/// Reads input files once and remembers each one with its checksum.
public struct InputLedger: Sendable {
    public private(set) var files: [InputFile] = []

    public init() {}

    public mutating func read(_ url: URL, displayPath: String) throws(InputError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(SourceLocation(file: displayPath), "missing file", found: "no such file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(SourceLocation(file: displayPath), "cannot read the file",
                             expected: "a readable file", found: error.localizedDescription)
        }
        if !files.contains(where: { $0.path == displayPath }) {
            files.append(InputFile(data: data, displayPath: displayPath))
        }
        return data
    }

    public mutating func csv(_ url: URL, displayPath: String, required: [String], optional: [String] = []) throws(InputError) -> CSVTable {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(SourceLocation(file: displayPath), "missing file",
                             expected: "a CSV file with the columns \(required.joined(separator: ","))", found: "no such file")
        }
        let data = try read(url, displayPath: displayPath)
        return try CSVTable.parse(data, displayPath: displayPath, required: required, optional: optional)
    }

    public mutating func yaml(_ url: URL, displayPath: String) throws(InputError) -> YAMLNode {
        let data = try read(url, displayPath: displayPath)
        return try YAMLNode.parse(data, displayPath: displayPath)
    }
}
