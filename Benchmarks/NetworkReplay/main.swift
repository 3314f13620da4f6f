// Lotsa's NetworkSimplex on the files `lotsa plan --write-network DIR` writes, the
// counterpart of Benchmarks/lemon/lemon_reference.cpp: the same JSON line per block,
// so that the two can be compared, profiled (perf, callgrind) or timed alone.
//
//   swift run -c release NetworkReplay DIR [BLOCK ...] [--repeat N] [--first-step] [--crash-start]
//
// BLOCK names specialties to solve (all when none); --repeat solves each block N
// times and reports the fastest; --first-step solves only the first step;
// --crash-start ignores the planner's start plan (<block>.start) and starts from the
// solver's own crash start, as the planner did before the start plan.
import Foundation
import LinearProgramming

func fields(_ line: Substring) -> [Substring] {
    var result: [Substring] = []
    var field = line.startIndex
    var quoted = false
    for index in line.indices {
        let c = line[index]
        if c == "\"" { quoted.toggle() } else if c == ",", !quoted {
            result.append(line[field..<index])
            field = line.index(after: index)
        }
    }
    result.append(line[field...])
    return result.map { $0.hasPrefix("\"") ? $0.dropFirst().dropLast() : $0 }
}

func readNetwork(_ url: URL) throws -> MinCostFlow {
    let text = try String(contentsOf: url, encoding: .utf8)
    var network = MinCostFlow(nodes: 0)
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ")
        switch parts.first {
        case "p": network = MinCostFlow(nodes: Int(parts[2])!)
        case "n": network.supply[Int(parts[1])! - 1] = Double(parts[2])!
        case "a": network.addArc(from: Int(parts[1])! - 1, to: Int(parts[2])! - 1,
                                 lower: Double(parts[3])!, upper: Double(parts[4])!)
        default: continue
        }
    }
    return network
}

func readCosts(_ url: URL, factors: [Double]) throws -> (names: [String], costs: [[Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    let rows = text.split(separator: "\n")
    let names = fields(rows[0]).dropFirst().map(String.init)
    var costs = [[Double]](repeating: [], count: names.count)
    for row in rows.dropFirst() {
        let parts = row.split(separator: ",")
        for k in 0..<names.count { costs[k].append(Double(parts[k + 1])! / factors[k]) }
    }
    return (names, costs)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 1
var firstOnly = false
if let k = arguments.firstIndex(of: "--repeat") { repeats = Int(arguments[k + 1])!; arguments.removeSubrange(k...k + 1) }
if let k = arguments.firstIndex(of: "--first-step") { firstOnly = true; arguments.remove(at: k) }
var crashStart = false
if let k = arguments.firstIndex(of: "--crash-start") { crashStart = true; arguments.remove(at: k) }
guard let directory = arguments.first.map({ URL(fileURLWithPath: $0) }) else {
    FileHandle.standardError.write(Data("usage: NetworkReplay DIR [BLOCK ...] [--repeat N] [--first-step]\n".utf8))
    exit(64)
}
let wanted = Set(arguments.dropFirst())
let index = try String(contentsOf: directory.appendingPathComponent("index.csv"), encoding: .utf8)
var totals = [Double](repeating: 0, count: 4)
for line in index.split(separator: "\n").dropFirst() {
    let row = fields(line)
    let specialty = String(row[0])
    guard !row[1].isEmpty, wanted.isEmpty || wanted.contains(specialty) else { continue }
    let factors = row[6].split(separator: ";").map { Double($0)! }
    let network = try readNetwork(directory.appendingPathComponent(String(row[1])))
    var (names, costs) = try readCosts(directory.appendingPathComponent(String(row[2])), factors: factors)
    if firstOnly { names = [names[0]]; costs = [costs[0]] }
    // The start plan is read, not computed here: its time (small) is not in these figures.
    var start: [Double]?
    if !crashStart, row.count > 7, !row[7].isEmpty {
        start = try String(contentsOf: directory.appendingPathComponent(String(row[7])), encoding: .utf8)
            .split(separator: "\n").map { Double($0)! }
    }
    var best: MinCostFlowSolution?
    for _ in 0..<repeats {
        let solution = try NetworkSimplex().solveLexicographic(network, costs: costs, start: start)
        if best == nil || solution.stepCPUTimes.reduce(0, +) < best!.stepCPUTimes.reduce(0, +) { best = solution }
    }
    let solution = best!
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    let steps = names.indices.map { k in
        String(format: "{\"name\": \"%@\", \"value\": %.17g, \"seconds\": %.6f, \"cpu_seconds\": %.6f}",
               names[k], solution.values[k], seconds(solution.stepTimes[k]), solution.stepCPUTimes[k])
    }
    totals[0] += seconds(solution.stepTimes[0])
    totals[1] += solution.stepTimes.map(seconds).reduce(0, +)
    totals[2] += solution.stepCPUTimes[0]
    totals[3] += solution.stepCPUTimes.reduce(0, +)
    print("{\"specialty\": \"\(specialty)\", \"status\": \"\(solution.status)\", \"pivots\": \(solution.pivots), \"steps\": [\(steps.joined(separator: ", "))]}")
}
FileHandle.standardError.write(Data(String(format: "step 1 %.3f s (CPU %.3f s), all steps %.3f s (CPU %.3f s)\n",
                                            totals[0], totals[2], totals[1], totals[3]).utf8))
