import Foundation
import LinearProgramming
import Testing
import TestSupport
@testable import Lotsa

/// The `--write-lp` audit files bound each earlier tier so that another solver finds
/// the plan's optimum exactly (issue 10): a whole-number tier at its whole-number
/// optimum, not at the optimum plus a relative slack, and every file readable.
@Suite struct AuditExportTests {
    @Test func aWholeNumberTierIsBoundAtItsWholeNumber() {
        var expression = LinearExpression()
        expression.add(Variable(index: 0), 8)
        expression.add(Variable(index: 1), 1)
        // The solver's 150 with floating-point noise: the bound is 150, not 150 + noise.
        #expect(AuditExport.tierLimit(expression, optimum: 150.000_000_03) == 150)
        #expect(AuditExport.tierLimit(expression, optimum: 149.999_999_97) == 150)
        // The constant (waiting's Σ available) moves across the relation.
        expression.constant = 1_000
        #expect(AuditExport.tierLimit(expression, optimum: 1_150.000_000_1) == 150)
    }

    @Test func aFractionalTierKeepsItsOptimum() {
        var expression = LinearExpression()
        expression.add(Variable(index: 0), 0.5)
        #expect(AuditExport.tierLimit(expression, optimum: 149.75) == 149.75)
        var whole = LinearExpression()
        whole.add(Variable(index: 0), 2)
        // A whole-number tier whose optimum is not near a whole number is not rounded.
        #expect(AuditExport.tierLimit(whole, optimum: 3.5) == 3.5)
    }

    /// Every file of a small plan is read by glpsol, each step's optimum summed over
    /// the blocks is summary.json's LP tier value, and each earlier tier of whole
    /// coefficients is bounded by a whole number (`scripts/check-lp-files` checks the
    /// values on the bundled scenarios).
    @Test func glpsolReproducesEveryStepOfASmallPlan() throws {
        let tiny = BadInputCorpusTests.fixtures.appendingPathComponent("valid-tiny").path
        let root = try LotsaProcess.temporaryFolder("audit-lp")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try LotsaProcess.run(["plan", tiny, "--write-lp", "--out", "plan"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        let plan = root.appendingPathComponent("plan")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("summary.json")))
        let tiers = try #require(((summary as? [String: Any])?["tiers"] as? [String: Any])?["lp"] as? [[String: Any]])
        var expected: [String: Double] = [:]
        for tier in tiers { expected[tier["name"] as! String] = (tier["value"] as! NSNumber).doubleValue }

        let lp = plan.appendingPathComponent("lp")
        var found: [String: Double] = [:]
        var files = 0
        for block in try FileManager.default.contentsOfDirectory(atPath: lp.path).sorted() {
            for name in try FileManager.default.contentsOfDirectory(atPath: lp.appendingPathComponent(block).path).sorted() {
                let file = lp.appendingPathComponent(block).appendingPathComponent(name)
                let text = try String(contentsOf: file, encoding: .utf8)
                // " tier_overdue: + 8 x12 + …" over several lines, ending "<= 631508".
                for row in text.components(separatedBy: "\n tier_").dropFirst() {
                    let relation = try #require(row.range(of: "<= "), "\(block)/\(name)")
                    let bound = try #require(Double(row[relation.upperBound...].prefix { $0 != "\n" }))
                    // A tier of whole coefficients (all but km-weighted transfers) has a whole optimum.
                    let tokens = row[..<relation.lowerBound].split(whereSeparator: \.isWhitespace)
                    let coefficients = zip(tokens, tokens.dropFirst()).filter { $0.0 == "+" || $0.0 == "-" }.map { Double($0.1) }
                    if coefficients.allSatisfy({ $0.map { $0 == $0.rounded() } ?? false }) {
                        #expect(bound == bound.rounded(), "\(block)/\(name): tier_\(row.prefix(40)) … \(bound)")
                    }
                }
                let value = try #require(try Glpsol.objective(format: "--lp", file: file), "glpsol rejected \(block)/\(name)")
                let tier = String(name.dropLast(3).drop { $0 != "-" }.dropFirst())
                found[tier, default: 0] += value
                files += 1
            }
        }
        #expect(files > 0)
        #expect(Set(found.keys) == Set(expected.keys))
        for (tier, value) in expected {
            #expect(abs((found[tier] ?? .nan) - value) <= 1e-9 * max(1, abs(value)) + 1e-6, "\(tier)")
        }
    }
}
