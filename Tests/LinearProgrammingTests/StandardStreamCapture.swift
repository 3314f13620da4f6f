import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Captures what reaches the process's standard output and standard error (file
/// descriptors 1 and 2) while `body` runs, so a test can show that a silent solve
/// really printed nothing — GLPK prints with its own `printf` when no terminal hook
/// is installed, which no Swift-level callback would ever see.
///
/// Swift Testing runs tests concurrently in one process, so other tests' output may
/// land in the capture too. Callers therefore look for text only their own body
/// could produce, and everything captured is written back to the real standard
/// error afterwards so that no test's output is lost.
func capturingStandardStreams<T>(_ body: () throws -> T) rethrows -> (result: T, captured: String) {
    try StandardStreamCapture.lock.withLock { _ in
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lotsa-capture-\(UUID().uuidString)").path
        let file = open(path, O_CREAT | O_TRUNC | O_RDWR, 0o600)
        precondition(file >= 0, "cannot open \(path)")
        defer { close(file); unlink(path) }
        fflush(nil)
        let savedOut = dup(STDOUT_FILENO)
        let savedErr = dup(STDERR_FILENO)
        dup2(file, STDOUT_FILENO)
        dup2(file, STDERR_FILENO)
        func restore() {
            fflush(nil)
            dup2(savedOut, STDOUT_FILENO)
            dup2(savedErr, STDERR_FILENO)
            close(savedOut)
            close(savedErr)
        }
        let result: T
        do {
            result = try body()
        } catch {
            restore()
            throw error
        }
        restore()
        let captured = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if !captured.isEmpty {
            FileHandle.standardError.write(Data(captured.utf8))
        }
        return (result, captured)
    }
}

enum StandardStreamCapture {
    /// One capture at a time: two would restore each other's descriptors.
    static let lock = Mutex<Void>(())
}
