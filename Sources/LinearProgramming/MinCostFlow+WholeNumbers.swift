extension MinCostFlow {
    /// A supply, bound or cost as the network simplex counts it: a whole number that
    /// Int64 holds with room to add. The simplex works in exact integers so that its
    /// optimality certificate is exact; a fractional datum is a modelling error.
    static func whole(_ value: Double, _ what: String) throws(SolverError) -> Int64 {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            throw .invalidModel("network \(what) must be whole numbers; found \(value)")
        }
        return Int64(value)
    }

    /// Every node's supply as a whole number, checked to balance (Σ supply = 0).
    func wholeSupplies() throws(SolverError) -> [Int64] {
        var excess = [Int64](repeating: 0, count: nodeCount)
        for v in 0..<nodeCount { excess[v] = try Self.whole(supply[v], "supplies") }
        guard excess.reduce(0, +) == 0 else { throw .invalidModel("supplies do not sum to zero") }
        return excess
    }
}
