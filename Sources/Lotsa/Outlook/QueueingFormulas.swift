/// The same questions answered one queue at a time with the formulas of the NHS's
/// NHSRwaitinglist package (docs/outlook.md cites them): no contracts beyond their
/// average capacity, no transfers, no priorities, no care guarantee per patient.
/// Set beside the engine's answer, they show where the region's structure changes it.
///
/// * queue load = demand / capacity;
/// * target queue size = demand × target wait / factor (Little's law with a mean wait
///   of a quarter of the target, factor 4);
/// * relief capacity = demand + (queue size − target queue size) / time to target.
///
/// Units: cases per week; the target wait is the care guarantee in weeks; the time
/// to target is the outlook's horizon in weeks; the queue size is the waiting list
/// at the start.
public struct QueueingFigures: Sendable, Hashable {
    public var demandPerWeek: Double
    public var ownCapacityPerWeek: Double
    public var contractCapacityPerWeek: Double
    public var queueSize: Double
    public var targetWaitWeeks: Double
    public var timeToTargetWeeks: Double
    public static let factor = 4.0

    public var queueLoad: Double? { ownCapacityPerWeek > 0 ? demandPerWeek / ownCapacityPerWeek : nil }
    public var targetQueueSize: Double { demandPerWeek * targetWaitWeeks / Self.factor }
    /// The weekly capacity that reaches the target queue size within the time to target.
    public var reliefCapacity: Double { demandPerWeek + (queueSize - targetQueueSize) / timeToTargetWeeks }
    /// What the relief capacity asks for beyond own and contracted capacity (≥ 0).
    public var reliefExtra: Double { max(0, reliefCapacity - ownCapacityPerWeek - contractCapacityPerWeek) }

    public init(figures: OutlookFigures, weeks: Double, guaranteeDays: Int) {
        demandPerWeek = figures.referrals / weeks
        ownCapacityPerWeek = figures.ownCapacity / weeks
        contractCapacityPerWeek = figures.contractCapacity / weeks
        queueSize = figures.waitingStart
        targetWaitWeeks = Double(guaranteeDays) / 7
        timeToTargetWeeks = weeks
    }
}
