import Foundation
import Synchronization

/// The live lines `lotsa run` and `lotsa check` draw on a terminal: per scenario
/// its step and the time since it started. Quiet when standard error is not a
/// terminal (CI logs, pipes), so logs hold only the one-line results.
///
/// Hand-rolled rather than console-kit's activity indicators: console-kit pulls in
/// SwiftNIO, which costs CI minutes of build for a few lines of ANSI output
/// (README "Dependencies").
final class ProgressDisplay: Sendable {
    private struct Line {
        var name: String
        var step = "waiting"
        var started: ContinuousClock.Instant?
        var done = false
    }

    private struct State {
        var lines: [Line]
        var drawn = 0
        var stopped = false
    }

    private let state: Mutex<State>
    let enabled: Bool
    private let clock = ContinuousClock()

    init(names: [String], enabled: Bool = isatty(STDERR_FILENO) == 1) {
        state = Mutex(State(lines: names.map { Line(name: $0) }))
        self.enabled = enabled
    }

    /// Starts redrawing a few times a second until ``stop()``.
    func start() {
        guard enabled else { return }
        let thread = Thread { [self] in
            while true {
                let stopped = state.withLock { state -> Bool in
                    if !state.stopped { redraw(&state) }
                    return state.stopped
                }
                if stopped { return }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        thread.start()
    }

    func step(_ index: Int, _ step: String) {
        state.withLock { state in
            if state.lines[index].started == nil { state.lines[index].started = clock.now }
            state.lines[index].step = step
        }
    }

    /// Prints a scenario's one-line result on standard output, above the live lines.
    func finished(_ index: Int, resultLine: String) {
        state.withLock { state in
            state.lines[index].done = true
            clear(&state)
            FileHandle.standardOutput.write(Data((resultLine + "\n").utf8))
            if !state.stopped { redraw(&state) }
        }
    }

    func stop() {
        state.withLock { state in
            clear(&state)
            state.stopped = true
        }
    }

    private func clear(_ state: inout State) {
        guard enabled, state.drawn > 0 else { return }
        FileHandle.standardError.write(Data("\u{1B}[\(state.drawn)A\u{1B}[J".utf8))
        state.drawn = 0
    }

    private func redraw(_ state: inout State) {
        guard enabled else { return }
        clear(&state)
        let now = clock.now
        let width = state.lines.map(\.name.count).max() ?? 0
        var text = ""
        for line in state.lines where !line.done {
            let elapsed = line.started.map { Self.seconds(now - $0) } ?? "–"
            text += "  \(line.name.padding(toLength: width, withPad: " ", startingAt: 0))  "
                + "\(line.step.padding(toLength: 14, withPad: " ", startingAt: 0)) \(elapsed)\n"
        }
        state.drawn = state.lines.filter { !$0.done }.count
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1f s", seconds)
    }
}
