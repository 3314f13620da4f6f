import Foundation

/// The `.lotsa-output` file Lotsa writes into every output folder: how a later run
/// knows that a folder is one it may replace.
///
/// Its first line is fixed; then one line per file Lotsa wrote, with the file's
/// size and FNV-1a 64 checksum. A folder is Lotsa's to replace only if it holds
/// exactly those files, unchanged: a delivery sheet whose `utfall` rows a planner
/// has filled in, or a note saved beside the outputs, makes it the user's again.
/// The checksum guards against accidents, not attacks, so a small hash does.
public enum OutputMarker {
    public static let fileName = ".lotsa-output"
    public static let header = "Lotsa output folder: a later Lotsa run may replace it while it holds only the files below, unchanged."

    /// One file the marker lists.
    struct Entry: Equatable {
        var path: String
        var bytes: Int
        var checksum: String
    }

    /// The marker's text for the files in `folder` (the marker itself excluded).
    static func contents(describing folder: URL) throws -> String {
        var lines = [header]
        for entry in try entries(in: folder) {
            lines.append("\(entry.checksum) \(entry.bytes) \(entry.path)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why `folder` (an existing directory) is not a Lotsa output folder that may be
    /// replaced, or nil when it is one (or is empty).
    static func refusal(for folder: URL) -> String? {
        let fileManager = FileManager.default
        let items = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        if items.isEmpty { return nil }
        let summary = listing(items)
        let markerURL = folder.appendingPathComponent(fileName)
        guard let data = fileManager.contents(atPath: markerURL.path),
              let text = String(data: data, encoding: .utf8) else {
            return "it is not a Lotsa output folder (no \(fileName) marker); it holds \(summary)"
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == header else {
            return "its \(fileName) was not written by this version of Lotsa; it holds \(summary)"
        }
        var listed: [String: Entry] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let bytes = Int(parts[1]) else {
                return "its \(fileName) is damaged (\"\(line)\"); it holds \(summary)"
            }
            listed[parts[2]] = Entry(path: parts[2], bytes: bytes, checksum: parts[0])
        }
        let found: [Entry]
        do { found = try entries(in: folder) } catch { return "it cannot be read (\(error)); it holds \(summary)" }
        var foreign: [String] = [], changed: [String] = []
        for entry in found {
            guard let expected = listed[entry.path] else { foreign.append(entry.path); continue }
            if expected != entry { changed.append(entry.path) }
        }
        if !foreign.isEmpty {
            return "it holds files Lotsa did not write: \(listing(foreign))"
        }
        if !changed.isEmpty {
            return "files Lotsa wrote were changed since: \(listing(changed))"
        }
        return nil
    }

    /// Every regular file under `folder`, sorted by path, without following symbolic
    /// links (a link is reported as a file Lotsa did not write).
    static func entries(in folder: URL) throws -> [Entry] {
        var result: [Entry] = []
        func walk(_ url: URL, _ prefix: String) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
                let path = prefix + name
                if path == fileName { continue }
                let child = url.appendingPathComponent(name)
                let type = try FileManager.default.attributesOfItem(atPath: child.path)[.type] as? FileAttributeType
                if type == .typeDirectory {
                    try walk(child, path + "/")
                } else if type == .typeRegular {
                    let data = try Data(contentsOf: child)
                    result.append(Entry(path: path, bytes: data.count, checksum: fnv1a(data)))
                } else {
                    result.append(Entry(path: path, bytes: -1, checksum: "not-a-regular-file"))
                }
            }
        }
        try walk(folder, "")
        return result.sorted { $0.path < $1.path }
    }

    /// The first few names, and how many more.
    static func listing(_ names: [String]) -> String {
        let sorted = names.sorted()
        let shown = sorted.prefix(5).joined(separator: ", ")
        return sorted.count > 5 ? "\(shown) and \(sorted.count - 5) more" : shown
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
