import LinearProgramming

/// The smallest extra weekly capacity per administration and specialty that brings
/// the patients beyond the care guarantee at the end of the horizon to zero.
///
/// The question is the planner's model (optimal-plan.md §2–§4) with extra cases
/// x[a] ≥ 0 a week at administration a's sites, the same in every week, and nobody
/// beyond the guarantee at the end; Σ_a x[a] is minimised. Capacity is whole cases.
///
/// **With transfers allowed** (or one administration) every group can use every
/// administration's extra capacity, so only the total X matters for the guarantee,
/// and ``ReliefNetwork`` answers "how many are left beyond the guarantee with X a
/// week" exactly with the planner's own network simplex. That count B(X) is convex,
/// decreasing and whole at whole X; from an X that leaves someone beyond the
/// guarantee, the relief arcs' reduced costs give a tangent below B whose zero is
/// never past the smallest feasible X. Newton steps rounded up therefore climb to the
/// smallest whole X exactly (each step is one min-cost flow; typically a handful per
/// specialty), and one more step in fractions (the network scaled by the
/// denominator) gives the LP minimum of X, `exact`. X is then split between the
/// administrations where it is used: one more flow keeps nobody beyond the guarantee,
/// then minimises transfers to other administrations' sites and then cases on the
/// extra capacity, so each group uses its own sites first, extra capacity rather than
/// a transfer, and the extra capacity lands where the patients are; X is shared in
/// proportion to each administration's cases on it (largest remainder).
///
/// **With transfers forbidden and several administrations** each administration's
/// extra capacity serves only its own patients and the x[a] interact through the
/// contracts; then one GLPK LP per specialty answers it (``solveLP(_:_:options:)``),
/// rounding each x[a] up.
public struct ReliefCapacity: Sendable {
    public var specialty: String
    /// The smallest total extra weekly capacity at the LP optimum (may be
    /// fractional); nil when the fractional steps did not close (see `method`).
    public var exact: Double?
    /// Whole extra cases a week per administration.
    public var cases: [String: Int]
    /// `network` (Newton on the network simplex) or `simplex` (GLPK LP).
    public var method: String
    /// Min-cost flows (network) or LPs (simplex) solved.
    public var solves: Int

    /// Solves every specialty block, `parallelism` at a time.
    public static func solve(_ problem: PlanningProblem, parallelism: Int,
                             options: SolverOptions = SolverOptions()) throws(PlanningError) -> [ReliefCapacity] {
        let blocks = SpecialtyBlock.blocks(of: problem)
        let order = blocks.indices.sorted { blocks[$0].arcs.count * blocks[$0].cohorts.count > blocks[$1].arcs.count * blocks[$1].cohorts.count }
        return try BlockPool.solve(blocks.count, order: order, parallelism: parallelism) { index throws(PlanningError) in
            try solve(problem, blocks[index], options: options)
        }
    }

    static func solve(_ problem: PlanningProblem, _ block: SpecialtyBlock,
                      options: SolverOptions) throws(PlanningError) -> ReliefCapacity {
        let administrations = Set(block.groups.map(\.administration))
        guard problem.policy.internalTransfersAllowed || administrations.count <= 1 else {
            return try solveLP(problem, block, options: options)
        }
        do {
            return try solveNetwork(problem, block)
        } catch {
            throw .solverFault(specialty: block.specialty, message: "relief capacity: \(error)")
        }
    }

    /// Newton's method on B(X) with the network simplex (see the type's documentation).
    static func solveNetwork(_ problem: PlanningProblem, _ block: SpecialtyBlock) throws(SolverError) -> ReliefCapacity {
        var network = ReliefNetwork(problem: problem, block: block)
        var solves = 0
        func beyond(_ x: Int) throws(SolverError) -> (value: Double, slope: Double) {
            network.setRelief(Double(x))
            solves += 1
            return try network.beyond()
        }
        // low: the largest X known to leave someone beyond the guarantee, with B and a
        // subgradient there; high: the smallest X known to leave nobody.
        var low = 0
        var (lowValue, lowSlope) = try beyond(0)
        var whole = 0
        if lowValue > 0 {
            var high: Int?
            while true {
                if let high, high == low + 1 { whole = high; break }
                var next: Int
                if lowSlope < 0 {
                    // The tangent's zero, rounded up: never past the answer.
                    next = max(low + 1, low + Int((lowValue / -lowSlope - 1e-9).rounded(.up)))
                    if let high, next >= high { whole = high; break }
                } else if let high {
                    next = (low + high) / 2
                } else {
                    next = max(1, 2 * low)
                }
                let (value, slope) = try beyond(next)
                if value == 0 {
                    // From a tangent, the first X that clears is the smallest.
                    if lowSlope < 0 { whole = next; break }
                    high = next
                } else {
                    (low, lowValue, lowSlope) = (next, value, slope)
                }
            }
        }
        let exact = whole == 0 ? 0 : try fractional(problem, block, low: low, value: lowValue, slope: lowSlope,
                                                     solves: &solves)
        network.setRelief(Double(whole))
        let cases = try split(whole, network: network, block: block, problem: problem)
        solves += 1
        return ReliefCapacity(specialty: block.specialty, exact: exact, cases: cases, method: "network", solves: solves)
    }

    /// The LP minimum of X in (low, low + 1]: Newton steps in fractions from `low`,
    /// each on the network scaled by the step's denominator; nil after four steps.
    static func fractional(_ problem: PlanningProblem, _ block: SpecialtyBlock, low: Int, value: Double, slope: Double,
                           solves: inout Int) throws(SolverError) -> Double? {
        guard slope < 0 else { return nil }
        // x = numerator / denominator; B there, scaled by the denominator, is `value`.
        var numerator = Double(low), denominator = 1.0, value = value, slope = slope
        for _ in 0..<4 {
            numerator = numerator * -slope + value
            denominator *= -slope
            guard denominator <= 1e6 else { return nil }
            var scaled = ReliefNetwork(problem: problem, block: block, scale: denominator)
            scaled.setRelief(numerator)
            solves += 1
            (value, slope) = try scaled.beyond()
            if value == 0 { return numerator / denominator }
            guard slope < 0 else { return nil }
        }
        return nil
    }

    /// Splits `whole` between the administrations in proportion to their patients'
    /// cases on the extra capacity when transfers and then extra cases are minimised
    /// with nobody beyond the guarantee (largest remainder, ties in the problem's order).
    static func split(_ whole: Int, network: ReliefNetwork, block: SpecialtyBlock,
                      problem: PlanningProblem) throws(SolverError) -> [String: Int] {
        var cases: [String: Int] = [:]
        for administration in problem.administrations { cases[administration] = 0 }
        guard whole > 0 else { return cases }
        let solution: MinCostFlowSolution
        do {
            solution = try NetworkSimplex().solveLexicographic(network.network, costs: [network.beyondCosts, network.transferCosts,
                                                                                        network.reliefUseCosts])
        } catch {
            // Transfer weights that cannot be made whole: extra cases alone.
            solution = try NetworkSimplex().solveLexicographic(network.network, costs: [network.beyondCosts, network.reliefUseCosts])
        }
        var used: [String: Double] = [:]
        for (g, arcs) in network.reliefUse.enumerated() {
            used[block.groups[g].administration, default: 0] += arcs.reduce(0) { $0 + solution.flow[$1] }
        }
        let total = used.values.reduce(0, +)
        let owners = problem.administrations.filter { (used[$0] ?? 0) > 0 }
        guard total > 0, !owners.isEmpty else {
            cases[block.groups.first?.administration ?? problem.administrations[0]] = whole
            return cases
        }
        var remainders: [(Double, Int)] = []
        var given = 0
        for (k, administration) in problem.administrations.enumerated() {
            let share = Double(whole) * (used[administration] ?? 0) / total
            let floor = Int(share.rounded(.down))
            cases[administration] = floor
            given += floor
            remainders.append((share - Double(floor), k))
        }
        for (_, k) in remainders.sorted(by: { ($0.0, -$0.1) > ($1.0, -$1.1) }).prefix(whole - given) {
            cases[problem.administrations[k], default: 0] += 1
        }
        return cases
    }

    /// One LP per specialty, with one variable x[a] per administration feeding every
    /// period's extra capacity (Σ_g e[g,a,t] ≤ x[a]), `Y[q,T] ≥ G_q(T)` as a bound,
    /// minimised lexicographically: Σ_a x[a], then internal transfers. Each x[a] is
    /// rounded up. Used where extra capacity cannot be pooled (transfers forbidden).
    static func solveLP(_ problem: PlanningProblem, _ block: SpecialtyBlock,
                        options: SolverOptions) throws(PlanningError) -> ReliefCapacity {
        let T = problem.periods
        var model = Model(name: "relief_\(block.specialty)")
        let cohorts = block.cohorts.map { problem.cohorts[$0] }
        // Y[q,t], q·T + t − 1.
        for cohort in cohorts {
            for t in 1...T {
                model.addVariable(lower: t == T ? Double(cohort.guaranteed[T]) : 0, upper: Double(cohort.available[t]))
            }
        }
        func y(_ q: Int, _ t: Int) -> Int32 { Int32(q * T + t - 1) }
        for members in block.groupMembers where members.count > 1 {
            for q in members {
                for t in stride(from: 2, through: T, by: 1) {
                    model.addConstraint(columns: [y(q, t), y(q, t - 1)], coefficients: [1, -1], .greaterOrEqual(0))
                }
            }
        }
        var transfers = LinearExpression()
        // z[arc,t] where the offer serves.
        var sendsOfGroup = [[[Int32]]](repeating: [[Int32]](repeating: [], count: T + 1), count: block.groups.count)
        var sendsOfOffer: [Int: [[Int32]]] = [:]
        for arc in block.arcs {
            let offer = problem.offers[arc.offer]
            let weight = problem.transferWeight(administration: block.groups[arc.group].administration, provider: offer.provider)
            for t in 1...T where offer.active[t - 1] && offer.capacity[t - 1] > 0 {
                let v = model.addVariable()
                sendsOfGroup[arc.group][t].append(Int32(v.index))
                sendsOfOffer[arc.offer, default: [[Int32]](repeating: [], count: T + 1)][t].append(Int32(v.index))
                if let weight, weight != 0 { transfers.add(v, weight) }
            }
        }
        // x[a] and e[g,a,t].
        let administrations = problem.administrations
        var x: [Int32] = []
        for _ in administrations { x.append(Int32(model.addVariable().index)) }
        var extraOf = [[[Int32]]](repeating: [[Int32]](repeating: [], count: T + 1), count: administrations.count)
        for (g, group) in block.groups.enumerated() {
            for (k, administration) in administrations.enumerated()
            where administration == group.administration || problem.policy.internalTransfersAllowed {
                let weight = administration == group.administration ? 0 : transferWeight(problem, from: group.administration, to: administration)
                for t in 1...T {
                    let v = model.addVariable()
                    sendsOfGroup[g][t].append(Int32(v.index))
                    extraOf[k][t].append(Int32(v.index))
                    if weight != 0 { transfers.add(v, weight) }
                }
            }
        }
        // Link: patients starting treatment = cases sent, per group and period.
        for (g, members) in block.groupMembers.enumerated() {
            for t in 1...T {
                var columns: [Int32] = [], coefficients: [Double] = []
                for q in members {
                    columns.append(y(q, t)); coefficients.append(1)
                    if t > 1 { columns.append(y(q, t - 1)); coefficients.append(-1) }
                }
                for v in sendsOfGroup[g][t] { columns.append(v); coefficients.append(-1) }
                model.addConstraint(columns: columns, coefficients: coefficients, .equal(0))
            }
        }
        for offerIndex in block.offers {
            guard let sends = sendsOfOffer[offerIndex] else { continue }
            let offer = problem.offers[offerIndex]
            for t in 1...T where !sends[t].isEmpty {
                model.addConstraint(columns: sends[t], coefficients: [Double](repeating: 1, count: sends[t].count),
                                    .lessOrEqual(Double(offer.capacity[t - 1])))
            }
            if let ceiling = offer.ceiling {
                let all = sends.flatMap { $0 }
                model.addConstraint(columns: all, coefficients: [Double](repeating: 1, count: all.count),
                                    .lessOrEqual(Double(ceiling)))
            }
        }
        for k in administrations.indices {
            for t in 1...T where !extraOf[k][t].isEmpty {
                model.addConstraint(columns: extraOf[k][t] + [x[k]],
                                    coefficients: [Double](repeating: 1, count: extraOf[k][t].count) + [-1],
                                    .lessOrEqual(0))
            }
        }
        var relief = LinearExpression()
        for v in x { relief.add(Variable(index: Int(v))) }
        let objectives = [NamedObjective(name: "relief_capacity", expression: relief),
                          NamedObjective(name: "internal_transfers", expression: transfers)]
        let solution: LexicographicSolution
        do {
            solution = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options,
                                                            strategy: .optimalFace())
        } catch {
            switch error {
            case .invalidModel(let message): throw .invalidModel(specialty: block.specialty, message: message)
            case .solverFault(let message): throw .solverFault(specialty: block.specialty, message: message)
            }
        }
        guard solution.status == .optimal else {
            throw .solverStopped(specialty: block.specialty, tier: solution.failedStep ?? "relief_capacity", status: solution.status)
        }
        var exact = 0.0, cases: [String: Int] = [:]
        for (k, administration) in administrations.enumerated() {
            let value = max(0, Planner.clean(solution.solution.values[Int(x[k])]))
            exact += value
            cases[administration] = Int((value - 1e-7).rounded(.up))
        }
        return ReliefCapacity(specialty: block.specialty, exact: exact, cases: cases, method: "simplex",
                              solves: objectives.count)
    }

    /// The transfer weight of a case of `from` on extra capacity at `to`'s sites:
    /// km to its nearest site with a distance table, else 1.
    static func transferWeight(_ problem: PlanningProblem, from: String, to: String) -> Double {
        guard let distances = problem.distances?[from] else { return 1 }
        let km = problem.providers.filter { $0.administration == to }.compactMap { distances[$0.id] }
        return km.min() ?? 1
    }

    /// The problem with each administration's relief capacity added as a site of that
    /// administration that serves the specialty every period and accepts every patient.
    public static func adding(_ relief: [ReliefCapacity], to problem: PlanningProblem) -> PlanningProblem {
        var problem = problem
        var providerOf: [String: Int] = [:]
        for entry in relief {
            for administration in problem.administrations {
                let cases = entry.cases[administration] ?? 0
                guard cases > 0 else { continue }
                if providerOf[administration] == nil {
                    let id = "relief-\(administration)"
                    providerOf[administration] = problem.providers.count
                    problem.providers.append(Provider(id: id, name: "relief capacity \(administration)",
                                                      kind: .site(administration: administration)))
                    if problem.distances != nil {
                        for other in problem.administrations where other != administration {
                            problem.distances![other, default: [:]][id] = transferWeight(problem, from: other, to: administration)
                        }
                    }
                }
                problem.offers.append(Offer(provider: providerOf[administration]!, specialty: entry.specialty,
                                            capacity: [Int](repeating: cases, count: problem.periods),
                                            active: [Bool](repeating: true, count: problem.periods),
                                            ceiling: nil, price: 0, eligibility: .everything))
            }
        }
        return problem
    }
}
