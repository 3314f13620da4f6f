import Foundation
import LinearProgramming

/// Writes each specialty block's minimum-cost flow network so that any network
/// solver can reproduce every lexicographic step (`--write-network DIR`):
///
/// * `<specialty>.min` — the network in DIMACS min-cost-flow format (`p min`, one
///   `n id supply` line per node with a non-zero supply, `a u v low cap cost` per arc,
///   nodes numbered from 1), carrying the first step's costs;
/// * `<specialty>.costs.csv` — every step's cost per arc, one row per `a` line in the
///   same order, the columns named after the steps (tiers, or `weighted`);
/// * `<specialty>.start` — the planner's start plan (``NetworkFormulation/startFlow(problem:block:)``),
///   one whole flow per arc in `a` line order: a feasible flow that Lotsa's network
///   simplex starts the first step from (other solvers may ignore it);
/// * `index.csv` — one row per block: its files, size, steps and the factor each
///   step's costs were multiplied by to make them whole (DIMACS costs are integers).
///
/// Between steps a solver fixes the optimal face as the planner does: after step k,
/// every arc with a non-zero reduced cost keeps its flow (lower = upper = flow).
/// A step's optimum in the plan's units is Σ cost · flow divided by its factor.
/// Blocks whose costs cannot be made whole are left out (the planner solves them
/// with the simplex method); `index.csv` lists them with an empty file name.
public enum NetworkExport {
    /// One block's network, with every step's whole-number costs.
    public struct Block: Sendable {
        public var specialty: String
        public var network: MinCostFlow
        public var stepNames: [String]
        /// Per step, its factor (nil: its costs cannot be made whole).
        public var factors: [Double?]
        /// Per step, the scaled costs per arc (empty when the factor is nil).
        public var costs: [[Int64]]
        /// The start plan's flow per arc, and the time it took, which belongs to the
        /// first step's time.
        public var start: TimedStartFlow
        public var exportable: Bool { factors.allSatisfy { $0 != nil } }
    }

    /// The networks of every block, in the planner's block order.
    public static func blocks(of problem: PlanningProblem) -> [Block] {
        SpecialtyBlock.blocks(of: problem).map { block in
            let formulation = NetworkFormulation(problem: problem, block: block)
            let objectives = formulation.objectives(policy: problem.policy)
            var factors: [Double?] = []
            var costs: [[Int64]] = []
            for objective in objectives {
                let factor = GLPKNetworkSolver.scale(for: objective.costs)
                factors.append(factor)
                costs.append(factor.map { f in objective.costs.map { Int64(($0 * f).rounded()) } } ?? [])
            }
            return Block(specialty: block.specialty, network: formulation.network, stepNames: objectives.map(\.name),
                         factors: factors, costs: costs, start: formulation.timedStartFlow(problem: problem, block: block))
        }
    }

    /// A file name for a specialty: letters, digits, `-`, `_` and `.` kept, the rest `_`.
    public static func fileStem(_ specialty: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let stem = String(specialty.map { allowed.contains($0) ? $0 : "_" })
        return stem.isEmpty || stem.hasPrefix(".") ? "_" + stem : stem
    }

    /// Writes every block into `folder` (the caller commits it).
    public static func write(problem: PlanningProblem, to folder: OutputFolder) throws(OutputError) {
        var index = CSVWriter(header: ["specialty", "network", "costs", "nodes", "arcs", "steps", "factors", "start"])
        var used: Set<String> = []
        for block in blocks(of: problem) {
            let steps = block.stepNames.joined(separator: ";")
            let factors = block.factors.map { $0.map { NumberFormat.csv($0, decimals: 0) } ?? "" }.joined(separator: ";")
            let size = [String(block.network.nodeCount), String(block.network.arcCount)]
            guard block.exportable else {
                index.append([block.specialty, "", ""] + size + [steps, factors, ""])
                continue
            }
            var stem = fileStem(block.specialty)
            while used.contains(stem) { stem += "_" }
            used.insert(stem)
            try folder.write(dimacs(block, scenario: problem.name), to: stem + ".min")
            try folder.write(costTable(block), to: stem + ".costs.csv")
            try folder.write(block.start.flow.map { String(Int64($0)) }.joined(separator: "\n") + "\n", to: stem + ".start")
            index.append([block.specialty, stem + ".min", stem + ".costs.csv"] + size + [steps, factors, stem + ".start"])
        }
        try folder.write(index.contents, to: "index.csv")
    }

    /// The DIMACS text of one block, with the first step's costs.
    public static func dimacs(_ block: Block, scenario: String) -> String {
        let network = block.network
        var lines: [String] = []
        lines.reserveCapacity(network.nodeCount + network.arcCount + 8)
        lines.append("c Lotsa: scenario \(scenario), specialty \(block.specialty)")
        lines.append("c every step's costs per arc (in `a` line order) are in the .costs.csv beside this file")
        for (k, name) in block.stepNames.enumerated() {
            lines.append("c step \(k + 1) \(name) factor \(NumberFormat.csv(block.factors[k] ?? 0, decimals: 0))")
        }
        lines.append("p min \(network.nodeCount) \(network.arcCount)")
        for v in 0..<network.nodeCount where network.supply[v] != 0 {
            lines.append("n \(v + 1) \(Int64(network.supply[v]))")
        }
        let first = block.costs.first ?? []
        for k in 0..<network.arcCount {
            lines.append("a \(network.tail[k] + 1) \(network.head[k] + 1) \(Int64(network.lower[k])) "
                         + "\(Int64(network.upper[k])) \(first.isEmpty ? 0 : first[k])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every step's scaled cost per arc, one row per arc in `a` line order.
    public static func costTable(_ block: Block) -> String {
        var lines = [(["arc"] + block.stepNames).joined(separator: ",")]
        lines.reserveCapacity(block.network.arcCount + 1)
        for k in 0..<block.network.arcCount {
            lines.append(([String(k + 1)] + block.costs.map { String($0[k]) }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
