import Foundation

/// The rules that keep a run from destroying anything: where its outputs may go.
///
/// A destination is refused (exit 73, nothing touched) when
/// - it is, holds, or lies inside one of the run's input folders (the scenario,
///   every scenario it `extends`, the region model), or is or holds one of its
///   input files — `--out .` at the repository root holds them all;
/// - it exists and is not a folder Lotsa wrote: a file, a symbolic link, or a
///   folder without Lotsa's marker or with anything in it that Lotsa did not write
///   (see ``OutputMarker``). An empty folder is accepted.
/// There is no option that overrides these rules.
public enum OutputDestination {
    /// Throws when `destination` may not receive the outputs of a run that reads `inputs`.
    public static func check(_ destination: URL, inputs: RunInputs) throws(OutputError) {
        let display = DisplayPath.of(destination)
        let target = canonicalPath(destination)
        let folders = inputs.folders.map { ($0, canonicalPath($0)) }
        for (folder, input) in folders where target == input || isAncestor(target, of: input) {
            throw refusal(display, "this folder holds the run's input folder \(DisplayPath.of(folder))")
        }
        for file in inputs.files {
            let input = canonicalPath(file)
            if target == input {
                throw refusal(display, "this is an input file of the run")
            }
            if isAncestor(target, of: input) {
                throw refusal(display, "this folder holds the run's input file \(DisplayPath.of(file))")
            }
        }
        for (folder, input) in folders where isAncestor(input, of: target) {
            throw refusal(display, "it lies inside the run's input folder \(DisplayPath.of(folder))")
        }
        // lstat: a symbolic link is judged as itself, not as what it points to.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: destination.path) else { return }
        let type = attributes[.type] as? FileAttributeType
        if type == .typeSymbolicLink {
            throw refusal(display, "it is a symbolic link, not a Lotsa output folder")
        }
        if type != .typeDirectory {
            throw refusal(display, "it is a file, not a Lotsa output folder")
        }
        if let reason = OutputMarker.refusal(for: destination) {
            throw refusal(display, reason)
        }
    }

    static func refusal(_ display: String, _ reason: String) -> OutputError {
        OutputError(path: display, message: "will not write the outputs here: \(reason); nothing was changed. "
                    + "Give --out a new folder, or one an earlier Lotsa run wrote.")
    }

    static func isAncestor(_ folder: String, of path: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    /// The absolute path with `.`/`..` and symbolic links resolved, for the part of
    /// it that exists (the rest is appended as given).
    static func canonicalPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                if rest.isEmpty { return base }
                return (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { return url.standardizedFileURL.path }
            rest.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }
}
