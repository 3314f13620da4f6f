import Foundation
import LinearProgramming
import Testing

/// `|a - b| <= tolerance · max(1, |a|, |b|)`.
func isClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-7) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// The case name of a solver error, for assertions.
enum ErrorKind: Equatable {
    case invalidModel, solverFault, none
}

func errorKind(_ body: () throws -> Void) -> (ErrorKind, String) {
    do {
        try body()
        return (.none, "")
    } catch let error as SolverError {
        switch error {
        case .invalidModel(let message): return (.invalidModel, message)
        case .solverFault(let message): return (.solverFault, message)
        }
    } catch {
        Issue.record("unexpected error \(error)")
        return (.none, "\(error)")
    }
}

/// Small problems whose optimum is known by hand.
enum Textbook {
    /// max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 (Hillier–Lieberman's Wyndor Glass).
    /// Optimum 36 at (2, 6); duals 0, 1.5, 1.
    static func wyndor() -> (model: Model, x: Variable, y: Variable, rows: [Constraint]) {
        var model = Model(name: "wyndor")
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        let plant1 = model.addConstraint(x <= 4, name: "plant1")
        let plant2 = model.addConstraint(2 * y <= 12, name: "plant2")
        let plant3 = model.addConstraint(3 * x + 2 * y <= 18, name: "plant3")
        model.objective = Objective(.maximize, 3 * x + 5 * y)
        return (model, x, y, [plant1, plant2, plant3])
    }

    /// Diet: food A costs 2, food B costs 3; protein A + 2B ≥ 4, fat 3A + B ≥ 6.
    /// Optimum 6.8 at A = 1.6, B = 1.2; duals 1.4 (protein), 0.2 (fat).
    static func diet() -> (model: Model, foods: [Variable], nutrients: [Constraint]) {
        var model = Model(name: "diet")
        let a = model.addVariable(name: "food_A")
        let b = model.addVariable(name: "food_B")
        let protein = model.addConstraint(a + 2 * b >= 4, name: "protein")
        let fat = model.addConstraint(3 * a + b >= 6, name: "fat")
        model.objective = Objective(.minimize, 2 * a + 3 * b)
        return (model, [a, b], [protein, fat])
    }

    /// Supplies 20, 30; demands 10, 25, 15; costs [[8, 6, 10], [9, 12, 13]].
    /// Supply 1 goes entirely to demand 2 (largest saving), so the optimum is
    /// 20·6 + 10·9 + 5·12 + 15·13 = 465.
    static func transportation() -> (model: Model, ship: [[Variable]]) {
        let supply = [20.0, 30]
        let demand = [10.0, 25, 15]
        let cost = [[8.0, 6, 10], [9.0, 12, 13]]
        var model = Model(name: "transport")
        let ship = supply.indices.map { i in
            demand.indices.map { j in model.addVariable(name: "ship[\(i + 1),\(j + 1)]") }
        }
        for i in supply.indices {
            model.addConstraint(.sum(ship[i]), .lessOrEqual(supply[i]), name: "supply\(i + 1)")
        }
        for j in demand.indices {
            model.addConstraint(.sum(ship.map { $0[j] }), .equal(demand[j]), name: "demand\(j + 1)")
        }
        var total = LinearExpression()
        for i in supply.indices {
            for j in demand.indices {
                total.add(ship[i][j], cost[i][j])
            }
        }
        model.objective = Objective(.minimize, total)
        return (model, ship)
    }

    /// x + y ≤ 1 and x + y ≥ 3.
    static func infeasible() -> Model {
        var model = Model(name: "infeasible")
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.addConstraint(x + y <= 1)
        model.addConstraint(x + y >= 3)
        model.objective = Objective(.minimize, x + y)
        return model
    }

    /// max x + y s.t. x − y ≤ 1.
    static func unbounded() -> Model {
        var model = Model(name: "unbounded")
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        model.addConstraint(x - y <= 1)
        model.objective = Objective(.maximize, x + y)
        return model
    }

    /// Knapsack, capacity 9: values 10, 13, 7, 8, 4; weights 5, 6, 4, 3, 1.
    /// Best: items 1, 4, 5 (weight 9, value 22); the LP relaxation gives 22.83.
    static func knapsack() -> (model: Model, items: [Variable]) {
        let values = [10.0, 13, 7, 8, 4]
        let weights = [5.0, 6, 4, 3, 1]
        var model = Model(name: "knapsack")
        let items = values.indices.map { model.addVariable(name: "take\($0 + 1)", kind: .binary) }
        var weight = LinearExpression()
        var value = LinearExpression()
        for k in items.indices {
            weight.add(items[k], weights[k])
            value.add(items[k], values[k])
        }
        model.addConstraint(weight <= 9, name: "capacity")
        model.objective = Objective(.maximize, value)
        return (model, items)
    }

    /// A balanced transportation problem with deterministic pseudo-random costs.
    static func randomTransportation(supplies: Int, demands: Int, seed: UInt64 = 42) -> Model {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var model = Model(name: "random_transport")
        let first = model.addVariables(count: supplies * demands)
        for i in 0 ..< supplies {
            let columns = (0 ..< demands).map { Int32(first.index + i * demands + $0) }
            model.addConstraint(columns: columns, coefficients: Array(repeating: 1, count: demands),
                                .lessOrEqual(Double(demands)))
        }
        for j in 0 ..< demands {
            let columns = (0 ..< supplies).map { Int32(first.index + $0 * demands + j) }
            model.addConstraint(columns: columns, coefficients: Array(repeating: 1, count: supplies),
                                .equal(Double(supplies)))
        }
        let costs = (0 ..< supplies * demands).map { _ in Double(1 + next() % 100) }
        model.objective = Objective(.minimize, LinearExpression(
            indices: (0 ..< Int32(supplies * demands)).map { $0 }, coefficients: costs))
        return model
    }
}

func temporaryFile(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("lotsa-lp-tests-\(ProcessInfo.processInfo.processIdentifier)")
        .appendingPathComponent(name)
}

import Synchronization

/// Collects log lines from any thread.
final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    var all: [String] { lines.withLock { $0 } }
}
