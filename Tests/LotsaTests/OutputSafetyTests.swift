import Foundation
import Testing
@testable import Lotsa

/// `--out` never destroys anything (issue 10): a destination that is, holds or lies
/// inside an input of the run, an existing file, or a folder Lotsa did not write is
/// refused with exit 73, and every byte under the test's folder is as it was.
/// End to end: these run the built `lotsa` binary on real folders.
@Suite struct OutputSafetyTests {
    /// A temporary folder holding `tiny/` (the valid-tiny scenario, with its model
    /// inside), `child/` (extends ../tiny), `keep.txt` and `notes/` (a user's folder).
    func workspace() throws -> URL {
        let root = try LotsaProcess.temporaryFolder("safety")
        try FileManager.default.copyItem(at: BadInputCorpusTests.fixtures.appendingPathComponent("valid-tiny"),
                                         to: root.appendingPathComponent("tiny"))
        let child = root.appendingPathComponent("child")
        try FileManager.default.createDirectory(at: child, withIntermediateDirectories: true)
        try Data("name: child\nextends: ../tiny\n".utf8).write(to: child.appendingPathComponent("scenario.yaml"))
        try Data("mine\n".utf8).write(to: root.appendingPathComponent("keep.txt"))
        let notes = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("a note\n".utf8).write(to: notes.appendingPathComponent("todo.md"))
        return root
    }

    /// Every file and folder under `root` (hidden ones too): path → bytes (nil for a folder).
    func snapshot(_ root: URL) throws -> [String: Data?] {
        var entries: [String: Data?] = [:]
        func walk(_ url: URL, _ prefix: String) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                let child = url.appendingPathComponent(name)
                let type = try FileManager.default.attributesOfItem(atPath: child.path)[.type] as? FileAttributeType
                if type == .typeDirectory {
                    entries[prefix + name + "/"] = .some(nil)
                    try walk(child, prefix + name + "/")
                } else {
                    entries[prefix + name] = try Data(contentsOf: child)
                }
            }
        }
        try walk(root, "")
        return entries
    }

    /// Runs `arguments` in `root` and checks exit `status`, a message naming
    /// `mentions`, and that nothing under `root` changed.
    func expectRefused(_ arguments: [String], in root: URL, status: Int32 = 73, mentions: [String]) throws {
        let before = try snapshot(root)
        let run = try LotsaProcess.run(arguments, in: root)
        #expect(run.status == status, "\(arguments): \(run.stderr)")
        for text in mentions { #expect(run.stderr.contains(text), "\(arguments): missing '\(text)' in \(run.stderr)") }
        #expect(try snapshot(root) == before, "\(arguments) changed files")
    }

    @Test func planRefusesAnotherScenarioFolder() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        // `other` is not an input of this run, but neither is it Lotsa's.
        try FileManager.default.copyItem(at: root.appendingPathComponent("tiny"), to: root.appendingPathComponent("other"))
        try expectRefused(["plan", "tiny", "--out", "other"], in: root,
                          mentions: ["other: error: will not write the outputs here", "no .lotsa-output marker",
                                     "capacity_changes.csv, forecast.csv, model, scenario.yaml, waiting_list.csv"])
    }

    @Test func planRefusesItsInputs() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        // The scenario itself, an ancestor holding it (`--out .`), the scenario it
        // extends, its model, a folder inside it, and one of its files.
        try expectRefused(["plan", "tiny", "--out", "tiny"], in: root, mentions: ["holds the run's input folder tiny"])
        try expectRefused(["plan", "tiny", "--out", "."], in: root, mentions: ["holds the run's input folder"])
        try expectRefused(["plan", "child", "--out", "tiny"], in: root, mentions: ["holds the run's input folder tiny"])
        try expectRefused(["plan", "tiny", "--out", "tiny/model"], in: root, mentions: ["input folder tiny/model"])
        try expectRefused(["plan", "tiny", "--out", "tiny/out"], in: root, mentions: ["lies inside the run's input folder tiny"])
        try expectRefused(["plan", "tiny", "--out", "tiny/forecast.csv"], in: root, mentions: ["tiny/forecast.csv"])
    }

    @Test func planRefusesAFileAndAUsersFolder() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try expectRefused(["plan", "tiny", "--out", "keep.txt"], in: root, mentions: ["it is a file, not a Lotsa output folder"])
        try expectRefused(["plan", "tiny", "--out", "notes"], in: root, mentions: ["it holds todo.md"])
    }

    @Test func planReplacesOnlyUnchangedLotsaOutputs() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        // An empty folder and an earlier run's folder are replaced.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out/tiny"), withIntermediateDirectories: true)
        for _ in 0..<2 {
            let run = try LotsaProcess.run(["plan", "tiny"], in: root)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let marker = try String(contentsOf: root.appendingPathComponent("out/tiny/.lotsa-output"), encoding: .utf8)
        #expect(marker.hasPrefix(OutputMarker.header + "\n"))
        #expect(marker.contains(" missiv.csv\n"))
        // A planner fills in a sheet's `utfall` row: the folder is theirs now.
        let sheets = root.appendingPathComponent("out/tiny/sheets")
        let sheet = try #require(try FileManager.default.contentsOfDirectory(atPath: sheets.path).sorted().first)
        let sheetURL = sheets.appendingPathComponent(sheet)
        let original = try Data(contentsOf: sheetURL)
        try (original + Data("utfall,3\n".utf8)).write(to: sheetURL)
        try expectRefused(["plan", "tiny"], in: root, mentions: ["files Lotsa wrote were changed since: sheets/\(sheet)"])
        // A note saved beside the outputs, likewise.
        try original.write(to: sheetURL)
        try Data("x".utf8).write(to: root.appendingPathComponent("out/tiny/my-notes.txt"))
        try expectRefused(["plan", "tiny"], in: root, mentions: ["files Lotsa did not write: my-notes.txt"])
    }

    @Test func periodiseRefusesItsInputsAndUsersFolders() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = try LotsaProcess.run(["plan", "tiny", "--out", "planned"], in: root)
        #expect(plan.status == 0, "\(plan.stderr)")
        try FileManager.default.copyItem(at: root.appendingPathComponent("planned/missiv.csv"),
                                         to: root.appendingPathComponent("decided.csv"))
        let periodise = ["periodise", "tiny", "--missiv", "decided.csv", "--out"]
        try expectRefused(periodise + ["tiny"], in: root, mentions: ["holds the run's input folder tiny"])
        try expectRefused(periodise + ["decided.csv"], in: root, mentions: ["this is an input file of the run"])
        try expectRefused(periodise + ["notes"], in: root, mentions: ["it holds todo.md"])
        let run = try LotsaProcess.run(periodise + ["planned"], in: root)
        #expect(run.status == 0, "a Lotsa output folder is replaced: \(run.stderr)")
    }

    @Test func checkRefusesTwoScenariosWithOneName() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("tiny"), to: root.appendingPathComponent("twin"))
        try expectRefused(["check", "--out", "results", "tiny", "twin"], in: root, status: 64,
                          mentions: ["tiny and twin both have the name 'tiny'", "results/tiny"])
        try expectRefused(["check", "--out", ".", "tiny"], in: root, mentions: ["holds the run's input folder tiny"])
    }

    @Test func generateRefusesAUsersFolder() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try expectRefused(["generate", "--size", "S", "--out", "notes"], in: root, mentions: ["it holds todo.md"])
        try expectRefused(["generate", "--size", "S", "--out", "."], in: root, mentions: ["it holds child"])
    }
}
