import Foundation
import Testing
@testable import Lotsa

/// `lotsa benchmark` deletes and regenerates each size's work folder; it must never
/// delete a folder it did not write.
@Suite struct BenchmarkWorkFolderTests {
    @Test func aUsersFolderInTheWorkFolderIsNotReplaced() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let size = root.appendingPathComponent("S-seed1")
        try FileManager.default.createDirectory(at: size, withIntermediateDirectories: true)
        let keep = size.appendingPathComponent("keep.txt")
        try Data("the user's notes\n".utf8).write(to: keep)
        var configuration = BenchmarkConfiguration()
        configuration.workDirectory = root
        let result = BenchmarkRunner.runSize(.small, configuration: configuration,
                                             executable: URL(fileURLWithPath: "/nonexistent/lotsa"),
                                             highs: false, progress: { _ in })
        #expect(result.failure?.contains("not replaced") == true, "\(result.failure ?? "no failure")")
        #expect(try Data(contentsOf: keep) == Data("the user's notes\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: size.path) == ["keep.txt"])
    }

    @Test func aFolderTheBenchmarkWroteMayBeReplaced() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        #expect(BenchmarkWorkFolder.refusal(root) == nil)            // empty
        try Data().write(to: root.appendingPathComponent("measurement.json"))
        #expect(BenchmarkWorkFolder.refusal(root) != nil)            // someone's file
        try BenchmarkWorkFolder.mark(root)
        #expect(BenchmarkWorkFolder.refusal(root) == nil)            // an earlier run's
        #expect(BenchmarkWorkFolder.refusal(root.appendingPathComponent("measurement.json")) != nil)
    }
}
