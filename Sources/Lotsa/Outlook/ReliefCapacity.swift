import LinearProgramming

/// The smallest extra weekly capacity per administration and specialty that brings
/// the patients beyond the care guarantee at the end of the horizon to zero.
///
/// One LP per specialty, on the same model as the planner (optimal-plan.md §2–§4,
/// cumulative form as in ``BlockFormulation``), with:
/// * `x[a] ≥ 0`: extra cases per period at administration a's sites, the same in
///   every period. One variable feeds every period, which is why this is an LP and
///   not a network: a network arc would let the extra capacity differ per week.
/// * `e[g,a,t] ≥ 0`: cases of cohort group g treated on that extra capacity in t
///   (its own administration's, or another's when the policy allows transfers), with
///   Σ_g e[g,a,t] ≤ x[a] in every period;
/// * `Y[q,T] ≥ G_q(T)`: nobody beyond the guarantee at the end of the horizon.
///
/// Minimised lexicographically: first Σ_a x[a] — the smallest extra weekly
/// capacity, exactly; minimising overdue first would buy capacity to remove every
/// overdue week, which is not the question — then internal transfers, so that an
/// administration's own spare capacity serves its own patients and the extra
/// capacity lands where the patients are. Capacity is whole cases: each x[a] is
/// rounded up, and ``OutlookRun`` plans again with the rounded capacity to check
/// that nobody is left beyond the guarantee.
public struct ReliefCapacity: Sendable {
    public var specialty: String
    /// x[a] at the LP optimum, per administration (may be fractional).
    public var exact: [String: Double]
    /// x[a] rounded up to whole cases.
    public var cases: [String: Int]

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
        var exact: [String: Double] = [:], cases: [String: Int] = [:]
        for (k, administration) in administrations.enumerated() {
            let value = max(0, Planner.clean(solution.solution.values[Int(x[k])]))
            exact[administration] = value
            cases[administration] = Int((value - 1e-7).rounded(.up))
        }
        return ReliefCapacity(specialty: block.specialty, exact: exact, cases: cases)
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
