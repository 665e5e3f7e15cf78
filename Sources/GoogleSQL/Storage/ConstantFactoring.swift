import CSQLiteTuning
import GRDB

/// SQLite hoists every constant operand (each bound `?`) out of the row loop, and checks each new one
/// against all hoisted so far (`sqlite3ExprCodeRunJustOnce`): quadratic in the constants of a statement.
/// A generated 50,000-term `AND` chain spent ~20 s there. Without the hoisting each `?` is read per row
/// instead, a register copy, and translation plus preparation stay linear in the query's length.
enum ConstantFactoring {
    static func disable(on db: Database) {
        _ = csqlite_disable_constant_factoring(UnsafeMutableRawPointer(db.sqliteConnection))
    }
}
