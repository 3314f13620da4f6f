import Foundation
import LinearProgramming
import Synchronization

/// Decided annual volumes spread over the weeks (optimal-plan.md §6).
///
/// Lines of the missiv fix how many cases each administration sends to each provider
/// over the year; arcs to providers the missiv does not name stay closed, except an
/// administration's own sites (its own production, which the missiv does not decide).
/// Objectives, in order: unresolved volume (totals are met unless capacity, ceilings
/// or the administration's patients make that impossible), `overdue`, the L1
/// deviation from a spread proportional to the provider's weekly capacity (so summer
/// and Christmas get less), and `waiting`.
public struct PeriodisationResult: Sendable {
    public struct Line: Sendable, Hashable {
        public var administration: String
        /// Index into ``PlanningProblem/providers``.
        public var provider: Int
        public var specialty: String
        public var decided: Int
        /// Cases per period of the published plan, index t − 1; they add up to `planned`.
        public var weekly: [Int]
        /// The capacity-proportional spread of `decided`, index t − 1 (whole cases
        /// that add up to `decided` when the provider has any capacity).
        public var target: [Int]

        public var planned: Int { weekly.reduce(0, +) }
        /// Outlösta volymer: decided but not placeable.
        public var unresolved: Int { decided - planned }
    }

    /// How the weeks were found.
    public enum Engine: String, Sendable {
        /// From a feasible plan with the decided totals (the allocation's optimum),
        /// offer by offer as minimum-cost flows (``SteadySpread``).
        case network
        /// The lexicographic LP of the whole periodisation, solved by GLPK.
        case lp
    }

    public var problem: PlanningProblem
    public var engine: Engine
    /// The LP optimum of the periodisation (whole numbers when it is a vertex of an
    /// integral face; otherwise rounded into ``plan``).
    public var lpPlan: Plan
    /// The published plan, in whole patients.
    public var plan: Plan
    public var method: PlanPublisher.Method
    /// One per decided line, in the decided file's order.
    public var lines: [Line]
    /// The LP's unresolved volume and deviation, summed over the blocks.
    public var lpUnresolved: Double
    public var lpDeviation: Double
    /// The published plan's deviation from the capacity-proportional spread.
    public var deviation: Double
    /// Rows, columns and nonzeros of the LPs solved, summed over the blocks.
    public var rows: Int, columns: Int, nonzeros: Int

    /// The published plan's unresolved volume over all lines.
    public var unresolved: Int { lines.reduce(0) { $0 + $1.unresolved } }
}

public enum Periodiser {
    /// The capacity-proportional spread of `volume` over the periods: whole cases
    /// by the largest-remainder method, so they add up to `volume` exactly (when
    /// any period has capacity) and ties go to the earlier week.
    public static func targets(volume: Int, offer: Offer) -> [Int] {
        let capacity = offer.capacity.indices.map { offer.active[$0] ? max(0, offer.capacity[$0]) : 0 }
        let total = capacity.reduce(0, +)
        guard total > 0, volume > 0 else { return [Int](repeating: 0, count: capacity.count) }
        var result = capacity.map { volume * $0 / total }
        let remainder = volume - result.reduce(0, +)
        let order = capacity.indices.sorted { a, b in
            let ra = volume * capacity[a] % total, rb = volume * capacity[b] % total
            return ra != rb ? ra > rb : a < b
        }
        for index in order.prefix(remainder) { result[index] += 1 }
        return result
    }

    /// The offer of a line's provider in its specialty.
    static func offerIndex(_ problem: PlanningProblem, provider: Int, specialty: String) -> Int? {
        problem.offers.firstIndex { $0.provider == provider && $0.specialty == specialty }
    }

    /// The one periodisation entry point (`lotsa plan`, `lotsa periodise`, re-planning):
    /// decided volumes and the planning problem in, weekly plans and what cannot be
    /// placed out.
    ///
    /// - Parameter start: a feasible plan whose lines are exactly the decided volumes
    ///   (for `lotsa plan`: the allocation's optimum, whose missiv is being
    ///   periodised). When nil, the allocation is solved and used if its missiv is
    ///   the decided one, so `lotsa periodise` of a plan's own missiv publishes the
    ///   same weeks as `lotsa plan`. With such a start the fast engine
    ///   (``SteadySpread``, engine `network`) runs; otherwise the whole periodisation
    ///   is one lexicographic LP for GLPK (engine `lp`), which also finds the
    ///   unresolved volume of decided lines that cannot all be placed.
    ///
    /// ```swift
    /// let result = try Periodiser.periodise(problem, decided: decided)
    /// result.lines[0].weekly   // cases per week of the first decided line
    /// ```
    public static func periodise(_ problem: PlanningProblem, decided: DecidedVolumes,
                                 options: PlannerOptions = PlannerOptions(),
                                 backend: some SolverBackend = GLPKBackend(),
                                 start: Plan? = nil) throws(PlanningError) -> PeriodisationResult {
        let T = problem.periods
        let targets: [[Int]] = decided.lines.map { line in
            guard let offer = offerIndex(problem, provider: line.provider, specialty: line.specialty) else {
                return [Int](repeating: 0, count: T)
            }
            return Self.targets(volume: line.volume, offer: problem.offers[offer])
        }
        if !options.monolithic && options.algorithm != .simplex {
            var begin = start
            // The allocation's `overdue` is a lower bound on any periodisation's when the
            // policy minimises `overdue` first: a periodisation is one of its plans.
            var overdueBound: Double?
            if begin == nil {
                let allocation = try Planner.solve(problem, options: options, backend: backend)
                begin = PlanPublisher.publish(allocation.plan, problem: problem).0
                if problem.policy.objective == .lexicographic, problem.policy.tiers.first == .overdue {
                    overdueBound = PlanEvaluation(problem: problem, plan: allocation.plan).tiers[.overdue]
                }
            }
            if let begin, begin.isIntegral(tolerance: 0), hasTotals(begin, of: decided, problem: problem) {
                return try steady(problem, decided: decided, start: begin, targets: targets, options: options).result
            }
            // Another missiv: placed offer by offer from nothing. When every decided
            // case finds a week, or each offer's shortfall is what it would be with
            // every patient to itself (then no periodisation places more), that is
            // the periodisation; otherwise the LP below finds exactly what cannot be placed.
            // The engine's `overdue` is a local optimum; it is published only when it meets
            // the bound, so `overdue` is the periodisation's optimum (docs/optimal-plan.md §6).
            let placed: (result: PeriodisationResult, shortfallIsLeast: Bool)?
            do {
                placed = try steady(problem, decided: decided, start: nil, warm: begin, targets: targets, options: options)
            } catch {
                // A solver fault of the engine (a failed certificate): the exact LP below.
                guard case .solverFault = error else { throw error }
                placed = nil
            }
            if let placed, placed.shortfallIsLeast, let overdueBound,
               (PlanEvaluation(problem: problem, plan: placed.result.plan).tiers[.overdue] ?? .infinity)
                <= overdueBound + 1e-6 * max(1, abs(overdueBound)) {
                return placed.result
            }
        }
        let blocks = options.monolithic ? [SpecialtyBlock.monolithic(of: problem)] : SpecialtyBlock.blocks(of: problem)
        let outcomes = try BlockPool.solve(blocks.count, parallelism: options.parallelism, pool: options.pool) { index throws(PlanningError) in
            try solveBlock(problem, blocks[index], decided: decided, targets: targets, options: options, backend: backend)
        }
        var cumulative = problem.cohorts.map { _ in [Double](repeating: 0, count: T + 1) }
        var flows: [Flow] = []
        var lpUnresolved = 0.0, lpDeviation = 0.0
        var rows = 0, columns = 0, nonzeros = 0
        for outcome in outcomes {
            for (q, values) in outcome.cumulative { cumulative[q] = values }
            flows += outcome.flows
            lpUnresolved += outcome.unresolved
            lpDeviation += outcome.deviation
            rows += outcome.rows; columns += outcome.columns; nonzeros += outcome.nonzeros
        }
        // Lines of a specialty nobody waits for have no block: nothing can be sent.
        // (The monolithic LP has every line.)
        let solvedSpecialties = Set(blocks.map(\.specialty))
        for (index, line) in decided.lines.enumerated()
        where !options.monolithic && !solvedSpecialties.contains(line.specialty) {
            lpUnresolved += Double(line.volume)
            lpDeviation += Double(targets[index].reduce(0, +))
        }
        lpUnresolved = Planner.clean(lpUnresolved)
        lpDeviation = Planner.clean(lpDeviation)
        let lpPlan = Plan(treatedCumulative: cumulative, flows: flows)

        // Whole patients. The LP is usually a vertex in whole numbers already; if
        // not, round with each line's total as close to the decided volume as the LP got.
        let plan: Plan
        let method: PlanPublisher.Method
        if lpPlan.isIntegral(tolerance: 1e-6) {
            plan = lpPlan.rounded()
            method = .lpVertex
        } else {
            var lpLineTotals: [IntegralRounding.LineKey: Double] = [:]
            for flow in flows {
                lpLineTotals[lineKey(flow, problem), default: 0] += flow.cases
            }
            var totals: [IntegralRounding.LineKey: Int] = [:]
            for line in decided.lines {
                let key = IntegralRounding.LineKey(administration: line.administration, provider: line.provider,
                                                   specialty: line.specialty)
                totals[key] = min(line.volume, Int((lpLineTotals[key] ?? 0).rounded()))
            }
            plan = IntegralRounding.round(lpPlan, problem: problem, lineTotals: totals).plan
            method = .floorAndReassign
        }
        let lines = Self.lines(of: plan, decided: decided, targets: targets, problem: problem)
        return PeriodisationResult(problem: problem, engine: .lp, lpPlan: lpPlan, plan: plan, method: method, lines: lines,
                                   lpUnresolved: lpUnresolved, lpDeviation: lpDeviation,
                                   deviation: deviation(of: lines), rows: rows, columns: columns, nonzeros: nonzeros)
    }

    /// Whether the lines of `plan` are exactly the decided lines, with their volumes.
    static func hasTotals(_ plan: Plan, of decided: DecidedVolumes, problem: PlanningProblem) -> Bool {
        var totals: [IntegralRounding.LineKey: Int] = [:]
        for flow in plan.flows { totals[lineKey(flow, problem), default: 0] += Int(flow.cases.rounded()) }
        totals = totals.filter { $0.value != 0 }
        var wanted: [IntegralRounding.LineKey: Int] = [:]
        for line in decided.lines where line.volume != 0 {
            wanted[IntegralRounding.LineKey(administration: line.administration, provider: line.provider,
                                            specialty: line.specialty)] = line.volume
        }
        return totals == wanted
    }

    /// The fast engine: the start plan's lines re-spread steadily (``SteadySpread``).
    static func steady(_ problem: PlanningProblem, decided: DecidedVolumes, start: Plan?, warm: Plan? = nil, targets: [[Int]],
                       options: PlannerOptions) throws(PlanningError) -> (result: PeriodisationResult, shortfallIsLeast: Bool) {
        var byKey: [IntegralRounding.LineKey: Int] = [:]
        for line in decided.lines {
            byKey[IntegralRounding.LineKey(administration: line.administration, provider: line.provider,
                                           specialty: line.specialty)] = line.volume
        }
        let spread = try SteadySpread.spread(problem, start: start, warm: warm, decided: byKey, options: options)
        let lines = Self.lines(of: spread.plan, decided: decided, targets: targets, problem: problem)
        let deviation = deviation(of: lines)
        let unresolved = lines.reduce(0) { $0 + $1.unresolved }
        return (PeriodisationResult(problem: problem, engine: .network, lpPlan: spread.plan, plan: spread.plan,
                                    method: .lpVertex, lines: lines, lpUnresolved: Double(unresolved), lpDeviation: deviation,
                                    deviation: deviation, rows: spread.nodes, columns: spread.arcs,
                                    nonzeros: 2 * spread.arcs), spread.shortfallIsLeast)
    }

    static func lineKey(_ flow: Flow, _ problem: PlanningProblem) -> IntegralRounding.LineKey {
        IntegralRounding.LineKey(administration: flow.group.administration, provider: problem.offers[flow.offer].provider,
                                 specialty: flow.group.specialty)
    }

    /// Each decided line's weekly cases in `plan`.
    static func lines(of plan: Plan, decided: DecidedVolumes, targets: [[Int]],
                      problem: PlanningProblem) -> [PeriodisationResult.Line] {
        let T = problem.periods
        var weekly: [IntegralRounding.LineKey: [Int]] = [:]
        for flow in plan.flows {
            weekly[lineKey(flow, problem), default: [Int](repeating: 0, count: T)][flow.period - 1] += Int(flow.cases.rounded())
        }
        return decided.lines.enumerated().map { index, line in
            let key = IntegralRounding.LineKey(administration: line.administration, provider: line.provider,
                                               specialty: line.specialty)
            return PeriodisationResult.Line(administration: line.administration, provider: line.provider,
                                            specialty: line.specialty, decided: line.volume,
                                            weekly: weekly[key] ?? [Int](repeating: 0, count: T), target: targets[index])
        }
    }

    /// Σ over lines and weeks of |planned − capacity-proportional target|.
    static func deviation(of lines: [PeriodisationResult.Line]) -> Double {
        Double(lines.reduce(0) { sum, line in
            sum + zip(line.weekly, line.target).reduce(0) { $0 + abs($1.0 - $1.1) }
        })
    }

    struct BlockOutcome: Sendable {
        var cumulative: [(Int, [Double])]
        var flows: [Flow]
        var unresolved: Double
        var deviation: Double
        var rows: Int, columns: Int, nonzeros: Int
    }

    static func solveBlock(_ problem: PlanningProblem, _ block: SpecialtyBlock, decided: DecidedVolumes,
                           targets: [[Int]], options: PlannerOptions,
                           backend: some SolverBackend) throws(PlanningError) -> BlockOutcome {
        let T = problem.periods
        // The lines of this block (every line when all specialties are solved as one LP).
        let lineIndices = decided.lines.indices.filter {
            options.monolithic || decided.lines[$0].specialty == block.specialty
        }
        let formulation = BlockFormulation(problem: problem, block: block)
        var model = formulation.model
        // Which arcs belong to which line; close arcs no line names (but own sites).
        var arcsOfLine = [[Int]](repeating: [], count: lineIndices.count)
        for (a, arc) in block.arcs.enumerated() {
            let group = block.groups[arc.group]
            let offer = problem.offers[arc.offer]
            if let l = lineIndices.firstIndex(where: {
                decided.lines[$0].administration == group.administration && decided.lines[$0].provider == offer.provider
                    && decided.lines[$0].specialty == group.specialty
            }) {
                arcsOfLine[l].append(a)
            } else if problem.providers[offer.provider].administration != group.administration {
                for t in 1...T { model.setBounds(Variable(index: Int(formulation.z(a, t))), lower: 0, upper: 0) }
            }
        }
        var unresolved = LinearExpression(), deviation = LinearExpression()
        for (l, index) in lineIndices.enumerated() {
            let line = decided.lines[index]
            // Σ cases of the line + short = decided volume.
            let short = model.addVariable(lower: 0)
            unresolved.add(short)
            var columns = arcsOfLine[l].flatMap { a in (1...T).map { formulation.z(a, $0) } }
            var coefficients = [Double](repeating: 1, count: columns.count)
            columns.append(Int32(short.index)); coefficients.append(1)
            model.addConstraint(columns: columns, coefficients: coefficients, .equal(Double(line.volume)))
            // |cases in week t − target| ≤ above + below, in every week the provider serves.
            guard let offerIndex = offerIndex(problem, provider: line.provider, specialty: line.specialty) else { continue }
            let offer = problem.offers[offerIndex]
            for t in 1...T where offer.active[t - 1] {
                let above = model.addVariable(lower: 0), below = model.addVariable(lower: 0)
                deviation.add(above); deviation.add(below)
                var cols = arcsOfLine[l].map { formulation.z($0, t) }
                var coefs = [Double](repeating: 1, count: cols.count)
                cols += [Int32(above.index), Int32(below.index)]; coefs += [-1, 1]
                model.addConstraint(columns: cols, coefficients: coefs, .equal(Double(targets[index][t - 1])))
            }
        }
        let objectives = [NamedObjective(name: "unresolved", expression: unresolved),
                          NamedObjective(name: "overdue", expression: formulation.tierExpressions[.overdue]!),
                          NamedObjective(name: "deviation", expression: deviation),
                          NamedObjective(name: "waiting", expression: formulation.tierExpressions[.waiting]!)]
        let solution: LexicographicSolution
        do {
            solution = try backend.solveLexicographic(model, objectives: objectives, options: options.solver,
                                                      strategy: options.strategy)
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
        return BlockOutcome(cumulative: cumulative.map { ($0.cohort, $0.values) }, flows: flows, unresolved: solution.steps[0].value,
                            deviation: solution.steps[2].value, rows: model.constraintCount,
                            columns: model.variableCount, nonzeros: model.nonzeroCount)
    }
}
