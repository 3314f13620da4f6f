/// Patients waiting at the start of the horizon who share a cohort and dates.
public struct BacklogEntry: Sendable, Hashable {
    public var cohort: CohortKey
    public var count: Int
    public var targetDate: Day
    public var guaranteeDate: Day

    public init(cohort: CohortKey, count: Int, targetDate: Day, guaranteeDate: Day) {
        self.cohort = cohort
        self.count = count
        self.targetDate = targetDate
        self.guaranteeDate = guaranteeDate
    }
}

/// Forecast referrals of one cohort arriving in one period (or every period).
public struct ForecastEntry: Sendable, Hashable {
    public var cohort: CohortKey
    /// 1-based period; nil means the same count in every period.
    public var period: Int?
    public var count: Int

    public init(cohort: CohortKey, period: Int?, count: Int) {
        self.cohort = cohort
        self.period = period
        self.count = count
    }
}

/// A change of one provider's capacity over a range of periods.
public struct CapacityChange: Sendable, Hashable {
    public var provider: String
    /// nil: every specialty of the provider.
    public var specialty: String?
    public var firstPeriod: Int
    public var lastPeriod: Int
    public var factor: Double
    public var roomsDelta: Double
    public var casesDelta: Int

    public init(provider: String, specialty: String?, firstPeriod: Int, lastPeriod: Int,
                factor: Double = 1, roomsDelta: Double = 0, casesDelta: Int = 0) {
        self.provider = provider
        self.specialty = specialty
        self.firstPeriod = firstPeriod
        self.lastPeriod = lastPeriod
        self.factor = factor
        self.roomsDelta = roomsDelta
        self.casesDelta = casesDelta
    }

    public func applies(provider: String, specialty: String, period: Int) -> Bool {
        self.provider == provider && (self.specialty == nil || self.specialty == specialty)
            && (firstPeriod...lastPeriod).contains(period)
    }
}

/// Scales forecast referrals, e.g. "15 % more orthopaedic referrals".
public struct ForecastScaling: Sendable, Hashable {
    public var administration: String?
    public var specialty: String?
    public var priority: String?
    public var factor: Double

    public init(administration: String?, specialty: String?, priority: String?, factor: Double) {
        self.administration = administration
        self.specialty = specialty
        self.priority = priority
        self.factor = factor
    }

    public func applies(to cohort: CohortKey) -> Bool {
        (administration == nil || administration == cohort.administration)
            && (specialty == nil || specialty == cohort.specialty)
            && (priority == nil || priority == cohort.priority)
    }
}

/// A KPI bound that `lotsa check` verifies.
public struct Expectation: Sendable, Hashable {
    /// A dotted path into summary.json, e.g. `tiers.overdue` or `kpis.beyond_guarantee_end`.
    public var kpi: String
    public var value: Double?
    /// Relative tolerance around `value`.
    public var tolerance: Double
    public var min: Double?
    public var max: Double?
    public var location: SourceLocation

    public init(kpi: String, value: Double?, tolerance: Double, min: Double?, max: Double?, location: SourceLocation) {
        self.kpi = kpi
        self.value = value
        self.tolerance = tolerance
        self.min = min
        self.max = max
        self.location = location
    }
}
