import Foundation
import LinearProgramming

/// One line of `changes.csv`: the line's volume over the rest of the year in the plan
/// in force and in the re-plan, and for a decrease the principle it rests on or why
/// it was refused.
public struct LineChange: Sendable {
    public enum Decision: String, Sendable {
        case raised, lowered, unchanged
        /// A decrease was proposed (by a request or by the re-optimisation) but rests
        /// on no principle: the line keeps its planned volume.
        case refused
    }
    public var line: LineKey
    /// own_production, internal_transfer, region_contract or other_region_contract.
    public var kind: String
    public var before: Int
    public var after: Int
    /// The administration's requested volume, if it asked.
    public var requested: Int?
    /// The lowest volume a solve proposed below `before`, if any.
    public var proposed: Int?
    public var decision: Decision
    public var principles: [Principle]
    public var reason: String
}

/// Returned referrals of one line and their replacements.
public struct ReplacementLine: Sendable {
    public var line: LineKey
    /// Returned in weeks up to `--through`.
    public var returned: Int
    /// Replaced in weeks up to `--through` (recorded, or assumed the week after a return).
    public var replacedSoFar: Int
    /// Placed in the re-plan on top of the plan: (week label, cases).
    public var placed: [(week: String, cases: Int)]
    /// Not placeable in any remaining week (no capacity left).
    public var unplaced: Int
}

/// Everything a re-plan decided.
public struct ReplanResult: Sendable {
    public var problem: PlanningProblem
    /// The rest of the year, w+1…T, with the waiting list brought forward.
    public var rest: PlanningProblem
    /// The last week of outcomes (period of `problem`).
    public var through: Int
    public var periodisation: PeriodisationResult
    public var evaluation: PlanEvaluation
    public var changes: [LineChange]
    public var replacements: [ReplacementLine]
    public var findings: [String: PrincipleFindings]
    public var regionFindings: PrincipleFindings
    /// How many times the re-plan was solved (1 + rounds with new lower bounds).
    public var solves: Int
    public var unmatchedCases: Int
    /// Line-weeks up to `--through` without an outcome, taken as planned.
    public var lineWeeksAsPlanned: Int
    public var beyondGuaranteeInForce: Double?
    /// Patient-weeks beyond the guarantee over the re-planned weeks (Σ over weeks of
    /// patients past their guarantee date at the week's end): the re-plan's, and the
    /// plan in force's over the same weeks when its waiting_projection.csv is known.
    public var beyondGuaranteeWeeks: Double
    public var beyondGuaranteeWeeksInForce: Double?
    /// Weeks 1…w as they happened, per line (index t − 1): the outcome's `sent` where
    /// recorded, else the plan in force's volume (own production included).
    public var keptWeekly: [LineKey: [Int]]
    /// The outcomes recorded in weeks 1…w, per line and period.
    public var recorded: [LineKey: [Int: OutcomeRecord]]
    /// Whether the weeks after `--through` start from a new waiting-list snapshot
    /// (`--waiting-list`) rather than the list brought forward by the outcomes.
    public var fromSnapshot: Bool
}

/// `lotsa replan`: weeks up to `--through` as they happened, the rest of the year
/// re-optimised with the same tiers, decreases only under the three principles.
///
/// 1. The waiting list is brought forward through weeks 1…w (``WaitingListForward``):
///    each line's outcome where recorded, the plan in force where not (an
///    administration's own production is not in the outcomes).
/// 2. Returns not yet replaced by week w are placed on their line's provider in
///    w+1 (later weeks when capacity is short), on top of the plan: they use capacity,
///    treat the administration's next patients, and are not part of any line's volume.
/// 3. The rest of the year is solved by the ``Planner`` (same tiers); requests bound
///    their lines (``LineRequest``).
/// 4. Every sending line that falls below the plan in force is tested against the
///    ``Principle``s; a decrease resting on none is refused: the line gets its planned
///    volume as a lower bound and the affected specialties are solved again
///    (``BoundedBlockSolver``), until no new decrease is refused.
/// 5. The line volumes are periodised (steady weekly plans) by the periodisation of
///    `lotsa periodise`.
public enum Replanner {
    public static func replan(problem: PlanningProblem, planInForce: PlanInForce, outcomes: Outcomes, through w: Int,
                              requests: [LineRequest] = [], snapshot: WaitingListSnapshot? = nil,
                              options: PlannerOptions = PlannerOptions())
        throws(PlanningError) -> ReplanResult {
        let T = problem.periods
        precondition(w >= 1 && w < T, "--through must leave a week to re-plan")
        let providerIndex = Dictionary(uniqueKeysWithValues: problem.providers.enumerated().map { ($1.id, $0) })
        func offer(_ line: LineKey) -> Int? {
            providerIndex[line.provider].flatMap { Periodiser.offerIndex(problem, provider: $0, specialty: line.specialty) }
        }
        func siteOwner(_ line: LineKey) -> String? { providerIndex[line.provider].flatMap { problem.providers[$0].administration } }

        // 1. The weeks that happened.
        var recorded: [LineKey: [Int: OutcomeRecord]] = [:]
        for record in outcomes.records {
            guard let t = problem.horizon.period(labelled: record.week.description), t <= w else { continue }
            recorded[record.line, default: [:]][t] = record
        }
        let lines = Set(planInForce.weekly.keys).union(recorded.keys).filter { offer($0) != nil }.sorted()
        var forward = WaitingListForward(problem: problem)
        var returned: [LineKey: Int] = [:], replaced: [LineKey: Int] = [:]
        var extraReliefSoFar: [String: Int] = [:]
        var asPlanned = 0
        var pastDeviation: [LineKey: Int] = [:]
        var kept: [LineKey: [Int]] = [:]
        for line in planInForce.weekly.keys where offer(line) != nil {
            kept[line] = Array(planInForce.weekly[line]!.prefix(w))
        }
        for t in 1...w {
            var sends: [(line: LineKey, offer: Int, cases: Int, restriction: Int)] = []
            for line in lines {
                let o = offer(line)!
                let record = recorded[line]?[t]
                let replacements = outcomes.recordsReplacements ? (record?.replaced ?? 0)
                                                                : (recorded[line]?[t - 1]?.returned ?? 0)
                replaced[line, default: 0] += replacements
                let sent: Int
                if let record {
                    sent = record.sent
                    let deviation = record.sent - (planInForce.weekly[line]?[t - 1] ?? 0)
                    pastDeviation[line, default: 0] += deviation
                    // Relief so far: recorded patients of another administration at its
                    // sites beyond what the plan in force agreed (net over its lines).
                    if let owner = siteOwner(line), owner != line.administration { extraReliefSoFar[owner, default: 0] += deviation }
                } else {
                    sent = planInForce.weekly[line]?[t - 1] ?? 0
                    if sent > 0 && siteOwner(line) != line.administration { asPlanned += 1 }
                }
                kept[line, default: [Int](repeating: 0, count: w)][t - 1] = sent
                let cases = sent + replacements
                if cases > 0 {
                    sends.append((line, o, cases, forward.eligibleCohorts(line, offer: o).count))
                }
            }
            for send in sends.sorted(by: { ($0.restriction, $0.line) < ($1.restriction, $1.line) }) {
                forward.send(send.line, offer: send.offer, count: send.cases, period: t)
            }
            // Returns of the week come back after its cases (they may be of this week's).
            for line in lines {
                if let record = recorded[line]?[t], record.returned > 0 {
                    forward.takeBack(line, offer: offer(line)!, count: record.returned)
                    returned[line, default: 0] += record.returned
                }
            }
        }
        // Taking over a line: in the weeks that happened, an administration sent a
        // provider more than planned while another sent it less, in the same specialty.
        var tookOver: [String: [String]] = [:]
        for gainer in lines where (pastDeviation[gainer] ?? 0) > 0 {
            for loser in lines where loser.provider == gainer.provider && loser.specialty == gainer.specialty
                && loser.administration != gainer.administration && (pastDeviation[loser] ?? 0) < 0 {
                tookOver[gainer.administration, default: []].append("\(gainer.provider) \(gainer.specialty) from \(loser.administration)")
            }
        }
        // The waiting list at the end of w: brought forward by the outcomes, or the
        // new snapshot (whose patients' guarantee dates then decide principles 1 and 3).
        var restForward = snapshot.map { WaitingListForward(problem: $0.problem) }
        var beyondAtThrough: [String: Int] = [:]
        let listAtThrough = restForward ?? forward
        for (q, cohort) in listAtThrough.problem.cohorts.enumerated() {
            beyondAtThrough[cohort.key.administration, default: 0] += listAtThrough.beyondGuarantee(at: w, cohorts: [q])
        }

        // 2. Replacements still owed go on top of the plan from week w+1.
        var reserved: [Int: [Int]] = [:]
        var replacementLines: [ReplacementLine] = []
        for line in lines {
            let owed = (returned[line] ?? 0) - (replaced[line] ?? 0)
            guard (returned[line] ?? 0) > 0 else { continue }
            let o = offer(line)!
            var remaining = max(0, owed)
            var placed: [(week: String, cases: Int)] = []
            var t = w + 1
            while remaining > 0 && t <= T {
                let offered = problem.offers[o]
                let free = offered.active[t - 1] ? offered.capacity[t - 1] - (reserved[o]?[t - w - 1] ?? 0) : 0
                let n = min(remaining, max(0, free))
                if n > 0 {
                    if restForward != nil {
                        restForward!.send(line, offer: o, count: n, period: t)
                    } else {
                        forward.send(line, offer: o, count: n, period: t)
                    }
                    reserved[o, default: [Int](repeating: 0, count: T - w)][t - w - 1] += n
                    placed.append((week: problem.horizon.label(ofPeriod: t), cases: n))
                    remaining -= n
                }
                t += 1
            }
            replacementLines.append(ReplacementLine(line: line, returned: returned[line] ?? 0,
                                                    replacedSoFar: replaced[line] ?? 0, placed: placed, unplaced: remaining))
        }
        let used = forward.usedAtOffer.merging(restForward?.usedAtOffer ?? [:], uniquingKeysWith: +)
        let rest = restOfYear(restForward?.problem ?? problem, through: w, treated: (restForward ?? forward).treated,
                              used: used, reserved: reserved)

        // 3. The rest of the year, free, then with the requests' bounds.
        let before = Dictionary(uniqueKeysWithValues: lines.map { ($0, planInForce.planned($0, from: w + 1, to: T)) })
        var bounds: [LineKey: BoundedBlockSolver.Bound] = [:]
        for request in requests {
            let planned = before[request.line] ?? 0
            bounds[request.line] = request.volume < planned ? .init(lower: nil, upper: request.volume)
                                                            : .init(lower: request.volume, upper: nil)
        }
        let free = try Planner.solve(rest, options: options)
        var plan = free.plan
        var solves = 1
        var boundedBlocks = BoundedBlockCache()
        if !bounds.isEmpty {
            plan = try resolve(rest, base: free.plan, bounds: bounds, options: options, cache: &boundedBlocks)
            solves += 1
        }

        // Relief in the re-plan (principle 2) is what the requests agree, never the
        // optimiser's own routing: any re-plan that is behind moves patients to the
        // sites with room (and lowering contract lines, an earlier tier than internal
        // transfers, does so all the more), which would make nearly every owner of a
        // site a "relief" by the very decreases it is to justify. So: requested raises
        // of other administrations' lines into its sites (kept as lower bounds), and a
        // requested raise of its own line to a provider whose line from another
        // administration is requested lower (a line taken over by agreement).
        var reliefInReplan: [String: Double] = [:]
        for request in requests {
            guard let owner = siteOwner(request.line), owner != request.line.administration else { continue }
            reliefInReplan[owner, default: 0] += Double(max(0, request.volume - (before[request.line] ?? 0)))
        }
        for gainer in requests where gainer.volume > (before[gainer.line] ?? 0) {
            for loser in requests where loser.line.provider == gainer.line.provider
                && loser.line.specialty == gainer.line.specialty && loser.line.administration != gainer.line.administration
                && loser.volume < (before[loser.line] ?? 0) {
                tookOver[gainer.line.administration, default: []]
                    .append("\(gainer.line.provider) \(gainer.line.specialty) from \(loser.line.administration) (requested)")
            }
        }

        // 4. Decreases under the principles.
        var allowed: [LineKey: [Principle]] = [:]
        var refused: [LineKey: String] = [:]
        var proposed: [LineKey: Int] = [:]
        var lastFindings = findings(rest, plan: plan, reliefInReplan: reliefInReplan,
                                    beyondAtThrough: beyondAtThrough, relievedSoFar: extraReliefSoFar, tookOver: tookOver)
        while true {
            let totals = lineTotals(rest, plan)
            lastFindings = findings(rest, plan: plan, reliefInReplan: reliefInReplan, beyondAtThrough: beyondAtThrough,
                                    relievedSoFar: extraReliefSoFar, tookOver: tookOver)
            var newlyRefused = false
            for line in lines where siteOwner(line) != line.administration {
                let planned = before[line] ?? 0
                let volume = totals[line] ?? 0
                guard volume < Double(planned) - 0.5 else { continue }
                proposed[line] = min(proposed[line] ?? Int.max, Int(volume.rounded()))
                guard allowed[line] == nil, refused[line] == nil else { continue }
                let administration = lastFindings.0[line.administration]!
                var holding: [Principle] = []
                if administration.meetsGuarantee { holding.append(.administrationMeetsGuarantee) }
                if administration.relieved { holding.append(.relievedAnotherAdministration) }
                if lastFindings.1.metGuaranteeSoFar { holding.append(.regionMeetsGuarantee) }
                if holding.isEmpty {
                    refused[line] = refusalReason(administration, region: lastFindings.1, through: problem.horizon.label(ofPeriod: w))
                    bounds[line] = .init(lower: planned, upper: nil)
                    newlyRefused = true
                } else {
                    allowed[line] = holding
                }
            }
            guard newlyRefused else { break }
            plan = try resolve(rest, base: free.plan, bounds: bounds, options: options, cache: &boundedBlocks)
            solves += 1
        }

        // 5. Steady weekly plans of the decided volumes.
        let totals = lineTotals(rest, plan)
        var decidedLines: [DecidedVolumes.Line] = []
        for (line, volume) in totals.sorted(by: { $0.key < $1.key }) where siteOwner(line) != line.administration {
            var whole = Int(volume.rounded())
            if let lower = bounds[line]?.lower { whole = max(whole, min(lower, Int(volume.rounded(.up)))) }
            guard whole > 0, let p = providerIndex[line.provider] else { continue }
            decidedLines.append(.init(administration: line.administration, provider: p, specialty: line.specialty, volume: whole))
        }
        let decided = DecidedVolumes(lines: decidedLines, file: InputFile(data: Data(), displayPath: "(re-plan)"))
        let periodisation = try periodise(rest, decided: decided, options: options)
        let evaluation = PlanEvaluation(problem: rest, plan: periodisation.plan)

        // changes.csv
        let published = DeliveryLines(problem: rest, plan: periodisation.plan).lines
        var after: [LineKey: Int] = [:]
        for line in published {
            after[LineKey(administration: line.administration, provider: rest.providers[line.provider].id,
                          specialty: line.specialty)] = Int(line.weekly.reduce(0, +).rounded())
        }
        let requested = Dictionary(uniqueKeysWithValues: requests.map { ($0.line, $0.volume) })
        let changeLines = Set(before.filter { $0.value > 0 }.keys).union(after.keys).union(requested.keys).sorted()
        let changes = changeLines.map { line -> LineChange in
            let b = before[line] ?? 0, a = after[line] ?? 0
            let kind = lineKind(line, problem: problem, providerIndex: providerIndex)
            var decision: LineChange.Decision = a > b ? .raised : a < b ? .lowered : .unchanged
            var principles: [Principle] = []
            var reason = ""
            if kind == "own_production" {
                reason = a == b ? "" : "own production: not a delivery-plan line, no principle needed"
            } else if let why = refused[line] {
                decision = a < b ? .lowered : .refused
                reason = why + "; kept at \(b) as a lower bound"
                if a < b { reason += " (short \(b - a): capacity or patients do not allow more)" }
            } else if a < b {
                principles = allowed[line] ?? []
                reason = principles.isEmpty
                    ? "lowered by whole-patient periodisation only"
                    : "allowed by " + principles.map { "principle \($0.rawValue) (\($0.name))" }.joined(separator: " and ")
            } else if a > b {
                reason = "increases are always allowed"
            }
            if let r = requested[line] { reason = "requested \(r)" + (reason.isEmpty ? "" : "; " + reason) }
            return LineChange(line: line, kind: kind, before: b, after: a, requested: requested[line],
                              proposed: proposed[line].flatMap { $0 < b ? $0 : nil }, decision: decision,
                              principles: principles, reason: reason)
        }
        return ReplanResult(problem: problem, rest: rest, through: w, periodisation: periodisation, evaluation: evaluation,
                            changes: changes, replacements: replacementLines, findings: lastFindings.0,
                            regionFindings: lastFindings.1, solves: solves,
                            unmatchedCases: forward.unmatched + (restForward?.unmatched ?? 0),
                            lineWeeksAsPlanned: asPlanned, beyondGuaranteeInForce: planInForce.beyondGuaranteeAtEnd,
                            beyondGuaranteeWeeks: beyondWeeks(rest, periodisation.plan),
                            beyondGuaranteeWeeksInForce: planInForce.beyondGuaranteeByPeriod.map { $0[w...].reduce(0, +) },
                            keptWeekly: kept, recorded: recorded, fromSnapshot: snapshot != nil)
    }

    /// The one place the re-plan periodises: the entry point `lotsa periodise` uses.
    static func periodise(_ rest: PlanningProblem, decided: DecidedVolumes,
                          options: PlannerOptions) throws(PlanningError) -> PeriodisationResult {
        try Periodiser.periodise(rest, decided: decided, options: options)
    }

    static func lineKind(_ line: LineKey, problem: PlanningProblem, providerIndex: [String: Int]) -> String {
        guard let p = providerIndex[line.provider] else { return "unknown" }
        switch problem.providers[p].kind {
        case .site(let administration): return administration == line.administration ? "own_production" : "internal_transfer"
        case .regionContract: return "region_contract"
        case .otherRegionContract: return "other_region_contract"
        }
    }

    static func refusalReason(_ findings: PrincipleFindings, region: PrincipleFindings, through: String) -> String {
        "refused: no principle holds (1: \(findings.beyondAtThrough) beyond the guarantee at the end of \(through), "
            + "up to \(NumberFormat.csv(findings.beyondInReplan, decimals: 0)) in the re-plan; "
            + "2: its sites took \(findings.relievedSoFar) of others' patients beyond plan so far and "
            + "\(NumberFormat.csv(findings.relievedInReplan, decimals: 0)) in the re-plan, no line taken over; "
            + "3: region \(region.beyondAtThrough) beyond the guarantee at the end of \(through))"
    }

    /// Σ over periods and cohorts of patients past their guarantee at the period's end.
    static func beyondWeeks(_ rest: PlanningProblem, _ plan: Plan) -> Double {
        var total = 0.0
        for (q, cohort) in rest.cohorts.enumerated() {
            for t in 1...rest.periods { total += max(0, Double(cohort.guaranteed[t]) - plan.treatedCumulative[q][t]) }
        }
        return total
    }

    /// Cases per line in a plan of `rest`.
    static func lineTotals(_ rest: PlanningProblem, _ plan: Plan) -> [LineKey: Double] {
        var totals: [LineKey: Double] = [:]
        for flow in plan.flows {
            let key = LineKey(administration: flow.group.administration,
                              provider: rest.providers[rest.offers[flow.offer].provider].id, specialty: flow.group.specialty)
            totals[key, default: 0] += flow.cases
        }
        return totals
    }

    /// The principle tests on one plan of the rest of the year.
    static func findings(_ rest: PlanningProblem, plan: Plan, reliefInReplan relievedInReplan: [String: Double],
                         beyondAtThrough: [String: Int], relievedSoFar: [String: Int], tookOver: [String: [String]])
        -> ([String: PrincipleFindings], PrincipleFindings) {
        var beyond: [String: [Double]] = [:]
        var region = [Double](repeating: 0, count: rest.periods + 1)
        for (q, cohort) in rest.cohorts.enumerated() {
            var series = beyond[cohort.key.administration] ?? [Double](repeating: 0, count: rest.periods + 1)
            for t in 1...rest.periods {
                let late = max(0, Double(cohort.guaranteed[t]) - plan.treatedCumulative[q][t])
                series[t] += late
                region[t] += late
            }
            beyond[cohort.key.administration] = series
        }
        var result: [String: PrincipleFindings] = [:]
        for administration in rest.administrations {
            result[administration] = PrincipleFindings(
                beyondAtThrough: beyondAtThrough[administration] ?? 0,
                beyondInReplan: (beyond[administration] ?? [0]).max() ?? 0,
                relievedSoFar: relievedSoFar[administration] ?? 0,
                relievedInReplan: relievedInReplan[administration] ?? 0,
                tookOver: tookOver[administration] ?? [])
        }
        let regionFindings = PrincipleFindings(beyondAtThrough: beyondAtThrough.values.reduce(0, +),
                                               beyondInReplan: region.max() ?? 0, relievedSoFar: 0,
                                               relievedInReplan: 0, tookOver: [])
        return (result, regionFindings)
    }

    /// The free plan with the specialties that have bounded lines solved again.
    ///
    /// A block's LP depends only on the rest of the year and its own specialty's bounds,
    /// so a block whose bounds did not change since an earlier round keeps that round's
    /// optimum (`cache`): each round of refusals solves only the specialties it touched.
    static func resolve(_ rest: PlanningProblem, base: Plan, bounds: [LineKey: BoundedBlockSolver.Bound],
                        options: PlannerOptions, cache: inout BoundedBlockCache) throws(PlanningError) -> Plan {
        let specialties = Set(bounds.keys.map(\.specialty))
        let blocks = SpecialtyBlock.blocks(of: rest).filter { specialties.contains($0.specialty) }
        let ownBounds = blocks.map { block in bounds.filter { $0.key.specialty == block.specialty } }
        let stale = blocks.indices.filter { cache.solved[blocks[$0].specialty]?.bounds != ownBounds[$0] }
        let solved = try BlockPool.solve(stale.count, parallelism: options.parallelism) { index throws(PlanningError) in
            try BoundedBlockSolver.solve(rest, blocks[stale[index]], bounds: ownBounds[stale[index]], options: options)
        }
        for (index, result) in zip(stale, solved) {
            cache.solved[blocks[index].specialty] = (ownBounds[index], result.cumulative, result.flows)
        }
        var cumulative = base.treatedCumulative
        var flows = base.flows.filter { !specialties.contains($0.group.specialty) }
        for block in blocks {
            let result = cache.solved[block.specialty]!
            for entry in result.cumulative { cumulative[entry.cohort] = entry.values }
            flows += result.flows
        }
        return Plan(treatedCumulative: cumulative, flows: flows)
    }

    /// The bounded blocks solved so far in one re-plan, by specialty, with the bounds
    /// they were solved under.
    struct BoundedBlockCache {
        var solved: [String: (bounds: [LineKey: BoundedBlockSolver.Bound], cumulative: [(cohort: Int, values: [Double])],
                              flows: [Flow])] = [:]
    }

    /// The planning problem of weeks w+1…T: each cohort's patients not yet treated
    /// (earliest targets treated first, so the rest keep the latest targets), offers'
    /// capacity less the replacements placed on it, ceilings less what was used.
    static func restOfYear(_ problem: PlanningProblem, through w: Int, treated: [Int], used: [Int: Int],
                           reserved: [Int: [Int]]) -> PlanningProblem {
        let T = problem.periods
        let horizon = Horizon(start: problem.horizon.firstDay(ofPeriod: w + 1), periods: T - w,
                              periodDays: problem.horizon.periodDays)
        let cohorts = problem.cohorts.enumerated().map { q, cohort -> Cohort in
            let y = treated[q]
            func shift(_ series: [Int]) -> [Int] { (w...T).map { max(0, series[$0] - y) } }
            var available = shift(cohort.available), due = shift(cohort.due), guaranteed = shift(cohort.guaranteed)
            available[0] = min(available[0], available.count > 1 ? available[1] : available[0])
            due[0] = min(due[0], available[0]); guaranteed[0] = min(guaranteed[0], available[0])
            return Cohort(key: cohort.key, weight: cohort.weight, available: available, due: due, guaranteed: guaranteed)
        }
        let offers = problem.offers.enumerated().map { index, offer -> Offer in
            var capacity = Array(offer.capacity[w..<T])
            if let taken = reserved[index] { for k in capacity.indices { capacity[k] = max(0, capacity[k] - taken[k]) } }
            return Offer(provider: offer.provider, specialty: offer.specialty, capacity: capacity,
                         active: Array(offer.active[w..<T]), ceiling: offer.ceiling.map { max(0, $0 - (used[index] ?? 0)) },
                         price: offer.price, eligibility: offer.eligibility)
        }
        return PlanningProblem(name: problem.name, horizon: horizon, policy: problem.policy,
                               administrations: problem.administrations, specialties: problem.specialties,
                               providers: problem.providers, offers: offers, cohorts: cohorts, distances: problem.distances)
    }
}
