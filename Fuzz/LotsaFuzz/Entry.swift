import Foundation

#if LOTSA_FUZZ
/// libFuzzer's entry point (built with `-sanitize=fuzzer -DLOTSA_FUZZ`; see
/// docs/robustness.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Harness.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, for programs that have a `main` of their own.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to the module's entry point, so libFuzzer's
/// own `main` is not used: this one hands the command line to libFuzzer's driver.
@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
    }
}
#else
/// Without libFuzzer: replays inputs (files, or every file in folders) through
/// the same harness, e.g. a crash reproducer or the seed corpus.
///
///     swift run LotsaFuzz Fuzz/seeds crash-1234
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: LotsaFuzz <input file or folder>… | --write-seeds <folder>\n".utf8))
            exit(64)
        }
        if arguments.first == "--write-seeds", arguments.count == 2 {
            writeSeeds(to: URL(fileURLWithPath: arguments.last!))
            return
        }
        var inputs: [URL] = []
        for argument in arguments {
            let url = URL(fileURLWithPath: argument)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("LotsaFuzz: \(argument): no such file or folder\n".utf8))
                exit(66)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                inputs += names.sorted().map { url.appendingPathComponent($0) }
            } else {
                inputs.append(url)
            }
        }
        var loaded = 0, rejected = 0
        for url in inputs {
            guard let data = try? Data(contentsOf: url) else { continue }
            switch Harness.run([UInt8](data)) {
            case .loaded: loaded += 1
            case .rejected: rejected += 1
            }
        }
        print("\(inputs.count) inputs: \(loaded) loaded, \(rejected) rejected, no crash")
    }

    /// One seed per template file: its target byte, then the file as it is.
    static func writeSeeds(to folder: URL) {
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, file) in Template.files.enumerated() {
            let name = String(format: "%02d-", index) + URL(fileURLWithPath: file.path).lastPathComponent
            try! Data([UInt8(index)] + Array(file.text.utf8)).write(to: folder.appendingPathComponent(name))
        }
    }
}
#endif
