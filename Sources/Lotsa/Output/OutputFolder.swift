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
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: DisplayPath.of(self.destination), message: "cannot create the output folder: \(error.localizedDescription)")
        }
        StagingRegistry.shared.register(staging)
    }

    deinit {
        if !committed { discard() }
    }

    /// Writes one file (relative path) into the staging folder.
    public func write(_ contents: String, to relativePath: String) throws(OutputError) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
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
    public func commit() throws(OutputError) {
        let fileManager = FileManager.default
        let retired = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
        do {
            if fileManager.fileExists(atPath: destination.path) {
                if fileManager.fileExists(atPath: retired.path) { try fileManager.removeItem(at: retired) }
                try fileManager.moveItem(at: destination, to: retired)
            }
            try fileManager.moveItem(at: staging, to: destination)
            committed = true
            StagingRegistry.shared.unregister(staging)
            if fileManager.fileExists(atPath: retired.path) { try? fileManager.removeItem(at: retired) }
        } catch {
            // Put the previous outputs back if they were moved aside.
            if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                try? fileManager.moveItem(at: retired, to: destination)
            }
            throw OutputError(path: DisplayPath.of(destination), message: "cannot move the outputs into place: \(error.localizedDescription)")
        }
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

    public func register(_ url: URL) { _ = folders.withLock { $0.insert(url.path) } }
    public func unregister(_ url: URL) { _ = folders.withLock { $0.remove(url.path) } }

    /// Removes every staging folder; called from the signal handler's queue.
    public func removeAll() {
        for path in folders.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
