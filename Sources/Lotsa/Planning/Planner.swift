import Foundation
import LinearProgramming
import Synchronization

/// How the planner solves.
public struct PlannerOptions: Sendable {
    public var solver = SolverOptions()
    public var strategy: LexicographicStrategy = .optimalFace()
    /// Blocks solved at once (GLPK keeps one environment per thread).
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// A pool shared with other scenarios solved at the same time (`lotsa run`,
    /// `lotsa check`); when set, blocks take its slots and `parallelism` is ignored.
    public var pool: WorkerPool?
    /// Solve all specialties as one LP instead of block by block (for checks and benchmarks).
    public var monolithic = false
    /// How blocks are solved; the tier values are the same either way.
    public var algorithm: Algorithm = .automatic

    public enum Algorithm: String, Sendable, CaseIterable {
        /// The network path where every tier's costs scale to whole numbers and the network
        /// simplex's certificate holds; GLPK's simplex method elsewhere.
        case automatic
        /// Min-cost flow with Lotsa's exact network simplex (integral); fails where costs
        /// cannot be made whole or the certificate fails.
        case network
        /// The LP with GLPK's simplex method and optimal-face fixing between tiers.
        case simplex
    }
    /// Keep each block's model so the caller can export it.
    public var keepModels = false

    public init() {}
}

/// Why a plan could not be made, in the scenario's terms.
public enum PlanningError: Error, Sendable, CustomStringConvertible {
    case solverStopped(specialty: String, tier: String, status: SolutionStatus)
    case solverFault(specialty: String, message: String)
    case invalidModel(specialty: String, message: String)

    public var description: String {
        switch self {
        case .solverStopped(let specialty, let tier, let status):
            switch status {
            case .timeLimit:
                return "the time limit was reached in specialty \(specialty) while minimising \(tier); no plan was published (raise --time-limit)"
            case .infeasible:
                return "specialty \(specialty): no plan satisfies the capacities, ceilings and fixed volumes while minimising \(tier)"
            case .unbounded:
                return "specialty \(specialty): tier \(tier) is unbounded; a tier weight or price is probably negative"
            default:
                let what = status == .numericalFailure ? "ran into numerical trouble" : "stopped without an optimum"
                return "specialty \(specialty): the solver \(what) while minimising \(tier), also after retrying with safer settings"
            }
        case .solverFault(let specialty, let message):
            return "specialty \(specialty): the solver reported an internal error: \(message)"
        case .invalidModel(let specialty, let message):
            return "specialty \(specialty): the model could not be handed to the solver: \(message)"
        }
    }
}

/// The outcome of solving one block.
public struct BlockResult: Sendable {
    public var block: SpecialtyBlock
    public var formulation: BlockFormulation?
    /// Each step's optimum, in the order solved.
    public var steps: [(name: String, value: Double)]
    /// `network` or `simplex`: how this block was solved.
    public var algorithm: String
    /// Size of the block's problem: rows, columns and nonzeros of the LP, or nodes,
    /// arcs and 2 × arcs (its node–arc incidence matrix) of the network.
    public var rows: Int, columns: Int, nonzeros: Int
    public var buildTime: Duration
    public var solveTime: Duration
    public var stepTimes: [Duration]
    /// Shadow price of capacity per (block offer position, period − 1): what one more
    /// case of capacity is worth in the first objective (≥ 0: it can only help).
    public var shadowPrices: [[Double]]
    fileprivate var cumulative: [(cohort: Int, values: [Double])]
    fileprivate var flows: [Flow]
}

/// The LP optimum of a whole planning problem.
public struct PlanningResult: Sendable {
    public var problem: PlanningProblem
    public var plan: Plan
    public var blocks: [BlockResult]
    /// Shadow prices per offer index and period − 1.
    public var shadowPrices: [Int: [Double]]
}

/// Solves a planning problem: one lexicographic LP per specialty block, in parallel.
///
/// ```swift
/// let result = try Planner.solve(problem, options: PlannerOptions())
/// let values = PlanEvaluation(problem: problem, plan: result.plan).tiers
/// ```
public enum Planner {
    public static func solve(_ problem: PlanningProblem, options: PlannerOptions,
                             backend: some SolverBackend = GLPKBackend()) throws(PlanningError) -> PlanningResult {
        let blocks = options.monolithic ? [SpecialtyBlock.monolithic(of: problem)] : SpecialtyBlock.blocks(of: problem)
        let blockResults = try BlockPool.solve(blocks.count, order: largestFirst(blocks), parallelism: options.parallelism,
                                                   pool: options.pool) { index throws(PlanningError) in
            try solveBlock(problem, blocks[index], options: options, backend: backend)
        }
        // Cohorts without any block (none: every cohort has a specialty) stay untreated.
        var cumulative = problem.cohorts.map { _ in [Double](repeating: 0, count: problem.periods + 1) }
        var flows: [Flow] = []
        var shadow: [Int: [Double]] = [:]
        for result in blockResults {
            for entry in result.cumulative { cumulative[entry.cohort] = entry.values }
            flows += result.flows
            for (position, offer) in result.block.offers.enumerated() { shadow[offer] = result.shadowPrices[position] }
        }
        return PlanningResult(problem: problem, plan: Plan(treatedCumulative: cumulative, flows: flows),
                              blocks: blockResults, shadowPrices: shadow)
    }

    /// Largest blocks first, so that parallel workers finish together.
    static func largestFirst(_ blocks: [SpecialtyBlock]) -> [Int] {
        blocks.indices.sorted { blocks[$0].arcs.count * blocks[$0].cohorts.count > blocks[$1].arcs.count * blocks[$1].cohorts.count }
    }

    static func solveBlock(_ problem: PlanningProblem, _ block: SpecialtyBlock, options: PlannerOptions,
                           backend: some SolverBackend) throws(PlanningError) -> BlockResult {
        if options.algorithm != .simplex && !options.monolithic {
            do {
                var result = try solveNetworkBlock(problem, block, timeLimit: options.solver.timeLimit)
                if options.keepModels { result.formulation = BlockFormulation(problem: problem, block: block) }
                return result
            } catch {
                // Costs that cannot be made whole, or a failed certificate: the simplex
                // method gives the same tiers.
                if options.algorithm == .network { throw error }
            }
        }
        return try solveSimplexBlock(problem, block, options: options, backend: backend)
    }

    /// Whether the network simplex starts from ``NetworkFormulation/startFlow(problem:block:)``
    /// (the default) or from its own crash start (`LOTSA_ALLOCATION_START=crash`, for measuring).
    static let startPlan = ProcessInfo.processInfo.environment["LOTSA_ALLOCATION_START"] != "crash"

    static func solveNetworkBlock(_ problem: PlanningProblem, _ block: SpecialtyBlock,
                                  timeLimit: Duration?) throws(PlanningError) -> BlockResult {
        let clock = ContinuousClock()
        let buildStart = clock.now
        let deadline = timeLimit.map { buildStart + $0 }
        let formulation = NetworkFormulation(problem: problem, block: block)
        let objectives = formulation.objectives(policy: problem.policy)
        let buildTime = clock.now - buildStart
        var solution: MinCostFlowSolution
        do {
            let start = startPlan ? formulation.timedStartFlow(problem: problem, block: block) : nil
            solution = try NetworkSimplex().solveLexicographic(formulation.network, costs: objectives.map(\.costs),
                                                               deadline: deadline, start: start?.flow)
            if let start { solution.countInFirstStep(start) }
        } catch {
            switch error {
            case .invalidModel(let message): throw .invalidModel(specialty: block.specialty, message: message)
            case .solverFault(let message): throw .solverFault(specialty: block.specialty, message: message)
            }
        }
        guard solution.status == .optimal else {
            throw .solverStopped(specialty: block.specialty, tier: objectives[solution.values.count].name, status: solution.status)
        }
        let T = problem.periods
        var cumulative: [(cohort: Int, values: [Double])] = []
        for (local, cohort) in block.cohorts.enumerated() {
            var row = [Double](repeating: 0, count: T + 1)
            for t in 1...T { row[t] = row[t - 1] + solution.flow[formulation.treatArcs[local][t - 1]] }
            cumulative.append((cohort, row))
        }
        var flows: [Flow] = []
        for (a, arc) in block.arcs.enumerated() {
            for t in 1...T {
                let index = formulation.sendArcs[a][t - 1]
                if index >= 0, solution.flow[index] != 0 {
                    flows.append(Flow(group: block.groups[arc.group], offer: arc.offer, period: t, cases: solution.flow[index]))
                }
            }
        }
        // A saturated capacity arc with reduced cost −r means one more case there
        // would lower the first objective by r.
        let shadow: [[Double]] = formulation.capacityArcs.map { arcs in
            arcs.map { $0 < 0 ? 0 : clean(max(0, -solution.firstReducedCosts[$0])) }
        }
        let network = formulation.network
        return BlockResult(block: block, formulation: nil,
                           steps: zip(objectives, solution.values).map { ($0.name, $1) },
                           algorithm: "network",
                           rows: network.nodeCount, columns: network.arcCount, nonzeros: 2 * network.arcCount,
                           buildTime: buildTime,
                           solveTime: solution.stepTimes.reduce(Duration.zero, +),
                           stepTimes: solution.stepTimes,
                           shadowPrices: shadow, cumulative: cumulative, flows: flows)
    }

    static func solveSimplexBlock(_ problem: PlanningProblem, _ block: SpecialtyBlock, options: PlannerOptions,
                                  backend: some SolverBackend) throws(PlanningError) -> BlockResult {
        let clock = ContinuousClock()
        let buildStart = clock.now
        let formulation = BlockFormulation(problem: problem, block: block)
        let objectives = formulation.objectives(policy: problem.policy)
        let buildTime = clock.now - buildStart

        let solution: LexicographicSolution
        do {
            solution = try backend.solveLexicographic(formulation.model, objectives: objectives,
                                                      options: options.solver, strategy: options.strategy)
        } catch {
            switch error {
            case .invalidModel(let message): throw .invalidModel(specialty: block.specialty, message: message)
            case .solverFault(let message): throw .solverFault(specialty: block.specialty, message: message)
            }
        }
        guard solution.status == .optimal else {
            throw .solverStopped(specialty: block.specialty, tier: solution.failedStep ?? "?", status: solution.status)
        }
        let (cumulative, flows) = formulation.plan(from: solution.solution.values, block: block)
        let firstDuals = solution.steps.first?.solution
        let shadow: [[Double]] = formulation.capacityRows.map { rows in
            rows.map { row in
                guard let row, let firstDuals else { return 0 }
                return clean(-firstDuals.dual(of: row))
            }
        }
        let matrix = formulation.model
        return BlockResult(block: block, formulation: options.keepModels ? formulation : nil,
                           steps: solution.steps.map { ($0.name, $0.value) },
                           algorithm: "simplex",
                           rows: matrix.constraintCount, columns: matrix.variableCount, nonzeros: matrix.nonzeroCount,
                           buildTime: buildTime,
                           solveTime: solution.steps.reduce(Duration.zero) { $0 + $1.solution.solveTime },
                           stepTimes: solution.steps.map(\.solution.solveTime),
                           shadowPrices: shadow, cumulative: cumulative, flows: flows)
    }

    /// Removes solver noise: values within 1e-9 of a whole number become that number.
    static func clean(_ value: Double) -> Double {
        let whole = value.rounded()
        return abs(value - whole) < 1e-9 ? (whole == 0 ? 0 : whole) : value
    }
}

extension SpecialtyBlock {
    /// All specialties in one block: the monolithic LP, for checks and benchmarks.
    public static func monolithic(of problem: PlanningProblem) -> SpecialtyBlock {
        SpecialtyBlock(problem: problem, specialty: "all", cohorts: Array(problem.cohorts.indices),
                       offers: Array(problem.offers.indices))
    }
}
