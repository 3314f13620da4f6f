import Foundation
import Testing

/// Options that would be accepted and ignored are refused (exit 64), and `--help`
/// says what `--algorithm` changes (issue 10).
@Suite struct CommandLineOptionTests {
    static let tiny = BadInputCorpusTests.fixtures.appendingPathComponent("valid-tiny").path

    @Test func monolithicWithTheNetworkAlgorithmIsRefused() throws {
        let root = try LotsaProcess.temporaryFolder("options")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try LotsaProcess.run(["plan", Self.tiny, "--monolithic", "--algorithm", "network", "--out", "x"], in: root)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--monolithic solves one LP with the simplex"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func periodiseWithTheNetworkAlgorithmIsRefused() throws {
        let root = try LotsaProcess.temporaryFolder("options")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try LotsaProcess.run(["periodise", Self.tiny, "--missiv", "decided.csv", "--algorithm", "network",
                                        "--out", "x"], in: root)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--algorithm network does not apply to it"), "\(run.stderr)")
    }

    @Test func helpSaysTheAlgorithmMayChangeTheMissiv() throws {
        let run = try LotsaProcess.run(["plan", "--help"])
        #expect(run.status == 0)
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("but the published missiv and delivery plans may"), "\(run.stdout)")
    }
}
