/// The horizontal prioritisation list (horisontell prioritering): cohorts with
/// patients due within 30 days who would still be late after the redistribution,
/// most urgent priority group first, then the latest, and the rooms per specialty
/// that would treat them in time.
public struct PrioritisationList: Sendable {
    /// One cohort (administration, specialty, priority group; care types and ASA
    /// classes together) with late patients.
    public struct Entry: Sendable, Hashable {
        public var administration: String
        public var specialty: String
        public var priority: String
        /// Patients due within 30 days (target date on day 1…30, or already past it)
        /// not treated by their target date in the proposal.
        public var late: Int
        /// Of them, not treated at all within the horizon.
        public var untreated: Int
        /// Σ days late (untreated patients count to the day after the horizon: at least).
        public var daysLate: Int
        /// The most days any of them is late.
        public var mostDaysLate: Int
    }

    /// Extra rooms one specialty would need to treat its late patients in time.
    public struct Rooms: Sendable, Hashable {
        public var specialty: String
        public var casesPerRoomDay: Double
        /// Late patients due within 14 days, and the rooms that would treat them in time.
        public var late14: Int, rooms14: Int?
        /// The same within 30 days.
        public var late30: Int, rooms30: Int?
    }

    public var entries: [Entry]
    public var rooms: [Rooms]

    /// For patient i of a cohort (earliest target first), due on day d, treated on the
    /// first day t with Y(t) ≥ i: late when t > d. Patients already past their target
    /// date are due on day 1.
    static func build(_ dayProblem: DayProblem, plan: Plan) -> PrioritisationList {
        let problem = dayProblem.problem
        let N = dayProblem.days
        var merged: [[String]: Entry] = [:]
        // Late patients per specialty by their due day (index d).
        var lateByDay: [String: [Int]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() {
            let Y = plan.treatedCumulative[q].map { Int($0.rounded()) }
            let D = cohort.due
            var entry = Entry(administration: cohort.key.administration, specialty: cohort.key.specialty,
                              priority: cohort.key.priority, late: 0, untreated: 0, daysLate: 0, mostDaysLate: 0)
            for d in 1...min(30, N) {
                let previous = d == 1 ? 0 : D[d - 1]
                guard D[d] > max(previous, Y[d]) else { continue }
                for i in (max(previous, Y[d]) + 1)...D[d] {
                    let treatedOn = (d...N).first { Y[$0] >= i }
                    let days = (treatedOn ?? N + 1) - d
                    entry.late += 1
                    if treatedOn == nil { entry.untreated += 1 }
                    entry.daysLate += days
                    entry.mostDaysLate = max(entry.mostDaysLate, days)
                    lateByDay[cohort.key.specialty, default: [Int](repeating: 0, count: N + 1)][d] += 1
                }
            }
            guard entry.late > 0 else { continue }
            let key = [entry.administration, entry.specialty, entry.priority]
            if var existing = merged[key] {
                existing.late += entry.late
                existing.untreated += entry.untreated
                existing.daysLate += entry.daysLate
                existing.mostDaysLate = max(existing.mostDaysLate, entry.mostDaysLate)
                merged[key] = existing
            } else {
                merged[key] = entry
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: problem.policy.priorities.enumerated().map { ($1.id, $0) })
        let entries = merged.values.sorted {
            (rank[$0.priority]!, -$0.daysLate, -$0.mostDaysLate, $0.administration, $0.specialty)
                < (rank[$1.priority]!, -$1.daysLate, -$1.mostDaysLate, $1.administration, $1.specialty)
        }
        let rooms = dayProblem.report.specialties.map { specialty in
            let late = lateByDay[specialty] ?? [Int](repeating: 0, count: N + 1)
            let rate = dayProblem.model.roomDayRates[specialty]!
            return Rooms(specialty: specialty, casesPerRoomDay: rate.casesPerRoomDay,
                         late14: late.prefix(15).reduce(0, +),
                         rooms14: roomsNeeded(late: late, within: 14, rate: rate, dayProblem: dayProblem, specialty: specialty),
                         late30: late.prefix(31).reduce(0, +),
                         rooms30: roomsNeeded(late: late, within: 30, rate: rate, dayProblem: dayProblem, specialty: specialty))
        }
        return PrioritisationList(entries: entries, rooms: rooms)
    }

    /// The fewest whole extra rooms r, open from day 1, such that the late patients due
    /// on days 1…d fit in what r rooms do on the open days 1…d, for every day d ≤
    /// `within` on which rooms operate: L(d) ≤ ⌊r × cases_per_room_day⌋ × open(d).
    /// Patients due before the first open day are counted on it. Nil when no room
    /// could help (no open day, or no cases per room-day).
    static func roomsNeeded(late: [Int], within horizon: Int, rate: RoomDayRate, dayProblem: DayProblem,
                            specialty: String) -> Int? {
        var cumulative = 0
        var demand: [(late: Int, openDays: Int)] = []
        for d in 1...horizon {
            cumulative += late[d]
            let open = dayProblem.openDays(specialty, through: d)
            if open > 0 { demand.append((cumulative, open)) }
        }
        guard cumulative > 0 else { return 0 }
        guard !demand.isEmpty, rate.cases(rooms: 1_000) > 0 else { return nil }
        // Patients due before the first open day are in the first open day's total.
        var rooms = 0
        while !demand.allSatisfy({ $0.late <= rate.cases(rooms: rooms) * $0.openDays }) {
            rooms += 1
            if rooms > 100_000 { return nil }
        }
        return rooms
    }
}
