// Builds a balanced transportation LP (supplies × demands, each column in two
// rows) and reports how model building compares with GLPK's solve.
//
//   swift run -c release TransportBenchmark [supplies [demands]] [--dual] [--no-presolve]
//
// Default: 700 × 700 = 490,000 columns, 1,400 rows, 980,000 nonzeros.

import Foundation
import LinearProgramming

struct Generator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// PCG-style LCG step; deterministic across platforms.
    mutating func next(below bound: UInt64) -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (state >> 33) % bound
    }
}

func peakResidentMemory() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "n/a" }
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    return String(format: "%.1f MiB", kilobytes / 1024)
}

func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
}

let arguments = CommandLine.arguments.dropFirst()
let numbers = arguments.compactMap { Int($0) }
let supplies = numbers.first ?? 700
let demands = numbers.dropFirst().first ?? supplies
var options = SolverOptions()
if arguments.contains("--dual") { options.method = .dualSimplex }
if arguments.contains("--no-presolve") { options.presolve = false }
if arguments.contains("--verbose") { options.verbose = true }

// Data: integer costs 1…1000, supplies and demands with equal totals.
var generator = Generator(seed: 20_240_601)
let cost = (0 ..< supplies * demands).map { _ in Double(1 + generator.next(below: 1000)) }
let supply = (0 ..< supplies).map { _ in Double(50 + generator.next(below: 100)) }
var demand = (0 ..< demands).map { _ in Double(50 + generator.next(below: 100)) }
let total = supply.reduce(0, +)
let scale = total / demand.reduce(0, +)
demand = demand.map { ($0 * scale).rounded(.down) }
demand[demands - 1] += total - demand.reduce(0, +)

let clock = ContinuousClock()
let buildStart = clock.now
var model = Model(name: "transport")
let first = model.addVariables(count: supplies * demands)
var columns = [Int32](repeating: 0, count: demands)
let ones = [Double](repeating: 1, count: max(supplies, demands))
for i in 0 ..< supplies {
    for j in 0 ..< demands {
        columns[j] = Int32(first.index + i * demands + j)
    }
    model.addConstraint(columns: columns, coefficients: Array(ones[0 ..< demands]), .lessOrEqual(supply[i]))
}
columns = [Int32](repeating: 0, count: supplies)
for j in 0 ..< demands {
    for i in 0 ..< supplies {
        columns[i] = Int32(first.index + i * demands + j)
    }
    model.addConstraint(columns: columns, coefficients: Array(ones[0 ..< supplies]), .greaterOrEqual(demand[j]))
}
model.objective = Objective(.minimize, LinearExpression(
    indices: (0 ..< Int32(supplies * demands)).map { $0 + Int32(first.index) }, coefficients: cost))
let buildTime = buildStart.duration(to: clock.now)

let callStart = clock.now
let solution: Solution
do {
    solution = try GLPKBackend().solve(model, options: options)
} catch {
    print("solve failed: \(error)")
    exit(1)
}
let callTime = callStart.duration(to: clock.now)

print("transportation LP \(supplies) × \(demands)")
print("rows \(model.constraintCount), columns \(model.variableCount), nonzeros \(model.nonzeroCount)")
print("method \(options.method), presolve \(options.presolve)")
print(String(format: "model build        %9.3f s", seconds(buildTime)))
print(String(format: "GLPK solve         %9.3f s  (load + optimise, Solution.solveTime)", seconds(solution.solveTime)))
print(String(format: "whole solve() call %9.3f s  (+ validation, solution read-back)", seconds(callTime)))
print(String(format: "build / solve      %9.4f", seconds(buildTime) / seconds(solution.solveTime)))
print("status \(solution.status.rawValue), iterations \(solution.iterations)")
print(String(format: "objective          %.6f", solution.objectiveValue))
print("peak memory (VmHWM) \(peakResidentMemory())")
