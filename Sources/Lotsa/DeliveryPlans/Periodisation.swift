import LinearProgramming

/// Spreads decided annual volumes over the weeks (plan-semantics.md §6).
///
/// Lines of the missiv fix how many cases each administration sends to each provider
/// over the year; arcs to providers the missiv does not name stay closed, except an
/// administration's own sites (its own production, which the missiv does not decide).
/// Objectives, in order: unresolved volume (totals are met unless capacity or
/// patients make that impossible), `overdue`, the L1 deviation from a spread
/// proportional to the provider's weekly capacity (so summer and Christmas get
/// less), and `waiting`.
public struct PeriodisationResult: Sendable {
    public struct Line: Sendable, Hashable {
        public var administration: String
        public var provider: Int
        public var specialty: String
        public var decided: Int
        public var planned: Int
        /// Outlösta volymer: decided but not placeable.
        public var unresolved: Int { decided - planned }
    }

    public var problem: PlanningProblem
    public var lpPlan: Plan
    public var plan: Plan
    public var lines: [Line]
    /// The LP's unresolved volume and deviation, per block summed.
    public var lpUnresolved: Double
    public var lpDeviation: Double
    /// The published plan's deviation from the capacity-proportional spread.
    public var deviation: Double
}

public enum Periodiser {
    public static func periodise(_ problem: PlanningProblem, decided: DecidedVolumes,
                                 options: PlannerOptions = PlannerOptions(),
                                 backend: some SolverBackend = GLPKBackend()) throws(PlanningError) -> PeriodisationResult {
        let T = problem.periods
        var flows: [Flow] = []
        var cumulative = problem.cohorts.map { _ in [Double](repeating: 0, count: T + 1) }
        var lpUnresolved = 0.0, lpDeviation = 0.0
        for block in SpecialtyBlock.blocks(of: problem) {
            let lines = decided.lines.filter { $0.specialty == block.specialty }
            var formulation = BlockFormulation(problem: problem, block: block)
            var model = formulation.model
            // Which arcs belong to which line; close arcs no line names (but own sites).
            var arcsOfLine = [[Int]](repeating: [], count: lines.count)
            for (a, arc) in block.arcs.enumerated() {
                let group = block.groups[arc.group]
                let offer = problem.offers[arc.offer]
                if let l = lines.firstIndex(where: { $0.administration == group.administration && $0.provider == offer.provider }) {
                    arcsOfLine[l].append(a)
                } else if problem.providers[offer.provider].administration != group.administration {
                    for t in 1...T { model.setBounds(Variable(index: Int(formulation.z(a, t))), lower: 0, upper: 0) }
                }
            }
            var unresolved = LinearExpression(), deviation = LinearExpression()
            for (l, line) in lines.enumerated() {
                let short = model.addVariable(name: nil, lower: 0)
                unresolved.add(short)
                var columns = arcsOfLine[l].flatMap { a in (1...T).map { formulation.z(a, $0) } }
                var coefficients = [Double](repeating: 1, count: columns.count)
                columns.append(Int32(short.index)); coefficients.append(1)
                model.addConstraint(columns: columns, coefficients: coefficients, .equal(Double(line.volume)))
                // Target: the volume spread in proportion to the provider's capacity.
                let offer = problem.offers.first { $0.provider == line.provider && $0.specialty == line.specialty }!
                let totalCapacity = offer.capacity.reduce(0, +)
                for t in 1...T where offer.active[t - 1] {
                    let target = totalCapacity == 0 ? 0 : Double(line.volume) * Double(offer.capacity[t - 1]) / Double(totalCapacity)
                    let above = model.addVariable(lower: 0), below = model.addVariable(lower: 0)
                    deviation.add(above); deviation.add(below)
                    var cols = arcsOfLine[l].map { formulation.z($0, t) }
                    var coefs = [Double](repeating: 1, count: cols.count)
                    cols += [Int32(above.index), Int32(below.index)]; coefs += [-1, 1]
                    model.addConstraint(columns: cols, coefficients: coefs, .equal(target))
                }
            }
            formulation.model = model
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
            lpUnresolved += solution.steps[0].value
            lpDeviation += solution.steps[2].value
            let values = solution.solution.values
            for (local, q) in block.cohorts.enumerated() {
                for t in 1...T { cumulative[q][t] = Planner.clean(values[Int(formulation.y(local, t))]) }
            }
            for (a, arc) in block.arcs.enumerated() {
                for t in 1...T {
                    let cases = Planner.clean(values[Int(formulation.z(a, t))])
                    if cases != 0 { flows.append(Flow(group: block.groups[arc.group], offer: arc.offer, period: t, cases: cases)) }
                }
            }
        }
        let lpPlan = Plan(treatedCumulative: cumulative, flows: flows)
        // Whole patients, with each line's total as close to the decided volume as the LP got.
        var totals: [IntegralRounding.LineKey: Int] = [:]
        var lpLineTotals: [IntegralRounding.LineKey: Double] = [:]
        for flow in flows {
            let key = IntegralRounding.LineKey(administration: flow.group.administration,
                                               provider: problem.offers[flow.offer].provider, specialty: flow.group.specialty)
            lpLineTotals[key, default: 0] += flow.cases
        }
        for line in decided.lines {
            let key = IntegralRounding.LineKey(administration: line.administration, provider: line.provider, specialty: line.specialty)
            totals[key] = min(line.volume, Int((lpLineTotals[key] ?? 0).rounded()))
        }
        let plan = lpPlan.isIntegral() ? lpPlan.rounded() : IntegralRounding.round(lpPlan, problem: problem, lineTotals: totals).plan
        var planned: [IntegralRounding.LineKey: Int] = [:]
        for flow in plan.flows {
            let key = IntegralRounding.LineKey(administration: flow.group.administration,
                                               provider: problem.offers[flow.offer].provider, specialty: flow.group.specialty)
            planned[key, default: 0] += Int(flow.cases)
        }
        let lines = decided.lines.map { line in
            PeriodisationResult.Line(administration: line.administration, provider: line.provider, specialty: line.specialty,
                                     decided: line.volume,
                                     planned: planned[IntegralRounding.LineKey(administration: line.administration,
                                                                               provider: line.provider,
                                                                               specialty: line.specialty)] ?? 0)
        }
        return PeriodisationResult(problem: problem, lpPlan: lpPlan, plan: plan, lines: lines,
                                   lpUnresolved: lpUnresolved, lpDeviation: lpDeviation,
                                   deviation: deviation(of: plan, decided: decided, problem: problem))
    }

    /// Σ over lines and weeks of |planned − capacity-proportional target|.
    static func deviation(of plan: Plan, decided: DecidedVolumes, problem: PlanningProblem) -> Double {
        let T = problem.periods
        var weekly: [IntegralRounding.LineKey: [Double]] = [:]
        for flow in plan.flows {
            let key = IntegralRounding.LineKey(administration: flow.group.administration,
                                               provider: problem.offers[flow.offer].provider, specialty: flow.group.specialty)
            weekly[key, default: [Double](repeating: 0, count: T + 1)][flow.period] += flow.cases
        }
        var total = 0.0
        for line in decided.lines {
            let offer = problem.offers.first { $0.provider == line.provider && $0.specialty == line.specialty }!
            let capacity = offer.capacity.reduce(0, +)
            let series = weekly[IntegralRounding.LineKey(administration: line.administration, provider: line.provider,
                                                         specialty: line.specialty)] ?? [Double](repeating: 0, count: T + 1)
            for t in 1...T where offer.active[t - 1] {
                let target = capacity == 0 ? 0 : Double(line.volume) * Double(offer.capacity[t - 1]) / Double(capacity)
                total += abs(series[t] - target)
            }
        }
        return total
    }
}
