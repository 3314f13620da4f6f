/// Lotsa's first network simplex (parent pointers and child lists), kept as a second
/// opinion: tests compare ``NetworkSimplex`` with it and with GLPK's LP simplex.
/// Same contract as ``NetworkSimplex/solveLexicographic(_:costs:deadline:)``.
struct ClassicNetworkSimplex: Sendable {
    func solveLexicographic(_ network: MinCostFlow, costs: [[Double]],
                            deadline: ContinuousClock.Instant? = nil) throws(SolverError) -> MinCostFlowSolution {
        var state = try ClassicNetworkSimplexState(network)
        var values: [Double] = []
        var firstReduced: [Double] = []
        var times: [Duration] = []
        let clock = ContinuousClock()
        for (step, cost) in costs.enumerated() {
            guard cost.count == network.arcCount else {
                throw .invalidModel("cost vector \(step + 1) has \(cost.count) entries for \(network.arcCount) arcs")
            }
            guard let factor = GLPKNetworkSolver.scale(for: cost) else {
                throw .invalidModel("costs of step \(step + 1) cannot be scaled to whole numbers")
            }
            let start = clock.now
            state.setCosts(cost.map { Int64(($0 * factor).rounded()) })
            let finished = state.optimise(deadline: deadline)
            times.append(clock.now - start)
            guard finished else {
                return MinCostFlowSolution(status: .timeLimit, flow: state.flows, values: values,
                                           firstReducedCosts: firstReduced, stepTimes: times)
            }
            if let problem = state.certificateProblem() {
                throw .solverFault("network simplex: optimality certificate failed at step \(step + 1): \(problem)")
            }
            if state.artificialFlow() != 0 {
                return MinCostFlowSolution(status: .infeasible, flow: state.flows, values: values,
                                           firstReducedCosts: firstReduced, stepTimes: times)
            }
            let flows = state.flows
            var value = 0.0
            for k in 0..<network.arcCount where flows[k] != 0 { value += cost[k] * flows[k] }
            values.append(value)
            if step == 0 { firstReduced = state.reducedCosts().map { Double($0) / factor } }
            if step < costs.count - 1 { state.fixNonZeroReducedCosts() }
        }
        return MinCostFlowSolution(status: .optimal, flow: state.flows, values: values,
                                   firstReducedCosts: firstReduced, stepTimes: times)
    }
}

/// The working data of the network simplex: the arcs of the network followed by one
/// artificial arc per node to an extra root node.
struct ClassicNetworkSimplexState {
    // Arc states: at lower bound, in the spanning tree, at upper bound.
    static let lower: Int8 = 1, tree: Int8 = 0, upper: Int8 = -1

    let nodeCount: Int      // real nodes; the root is node `nodeCount`
    let arcCount: Int       // real arcs; artificial arc of node v is `arcCount + v`
    var source: [Int32], target: [Int32]
    var low: [Int64], cap: [Int64], flow: [Int64], cost: [Int64]
    var state: [Int8]
    var fixed: [Bool]
    var pi: [Int64]
    var parent: [Int32], pred: [Int32]
    /// +1 when the pred arc points from the node up to its parent, −1 when down.
    var predUp: [Int8]
    var firstChild: [Int32], nextSibling: [Int32], previousSibling: [Int32]
    /// Net supply of each real node, for the certificate.
    var supply: [Int64]
    var artificialCost: Int64 = 0
    var largestCost: Int64 = 0
    var nextArc = 0
    var mark: [Int32]
    var pivotStamp: Int32 = 0
    var stack: [Int32] = []

    init(_ network: MinCostFlow) throws(SolverError) {
        let n = network.nodeCount, m = network.arcCount
        nodeCount = n
        arcCount = m
        let total = m + n
        source = [Int32](repeating: 0, count: total)
        target = [Int32](repeating: 0, count: total)
        low = [Int64](repeating: 0, count: total)
        cap = [Int64](repeating: 0, count: total)
        flow = [Int64](repeating: 0, count: total)
        cost = [Int64](repeating: 0, count: total)
        state = [Int8](repeating: Self.lower, count: total)
        fixed = [Bool](repeating: false, count: total)
        pi = [Int64](repeating: 0, count: n + 1)
        parent = [Int32](repeating: -1, count: n + 1)
        pred = [Int32](repeating: -1, count: n + 1)
        predUp = [Int8](repeating: 1, count: n + 1)
        firstChild = [Int32](repeating: -1, count: n + 1)
        nextSibling = [Int32](repeating: -1, count: n + 1)
        previousSibling = [Int32](repeating: -1, count: n + 1)
        mark = [Int32](repeating: 0, count: n + 1)

        let whole = MinCostFlow.whole
        var excess = try network.wholeSupplies()
        supply = excess
        for k in 0..<m {
            source[k] = network.tail[k]
            target[k] = network.head[k]
            low[k] = try whole(network.lower[k], "bounds")
            cap[k] = try whole(network.upper[k], "bounds")
            guard low[k] <= cap[k] else {
                throw .invalidModel("arc \(k) has lower bound \(low[k]) above upper bound \(cap[k])")
            }
            flow[k] = low[k]
            excess[Int(source[k])] -= low[k]
            excess[Int(target[k])] += low[k]
        }
        // The initial tree: every node hangs from the root by its artificial arc,
        // directed so that it carries the node's excess (a strongly feasible tree).
        let root = Int32(n)
        var bigM: Int64 = 0
        for v in 0..<n { bigM += abs(excess[v]) }
        for v in 0..<n {
            let a = m + v
            if excess[v] >= 0 {
                source[a] = Int32(v); target[a] = root; predUp[v] = 1
            } else {
                source[a] = root; target[a] = Int32(v); predUp[v] = -1
            }
            flow[a] = abs(excess[v])
            cap[a] = bigM
            state[a] = Self.tree
            parent[v] = root
            pred[v] = Int32(a)
            attach(Int32(v), to: root)
        }
    }

    var flows: [Double] { (0..<arcCount).map { Double(flow[$0]) } }

    func artificialFlow() -> Int64 {
        (arcCount..<(arcCount + nodeCount)).reduce(0) { $0 + flow[$1] }
    }

    // MARK: Tree bookkeeping

    mutating func attach(_ child: Int32, to newParent: Int32) {
        let first = firstChild[Int(newParent)]
        nextSibling[Int(child)] = first
        previousSibling[Int(child)] = -1
        if first >= 0 { previousSibling[Int(first)] = child }
        firstChild[Int(newParent)] = child
    }

    mutating func detach(_ child: Int32, from oldParent: Int32) {
        let previous = previousSibling[Int(child)], next = nextSibling[Int(child)]
        if previous >= 0 { nextSibling[Int(previous)] = next } else { firstChild[Int(oldParent)] = next }
        if next >= 0 { previousSibling[Int(next)] = previous }
        nextSibling[Int(child)] = -1
        previousSibling[Int(child)] = -1
    }

    /// Sets the costs of the real arcs, recomputes the artificial cost and the
    /// potentials from the current tree.
    mutating func setCosts(_ costs: [Int64]) {
        largestCost = 0
        for k in 0..<arcCount {
            cost[k] = costs[k]
            largestCost = max(largestCost, abs(costs[k]))
        }
        artificialCost = (largestCost + 1) * Int64(nodeCount + 1)
        for v in 0..<nodeCount { cost[arcCount + v] = artificialCost }
        recomputePotentials()
    }

    /// Potentials such that every tree arc has reduced cost 0, with π(root) = 0.
    mutating func recomputePotentials() {
        let root = Int32(nodeCount)
        pi[Int(root)] = 0
        stack.removeAll(keepingCapacity: true)
        stack.append(root)
        while let u = stack.popLast() {
            var child = firstChild[Int(u)]
            while child >= 0 {
                let a = Int(pred[Int(child)])
                // Reduced cost c + π(source) − π(target) = 0 on the tree arc.
                pi[Int(child)] = predUp[Int(child)] == 1 ? pi[Int(u)] - cost[a] : pi[Int(u)] + cost[a]
                stack.append(child)
                child = nextSibling[Int(child)]
            }
        }
    }

    func reducedCost(_ a: Int) -> Int64 {
        cost[a] + pi[Int(source[a])] - pi[Int(target[a])]
    }

    func reducedCosts() -> [Int64] { (0..<arcCount).map { reducedCost($0) } }

    /// Keeps the optimal face: arcs whose reduced cost is not zero keep their flow
    /// in every later step (complementary slackness).
    mutating func fixNonZeroReducedCosts() {
        for a in 0..<arcCount where !fixed[a] && state[a] != Self.tree && reducedCost(a) != 0 {
            fixed[a] = true
            low[a] = flow[a]
            cap[a] = flow[a]
        }
    }

    // MARK: Pivoting

    /// Runs pivots until no arc prices out; false when the deadline passed.
    mutating func optimise(deadline: ContinuousClock.Instant?) -> Bool {
        let total = arcCount + nodeCount
        let blockSize = max(10, Int(Double(total).squareRoot()))
        var pivots = 0
        while true {
            if pivots % 1024 == 0, let deadline, ContinuousClock.now >= deadline { return false }
            pivots += 1
            guard let entering = findEnteringArc(blockSize: blockSize, total: total) else { return true }
            pivot(entering)
        }
    }

    /// Block search: the most violating arc of the first block that has one.
    mutating func findEnteringArc(blockSize: Int, total: Int) -> Int? {
        var best: Int64 = 0
        var bestArc = -1
        var counted = 0
        var a = nextArc
        for _ in 0..<total {
            if !fixed[a] {
                let violation = Int64(state[a]) * reducedCost(a)
                if violation < best { best = violation; bestArc = a }
            }
            counted += 1
            a += 1
            if a == total { a = 0 }
            if counted == blockSize {
                if bestArc >= 0 { nextArc = a; return bestArc }
                counted = 0
            }
        }
        if bestArc >= 0 { nextArc = a; return bestArc }
        return nil
    }

    mutating func findJoin(_ u: Int32, _ v: Int32) -> Int32 {
        pivotStamp &+= 1
        if pivotStamp == 0 { mark = mark.map { _ in 0 }; pivotStamp = 1 }
        var x = u
        while x >= 0 { mark[Int(x)] = pivotStamp; x = parent[Int(x)] }
        var y = v
        while mark[Int(y)] != pivotStamp { y = parent[Int(y)] }
        return y
    }

    mutating func pivot(_ entering: Int) {
        // Flow goes around the cycle: along the entering arc from `first` to
        // `second`, up from `second` to the join, down from the join to `first`.
        let first: Int32, second: Int32
        if state[entering] == Self.lower {
            first = source[entering]; second = target[entering]
        } else {
            first = target[entering]; second = source[entering]
        }
        let join = findJoin(first, second)
        var delta = cap[entering] - low[entering]
        var leavingNode: Int32 = -1
        var leavingSide = 0
        // Ties: the last blocking arc in the cycle's direction (strongly feasible trees).
        var u = first
        while u != join {
            let a = Int(pred[Int(u)])
            let room = predUp[Int(u)] == 1 ? flow[a] - low[a] : cap[a] - flow[a]
            if room < delta { delta = room; leavingNode = u; leavingSide = 1 }
            u = parent[Int(u)]
        }
        u = second
        while u != join {
            let a = Int(pred[Int(u)])
            let room = predUp[Int(u)] == 1 ? cap[a] - flow[a] : flow[a] - low[a]
            if room <= delta { delta = room; leavingNode = u; leavingSide = 2 }
            u = parent[Int(u)]
        }
        // Push delta around the cycle.
        if delta > 0 {
            let signed = Int64(state[entering]) * delta
            flow[entering] += signed
            u = source[entering]
            while u != join {
                flow[Int(pred[Int(u)])] -= Int64(predUp[Int(u)]) * signed
                u = parent[Int(u)]
            }
            u = target[entering]
            while u != join {
                flow[Int(pred[Int(u)])] += Int64(predUp[Int(u)]) * signed
                u = parent[Int(u)]
            }
        }
        guard leavingSide != 0 else {
            // The entering arc itself blocks: it moves to its other bound.
            state[entering] = -state[entering]
            return
        }
        let leavingArc = Int(pred[Int(leavingNode)])
        state[entering] = Self.tree
        state[leavingArc] = flow[leavingArc] == low[leavingArc] ? Self.lower : Self.upper
        // The entering arc's end on the leaving arc's side becomes the new subtree root.
        let uIn = leavingSide == 1 ? first : second
        let vIn = leavingSide == 1 ? second : first
        rehang(subtreeOf: leavingNode, newRoot: uIn, newParent: vIn, through: entering)
    }

    /// Cuts the subtree below `leavingNode`, re-roots it at `newRoot` (reversing the
    /// stem between them) and hangs it from `newParent` by `arc`; then shifts the
    /// subtree's potentials so the new tree arc has reduced cost 0.
    mutating func rehang(subtreeOf leavingNode: Int32, newRoot: Int32, newParent: Int32, through arc: Int) {
        // Reverse the stem newRoot → … → leavingNode.
        var stem = newRoot
        var newParentOfStem = newParent
        var incomingArc = Int32(arc)
        var incomingUp: Int8 = source[arc] == newRoot ? 1 : -1
        while true {
            let oldParent = parent[Int(stem)]
            let oldPred = pred[Int(stem)]
            let oldUp = predUp[Int(stem)]
            detach(stem, from: oldParent)
            parent[Int(stem)] = newParentOfStem
            pred[Int(stem)] = incomingArc
            predUp[Int(stem)] = incomingUp
            attach(stem, to: newParentOfStem)
            if stem == leavingNode { break }
            // The old pred arc of this stem node now connects the next one down to it.
            newParentOfStem = stem
            incomingArc = oldPred
            incomingUp = -oldUp
            stem = oldParent
        }
        // Potentials of the moved subtree: make the entering arc's reduced cost 0.
        let sigma = -reducedCost(arc) * (source[arc] == newRoot ? 1 : -1)
        if sigma != 0 {
            stack.removeAll(keepingCapacity: true)
            stack.append(newRoot)
            while let v = stack.popLast() {
                pi[Int(v)] += sigma
                var child = firstChild[Int(v)]
                while child >= 0 { stack.append(child); child = nextSibling[Int(child)] }
            }
        }
    }

    // MARK: The certificate

    /// nil when the flow is feasible and optimal for the current costs; else why not.
    func certificateProblem() -> String? {
        var balance = [Int64](repeating: 0, count: nodeCount + 1)
        for a in 0..<(arcCount + nodeCount) {
            if flow[a] < low[a] || flow[a] > cap[a] { return "arc \(a) flow \(flow[a]) outside [\(low[a]), \(cap[a])]" }
            balance[Int(source[a])] -= flow[a]
            balance[Int(target[a])] += flow[a]
        }
        for v in 0..<nodeCount where balance[v] != -supply[v] {
            return "node \(v) is out of balance by \(balance[v] + supply[v])"
        }
        for a in 0..<(arcCount + nodeCount) {
            let rc = reducedCost(a)
            if rc > 0 && flow[a] > low[a] { return "arc \(a) has reduced cost \(rc) but flow above its lower bound" }
            if rc < 0 && flow[a] < cap[a] { return "arc \(a) has reduced cost \(rc) but flow below its upper bound" }
        }
        return nil
    }
}
