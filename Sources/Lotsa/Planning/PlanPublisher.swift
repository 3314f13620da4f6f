/// Turns the LP optimum into the published plan, in whole patients
/// (optimal-plan.md §5).
///
/// The formulation's feasible set is an integral polyhedron (see
/// ``BlockFormulation``) and the default lexicographic strategy only ever restricts
/// it to one of its faces, so the simplex optimum is a vertex with whole-number
/// values and publishing it loses nothing: method `lp_vertex`, integer tiers equal
/// to the LP tiers. Should a solution ever come back fractional (another strategy,
/// or numerical trouble), the fallback `floor_and_reassign` rounds with
/// ``IntegralRounding``, which keeps every capacity, ceiling and availability bound;
/// its tier values are reported as they are, so the cost of rounding is visible.
public enum PlanPublisher {
    public enum Method: String, Sendable {
        case lpVertex = "lp_vertex"
        case floorAndReassign = "floor_and_reassign"
    }

    public static func publish(_ plan: Plan, problem: PlanningProblem) -> (Plan, Method) {
        if plan.isIntegral(tolerance: 1e-6) {
            return (plan.rounded(), .lpVertex)
        }
        return (floorAndReassign(plan, problem: problem), .floorAndReassign)
    }

    static func floorAndReassign(_ plan: Plan, problem: PlanningProblem) -> Plan {
        IntegralRounding.round(plan, problem: problem).plan
    }
}

/// Checks a plan against every hard rule: capacities, ceilings, eligibility,
/// availability, monotone treatment and that each group's treated patients match
/// the cases sent. Used by tests and as a last check before a plan is published.
public enum PlanVerifier {
    /// Every hard rule the plan breaks, in words. `wholePatients` is the rule for a
    /// published plan (optimal-plan.md §5); an LP plan may be checked without it.
    public static func violations(of plan: Plan, problem: PlanningProblem, wholePatients: Bool = true,
                                  tolerance: Double = 1e-6) -> [String] {
        let T = problem.periods
        var problems: [String] = []
        var load: [Int: [Double]] = [:]
        var sent: [CohortGroup: [Double]] = [:]
        for flow in plan.flows {
            let offer = problem.offers[flow.offer]
            if flow.cases < -tolerance { problems.append("negative flow \(flow)") }
            // Published plans send whole patients (optimal-plan.md §5).
            if wholePatients, abs(flow.cases - flow.cases.rounded()) > tolerance { problems.append("cases not a whole number: \(flow)") }
            if !problem.isEligible(flow.group, offer) { problems.append("ineligible flow \(flow)") }
            if !offer.active[flow.period - 1] && flow.cases > tolerance { problems.append("flow to an inactive offer \(flow)") }
            load[flow.offer, default: [Double](repeating: 0, count: T + 1)][flow.period] += flow.cases
            sent[flow.group, default: [Double](repeating: 0, count: T + 1)][flow.period] += flow.cases
        }
        for (index, perPeriod) in load {
            let offer = problem.offers[index]
            let id = problem.providers[offer.provider].id
            for t in 1...T where perPeriod[t] > Double(offer.capacity[t - 1]) + tolerance {
                problems.append("\(id) \(offer.specialty) period \(t): \(perPeriod[t]) cases > capacity \(offer.capacity[t - 1])")
            }
            if let ceiling = offer.ceiling, perPeriod.reduce(0, +) > Double(ceiling) + tolerance {
                problems.append("\(id) \(offer.specialty): \(perPeriod.reduce(0, +)) cases > ceiling \(ceiling)")
            }
        }
        var started: [CohortGroup: [Double]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() {
            let y = plan.treatedCumulative[q]
            for t in 1...T {
                if y[t] < y[t - 1] - tolerance { problems.append("\(cohort.key): treated count decreases in period \(t)") }
                if wholePatients, abs(y[t] - y[t].rounded()) > tolerance {
                    problems.append("\(cohort.key): treated by period \(t) not a whole number: \(y[t])")
                }
                if y[t] > Double(cohort.available[t]) + tolerance {
                    problems.append("\(cohort.key): \(y[t]) treated by period \(t) > \(cohort.available[t]) available")
                }
                started[cohort.group, default: [Double](repeating: 0, count: T + 1)][t] += y[t] - y[t - 1]
            }
        }
        for (group, perPeriod) in started {
            let out = sent[group] ?? [Double](repeating: 0, count: T + 1)
            for t in 1...T where abs(perPeriod[t] - out[t]) > tolerance {
                problems.append("\(group): \(perPeriod[t]) treated but \(out[t]) cases sent in period \(t)")
            }
        }
        for (group, out) in sent where started[group] == nil && out.contains(where: { $0 > tolerance }) {
            problems.append("\(group): cases sent but no cohort treated")
        }
        return problems.sorted()
    }
}
