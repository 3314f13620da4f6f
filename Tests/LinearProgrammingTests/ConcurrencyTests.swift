import Foundation
import LinearProgramming
import Synchronization
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    /// GLPK keeps its environment per thread: two threads solving different
    /// models at the same moment must not disturb each other.
    @Test func twoModelsOnTwoThreadsAtOnce() throws {
        let transport = Textbook.randomTransportation(supplies: 40, demands: 40)
        let expected = try GLPKBackend().solve(transport, options: SolverOptions()).objectiveValue
        let diet = Textbook.diet().model

        let results = Mutex<[String: [Double]]>([:])
        let failures = Mutex<[String]>([])
        let started = DispatchGroup()
        let finished = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)

        func spawn(_ label: String, _ model: Model, method: SolverOptions.Method) {
            started.enter()
            finished.enter()
            let thread = Thread {
                started.leave()
                gate.wait() // both threads start solving together
                var options = SolverOptions()
                options.method = method
                options.presolve = false
                for _ in 0 ..< 5 {
                    do {
                        let solution = try GLPKBackend().solve(model, options: options)
                        results.withLock { $0[label, default: []].append(solution.objectiveValue) }
                    } catch {
                        failures.withLock { $0.append("\(label): \(error)") }
                    }
                }
                finished.leave()
            }
            thread.start()
        }
        spawn("transport", transport, method: .primalSimplex)
        spawn("diet", diet, method: .dualSimplex)
        started.wait()
        gate.signal()
        gate.signal()
        finished.wait()

        #expect(failures.withLock { $0 }.isEmpty)
        let all = results.withLock { $0 }
        #expect(all["transport"]?.count == 5)
        #expect(all["diet"]?.count == 5)
        #expect(all["transport"]?.allSatisfy { isClose($0, expected) } == true)
        #expect(all["diet"]?.allSatisfy { isClose($0, 6.8) } == true)
    }

    @Test func solvesFromManyTasks() async throws {
        let (model, _) = Textbook.transportation()
        let values = try await withThrowingTaskGroup(of: Double.self) { group in
            for _ in 0 ..< 8 {
                group.addTask { try GLPKBackend().solve(model, options: SolverOptions()).objectiveValue }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values.count == 8)
        #expect(values.allSatisfy { isClose($0, 465) })
    }
}
