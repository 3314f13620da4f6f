import Foundation

/// Administrations' requests to change a line for the rest of the year:
/// `requests.csv` with `administration,provider,specialty,volume`, where `volume`
/// is the line's requested volume over the weeks after `--through`.
///
/// A request is how an administration "asks to lower" (or raise) its delivery plan
/// (routine step 5): the re-plan takes the requested volume as the line's ceiling
/// (a request to lower) or floor (a request to raise). A lowering is then tested
/// against the three principles like any other decrease; when none holds it is
/// refused and the line keeps its planned volume.
public struct LineRequest: Sendable, Hashable {
    public var line: LineKey
    public var volume: Int
    public var location: SourceLocation

    public static func read(path: String, problem: PlanningProblem) throws(InputError) -> [LineRequest] {
        let url = URL(fileURLWithPath: path)
        var ledger = InputLedger()
        let table = try ledger.csv(url, displayPath: DisplayPath.of(url),
                                   required: ["administration", "provider", "specialty", "volume"])
        var seen = Set<LineKey>()
        var requests: [LineRequest] = []
        for row in table.rows {
            let line = LineKey(
                administration: try row.reference("administration", in: problem.administrations, kind: "administration"),
                provider: try row.reference("provider", in: problem.providers.map(\.id), kind: "provider"),
                specialty: try row.reference("specialty", in: problem.specialties, kind: "specialty"))
            guard seen.insert(line).inserted else {
                throw row.error("provider", "this line already has a request",
                                expected: "one request per administration, provider and specialty", found: line.provider)
            }
            requests.append(LineRequest(line: line, volume: try row.count("volume"), location: row.location("volume")))
        }
        return requests
    }
}
