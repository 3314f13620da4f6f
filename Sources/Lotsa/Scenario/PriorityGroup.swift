/// A medical priority group: "behov av åtgärd inom `days` dagar", weighted in the
/// `overdue` tier by `weight`.
public struct PriorityGroup: Sendable, Hashable {
    public var id: String
    public var days: Int
    public var weight: Double

    public init(id: String, days: Int, weight: Double) {
        self.id = id
        self.days = days
        self.weight = weight
    }

    /// 7, 14, 30, 60 and 90 days with weights 16, 8, 4, 2 and 1.
    public static let defaults: [PriorityGroup] = [
        PriorityGroup(id: "7", days: 7, weight: 16),
        PriorityGroup(id: "14", days: 14, weight: 8),
        PriorityGroup(id: "30", days: 30, weight: 4),
        PriorityGroup(id: "60", days: 60, weight: 2),
        PriorityGroup(id: "90", days: 90, weight: 1),
    ]
}
