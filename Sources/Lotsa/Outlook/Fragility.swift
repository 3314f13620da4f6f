import Foundation

/// How fragile a specialty is (sköra vårdområden, seed 002), from the outlook's
/// indicators, with the reasons written out so a planner can check them.
///
/// A specialty is *fragile* when the future at unchanged conditions holds pressure:
/// own capacity below the referrals (load ≥ 1), anyone beyond the guarantee at the
/// end, relief capacity needed, a waiting list that grows by 10 % or more, or a
/// contract that ends within the horizon while carrying a fifth or more of the
/// specialty's cases. Concentration (one site, one large site) and dependence on
/// contracts and transfers only add to the score: a small area that keeps up is
/// not fragile, but one that does not keep up is worse off for being small.
///
/// Score = 10·max(0, load − 0.9) + beyond-guarantee at the end in weeks of demand
/// + 10·relief ÷ own weekly capacity + 10·waiting growth (if ≥ 0)
/// + 3·share of the largest ending contract + 2·share at contracts
/// + share at other administrations + 1 for a single site (0.5 for ≥ 60 % at one).
public struct FragilityAssessment: Sendable, Hashable {
    public var specialty: String
    public var fragile: Bool
    public var score: Double
    public var reasons: [String]

    public static func assess(_ row: OutlookRow, label: (Int) -> String) -> FragilityAssessment {
        let f = row.figures
        let weeks = row.queueing.timeToTargetWeeks
        var reasons: [String] = []
        var score = 0.0
        var pressure = false
        if let load = f.loadOwn {
            if load >= 1 { pressure = true }
            score += 10 * max(0, load - 0.9)
            reasons.append("load \(Self.number(load))" + (load >= 1 ? "" : " (own capacity keeps up)"))
        } else if f.referrals > 0 {
            pressure = true
            score += 10
            reasons.append("no own capacity")
        }
        if let share = f.largestSiteShare {
            if f.sitesWithCapacity == 1 {
                score += 1
                reasons.append("own capacity at one site (\(f.largestSite ?? "?"))")
            } else if share >= 0.6 {
                score += 0.5
                reasons.append("\(Self.percent(share)) of own capacity at \(f.largestSite ?? "?")")
            }
        }
        if let ending = f.endingContracts.first, ending.shareWhileActive >= 0.05 {
            if ending.shareWhileActive >= 0.2 { pressure = true }
            score += 3 * ending.shareWhileActive
            reasons.append("\(Self.percent(ending.shareWhileActive)) at one contract (\(ending.provider)) ending \(ending.validTo)")
        }
        if f.shareAtContracts >= 0.15 {
            score += 2 * f.shareAtContracts
            reasons.append("\(Self.percent(f.shareAtContracts)) treated at contracts")
        }
        if f.shareAtOtherAdministrations >= 0.2 {
            score += f.shareAtOtherAdministrations
            reasons.append("\(Self.percent(f.shareAtOtherAdministrations)) treated at other administrations' sites")
        }
        let endWaiting = f.waitingEnd.last ?? f.waitingStart
        if f.waitingStart > 0 || endWaiting > 0 {
            let growth = f.waitingStart > 0 ? endWaiting / f.waitingStart - 1 : 1
            if growth >= 0.1 {
                pressure = true
                score += 10 * min(growth, 10)
                reasons.append("waiting grows \(Self.percent(growth)) (\(Int(f.waitingStart.rounded())) → \(Int(endWaiting.rounded())))")
            }
        }
        if let beyond = f.beyondEnd.last, beyond > 0.5 {
            pressure = true
            let demand = f.referrals / weeks
            score += demand > 0 ? beyond / demand : beyond
            let first = f.firstPeriodBeyond.map { " (first in \(label($0)))" } ?? ""
            reasons.append("\(Int(beyond.rounded())) beyond the guarantee at the end\(first)")
        }
        if let relief = row.reliefCases, relief > 0 {
            pressure = true
            let weekly = f.ownCapacity / weeks
            score += weekly > 0 ? 10 * Double(relief) / weekly : 10
            let rooms = row.reliefRooms.map { " (\(Self.number($0)) operating rooms)" } ?? ""
            reasons.append("needs \(relief) more \(relief == 1 ? "case" : "cases") a week\(rooms)")
        }
        return FragilityAssessment(specialty: f.scope.specialty ?? "*", fragile: pressure,
                                   score: (score * 1000).rounded() / 1000, reasons: reasons)
    }

    /// Fragile specialties first, each group by score (highest first), then by id.
    public static func ranking(_ rows: [OutlookRow], label: (Int) -> String) -> [FragilityAssessment] {
        rows.filter { $0.figures.scope.specialty != nil && $0.figures.scope.administration == nil }
            .map { assess($0, label: label) }
            .sorted { ($0.fragile ? 0 : 1, -$0.score, $0.specialty) < ($1.fragile ? 0 : 1, -$1.score, $1.specialty) }
    }

    static func number(_ value: Double) -> String { String(format: "%.2f", value) }
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
}
