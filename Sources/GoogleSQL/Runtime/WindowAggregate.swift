import Foundation
import GRDB
import GRDBSQLite

/// Registers a `DatabaseAggregate` as a SQLite window function, so it may be called with OVER.
/// SQLite accepts after OVER only functions registered with `sqlite3_create_window_function`
/// (xStep, xFinal, xValue, xInverse), which GRDB does not expose.
///
/// The state keeps the frame's argument rows in arrival order: SQLite adds rows to a frame with
/// xStep and removes them with xInverse in the order it added them (GoogleSQL frames have no
/// EXCLUDE), so dropping the oldest row is exactly xInverse for every ROWS and RANGE frame and for
/// a whole partition. xValue finalizes an aggregate stepped over the rows in the frame, and keeps its
/// answer until the frame changes (a whole-partition frame is computed once, not once per row); rows
/// that join the frame step that aggregate, and only a row leaving it makes xValue step afresh. An
/// `InvertibleAggregate` instead keeps one live state that rows leave as they came, so a running or
/// sliding frame costs a step per row.
enum WindowAggregate {
    /// The window function's name for an aggregate; the `distinct` one aggregates each distinct
    /// first argument once (SQLite allows no DISTINCT in a window function call).
    static func name(_ aggregate: String, distinct: Bool) -> String { aggregate + (distinct ? "_over_distinct" : "_over") }

    private final class Factory {
        let make: @Sendable () -> any DatabaseAggregate
        let distinct: Bool
        init(_ make: @escaping @Sendable () -> any DatabaseAggregate, distinct: Bool) {
            self.make = make
            self.distinct = distinct
        }
    }

    /// The current frame: an invertible aggregate's live state, or else the frame's rows (from `head`
    /// on), an aggregate grown over them since a row last left (finalizing does not consume a
    /// `DatabaseAggregate`, so a running frame steps each row once), and the answer, once computed.
    private final class Frame {
        var live: (any InvertibleAggregate)?
        var failure: (any Error)?
        var rows: [[DatabaseValue]] = []
        var head = 0
        var growing: (any DatabaseAggregate)?
        var seen = Set<DatabaseValue>()
        var answer: DatabaseValue?
        let distinct: Bool

        init(_ factory: Factory) {
            distinct = factory.distinct
            if !distinct { live = factory.make() as? any InvertibleAggregate }
        }

        func add(_ row: [DatabaseValue]) {
            if live != nil {
                do { try live?.step(row) } catch { failure = failure ?? error }
                return
            }
            rows.append(row)
            answer = nil
            if growing != nil { grow(with: row) }
        }

        /// A row that fails to step drops the grown aggregate: the error belongs to the frames that
        /// hold that row, and `value` raises it by stepping the frame afresh.
        private func grow(with row: [DatabaseValue]) {
            guard !distinct || seen.insert(row.first ?? .null).inserted else { return }
            do { try growing?.step(row) } catch { growing = nil }
        }

        func removeOldest(_ row: [DatabaseValue]) {
            if live != nil {
                do { try live?.remove(row) } catch { failure = failure ?? error }
                return
            }
            guard head < rows.count else { return }
            rows[head] = []
            head += 1
            answer = nil
            growing = nil
            // Drop the removed rows once they are half the storage, so a sliding frame stays small.
            if head > 32, head * 2 > rows.count {
                rows.removeFirst(head)
                head = 0
            }
        }

        func value(_ factory: Factory) throws -> DatabaseValue {
            if let failure { throw failure }
            if let live { return try live.finalize()?.databaseValue ?? .null }
            if let answer { return answer }
            if growing == nil {
                var aggregate = factory.make()
                seen = []
                for row in rows[head...] where !distinct || seen.insert(row.first ?? .null).inserted {
                    try aggregate.step(row)
                }
                growing = aggregate
            }
            let result = try growing?.finalize()?.databaseValue ?? .null
            answer = result
            return result
        }
    }

    private typealias Slot = UnsafeMutablePointer<UnsafeMutableRawPointer?>

    private static func slot(_ context: OpaquePointer?, create: Bool) -> Slot? {
        let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
        return sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    }

    private static func frame(_ context: OpaquePointer?) -> Frame? {
        guard let slot = slot(context, create: true) else { return nil }
        if let existing = slot.pointee { return Unmanaged<Frame>.fromOpaque(existing).takeUnretainedValue() }
        let frame = Frame(factory(context))
        slot.pointee = Unmanaged.passRetained(frame).toOpaque()
        return frame
    }

    private static func factory(_ context: OpaquePointer?) -> Factory {
        Unmanaged<Factory>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
    }

    private static func arguments(_ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) -> [DatabaseValue] {
        (0..<Int(count)).map { ExactTextFunction.value(values?[$0]) }
    }

    private static func answer(_ context: OpaquePointer?, _ compute: () throws -> DatabaseValue) {
        do {
            ExactTextFunction.setResult(try compute(), on: context)
        } catch {
            sqlite3_result_error(context, "\(error)", -1)
        }
    }

    /// Registers `name_over` and `name_over_distinct`.
    static func register(_ name: String, arity: Int?, in db: Database, _ make: @escaping @Sendable () -> any DatabaseAggregate) throws {
        for distinct in [false, true] {
            let factory = Unmanaged.passRetained(Factory(make, distinct: distinct)).toOpaque()
            let code = sqlite3_create_window_function(
                db.sqliteConnection, Self.name(name, distinct: distinct), Int32(arity ?? -1), SQLITE_UTF8 | SQLITE_DETERMINISTIC, factory,
                { context, count, values in
                    guard let frame = WindowAggregate.frame(context) else { return sqlite3_result_error_nomem(context) }
                    frame.add(WindowAggregate.arguments(count, values))
                },
                { context in
                    // The state is released here: SQLite calls xFinal once per partition, also on errors.
                    let factory = WindowAggregate.factory(context)
                    if let slot = WindowAggregate.slot(context, create: false), let existing = slot.pointee {
                        let frame = Unmanaged<Frame>.fromOpaque(existing).takeRetainedValue()
                        slot.pointee = nil
                        WindowAggregate.answer(context) { try frame.value(factory) }
                    } else {
                        WindowAggregate.answer(context) { try Frame(factory).value(factory) }
                    }
                },
                { context in
                    let factory = WindowAggregate.factory(context)
                    guard let frame = WindowAggregate.frame(context) else { return sqlite3_result_error_nomem(context) }
                    WindowAggregate.answer(context) { try frame.value(factory) }
                },
                { context, count, values in
                    WindowAggregate.frame(context)?.removeOldest(WindowAggregate.arguments(count, values))
                },
                { factory in
                    if let factory { Unmanaged<Factory>.fromOpaque(factory).release() }
                })
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register SQL window function \(name)")
            }
        }
    }
}
