/// Brings the waiting list forward through the weeks that have happened.
///
/// The outcomes say how many patients each line sent, not which ones. Which cohorts
/// they came from follows optimal-plan.md §2: within a cohort patients are treated
/// earliest-target-first, and a line's cases go, one by one, to the patient of the
/// sending administration and specialty whose target period is earliest among the
/// cohorts the provider accepts (care type, ASA class) that have a patient available
/// that week; ties go to the higher priority weight, then to the cohort order. Lines
/// are served within a week from the most restricted (fewest eligible cohorts) to the
/// least, so a provider that accepts only some patients gets them.
///
/// Returned referrals go back to their cohort: a line's most recent cases are taken
/// back first. A replacement is a case like any other (it takes the next patient in
/// turn) but is not counted in `sent`.
struct WaitingListForward {
    let problem: PlanningProblem
    /// Y_q: patients of each cohort treated so far.
    private(set) var treated: [Int]
    /// Cases per offer so far (they count against annual ceilings).
    private(set) var usedAtOffer: [Int: Int] = [:]
    /// Cases that found no available eligible patient (the outcomes sent more than
    /// the scenario's waiting list holds): they use capacity but treat nobody.
    private(set) var unmatched = 0
    /// Per line, the cohorts of its cases in the order sent (for returns).
    private var history: [LineKey: [(cohort: Int, count: Int)]] = [:]
    private let cohortsOf: [String: [Int]]

    init(problem: PlanningProblem) {
        self.problem = problem
        treated = [Int](repeating: 0, count: problem.cohorts.count)
        var cohortsOf: [String: [Int]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() {
            cohortsOf["\(cohort.key.administration)|\(cohort.key.specialty)", default: []].append(q)
        }
        self.cohortsOf = cohortsOf
    }

    /// The cohorts of `line`'s administration and specialty that `offer` accepts.
    func eligibleCohorts(_ line: LineKey, offer: Int) -> [Int] {
        let candidates = cohortsOf["\(line.administration)|\(line.specialty)"] ?? []
        let accepting = candidates.filter {
            let key = problem.cohorts[$0].key
            return problem.offers[offer].eligibility.accepts(careType: key.careType, asa: key.asa)
        }
        return accepting.isEmpty ? candidates : accepting
    }

    /// The target period of cohort q's next untreated patient (T + 1: none due in the horizon).
    func nextTarget(_ q: Int) -> Int {
        let due = problem.cohorts[q].due
        let wanted = treated[q] + 1
        var low = 0, high = due.count   // first t with due[t] >= wanted
        while low < high {
            let mid = (low + high) / 2
            if due[mid] >= wanted { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Sends `count` cases of `line` to `offer` in period `t` (1-based, of the full horizon).
    mutating func send(_ line: LineKey, offer: Int, count: Int, period t: Int) {
        guard count > 0 else { return }
        usedAtOffer[offer, default: 0] += count
        let cohorts = eligibleCohorts(line, offer: offer)
        for _ in 0..<count {
            var best: Int?
            var bestKey = (Int.max, 0.0, Int.max)
            for q in cohorts where treated[q] < problem.cohorts[q].available[t] {
                let key = (nextTarget(q), -problem.cohorts[q].weight, q)
                if key < bestKey { bestKey = key; best = q }
            }
            guard let q = best else { unmatched += 1; continue }
            treated[q] += 1
            if var last = history[line]?.last, last.cohort == q {
                last.count += 1
                history[line]![history[line]!.count - 1] = last
            } else {
                history[line, default: []].append((q, 1))
            }
        }
    }

    /// `count` of `line`'s most recent cases come back to their cohorts.
    mutating func takeBack(_ line: LineKey, offer: Int, count: Int) {
        var remaining = count
        usedAtOffer[offer, default: 0] -= count
        while remaining > 0, var last = history[line]?.last {
            let n = min(remaining, last.count)
            treated[last.cohort] -= n
            remaining -= n
            last.count -= n
            if last.count == 0 { history[line]!.removeLast() } else { history[line]![history[line]!.count - 1] = last }
        }
        // Returns of cases that found no patient.
        unmatched = max(0, unmatched - remaining)
    }

    /// Patients of `cohorts` past their guarantee at the end of period t with the current counts.
    func beyondGuarantee(at t: Int, cohorts: some Sequence<Int>) -> Int {
        cohorts.reduce(0) { $0 + max(0, problem.cohorts[$1].guaranteed[t] - treated[$1]) }
    }
}
