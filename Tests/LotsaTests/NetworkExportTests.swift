import Foundation
import Testing
import TestSupport
@testable import LinearProgramming
@testable import Lotsa

/// `--write-network`: the DIMACS files and cost tables, read back by a reader of the
/// test's own, give the planner's optimum of every block's first step when GLPK's LP
/// simplex solves them; and the network simplex agrees with GLPK's LP simplex and
/// with Lotsa's first network simplex on generated scenarios.
@Suite struct NetworkExportTests {
    /// A DIMACS min-cost-flow file and its cost table, parsed without Lotsa's code.
    struct ReadBack {
        var network: MinCostFlow
        var costs: [String: [Double]]
        var firstCosts: [Double]
    }

    static func read(dimacs: String, costTable: String) throws -> ReadBack {
        var network = MinCostFlow(nodes: 0)
        var firstCosts: [Double] = []
        var declaredArcs = 0
        for line in dimacs.split(separator: "\n") {
            let fields = line.split(separator: " ")
            switch fields.first {
            case "p":
                #expect(fields[1] == "min")
                network = MinCostFlow(nodes: Int(fields[2])!)
                declaredArcs = Int(fields[3])!
            case "n":
                network.supply[Int(fields[1])! - 1] = Double(fields[2])!
            case "a":
                network.addArc(from: Int(fields[1])! - 1, to: Int(fields[2])! - 1,
                               lower: Double(fields[3])!, upper: Double(fields[4])!)
                firstCosts.append(Double(fields[5])!)
            default:
                continue
            }
        }
        #expect(network.arcCount == declaredArcs)
        let rows = costTable.split(separator: "\n")
        let names = rows[0].split(separator: ",").dropFirst().map(String.init)
        var costs = [String: [Double]]()
        for (column, name) in names.enumerated() {
            costs[name] = rows.dropFirst().map { Double($0.split(separator: ",")[column + 1])! }
        }
        #expect(rows.count - 1 == network.arcCount)
        return ReadBack(network: network, costs: costs, firstCosts: firstCosts)
    }

    /// The network as an LP (flow conservation rows, bounds on columns), minimised by GLPK.
    static func lpOptimum(_ network: MinCostFlow, costs: [Double]) throws -> Double {
        var model = Model()
        let first = model.addVariables(count: network.arcCount, lower: 0, upper: 0)
        var rows = [LinearExpression](repeating: LinearExpression(), count: network.nodeCount)
        for k in 0 ..< network.arcCount {
            let x = Variable(index: first.index + k)
            model.setBounds(x, lower: network.lower[k], upper: network.upper[k])
            rows[Int(network.tail[k])].add(x, 1)
            rows[Int(network.head[k])].add(x, -1)
        }
        for v in 0 ..< network.nodeCount { model.addConstraint(rows[v], .equal(network.supply[v])) }
        let objective = NamedObjective(name: "step1", expression: LinearExpression(
            indices: (0 ..< network.arcCount).map { Int32(first.index + $0) }, coefficients: costs))
        let solution = try GLPKBackend().solveLexicographic(model, objectives: [objective], options: SolverOptions(),
                                                            strategy: .optimalFace())
        #expect(solution.status == .optimal)
        return solution.steps[0].value
    }

    @Test(arguments: [3, 4, 11])
    func exportReadBackGivesTheFirstStepOptimum(seed: UInt64) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-network-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (report, folder, index) = try Self.export(seed: seed, into: root)
        for (row, block) in zip(index, report.result.blocks) {
            #expect(String(row[0]) == block.block.specialty)
            let read = try Self.read(
                dimacs: String(contentsOf: folder.appendingPathComponent(String(row[1])), encoding: .utf8),
                costTable: String(contentsOf: folder.appendingPathComponent(String(row[2])), encoding: .utf8))
            let first = block.steps[0]
            let factor = Double(row[6].split(separator: ";")[0])!
            #expect(read.costs[first.name] == read.firstCosts)
            let optimum = try Self.lpOptimum(read.network, costs: read.firstCosts) / factor
            #expect(abs(optimum - first.value) <= 1e-6 * max(1, abs(first.value)))
        }
    }

    /// GLPK's own DIMACS reader (`glpsol --mincost`) accepts the exported networks
    /// and finds the planner's first-step optimum of every block: the export is
    /// DIMACS as other tools read it, not only as Lotsa's reader does.
    @Test(.enabled(if: Glpsol.isInstalled, "glpsol is not installed"),
          arguments: [3, 11])
    func glpsolReadsTheExportAndFindsTheFirstStepOptimum(seed: UInt64) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-network-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (report, folder, index) = try Self.export(seed: seed, into: root)
        for (row, block) in zip(index, report.result.blocks) {
            let factor = Double(row[6].split(separator: ";")[0])!
            let optimum = try #require(try Glpsol.objective(format: "--mincost", file: folder.appendingPathComponent(String(row[1])),
                                                                   report: root.appendingPathComponent("\(row[0]).txt")))
            let first = block.steps[0].value
            #expect(abs(optimum / factor - first) <= 1e-6 * max(1, abs(first)), "\(row[0])")
        }
    }

    /// Every block of generated scenarios: each step's optimum of the network simplex
    /// equals Lotsa's first network simplex and GLPK's LP simplex with optimal-face fixing.
    @Test(arguments: 0 ..< 8)
    func solversAgreeOnGeneratedScenarios(seed: UInt64) throws {
        let problem = PlanningProblem(scenario: try RandomScenarios.files(seed: seed).load())
        var simplex = PlannerOptions()
        simplex.algorithm = .simplex
        let bySimplex = try Planner.solve(problem, options: simplex)
        for (block, reference) in zip(SpecialtyBlock.blocks(of: problem), bySimplex.blocks) {
            let formulation = NetworkFormulation(problem: problem, block: block)
            let costs = formulation.objectives(policy: problem.policy).map(\.costs)
            let ours = try NetworkSimplex().solveLexicographic(formulation.network, costs: costs)
            let classic = try ClassicNetworkSimplex().solveLexicographic(formulation.network, costs: costs)
            #expect(ours.status == .optimal)
            #expect(ours.values == classic.values)
            for (mine, theirs) in zip(ours.values, reference.steps.map(\.value)) {
                #expect(abs(mine - theirs) <= 1e-6 * max(1, abs(theirs)))
            }
        }
    }

    /// A generated scenario planned with `--write-network`: the run, the network folder
    /// and the rows of its index.csv, checked to hold one row per block.
    static func export(seed: UInt64, into root: URL) throws -> (PlanRunReport, URL, [[Substring]]) {
        let scenario = try RandomScenarios.files(seed: seed).write()
        var options = PlanRunOptions()
        options.outputDirectory = root.appendingPathComponent("out")
        options.networkDirectory = root.appendingPathComponent("networks")
        let report = try PlanRun.run(scenarioPath: scenario.path, options: options)
        let folder = options.networkDirectory!
        let index = try String(contentsOf: folder.appendingPathComponent("index.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(index.count == report.result.blocks.count)
        return (report, folder, index)
    }
}
