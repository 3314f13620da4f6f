/// What one administration actually did on one delivery-plan line in one week: the
/// "utfall" of the routine for delivery plans.
///
/// `sent` counts referrals sent to the provider that week (replacements of returned
/// referrals are *not* counted, as the routine says: "Remiss/behandling som ersätter
/// återsända volymer ska inte noteras i raden för antal skickade"); `returned` counts
/// referrals the provider sent back that week; `replaced`, when the source records it,
/// counts replacements sent that week (nil: not recorded, and the routine is assumed
/// followed — returns of a week are replaced the week after).
public struct OutcomeRecord: Sendable, Hashable {
    public var administration: String
    /// The provider's id (as in the region model).
    public var provider: String
    public var specialty: String
    public var week: ISOWeek
    public var sent: Int
    public var returned: Int
    public var replaced: Int?
    /// Where the record was read, for diagnostics (file, line, field or cell).
    public var location: SourceLocation

    public init(administration: String, provider: String, specialty: String, week: ISOWeek, sent: Int,
                returned: Int = 0, replaced: Int? = nil, location: SourceLocation) {
        self.administration = administration
        self.provider = provider
        self.specialty = specialty
        self.week = week
        self.sent = sent
        self.returned = returned
        self.replaced = replaced
        self.location = location
    }

    /// The delivery-plan line the record belongs to.
    public var line: LineKey { LineKey(administration: administration, provider: provider, specialty: specialty) }
}

/// A delivery-plan line: one administration sending one specialty to one provider.
public struct LineKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var administration: String
    public var provider: String
    public var specialty: String

    public init(administration: String, provider: String, specialty: String) {
        self.administration = administration
        self.provider = provider
        self.specialty = specialty
    }

    public static func < (lhs: LineKey, rhs: LineKey) -> Bool {
        (lhs.administration, lhs.provider, lhs.specialty) < (rhs.administration, rhs.provider, rhs.specialty)
    }

    public var description: String { "\(administration) → \(provider) \(specialty)" }
}

/// Every outcome read from one source, validated against the planning problem.
public struct Outcomes: Sendable {
    public var records: [OutcomeRecord]
    /// The files read, with their SHA-256 (for summary.json).
    public var files: [InputFile]
    /// Whether the source records replacements (`replaced`); when not, returns of a
    /// week are taken as replaced the following week.
    public var recordsReplacements: Bool

    public init(records: [OutcomeRecord], files: [InputFile], recordsReplacements: Bool) {
        self.records = records
        self.files = files
        self.recordsReplacements = recordsReplacements
    }

    /// The last week with any record.
    public var lastWeek: ISOWeek? { records.map(\.week).max() }
}
