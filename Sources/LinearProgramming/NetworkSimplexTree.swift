import Foundation

/// The working data of ``NetworkSimplex``: the network's arcs (in a mixed order)
/// followed by one artificial arc per node to an extra root, and the spanning tree.
///
/// The tree is stored as parent, pred arc and its direction, plus a preorder
/// *thread* (`thread[u]` is the node after u; the root closes the cycle), its reverse,
/// the number of nodes in each subtree (`succNum`, which also finds the cycle's top
/// without depths) and each subtree's last node in the thread (`lastSucc`). A subtree
/// is then one stretch of the thread, so cutting, re-rooting and re-hanging it, and
/// shifting its potentials, cost its size.
///
/// Lower bounds are shifted out: `flow` and `cap` count from `low`. Fixing an arc on
/// the optimal face moves `low` to its flow and sets `cap` to 0 and its state to
/// `fixed`, which prices to 0, so it never enters again.
///
/// Everything lives in raw buffers owned by this object, so the pivot loop runs
/// without bounds checks or copy-on-write; the indices come from the tree and the
/// network, which the initialiser validates.
final class NetworkSimplexTree {
    // Arc states: at lower bound, in the spanning tree (or fixed), at upper bound.
    static let atLower: Int8 = 1, inTree: Int8 = 0, atUpper: Int8 = -1
    static let fixed: Int8 = 0
    // Pred arc directions: from the node up to its parent, or down to it.
    static let up: Int8 = 1, down: Int8 = -1

    let nodeCount: Int      // real nodes; the root is node `nodeCount`
    let arcCount: Int       // real arcs; the artificial arc of node v is `arcCount + v`
    /// Internal index of each of the caller's arcs (the mixed order).
    let position: [Int32]

    let source: UnsafeMutablePointer<Int32>, target: UnsafeMutablePointer<Int32>
    let cost: UnsafeMutablePointer<Int64>, cap: UnsafeMutablePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>, low: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<Int8>
    let pi: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>, pred: UnsafeMutablePointer<Int32>
    let predDir: UnsafeMutablePointer<Int8>
    let thread: UnsafeMutablePointer<Int32>, revThread: UnsafeMutablePointer<Int32>
    let succNum: UnsafeMutablePointer<Int32>, lastSucc: UnsafeMutablePointer<Int32>
    /// Pieces of a subtree's new thread order while it is re-rooted (start, end pairs).
    let pieces: UnsafeMutablePointer<Int32>
    /// Net supply of each real node, for the certificate.
    let supply: [Int64]
    var nextArc = 0
    var blockSize: Int
    /// After face fixing: the real arcs still free (ascending), which alone are priced;
    /// `searchCount` < 0 while every real arc is priced directly.
    let searchArcs: UnsafeMutablePointer<Int32>
    var searchCount = -1
    /// Pivots of the last ``optimise(deadline:)`` (entering arcs, including those
    /// that only move to their other bound), for measuring.
    var pivotCount = 0

    /// Arcs of a start flow strictly between their bounds, which are neither in the
    /// tree nor at a bound; the first ``optimise(deadline:)`` pivots each of them in
    /// before pricing (``enterStartArcs()``).
    var startArcs: [Int32] = []

    /// `start`: a flow per caller arc within the arcs' bounds (the caller's whole
    /// numbers), to start from instead of ``crashStart(excess:)``; what it leaves out
    /// of balance is carried by the artificial arcs, as in the usual start.
    init(_ network: MinCostFlow, start startFlow: [Int64]? = nil) throws(SolverError) {
        let n = network.nodeCount, m = network.arcCount
        guard n < Int(Int32.max) / 2, m < Int(Int32.max) / 2 else { throw .invalidModel("network too large") }
        nodeCount = n
        arcCount = m
        let total = m + n
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: value, count: max(count, 1))
            return pointer
        }
        source = buffer(total, 0); target = buffer(total, 0)
        cost = buffer(total, 0); cap = buffer(total, 0); flow = buffer(total, 0); low = buffer(total, 0)
        state = buffer(total, Self.atLower)
        pi = buffer(n + 1, 0)
        parent = buffer(n + 1, -1); pred = buffer(n + 1, -1); predDir = buffer(n + 1, Self.up)
        thread = buffer(n + 1, 0); revThread = buffer(n + 1, 0)
        succNum = buffer(n + 1, 0); lastSucc = buffer(n + 1, 0)
        pieces = buffer(4 * n + 4, 0)
        searchArcs = buffer(m, 0)
        blockSize = Self.blockSize(for: m)

        // Arc mixing: consecutive caller arcs land `skip` apart, so that every block of
        // the search sees arcs from all over the network.
        var position = [Int32](repeating: 0, count: m)
        let skip = max(m / max(n, 1), 3)
        var slot = 0, start = 0
        for k in 0..<m {
            position[k] = Int32(slot)
            slot += skip
            if slot >= m { start += 1; slot = start }
        }
        self.position = position

        let whole = MinCostFlow.whole
        var excess = try network.wholeSupplies()
        supply = excess
        for k in 0..<m {
            let a = Int(position[k])
            let tail = network.tail[k], head = network.head[k]
            guard tail >= 0, Int(tail) < n, head >= 0, Int(head) < n else {
                throw .invalidModel("arc \(k) joins a node that does not exist")
            }
            source[a] = tail
            target[a] = head
            let lower = try whole(network.lower[k], "bounds"), upper = try whole(network.upper[k], "bounds")
            guard lower <= upper else {
                throw .invalidModel("arc \(k) has lower bound \(lower) above upper bound \(upper)")
            }
            low[a] = lower
            cap[a] = upper - lower
            excess[Int(tail)] -= lower
            excess[Int(head)] += lower
        }
        // A start flow: arcs at a bound take that state, arcs between their bounds wait
        // in `startArcs`; the nodes' excess is what the start leaves unbalanced.
        if let startFlow {
            for k in 0..<m {
                let a = Int(position[k])
                let f = startFlow[k] &- low[a]
                guard f != 0 else { continue }
                flow[a] = f
                if f == cap[a] { state[a] = Self.atUpper } else { startArcs.append(Int32(a)) }
                excess[Int(source[a])] -= f
                excess[Int(target[a])] += f
            }
        }
        // The initial tree: every node hangs from the root by its artificial arc, up
        // from nodes with a surplus (cost 0), down to nodes with a demand (big cost,
        // set with the costs), carrying the node's excess. The thread visits the
        // nodes in order.
        let root = Int32(n)
        var bigM: Int64 = 0
        for v in 0..<n { bigM += abs(excess[v]) }
        // A balanced start leaves no excess: the artificial arcs still take some flow,
        // so that every node can send some to the root (a strongly feasible tree).
        if startFlow != nil { bigM += supply.reduce(1) { $0 + abs($1) } }
        parent[n] = -1
        pred[n] = -1
        thread[n] = 0
        revThread[0] = root
        succNum[n] = Int32(n + 1)
        lastSucc[n] = n == 0 ? root : Int32(n - 1)
        for v in 0..<n {
            let a = m + v
            parent[v] = root
            pred[v] = Int32(a)
            thread[v] = Int32(v + 1)
            revThread[v + 1] = Int32(v)
            succNum[v] = 1
            lastSucc[v] = Int32(v)
            cap[a] = bigM
            state[a] = Self.inTree
            if excess[v] >= 0 {
                predDir[v] = Self.up
                source[a] = Int32(v); target[a] = root
                flow[a] = excess[v]
            } else {
                predDir[v] = Self.down
                source[a] = root; target[a] = Int32(v)
                flow[a] = -excess[v]
            }
        }
        if startFlow == nil && Self.useCrashStart { crashStart(excess: excess) }
    }

    /// Whether to start from ``crashStart(excess:)`` (the default) or from the
    /// artificial star (`LOTSA_NETWORK_START=artificial`, for measuring the difference).
    /// Arcs priced per block: 2√m. LEMON uses √m; on the planner's networks (M, step 1)
    /// 2√m took 8 % less CPU time than √m, 0.5√m and 3√m more (`LOTSA_NETWORK_BLOCK`
    /// sets the factor, for measuring).
    static func blockSize(for arcs: Int) -> Int {
        max(10, Int(blockFactor * Double(arcs).squareRoot()))
    }
    static let blockFactor = ProcessInfo.processInfo.environment["LOTSA_NETWORK_BLOCK"].flatMap(Double.init) ?? 2

    static let useCrashStart = ProcessInfo.processInfo.environment["LOTSA_NETWORK_START"] != "artificial"

    /// A better start than the artificial star: a feasible flow along real arcs
    /// where one is easy to see. From the demand nodes, a breadth-first search
    /// backwards along arcs with room (the widest arc to each node) gives a forest;
    /// then, leaves first, each node sends what it holds (its supply plus what its
    /// children send) along its arc to its parent when the arc takes it, with room to
    /// spare so that the tree stays strongly feasible. A node that cannot keeps its
    /// artificial arc, carrying what it holds. In the planner's networks each
    /// cohort's patients wait along its carry arcs to the sink, so the first step
    /// starts from a feasible plan (nobody treated) instead of from artificial flow.
    func crashStart(excess: [Int64]) {
        let n = nodeCount, m = arcCount
        guard n > 0, m > 0 else { return }
        // Arcs into each node (CSR).
        var inStart = [Int32](repeating: 0, count: n + 1)
        for a in 0..<m { inStart[Int(target[a]) + 1] += 1 }
        for v in 0..<n { inStart[v + 1] += inStart[v] }
        var fill = inStart
        var inArcs = [Int32](repeating: 0, count: m)
        for a in 0..<m {
            let v = Int(target[a])
            inArcs[Int(fill[v])] = Int32(a)
            fill[v] += 1
        }
        var treeArc = [Int32](repeating: -1, count: n)
        var order: [Int32] = []
        order.reserveCapacity(n)
        var visited = [Bool](repeating: false, count: n)
        for v in 0..<n where excess[v] < 0 { visited[v] = true; order.append(Int32(v)) }
        var head = 0
        while head < order.count {
            let v = Int(order[head]); head += 1
            for k in Int(inStart[v])..<Int(inStart[v + 1]) {
                let a = Int(inArcs[k]), u = Int(source[a])
                guard cap[a] > 0 else { continue }
                if !visited[u] {
                    visited[u] = true
                    treeArc[u] = Int32(a)
                    order.append(Int32(u))
                } else if treeArc[u] >= 0, Int(target[Int(treeArc[u])]) == v, cap[a] > cap[Int(treeArc[u])] {
                    treeArc[u] = Int32(a)  // a wider parallel arc to the same parent
                }
            }
        }
        // Leaves first: send what each node holds to its parent where the arc takes it.
        var holds = excess
        var attached = [Bool](repeating: false, count: n)
        for u in order.reversed() {
            let a = Int(treeArc[Int(u)])
            guard a >= 0 else { continue }
            let amount = holds[Int(u)]
            if amount >= 0 && (amount < cap[a] || amount == 0) {
                attached[Int(u)] = true
                holds[Int(target[a])] += amount
                flow[a] = amount
                state[a] = Self.inTree
            }
        }
        // The tree: attached nodes under their parent, the others under the root.
        let root = Int32(n)
        for v in 0..<n {
            let artificial = m + v
            if attached[v] {
                let a = Int(treeArc[v])
                parent[v] = target[a]
                pred[v] = Int32(a)
                predDir[v] = Self.up
                source[artificial] = Int32(v); target[artificial] = root
                flow[artificial] = 0
                state[artificial] = Self.atLower
            } else {
                parent[v] = root
                pred[v] = Int32(artificial)
                state[artificial] = Self.inTree
                if holds[v] >= 0 {
                    predDir[v] = Self.up
                    source[artificial] = Int32(v); target[artificial] = root
                    flow[artificial] = holds[v]
                } else {
                    predDir[v] = Self.down
                    source[artificial] = root; target[artificial] = Int32(v)
                    flow[artificial] = -holds[v]
                }
            }
        }
        rebuildThread()
    }

    /// Thread, reverse thread, subtree sizes and last successors from the parents.
    func rebuildThread() {
        let n = nodeCount
        var childStart = [Int32](repeating: 0, count: n + 2)
        for v in 0..<n { childStart[Int(parent[v]) + 1] += 1 }
        for v in 0...n { childStart[v + 1] += childStart[v] }
        var fill = childStart
        var children = [Int32](repeating: 0, count: max(n, 1))
        for v in 0..<n {
            let p = Int(parent[v])
            children[Int(fill[p])] = Int32(v)
            fill[p] += 1
        }
        // Preorder by an explicit stack; sizes and last successors on the way back.
        let root = Int32(n)
        var stack: [(node: Int32, next: Int32)] = [(root, childStart[n])]
        var previous = root
        while let top = stack.last {
            let v = Int(top.node)
            if top.next < childStart[v + 1] {
                stack[stack.count - 1].next += 1
                let child = children[Int(top.next)]
                thread[Int(previous)] = child
                revThread[Int(child)] = previous
                previous = child
                stack.append((child, childStart[Int(child)]))
            } else {
                stack.removeLast()
                lastSucc[v] = previous
                var size: Int32 = 1
                for k in Int(childStart[v])..<Int(childStart[v + 1]) { size += succNum[Int(children[k])] }
                succNum[v] = size
            }
        }
        thread[Int(previous)] = root
        revThread[Int(root)] = previous
    }

    deinit {
        source.deallocate(); target.deallocate()
        cost.deallocate(); cap.deallocate(); flow.deallocate(); low.deallocate()
        state.deallocate(); pi.deallocate()
        parent.deallocate(); pred.deallocate(); predDir.deallocate()
        thread.deallocate(); revThread.deallocate(); succNum.deallocate(); lastSucc.deallocate()
        pieces.deallocate(); searchArcs.deallocate()
    }

    /// The flow on each of the caller's arcs.
    var flows: [Double] { position.map { Double(low[Int($0)] + flow[Int($0)]) } }

    func artificialFlow() -> Int64 {
        (arcCount..<(arcCount + nodeCount)).reduce(0) { $0 + flow[$1] }
    }

    /// Sets the costs of the real arcs (the caller's order), the artificial costs and
    /// the potentials of the current tree.
    func setCosts(_ costs: [Int64]) {
        var largest: Int64 = 0
        for k in 0..<arcCount {
            cost[Int(position[k])] = costs[k]
            largest = max(largest, abs(costs[k]))
        }
        // Above any path's cost, so no optimum uses an artificial arc when a real flow exists.
        let artificial = (largest + 1) * Int64(nodeCount + 1)
        let root = Int32(nodeCount)
        for v in 0..<nodeCount {
            let a = arcCount + v
            cost[a] = source[a] == root ? artificial : 0
        }
        recomputePotentials()
    }

    /// Potentials such that every tree arc has reduced cost 0, with π(root) = 0:
    /// along the thread every parent comes before its children.
    func recomputePotentials() {
        let root = Int32(nodeCount)
        pi[Int(root)] = 0
        var u = thread[Int(root)]
        while u != root {
            let a = Int(pred[Int(u)]), p = Int(parent[Int(u)])
            // Reduced cost c + π(source) − π(target) = 0 on the pred arc.
            pi[Int(u)] = predDir[Int(u)] == Self.up ? pi[p] - cost[a] : pi[p] + cost[a]
            u = thread[Int(u)]
        }
    }

    func reducedCost(_ a: Int) -> Int64 {
        cost[a] + pi[Int(source[a])] - pi[Int(target[a])]
    }

    /// Reduced cost of each of the caller's arcs.
    func reducedCosts() -> [Int64] { position.map { reducedCost(Int($0)) } }

    /// Keeps the optimal face: arcs whose reduced cost is not zero keep their flow
    /// in every later step (complementary slackness) and are no longer priced.
    func fixNonZeroReducedCosts() {
        for a in 0..<arcCount where state[a] != Self.inTree && reducedCost(a) != 0 {
            low[a] += flow[a]
            cap[a] = 0
            flow[a] = 0
            state[a] = Self.fixed
        }
        // Price only the arcs still free from now on (in ascending order, so memory
        // is read in sequence), with blocks sized for them.
        var count = 0
        for a in 0..<arcCount where state[a] != Self.fixed || isTreeArc(a) {
            searchArcs[count] = Int32(a)
            count += 1
        }
        searchCount = count
        blockSize = Self.blockSize(for: count)
        nextArc = 0
    }

    /// Whether real arc `a` is in the spanning tree (tree and fixed arcs share a state).
    func isTreeArc(_ a: Int) -> Bool {
        let s = Int(source[a]), t = Int(target[a])
        return (pred[s] == Int32(a) && parent[s] == Int32(t)) || (pred[t] == Int32(a) && parent[t] == Int32(s))
    }

    // MARK: Pivoting

    /// Runs pivots until no arc prices out; false when the deadline passed.
    func optimise(deadline: ContinuousClock.Instant?) -> Bool {
        var pivots = 0
        if !startArcs.isEmpty { pivots += enterStartArcs() }
        while true {
            if pivots & 1023 == 0, let deadline, ContinuousClock.now >= deadline { pivotCount = pivots; return false }
            let entering = findEnteringArc()
            if entering < 0 { pivotCount = pivots; return true }
            pivots += 1
            pivot(Int32(entering), room: cap[entering])
        }
    }

    /// Pivots each arc of the start flow that lies between its bounds into the tree
    /// (or to a bound), pushing in the direction its reduced cost favours, so the
    /// cost never rises. Afterwards every non-tree arc is at a bound, as the pricing
    /// expects. The cycle and the leaving arc are chosen as in any pivot (the last
    /// blocking arc), which keeps the tree strongly feasible. Returns the pivots.
    func enterStartArcs() -> Int {
        for e in startArcs {
            let a = Int(e)
            // Push the flow up (as from the lower bound) or down (as from the upper).
            let up = reducedCost(a) <= 0
            state[a] = up ? Self.atLower : Self.atUpper
            pivot(e, room: up ? cap[a] &- flow[a] : flow[a])
        }
        defer { startArcs = [] }
        return startArcs.count
    }

    /// Block search over the real arcs: the most violating arc of the first block,
    /// from where the last search stopped, that has one; −1 when none prices out.
    @inline(__always)
    func findEnteringArc() -> Int {
        if searchCount >= 0 { return findEnteringFreeArc() }
        let m = arcCount
        guard m > 0 else { return -1 }
        let state = self.state, cost = self.cost, pi = self.pi, source = self.source, target = self.target
        var best: Int64 = 0
        var bestArc = -1
        var left = blockSize
        // From where the last search stopped to the end, then from the start (two
        // loops, as LEMON's, so that the loop has no wrap-around test).
        let start = nextArc
        var a = start
        while a < m {
            let violation = Int64(state[a]) &* (cost[a] &+ pi[Int(source[a])] &- pi[Int(target[a])])
            if violation < best { best = violation; bestArc = a }
            a &+= 1
            left &-= 1
            if left == 0 {
                if bestArc >= 0 { nextArc = a == m ? 0 : a; return bestArc }
                left = blockSize
            }
        }
        a = 0
        while a < start {
            let violation = Int64(state[a]) &* (cost[a] &+ pi[Int(source[a])] &- pi[Int(target[a])])
            if violation < best { best = violation; bestArc = a }
            a &+= 1
            left &-= 1
            if left == 0 {
                if bestArc >= 0 { nextArc = a; return bestArc }
                left = blockSize
            }
        }
        nextArc = start
        return bestArc
    }

    /// The same block search over the free arcs only (after face fixing).
    func findEnteringFreeArc() -> Int {
        let m = searchCount
        guard m > 0 else { return -1 }
        let state = self.state, cost = self.cost, pi = self.pi, source = self.source, target = self.target
        let arcs = searchArcs
        var best: Int64 = 0
        var bestArc = -1
        var left = blockSize
        var k = nextArc
        for _ in 0..<m {
            let a = Int(arcs[k])
            let violation = Int64(state[a]) &* (cost[a] &+ pi[Int(source[a])] &- pi[Int(target[a])])
            if violation < best { best = violation; bestArc = a }
            k &+= 1
            if k == m { k = 0 }
            left &-= 1
            if left == 0 {
                if bestArc >= 0 { nextArc = k; return bestArc }
                left = blockSize
            }
        }
        nextArc = k
        return bestArc
    }

    @inline(__always)
    /// `room`: what the entering arc itself can take (all of it from a bound; from a
    /// start flow between the bounds, the rest of it in the pushed direction).
    func pivot(_ entering: Int32, room: Int64) {
        let source = self.source, target = self.target, cap = self.cap, flow = self.flow, state = self.state
        let parent = self.parent, pred = self.pred, predDir = self.predDir, succNum = self.succNum
        let e = Int(entering)
        // Flow goes around the cycle: along the entering arc from `first` to
        // `second`, up from `second` to the join, down from the join to `first`.
        let first: Int32, second: Int32
        if state[e] == Self.atLower {
            first = source[e]; second = target[e]
        } else {
            first = target[e]; second = source[e]
        }
        // The cycle's top: climb from the side with the smaller subtree.
        var u = source[e], v = target[e]
        while u != v {
            if succNum[Int(u)] < succNum[Int(v)] { u = parent[Int(u)] } else { v = parent[Int(v)] }
        }
        let join = u
        // The leaving arc; ties go to the last blocking arc in the cycle's direction
        // (strongly feasible trees).
        var delta = room
        var leavingNode: Int32 = -1
        var side = 0
        u = first
        while u != join {
            let a = Int(pred[Int(u)])
            let room = predDir[Int(u)] == Self.up ? flow[a] : cap[a] &- flow[a]
            if room < delta { delta = room; leavingNode = u; side = 1 }
            u = parent[Int(u)]
        }
        u = second
        while u != join {
            let a = Int(pred[Int(u)])
            let room = predDir[Int(u)] == Self.up ? cap[a] &- flow[a] : flow[a]
            if room <= delta { delta = room; leavingNode = u; side = 2 }
            u = parent[Int(u)]
        }
        // Push delta around the cycle.
        if delta > 0 {
            let signed = Int64(state[e]) &* delta
            flow[e] &+= signed
            u = source[e]
            while u != join {
                flow[Int(pred[Int(u)])] &-= Int64(predDir[Int(u)]) &* signed
                u = parent[Int(u)]
            }
            u = target[e]
            while u != join {
                flow[Int(pred[Int(u)])] &+= Int64(predDir[Int(u)]) &* signed
                u = parent[Int(u)]
            }
        }
        guard side != 0 else {
            // The entering arc itself blocks: it moves to its other bound.
            state[e] = -state[e]
            return
        }
        let leavingArc = Int(pred[Int(leavingNode)])
        state[e] = Self.inTree
        state[leavingArc] = flow[leavingArc] == 0 ? Self.atLower : Self.atUpper
        // The entering arc's end on the leaving arc's side becomes the moved subtree's root.
        let uIn = side == 1 ? first : second
        let vIn = side == 1 ? second : first
        rehang(subtreeOf: leavingNode, newRoot: uIn, newParent: vIn, through: entering, join: join)
    }

    /// Cuts the subtree below `uOut` out of the thread, re-roots it at `uIn`
    /// (reversing the stem between them), hangs it below `vIn` by `arc`, and shifts
    /// its potentials so that `arc` has reduced cost 0.
    @inline(__always)
    func rehang(subtreeOf uOut: Int32, newRoot uIn: Int32, newParent vIn: Int32, through arc: Int32, join: Int32) {
        let parent = self.parent, pred = self.pred, predDir = self.predDir
        let thread = self.thread, revThread = self.revThread, succNum = self.succNum, lastSucc = self.lastSucc
        let pieces = self.pieces
        let size = succNum[Int(uOut)]
        let lastOut = lastSucc[Int(uOut)]
        let vOut = parent[Int(uOut)]

        // 1. Cut the stretch uOut … lastOut out of the thread.
        let before = revThread[Int(uOut)], after = thread[Int(lastOut)]
        thread[Int(before)] = after
        revThread[Int(after)] = before
        var u = vOut
        while u != join { succNum[Int(u)] &-= size; u = parent[Int(u)] }
        u = vOut
        while u >= 0 && lastSucc[Int(u)] == lastOut { lastSucc[Int(u)] = before; u = parent[Int(u)] }

        // 2. The subtree's new preorder, rooted at uIn: uIn's own subtree, then for
        // each stem node s above it (up to uOut) s's stretch without the child's
        // stretch, as at most two pieces: s … before(child), after(child's last) … s's last.
        var count = 1
        pieces[0] = uIn
        pieces[1] = lastSucc[Int(uIn)]
        var child = uIn
        while child != uOut {
            let s = parent[Int(child)]
            pieces[2 * count] = s
            pieces[2 * count + 1] = revThread[Int(child)]
            count += 1
            let childLast = lastSucc[Int(child)], stemLast = lastSucc[Int(s)]
            if childLast != stemLast {
                pieces[2 * count] = thread[Int(childLast)]
                pieces[2 * count + 1] = stemLast
                count += 1
            }
            child = s
        }
        for k in 1..<count {
            let end = pieces[2 * k - 1], next = pieces[2 * k]
            thread[Int(end)] = next
            revThread[Int(next)] = end
        }
        let newLast = pieces[2 * count - 1]
        // Reverse the stem: each stem node's new parent is the node below it, its new
        // pred arc the old pred arc of that node, its subtree all but that node's old one.
        var node = uIn
        var newParent = vIn, newPred = arc
        var newDir: Int8 = source[Int(arc)] == uIn ? Self.up : Self.down
        var newSize = size
        while true {
            let oldParent = parent[Int(node)], oldPred = pred[Int(node)]
            let oldDir = predDir[Int(node)], oldSize = succNum[Int(node)]
            parent[Int(node)] = newParent
            pred[Int(node)] = newPred
            predDir[Int(node)] = newDir
            succNum[Int(node)] = newSize
            lastSucc[Int(node)] = newLast
            if node == uOut { break }
            newParent = node
            newPred = oldPred
            newDir = -oldDir
            newSize = size &- oldSize
            node = oldParent
        }

        // 3. Hang the stretch uIn … newLast right after vIn.
        let next = thread[Int(vIn)]
        thread[Int(vIn)] = uIn
        revThread[Int(uIn)] = vIn
        thread[Int(newLast)] = next
        revThread[Int(next)] = newLast
        u = vIn
        while u != join { succNum[Int(u)] &+= size; u = parent[Int(u)] }
        u = vIn
        while u >= 0 && lastSucc[Int(u)] == vIn { lastSucc[Int(u)] = newLast; u = parent[Int(u)] }

        // 4. Potentials of the moved subtree: make the entering arc's reduced cost 0.
        let pi = self.pi
        let sigma = pi[Int(vIn)] &- pi[Int(uIn)] &- Int64(predDir[Int(uIn)]) &* cost[Int(arc)]
        // Only differences of potentials matter, so when the subtree holds most of
        // the tree, the rest (the thread after the subtree, round past the root)
        // moves by −σ instead: at most half the nodes are touched per pivot.
        if sigma != 0 {
            let rest = Int32(nodeCount + 1) &- size
            if size <= rest {
                u = uIn
                for _ in 0..<Int(size) {
                    pi[Int(u)] &+= sigma
                    u = thread[Int(u)]
                }
            } else {
                u = thread[Int(newLast)]
                for _ in 0..<Int(rest) {
                    pi[Int(u)] &-= sigma
                    u = thread[Int(u)]
                }
            }
        }
    }

    // MARK: The certificate

    /// nil when the flow is feasible and optimal for the current costs; else why not.
    func certificateProblem() -> String? {
        var balance = [Int64](repeating: 0, count: nodeCount + 1)
        for a in 0..<(arcCount + nodeCount) {
            if flow[a] < 0 || flow[a] > cap[a] {
                return "arc \(a) flow \(low[a] + flow[a]) outside [\(low[a]), \(low[a] + cap[a])]"
            }
            balance[Int(source[a])] -= low[a] + flow[a]
            balance[Int(target[a])] += low[a] + flow[a]
        }
        for v in 0..<nodeCount where balance[v] != -supply[v] {
            return "node \(v) is out of balance by \(balance[v] + supply[v])"
        }
        // The real arcs only: with no artificial flow, these are the network's
        // optimality conditions (artificial arcs then carry nothing and drop out).
        for a in 0..<arcCount {
            let rc = reducedCost(a)
            if rc > 0 && flow[a] > 0 { return "arc \(a) has reduced cost \(rc) but flow above its lower bound" }
            if rc < 0 && flow[a] < cap[a] { return "arc \(a) has reduced cost \(rc) but flow below its upper bound" }
        }
        return nil
    }
}
