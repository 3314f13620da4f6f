import LinearProgramming

/// The linear program of one specialty block (optimal-plan.md §2–§4).
///
/// Variables, with T periods:
/// * `Y[q,t]` — patients of cohort q treated in periods 1...t (cumulative), bounded
///   by 0 ≤ Y[q,t] ≤ A_q(t) (availability);
/// * `z[a,t]` — cases sent along arc a (cohort group → offer) in period t;
/// * `o[q,t]` — overdue patients, o ≥ D_q(t) − Y[q,t], only where D_q(t) > 0.
///
/// Rows: Y non-decreasing within a cohort; per group and period, the patients its
/// cohorts start treatment equal the cases sent along its arcs; capacity per offer and
/// period; ceiling per offer. The cumulative form keeps every row short (no row sums
/// over earlier periods), and the feasible set is the image of a network-flow
/// polytope under an integral linear map, so with integral data every vertex — every
/// basic solution the simplex method returns — is integral. That is why the LP
/// optimum is already a plan in whole patients (see ``PlanPublisher``).
public struct BlockFormulation: Sendable {
    public var model: Model
    public var periods: Int
    /// Y[q,t] is variable q·T + t − 1; z[a,t] is variable zBase + a·T + t − 1.
    public var zBase: Int
    /// (block cohort, period, variable) of every overdue variable.
    public var overdueVariables: [(cohort: Int, period: Int, variable: Int32)]
    /// Capacity row of (block offer position, period), nil where the offer is inactive.
    public var capacityRows: [[Constraint?]]
    /// Each tier's expression in this block.
    public var tierExpressions: [Tier: LinearExpression]

    public func y(_ cohort: Int, _ t: Int) -> Int32 { Int32(cohort * periods + t - 1) }
    public func z(_ arc: Int, _ t: Int) -> Int32 { Int32(zBase + arc * periods + t - 1) }

    public init(problem: PlanningProblem, block: SpecialtyBlock) {
        let T = problem.periods
        let L = problem.horizon.weeksPerPeriod
        var model = Model(name: "lotsa_\(problem.name)_\(block.specialty)")
        periods = T

        // Y: bounded by availability.
        for local in block.cohorts.indices {
            let cohort = problem.cohorts[block.cohorts[local]]
            for t in 1...T {
                model.addVariable(lower: 0, upper: Double(cohort.available[t]))
            }
        }
        // z: one per arc and period; periods an offer does not serve are fixed at 0.
        zBase = model.variableCount
        for arc in block.arcs {
            let offer = problem.offers[arc.offer]
            for t in 1...T {
                model.addVariable(lower: 0, upper: offer.active[t - 1] ? .infinity : 0)
            }
        }
        // o: only where some patient is due.
        var overdue: [(cohort: Int, period: Int, variable: Int32)] = []
        for local in block.cohorts.indices {
            let cohort = problem.cohorts[block.cohorts[local]]
            for t in 1...T where cohort.due[t] > 0 {
                let v = model.addVariable(lower: 0)
                overdue.append((local, t, Int32(v.index)))
            }
        }
        overdueVariables = overdue

        // Monotone Y within each cohort. A group with one cohort gets it from its
        // link row (z ≥ 0), so the row is only needed in larger groups.
        for members in block.groupMembers where members.count > 1 {
            for local in members {
                for t in stride(from: 2, through: T, by: 1) {
                    model.addConstraint(columns: [Int32(local * T + t - 1), Int32(local * T + t - 2)],
                                        coefficients: [1, -1], .greaterOrEqual(0))
                }
            }
        }
        let zBase = self.zBase
        // Link: Σ_q (Y[q,t] − Y[q,t−1]) = Σ_arcs z[a,t].
        var arcsOfGroup = [[Int]](repeating: [], count: block.groups.count)
        for (a, arc) in block.arcs.enumerated() { arcsOfGroup[arc.group].append(a) }
        var columns: [Int32] = []
        var coefficients: [Double] = []
        for (g, members) in block.groupMembers.enumerated() {
            for t in 1...T {
                columns.removeAll(keepingCapacity: true)
                coefficients.removeAll(keepingCapacity: true)
                for local in members {
                    columns.append(Int32(local * T + t - 1)); coefficients.append(1)
                    if t > 1 { columns.append(Int32(local * T + t - 2)); coefficients.append(-1) }
                }
                for a in arcsOfGroup[g] {
                    columns.append(Int32(zBase + a * T + t - 1)); coefficients.append(-1)
                }
                model.addConstraint(columns: columns, coefficients: coefficients, .equal(0))
            }
        }
        // Capacity and ceilings per offer.
        var arcsOfOffer: [Int: [Int]] = [:]
        for (a, arc) in block.arcs.enumerated() { arcsOfOffer[arc.offer, default: []].append(a) }
        var capacityRows: [[Constraint?]] = []
        for offerIndex in block.offers {
            let offer = problem.offers[offerIndex]
            let arcs = arcsOfOffer[offerIndex] ?? []
            var rows: [Constraint?] = []
            for t in 1...T {
                guard offer.active[t - 1] else { rows.append(nil); continue }
                let cols = arcs.map { Int32(zBase + $0 * T + t - 1) }
                rows.append(model.addConstraint(columns: cols, coefficients: [Double](repeating: 1, count: cols.count),
                                                .lessOrEqual(Double(offer.capacity[t - 1]))))
            }
            capacityRows.append(rows)
            if let ceiling = offer.ceiling, !arcs.isEmpty {
                var cols: [Int32] = []
                for a in arcs { for t in 1...T where offer.active[t - 1] { cols.append(Int32(zBase + a * T + t - 1)) } }
                model.addConstraint(columns: cols, coefficients: [Double](repeating: 1, count: cols.count),
                                    .lessOrEqual(Double(ceiling)))
            }
        }
        self.capacityRows = capacityRows
        // Overdue: o[q,t] + Y[q,t] ≥ D_q(t).
        for entry in overdue {
            let cohort = problem.cohorts[block.cohorts[entry.cohort]]
            model.addConstraint(columns: [entry.variable, Int32(entry.cohort * T + entry.period - 1)],
                                coefficients: [1, 1], .greaterOrEqual(Double(cohort.due[entry.period])))
        }

        // The tiers.
        var tiers: [Tier: LinearExpression] = [:]
        var overdueExpression = LinearExpression()
        for entry in overdue {
            overdueExpression.add(Variable(index: Int(entry.variable)),
                                  problem.cohorts[block.cohorts[entry.cohort]].weight * L)
        }
        tiers[.overdue] = overdueExpression
        var other = LinearExpression(), region = LinearExpression(), transfers = LinearExpression(), cost = LinearExpression()
        for (a, arc) in block.arcs.enumerated() {
            let offer = problem.offers[arc.offer]
            let provider = problem.providers[offer.provider]
            let administration = block.groups[arc.group].administration
            for t in 1...T where offer.active[t - 1] {
                let variable = Variable(index: zBase + a * T + t - 1)
                switch provider.kind {
                case .otherRegionContract: other.add(variable)
                case .regionContract: region.add(variable)
                case .site:
                    if let weight = problem.transferWeight(administration: administration, provider: offer.provider) {
                        transfers.add(variable, weight)
                    }
                }
                if offer.price != 0 { cost.add(variable, offer.price) }
            }
        }
        tiers[.otherRegionVolume] = other
        tiers[.regionContractVolume] = region
        tiers[.internalTransfers] = transfers
        tiers[.cost] = cost
        // Waiting: Σ (A_q(t) − Y[q,t])·L/7 = constant − Σ Y·L/7.
        var waiting = LinearExpression()
        var constant = 0.0
        for local in block.cohorts.indices {
            let cohort = problem.cohorts[block.cohorts[local]]
            for t in 1...T {
                waiting.add(Variable(index: local * T + t - 1), -L)
                constant += Double(cohort.available[t]) * L
            }
        }
        waiting.constant = constant
        tiers[.waiting] = waiting
        tierExpressions = tiers
        self.model = model
    }

    /// The plan in a solution of this block's LP: each cohort's cumulative treated
    /// counts (by problem cohort index) and the non-zero flows, solver noise removed.
    public func plan(from values: [Double], block: SpecialtyBlock) -> (cumulative: [(cohort: Int, values: [Double])], flows: [Flow]) {
        var cumulative: [(cohort: Int, values: [Double])] = []
        for (local, cohort) in block.cohorts.enumerated() {
            var row = [Double](repeating: 0, count: periods + 1)
            for t in 1...periods { row[t] = Planner.clean(values[Int(y(local, t))]) }
            cumulative.append((cohort, row))
        }
        var flows: [Flow] = []
        for (a, arc) in block.arcs.enumerated() {
            for t in 1...periods {
                let cases = Planner.clean(values[Int(z(a, t))])
                if cases != 0 { flows.append(Flow(group: block.groups[arc.group], offer: arc.offer, period: t, cases: cases)) }
            }
        }
        return (cumulative, flows)
    }

    /// The objectives to minimise, in the policy's order (one weighted sum for `weighted`).
    public func objectives(policy: Policy) -> [NamedObjective] {
        switch policy.objective {
        case .lexicographic:
            return policy.tiers.map { NamedObjective(name: $0.rawValue, expression: tierExpressions[$0]!) }
        case .weighted:
            var sum = LinearExpression()
            for tier in policy.tiers { sum.add(tierExpressions[tier]!, scale: policy.tierWeights[tier] ?? 1) }
            return [NamedObjective(name: "weighted", expression: sum)]
        }
    }
}
