import Foundation

/// GLPK's stand-alone solver as an independent reader of the files Lotsa exports
/// (`--write-lp`, `--write-network`, the model writers' MPS and LP files): if glpsol
/// reads them and finds the planner's optimum, the files say what the planner solved.
///
/// Shared by both test targets (`TestSupport` is a plain target that only they use).
public enum Glpsol {
    public static let path = "/usr/bin/glpsol"
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// `glpsol <format> FILE -o REPORT` (`--lp` for CPLEX LP files, `--mincost` for
    /// DIMACS min-cost flow); the optimum on the report's `Objective:` line, or nil when
    /// glpsol refused the file or found no optimum.
    public static func objective(format: String, file: URL, report: URL? = nil) throws -> Double? {
        let output = report ?? file.deletingPathExtension().appendingPathExtension("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [format, file.path, "-o", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = try String(contentsOf: output, encoding: .utf8)
        // "Objective:  obj = 36 (MINimum)" for an LP, "Objective:  652 (MINimum)" for a network.
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }) else { return nil }
        let tokens = line.split(separator: " ").dropFirst()
        let value = tokens.firstIndex(of: "=").map { tokens[tokens.index(after: $0)...].first } ?? tokens.first
        return value.flatMap { Double($0) }
    }
}
