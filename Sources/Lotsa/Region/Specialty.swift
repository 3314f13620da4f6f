/// A medical specialty (e.g. `ort`, orthopaedics). Capacity, contracts and cohorts
/// are all per specialty, which is why specialties are the natural blocks the
/// planner solves independently.
public struct Specialty: Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
