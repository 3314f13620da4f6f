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
    /// Where each file of `files` was read from, so outputs can be kept off them.
    public private(set) var urls: [URL] = []

    public init() {}

    public mutating func read(_ url: URL, displayPath: String, expected: String = "a readable file") throws(InputError) -> Data {
        let location = SourceLocation(file: displayPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw InputError(location, "missing file", expected: expected, found: "no such file", kind: .missingFile)
        }
        guard !isDirectory.boolValue else {
            throw InputError(location, "this is a folder, not a file", expected: expected, found: "a folder")
        }
        // A FIFO or a device would block or never end.
        let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            throw InputError(location, "not a regular file", expected: expected, found: "a FIFO, device or socket")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(location, "cannot read the file", expected: expected, found: error.localizedDescription)
        }
        if !files.contains(where: { $0.path == displayPath }) {
            files.append(InputFile(data: data, displayPath: displayPath))
            urls.append(url)
        }
        return data
    }

    public mutating func csv(_ url: URL, displayPath: String, required: [String], optional: [String] = []) throws(InputError) -> CSVTable {
        let data = try read(url, displayPath: displayPath, expected: "a CSV file with " + CSVTable.columnList(required, optional))
        return try CSVTable.parse(data, displayPath: displayPath, required: required, optional: optional)
    }

    public mutating func yaml(_ url: URL, displayPath: String) throws(InputError) -> YAMLNode {
        let data = try read(url, displayPath: displayPath, expected: "a YAML file")
        return try YAMLNode.parse(data, displayPath: displayPath)
    }
}
