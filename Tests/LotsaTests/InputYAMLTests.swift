import Foundation
import Testing
@testable import Lotsa

@Suite struct InputYAMLTests {
    /// The diagnostic points at the second occurrence, where the reader must look,
    /// and names the first; in a nested mapping too.
    @Test(arguments: [
        ("name: x\nguarantee_days: 90\nmodel: m\nguarantee_days: 60\n", 4, "guarantee_days", 2),
        ("name: x\npolicy:\n  tiers: [overdue]\n  internal_transfers: allowed\n  tiers: [cost]\n", 5, "tiers", 3),
    ])
    func duplicateKeyNamesTheSecondLine(yaml: String, line: Int, key: String, first: Int) {
        do {
            _ = try YAMLNode.parse(Data(yaml.utf8), displayPath: "scenario.yaml")
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.location.line == line)
            #expect(error.location.field == key)
            #expect(error.message.contains("first on line \(first)"), "\(error.message)")
        }
    }
}
