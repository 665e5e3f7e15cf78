import Foundation
import GRDB
import GRDBSQLite

/// Registers an aggregate SQL function with the NUL-safe argument and result handling of
/// `ExactTextFunction` (GRDB's aggregates read and return text as C strings, ending it at a NUL).
/// Each aggregation's state is a `DatabaseAggregate` kept in SQLite's aggregate context. Every
/// aggregate is also registered as a window function, `WindowAggregate.name(name, distinct:)`.
enum ExactTextAggregate {
    private final class Factory {
        let make: @Sendable () -> any DatabaseAggregate
        init(_ make: @escaping @Sendable () -> any DatabaseAggregate) { self.make = make }
    }

    private final class State {
        var aggregate: any DatabaseAggregate
        init(_ aggregate: any DatabaseAggregate) { self.aggregate = aggregate }
    }

    private typealias Slot = UnsafeMutablePointer<UnsafeMutableRawPointer?>

    private static func slot(_ context: OpaquePointer?, create: Bool) -> Slot? {
        let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
        return sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    static func register(
        _ name: String, arity: Int?, in db: Database, _ make: @escaping @Sendable () -> any DatabaseAggregate
    ) throws {
        let factory = Unmanaged.passRetained(Factory(make)).toOpaque()
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, name, Int32(arity ?? -1), SQLITE_UTF8 | SQLITE_DETERMINISTIC, factory, nil,
            { context, count, values in
                guard let slot = ExactTextAggregate.slot(context, create: true) else { return sqlite3_result_error_nomem(context) }
                let state: State
                if let existing = slot.pointee {
                    state = Unmanaged<State>.fromOpaque(existing).takeUnretainedValue()
                } else {
                    let factory = Unmanaged<Factory>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                    state = State(factory.make())
                    slot.pointee = Unmanaged.passRetained(state).toOpaque()
                }
                let arguments = (0..<Int(count)).map { ExactTextFunction.value(values?[$0]) }
                do {
                    try state.aggregate.step(arguments)
                } catch {
                    sqlite3_result_error(context, "\(error)", -1)
                }
            },
            { context in
                // The state is released here: SQLite calls xFinal once per aggregation, also on errors.
                let state: State
                if let slot = ExactTextAggregate.slot(context, create: false), let existing = slot.pointee {
                    state = Unmanaged<State>.fromOpaque(existing).takeRetainedValue()
                    slot.pointee = nil
                } else {
                    let factory = Unmanaged<Factory>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                    state = State(factory.make())
                }
                do {
                    let result = try state.aggregate.finalize()
                    ExactTextFunction.setResult(result?.databaseValue ?? .null, on: context)
                } catch {
                    sqlite3_result_error(context, "\(error)", -1)
                }
            },
            { factory in
                if let factory { Unmanaged<Factory>.fromOpaque(factory).release() }
            })
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register SQL aggregate \(name)")
        }
        try WindowAggregate.register(name, arity: arity, in: db, make)
    }
}
