import Foundation
import Synchronization

/// Writes a run's files into a hidden folder next to the destination and moves it
/// into place only when every file is written: a reader sees the old folder or the
/// new one, never half of one. An interrupted run leaves the old folder as it was.
///
/// It replaces only what is safe to replace (``OutputDestination``): never the
/// run's inputs or a folder holding them, never a file or a folder Lotsa did not
/// write. It checks when created, so a run fails before it solves, and again when
/// it commits. Every folder it commits carries the ``OutputMarker``.
public final class OutputFolder: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    public let inputs: RunInputs
    private let registry: StagingRegistry
    private var committed = false

    /// `inputs` are every folder and file the run reads (``Scenario/inputs``, plus
    /// files named on the command line). `registry` is where an interrupt handler
    /// finds the staging folder; tests pass their own.
    public init(destination: URL, inputs: RunInputs, registry: StagingRegistry = .shared) throws(OutputError) {
        self.registry = registry
        self.inputs = inputs
        self.destination = destination.standardizedFileURL
        try OutputDestination.check(self.destination, inputs: inputs)
        let parent = self.destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).partial-\(getpid())")
        let staging = self.staging
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try registry.withFolders { folders in
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
            try registry.withFolders { _ in
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
    /// The renames, and the removal of the previous outputs, run under the
    /// ``StagingRegistry``'s lock, which an interrupt handler takes before it
    /// removes staging folders: a SIGINT or SIGTERM sees the destination either as
    /// it was or as it is now, never missing, and no hidden folder half removed.
    public func commit() throws(OutputError) {
        let fileManager = FileManager.default
        let retired = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
        let staging = self.staging, destination = self.destination, inputs = self.inputs
        do {
            let marker = try OutputMarker.contents(describing: staging)
            try registry.withFolders { _ in
                try Data(marker.utf8).write(to: staging.appendingPathComponent(OutputMarker.fileName))
            }
        } catch {
            throw OutputError(path: DisplayPath.of(destination), message: "cannot write the output marker: \(error.localizedDescription)")
        }
        let moved = registry.withFolders { folders -> (any Error)? in
            do {
                // Again, under the lock: the destination may have changed while the run solved.
                try OutputDestination.check(destination, inputs: inputs)
                if fileManager.fileExists(atPath: destination.path) {
                    if fileManager.fileExists(atPath: retired.path) { try fileManager.removeItem(at: retired) }
                    try fileManager.moveItem(at: destination, to: retired)
                }
                try fileManager.moveItem(at: staging, to: destination)
                folders.remove(staging.path)
                // Still under the lock: an interrupt must not find the previous
                // outputs half removed.
                try? fileManager.removeItem(at: retired)
                return nil
            } catch {
                // Put the previous outputs back if they were moved aside.
                if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                    try? fileManager.moveItem(at: retired, to: destination)
                }
                return error
            }
        }
        if let error = moved as? OutputError { throw error }
        if let error = moved {
            throw OutputError(path: DisplayPath.of(destination), message: "cannot move the outputs into place: \(error.localizedDescription)")
        }
        committed = true
    }

    public func discard() {
        let staging = self.staging
        registry.withFolders { folders in
            try? FileManager.default.removeItem(at: staging)
            folders.remove(staging.path)
        }
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

    /// Runs `body` under the registry's lock. ``OutputFolder`` creates, writes,
    /// renames and removes its folders this way, so that ``removeAll(then:)`` never
    /// races with it.
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
