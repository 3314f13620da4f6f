import LinearProgramming
import Testing

/// The writers' output for `FileFormatTests.awkwardModel(sense: .maximize)`, written
/// down once and checked line by line by hand against the model: objective negated
/// for MPS (3 x → -3, -4 b → 4, the constant as the objective row's RHS), the ranged
/// row as G with a RANGE of 8.25 and as two rows in LP, keywords (`free`, `st`) and
/// exponent-like names (`e1`) escaped, the second `x` renamed `x_1`, unnamed columns
/// and rows named by their 1-based index (`x6`, `c5`, `c7`), the binary as a general
/// integer bounded 0…1.
///
/// Comparing with a fixed text, not with a second call in the same process, is
/// what shows determinism: Swift seeds its hashing per process, so an order that
/// came from a dictionary would differ between runs but never within one.
@Suite("MPS and LP files, golden")
struct FileFormatGoldenTests {
    static let mps = #"""
        * Written by Lotsa LinearProgramming: free MPS for glpsol --freemps
        * OBJSENSE MAX: the objective below is negated; its minimum is minus the maximum
        NAME awkward_model
        ROWS
         N obj
         G range(row)
         E balance
         G st
         L c1
         G c5
         N free_row
         L c7
        COLUMNS
         x obj -3
         x range(row) 1
         x balance 1
         x c1 1
         x c5 1
         x c7 1
         y obj -2
         y range(row) 1
         y balance -1
         ship[1,2] obj -0.3333333333333333
         ship[1,2] range(row) 1
         M1 'MARKER' 'INTORG'
         free obj -5
         free range(row) 1
         free st -1
         x_1 obj 4
         x_1 c5 1
         M2 'MARKER' 'INTEND'
         x6 obj -0.25
         x6 balance 0.1
         x6 st 1
         x6 c1 1
         x6 c5 1
         unused obj 0
         e1 obj 1
         e1 free_row 1
         e1 c7 1
        RHS
         RHS obj -17.5
         RHS range(row) -1
         RHS balance 1.5
         RHS st -3
         RHS c1 10
         RHS c5 -100
         RHS c7 6.5
        RANGES
         RNG range(row) 8.25
        BOUNDS
         LO BND x -2
         UP BND x 6
         MI BND y
         UP BND y 4
         FX BND ship[1,2] 1
         LO BND free 0
         UP BND free 5
         LO BND x_1 0
         UP BND x_1 1
         FR BND x6
         UP BND unused 3
         LO BND e1 -1
         UP BND e1 1
        ENDATA

        """#

    static let lp = #"""
        \* Problem: awkward_model *\
        \* Written by Lotsa LinearProgramming: CPLEX LP for glpsol --lp *\

        Maximize
         obj: + 3 x + 2 y + 0.3333333333333333 ship_1,2_ + 5 _free - 4 x_1 + 0.25 x6 + 0 unused - 1 _e1
           + 17.5 objective_constant

        Subject To
         range(row): + 1 x + 1 y + 1 ship_1,2_ + 1 _free >= -1
         range(row)_upper: + 1 x + 1 y + 1 ship_1,2_ + 1 _free <= 7.25
         balance: + 1 x - 1 y + 0.1 x6 = 1.5
         _st: + 1 x6 - 1 _free >= -3
         c1: + 1 x6 + 1 x <= 10
         c5: + 1 x6 + 1 x_1 + 1 x >= -100
         free_row: + 1 _e1 >= -1e+30
         c7: + 1 x + 1 _e1 <= 6.5

        Bounds
         -2 <= x <= 6
         -inf <= y <= 4
         ship_1,2_ = 1
         0 <= _free <= 5
         0 <= x_1 <= 1
         x6 free
         0 <= unused <= 3
         -1 <= _e1 <= 1
         objective_constant = 1

        Generals
         _free x_1

        End

        """#

    @Test func mpsWriterWritesTheCheckedFile() {
        let written = MPSWriter.write(FileFormatTests.awkwardModel(sense: .maximize))
        #expect(written == Self.mps, "\(written)")
    }

    @Test func lpWriterWritesTheCheckedFile() {
        let written = LPWriter.write(FileFormatTests.awkwardModel(sense: .maximize))
        #expect(written == Self.lp, "\(written)")
    }
}
