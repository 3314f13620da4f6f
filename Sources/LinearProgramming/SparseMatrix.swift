/// A sparse matrix in compressed sparse row (CSR) form.
///
/// Row `i` holds the entries `rowStart[i] ..< rowStart[i + 1]` of `columns` and
/// `values`. ``Model`` appends rows to exactly this storage while it is built,
/// and the GLPK backend hands it to `glp_load_matrix` in one call.
///
/// ```swift
/// for (column, value) in model.matrix.row(0) { print(column, value) }
/// ```
public struct SparseMatrix: Sendable {
    /// The number of columns (entries address `0 ..< columnCount`).
    public internal(set) var columnCount: Int
    /// `rowCount + 1` offsets into `columns`/`values`; the first is 0.
    public internal(set) var rowStart: [Int]
    public internal(set) var columns: [Int32]
    public internal(set) var values: [Double]

    public var rowCount: Int { rowStart.count - 1 }
    public var nonzeroCount: Int { columns.count }

    /// An empty matrix with `columnCount` columns and no rows.
    public init(columnCount: Int = 0) {
        self.columnCount = columnCount
        rowStart = [0]
        columns = []
        values = []
    }

    public init(columnCount: Int, rowStart: [Int], columns: [Int32], values: [Double]) {
        precondition(rowStart.first == 0 && rowStart.last == columns.count && columns.count == values.count,
                     "inconsistent CSR arrays")
        self.columnCount = columnCount
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
    }

    /// The entries of row `row` as `(column, value)` pairs.
    public func row(_ row: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Double>> {
        let range = rowStart[row] ..< rowStart[row + 1]
        return zip(columns[range], values[range])
    }

    /// The transpose, still in CSR form: its rows are this matrix's columns,
    /// with entries in increasing row order. Entries whose column is out of
    /// range are dropped.
    public func transposed() -> SparseMatrix {
        var count = [Int](repeating: 0, count: columnCount + 1)
        for column in columns where column >= 0 && Int(column) < columnCount {
            count[Int(column) + 1] += 1
        }
        for j in 0 ..< columnCount {
            count[j + 1] += count[j]
        }
        let total = count[columnCount]
        var next = count
        var rows = [Int32](repeating: 0, count: total)
        var transposedValues = [Double](repeating: 0, count: total)
        for i in 0 ..< rowCount {
            for k in rowStart[i] ..< rowStart[i + 1] {
                let column = Int(columns[k])
                guard column >= 0 && column < columnCount else { continue }
                rows[next[column]] = Int32(truncatingIfNeeded: i)
                transposedValues[next[column]] = values[k]
                next[column] += 1
            }
        }
        return SparseMatrix(columnCount: rowCount, rowStart: count, columns: rows, values: transposedValues)
    }
}
