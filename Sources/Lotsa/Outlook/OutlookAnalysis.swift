import LinearProgramming

/// One row of the outlook: a scope's load, trend and dependence from the plan of
/// the repeated years, its relief capacity from the engine, and the queueing
/// formulas' answer beside it.
public struct OutlookRow: Sendable {
    public var figures: OutlookFigures
    public var queueing: QueueingFigures
    /// Extra weekly cases (whole) that bring beyond-guarantee at the end to zero;
    /// nil: relief capacity was not computed (`--no-relief`).
    public var reliefCases: Int?
    /// The total at the LP optimum, before whole cases: for a specialty and the
    /// region only (an administration's part is a share of whole cases); nil when
    /// not computed.
    public var reliefExact: Double?
    /// The relief in operating rooms at the scope's cases per room-week; nil without relief or rooms.
    public var reliefRooms: Double?
    /// Weeks until nobody is beyond the guarantee when the relief capacity is added; nil when not computed.
    public var reliefWeeksToClear: Int?
}

/// Everything `lotsa outlook` computes for one variant of the repeated years.
public struct OutlookAnalysis: Sendable {
    /// Sorted by ``OutlookScope``.
    public var rows: [OutlookRow]
    public var fragility: [FragilityAssessment]
    /// Tier values of the plan of the repeated years.
    public var tiers: [Tier: Double]
    /// Beyond the guarantee at the end in the planner's own plan (overdue by priority
    /// weight first) with the whole-case relief capacity added. The relief capacity is
    /// enough for a plan that leaves nobody beyond the guarantee; the default tier
    /// order may still prefer urgent patients over ones past their guarantee.
    /// Nil when relief capacity was not computed.
    public var beyondWithRelief: Double?
    /// How relief capacity was found per specialty (`network` or `simplex`) and the solves it took.
    public var reliefMethods: [String: (method: String, solves: Int)] = [:]
    /// Wall-clock time of the plan, the relief capacity and the plan with relief (`--verbose`).
    public var timings: [(String, Duration)] = []

    /// Plans the problem, computes relief capacity (when asked) and every indicator.
    public static func analyse(outlook: OutlookProblem, problem: PlanningProblem, options: PlannerOptions,
                               relief computeRelief: Bool = true) throws(PlanningError) -> OutlookAnalysis {
        let clock = ContinuousClock()
        var lap = clock.now
        var timings: [(String, Duration)] = []
        func stop(_ name: String) {
            let now = clock.now
            timings.append((name, now - lap))
            lap = now
        }
        let result = try Planner.solve(problem, options: options)
        stop("plan")
        let evaluation = PlanEvaluation(problem: problem, plan: result.plan)
        let figures = OutlookIndicators.figures(outlook: outlook, problem: problem, plan: result.plan)
        var relief: [ReliefCapacity] = []
        var withRelief: [OutlookScope: OutlookFigures] = [:]
        var beyondWithRelief: Double?
        if computeRelief {
            relief = try ReliefCapacity.solve(problem, parallelism: options.parallelism, options: options.solver)
            stop("relief capacity")
            if relief.contains(where: { $0.cases.values.contains { $0 > 0 } }) {
                let reliefProblem = ReliefCapacity.adding(relief, to: problem)
                let reliefResult = try Planner.solve(reliefProblem, options: options)
                withRelief = OutlookIndicators.figures(outlook: outlook, problem: reliefProblem, plan: reliefResult.plan)
                beyondWithRelief = PlanEvaluation(problem: reliefProblem, plan: reliefResult.plan).beyondGuaranteeAtEnd
                stop("plan with relief")
            } else {
                withRelief = figures
                beyondWithRelief = evaluation.beyondGuaranteeAtEnd
            }
        }
        let weeks = Double(problem.periods) * problem.horizon.weeksPerPeriod
        let model = outlook.scenario.model
        // Cases per room-week: an administration's own sites in the specialty, else the region's.
        func casesPerRoom(_ specialty: String, _ administration: String?) -> Double? {
            let rows = model.siteCapacities.filter { row in
                row.specialty == specialty && (administration == nil || model.sites[row.site]?.administration == administration)
            }
            let rooms = rows.reduce(0) { $0 + $1.rooms }
            guard rooms > 0 else { return administration == nil ? nil : casesPerRoom(specialty, nil) }
            return rows.reduce(0) { $0 + $1.rooms * $1.casesPerRoomWeek } / rooms
        }
        var rows: [OutlookRow] = []
        for scope in figures.keys.sorted() {
            let f = figures[scope]!
            var cases = 0, exact: Double? = scope.administration == nil ? 0 : nil, rooms = 0.0, hasRooms = false
            for entry in relief where scope.specialty == nil || scope.specialty == entry.specialty {
                if let sum = exact { exact = entry.exact.map { sum + $0 } }
                for administration in problem.administrations where scope.administration == nil || scope.administration == administration {
                    let whole = entry.cases[administration] ?? 0
                    cases += whole
                    if whole > 0, let perRoom = casesPerRoom(entry.specialty, administration), perRoom > 0 {
                        rooms += Double(whole) / perRoom
                        hasRooms = true
                    }
                }
            }
            rows.append(OutlookRow(figures: f,
                                   queueing: QueueingFigures(figures: f, weeks: weeks, guaranteeDays: outlook.scenario.guaranteeDays),
                                   reliefCases: computeRelief ? cases : nil, reliefExact: computeRelief ? exact : nil,
                                   reliefRooms: hasRooms ? (rooms * 100).rounded() / 100 : nil,
                                   reliefWeeksToClear: computeRelief ? (withRelief[scope] ?? f).weeksToClear : nil))
        }
        let horizon = problem.horizon
        var methods: [String: (method: String, solves: Int)] = [:]
        for entry in relief { methods[entry.specialty] = (entry.method, entry.solves) }
        return OutlookAnalysis(rows: rows, fragility: FragilityAssessment.ranking(rows, label: { horizon.label(ofPeriod: $0) }),
                               tiers: evaluation.tiers, beyondWithRelief: beyondWithRelief, reliefMethods: methods,
                               timings: timings)
    }
}
