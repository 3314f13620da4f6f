import ArgumentParser
import Foundation
import Lotsa

/// `lotsa generate`: a synthetic region model and scenario of a benchmark size.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic region model and scenario (S, M or L) for benchmarks.",
        discussion: """
        Writes DIR/model/ and DIR/scenario/ in the documented file format; the same size and \
        seed give byte-identical files. Plan it with `lotsa plan DIR/scenario`. \
        See Benchmarks/README.md for what each size contains.
        """)

    @Option(name: .long, help: "S (one administration, one specialty), M (a region) or L (the country).")
    var size: String

    @Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Output folder (model/ and scenario/ are written into it).")
    var out: String

    func validate() throws {
        guard ScenarioGenerator.Preset.named(size) != nil else {
            throw ValidationError("unknown size '\(size)'; expected S, M or L")
        }
    }

    func run() throws {
        let preset = ScenarioGenerator.Preset.named(size)!
        let generated: ScenarioGenerator.Generated
        do {
            generated = try ScenarioGenerator(preset: preset, seed: seed).write(to: URL(fileURLWithPath: out))
        } catch {
            FileHandle.standardError.write(Data("\(out): error: could not write the generated files: \(error)\n".utf8))
            throw ExitCode(73)
        }
        print("\(generated.scenarioName): \(generated.administrations) administrations, \(generated.sites) sites, "
              + "\(generated.specialties) specialties, \(generated.contractProviders) contract providers "
              + "(\(generated.contracts) contracts), \(generated.cohorts) cohorts, \(generated.waiting) waiting, "
              + "\(generated.referrals) referrals; scenario \(generated.scenarioDirectory.relativePath)")
    }
}
