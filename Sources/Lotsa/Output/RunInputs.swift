import Foundation

/// Everything a run reads, so that its outputs never land on, over or among them.
///
/// `folders` are read as wholes (a scenario folder and every folder it `extends`,
/// the region model's folder): nothing is written inside them. `files` are read
/// one by one (every table, `--missiv`, …): a destination may sit beside them but
/// never be one of them or hold one of them.
public struct RunInputs: Sendable, Equatable {
    public var folders: [URL]
    public var files: [URL]

    public init(folders: [URL] = [], files: [URL] = []) {
        self.folders = folders
        self.files = files
    }

    /// A run that reads nothing from disk (`lotsa generate`).
    public static let none = RunInputs()

    /// These inputs and `other`'s.
    public func adding(_ other: RunInputs) -> RunInputs {
        RunInputs(folders: folders + other.folders, files: files + other.files)
    }

    /// These inputs and one more file, e.g. `periodise --missiv`.
    public func adding(file: URL) -> RunInputs {
        RunInputs(folders: folders, files: files + [file])
    }
}
