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

    @Option(name: .shortAndLong, help: "Output folder (model/ and scenario/ are written into it); an existing one is replaced only if Lotsa wrote it.")
    var out: String

    func validate() throws {
        guard ScenarioGenerator.Preset.named(size) != nil else {
            throw ValidationError("unknown size '\(size)'; expected S, M or L")
        }
    }

    func run() throws {
        let preset = ScenarioGenerator.Preset.named(size)!
        let destination = URL(fileURLWithPath: out)
        let generated = ScenarioGenerator(preset: preset, seed: seed).generate(directory: destination)
        // Through OutputFolder, like every command: all files or none, and never over
        // a folder Lotsa did not write.
        do {
            let folder = try OutputFolder(destination: destination, inputs: .none)
            for file in generated.files { try folder.write(file.contents, to: file.path) }
            try folder.commit()
        } catch {
            throw fail(.output(error))
        }
        print("\(generated.scenarioName): \(generated.administrations) administrations, \(generated.sites) sites, "
              + "\(generated.specialties) specialties, \(generated.contractProviders) contract providers "
              + "(\(generated.contracts) contracts), \(generated.cohorts) cohorts, \(generated.waiting) waiting, "
              + "\(generated.referrals) referrals; scenario \(generated.scenarioDirectory.relativePath)")
    }
}
