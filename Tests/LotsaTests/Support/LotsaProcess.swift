import Foundation
import Testing

/// Runs the built `lotsa` binary, as CI and analysts do, for end-to-end tests.
///
/// The binary is looked up next to the test bundle (`swift build --build-tests`
/// builds both into the same folder), or taken from `LOTSA_BINARY`.
enum LotsaProcess {
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["LOTSA_BINARY"] { return URL(fileURLWithPath: path) }
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("lotsa") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Outcome {
        var status: Int32
        /// True when the process ended by a signal it did not handle (a crash, say).
        var killedBySignal: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `lotsa arguments` in `directory`; with `signal`, sends it that signal
    /// `after` the start and waits for the process to end.
    static func run(_ arguments: [String], in directory: URL? = nil,
                    signal: (number: Int32, after: Duration)? = nil) throws -> Outcome {
        let binary = try #require(binary, "no lotsa binary next to the tests: run `swift build --build-tests` first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: nothing blocks however much the process prints.
        let stdoutURL = scratch.appendingPathComponent("stdout"), stderrURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        if let signal {
            Thread.sleep(forTimeInterval: Double(signal.after.components.seconds)
                         + Double(signal.after.components.attoseconds) / 1e18)
            kill(process.processIdentifier, signal.number)
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       killedBySignal: process.terminationReason == .uncaughtSignal,
                       stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
    }

    /// Every file under `folder` (hidden ones too) with its bytes, by relative path.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// A fresh, empty temporary folder.
    static func temporaryFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
