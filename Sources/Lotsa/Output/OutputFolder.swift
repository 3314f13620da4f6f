import Foundation
import Synchronization

/// Writes a run's files into a hidden folder next to the destination and moves it
/// into place only when every file is written: a reader sees the old folder or the
/// new one, never half of one. An interrupted run leaves the old folder as it was.
public final class OutputFolder: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private var committed = false

    public init(destination: URL) throws(OutputError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).partial-\(getpid())")
        let staging = self.staging
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try StagingRegistry.shared.withFolders { folders in
                if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
                folders.insert(staging.path)
            }
        } catch {
            throw OutputError(path: DisplayPath.of(self.destination), message: "cannot create the output folder: \(error.localizedDescription)")
        }
    }

    deinit {
        if !committed { discard() }
    }

    /// Writes one file (relative path) into the staging folder.
    public func write(_ contents: String, to relativePath: String) throws(OutputError) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            // Under the lock: after an interrupt has removed the staging folder, no
            // write may create it again.
            try StagingRegistry.shared.withFolders { _ in
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            }
        } catch {
            throw OutputError(path: DisplayPath.of(destination.appendingPathComponent(relativePath)),
                              message: "cannot write: \(error.localizedDescription)")
        }
    }

    /// A URL inside the staging folder, for writers that write files themselves.
    public func url(for relativePath: String) -> URL {
        staging.appendingPathComponent(relativePath)
    }

    /// Replaces the destination with the staged folder.
    ///
    /// The renames run under the ``StagingRegistry``'s lock, which an interrupt
    /// handler takes before it removes staging folders: a SIGINT or SIGTERM sees
    /// the destination either as it was or as it is now, never missing.
    public func commit() throws(OutputError) {
        let fileManager = FileManager.default
        let retired = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
        let staging = self.staging, destination = self.destination
        let moved = StagingRegistry.shared.withFolders { folders -> (any Error)? in
            do {
                if fileManager.fileExists(atPath: destination.path) {
                    if fileManager.fileExists(atPath: retired.path) { try fileManager.removeItem(at: retired) }
                    try fileManager.moveItem(at: destination, to: retired)
                }
                try fileManager.moveItem(at: staging, to: destination)
                folders.remove(staging.path)
                folders.insert(retired.path)
                return nil
            } catch {
                // Put the previous outputs back if they were moved aside.
                if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                    try? fileManager.moveItem(at: retired, to: destination)
                }
                return error
            }
        }
        if let error = moved {
            throw OutputError(path: DisplayPath.of(destination), message: "cannot move the outputs into place: \(error.localizedDescription)")
        }
        committed = true
        // The previous outputs, now hidden, go; an interrupt meanwhile removes the rest of them.
        try? fileManager.removeItem(at: retired)
        StagingRegistry.shared.unregister(retired)
    }

    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        StagingRegistry.shared.unregister(staging)
    }
}

/// An output that could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): error: \(message)" }
}

/// Staging folders of runs in progress, removed when the process is interrupted.
public final class StagingRegistry: Sendable {
    public static let shared = StagingRegistry()
    private let folders = Mutex<Set<String>>([])

    public init() {}

    public func register(_ url: URL) { _ = folders.withLock { $0.insert(url.path) } }
    public func unregister(_ url: URL) { _ = folders.withLock { $0.remove(url.path) } }

    /// Runs `body` under the registry's lock. ``OutputFolder`` creates, writes and
    /// renames its staging folder this way, so that ``removeAll(then:)`` finds each
    /// one either untouched or complete.
    func withFolders<T, E: Error>(_ body: (inout Set<String>) throws(E) -> T) throws(E) -> T {
        try folders.withLock { (folders) throws(E) -> T in try body(&folders) }
    }

    /// Removes every staging folder, then calls `finish` with the lock still held,
    /// so that no commit starts or completes afterwards: a signal handler passes a
    /// `finish` that ends the process.
    public func removeAll(then finish: () -> Void = {}) {
        folders.withLock { folders in
            for path in folders { try? FileManager.default.removeItem(atPath: path) }
            folders.removeAll()
            finish()
        }
    }
}
