/// A solver that can optimise a ``Model``.
///
/// Backends take models by value and keep no state between calls, so one
/// backend value can serve any number of threads at once.
///
/// ```swift
/// let backend: any SolverBackend = GLPKBackend()
/// let solution = try backend.solve(model, options: SolverOptions())
/// ```
public protocol SolverBackend: Sendable {
    /// Solves the model; throws only when it cannot be solved at all (invalid
    /// model, solver fault). Infeasibility and the like are statuses.
    func solve(_ model: Model, options: SolverOptions) throws(SolverError) -> Solution

    /// Minimises `objectives` in order, each over the optimal set of the ones
    /// before (see ``LexicographicStrategy``). The model's own objective is ignored.
    func solveLexicographic(_ model: Model, objectives: [NamedObjective], options: SolverOptions,
                            strategy: LexicographicStrategy) throws(SolverError) -> LexicographicSolution
}
