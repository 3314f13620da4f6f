/// A förvaltning: the administration that holds a patient's referral (the home
/// administration) and runs one or more sites.
public struct Administration: Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
