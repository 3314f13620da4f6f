/// Cases sent from one cohort group to one offer in one period.
public struct Flow: Sendable, Hashable {
    public var group: CohortGroup
    /// Index into ``PlanningProblem/offers``.
    public var offer: Int
    public var period: Int
    public var cases: Double
}

/// An allocation: for every cohort how many are treated by the end of each period,
/// and which cases go where when.
public struct Plan: Sendable {
    /// Y_q(t) per cohort (index as ``PlanningProblem/cohorts``), t = 0...T; entry 0 is 0.
    public var treatedCumulative: [[Double]]
    /// Non-zero flows, ordered by specialty block, arc and period.
    public var flows: [Flow]

    public init(treatedCumulative: [[Double]], flows: [Flow]) {
        self.treatedCumulative = treatedCumulative
        self.flows = flows
    }

    /// Whether every number is a whole number (within `tolerance`).
    public func isIntegral(tolerance: Double = 1e-6) -> Bool {
        largestFraction() <= tolerance
    }

    /// The largest distance of any number of the plan from a whole number.
    public func largestFraction() -> Double {
        var worst = 0.0
        for row in treatedCumulative { for value in row { worst = max(worst, abs(value - value.rounded())) } }
        for flow in flows { worst = max(worst, abs(flow.cases - flow.cases.rounded())) }
        return worst
    }

    /// The same plan with every number rounded to the nearest whole number.
    public func rounded() -> Plan {
        Plan(treatedCumulative: treatedCumulative.map { $0.map { $0.rounded() } },
             flows: flows.compactMap { flow in
                 var flow = flow
                 flow.cases = flow.cases.rounded()
                 return flow.cases == 0 ? nil : flow
             })
    }
}
