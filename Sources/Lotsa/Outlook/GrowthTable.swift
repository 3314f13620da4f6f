import Foundation

/// Growth of referrals per specialty and administration, for `lotsa outlook`
/// (demography, changed referral patterns): a CSV file
///
/// ```
/// specialty,administration,annual_growth
/// ort,*,0.03
/// *,SÄS,0.01
/// ```
///
/// `annual_growth` is a fraction per year (0.03 = 3 % more referrals a year),
/// compounded: year k of the outlook gets (1 + g)^(k − 1) times the scenario's
/// forecast. `*` (or an empty field) means every specialty or every administration.
/// The most specific row applies: specialty and administration, then specialty
/// alone, then administration alone, then `*,*`; two rows for the same pair are an
/// error, as is an id the model does not know.
public struct GrowthTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var specialty: String?
        public var administration: String?
        public var annualGrowth: Double

        public init(specialty: String?, administration: String?, annualGrowth: Double) {
            self.specialty = specialty
            self.administration = administration
            self.annualGrowth = annualGrowth
        }
    }

    public var rows: [Row]

    public init(rows: [Row] = []) {
        self.rows = rows
    }

    /// Growth per year (a fraction) for one specialty and administration.
    public func annualGrowth(specialty: String, administration: String) -> Double {
        func find(_ s: String?, _ a: String?) -> Row? { rows.first { $0.specialty == s && $0.administration == a } }
        return (find(specialty, administration) ?? find(specialty, nil) ?? find(nil, administration) ?? find(nil, nil))?
            .annualGrowth ?? 0
    }

    /// The factor on the scenario's referrals in year `year` (1-based).
    public func factor(specialty: String, administration: String, year: Int) -> Double {
        pow(1 + annualGrowth(specialty: specialty, administration: administration), Double(year - 1))
    }

    /// Reads and checks a growth file against the model's ids.
    public static func load(path: String, model: RegionModel, ledger: inout InputLedger) throws(InputError) -> GrowthTable {
        let url = URL(fileURLWithPath: path)
        let table = try ledger.csv(url, displayPath: DisplayPath.of(url),
                                   required: ["specialty", "administration", "annual_growth"])
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let specialty = try wildcardOrID(row, "specialty", known: Array(model.specialties.keys))
            let administration = try wildcardOrID(row, "administration", known: Array(model.administrations.keys))
            let growth = try row.double("annual_growth", range: -0.5...1.0)
            let key = "\(specialty ?? "*"),\(administration ?? "*")"
            if let earlier = seen[key] {
                throw row.error("administration", "a second growth row for \(key)",
                                expected: "one row per specialty and administration (the first is on line \(earlier))",
                                found: key)
            }
            seen[key] = row.line
            rows.append(Row(specialty: specialty, administration: administration, annualGrowth: growth))
        }
        return GrowthTable(rows: rows)
    }

    private static func wildcardOrID(_ row: CSVRow, _ column: String, known: [String]) throws(InputError) -> String? {
        guard let text = row.optionalString(column), text != "*" else { return nil }
        guard known.contains(text) else {
            let list = known.count <= 12 ? known.joined(separator: ", ") : "an id from the model"
            throw row.error(column, "unknown \(column)", expected: "* or one of \(list)", found: text)
        }
        return text
    }
}
