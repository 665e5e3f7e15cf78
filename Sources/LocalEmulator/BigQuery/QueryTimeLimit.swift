import Foundation
import GRDB
import GRDBSQLite
import GoogleAuth
import Hummingbird

/// How long one query may run, and the error BigQuery gives when it runs longer.
struct QueryTimeLimit: Sendable {
    var duration: Duration
    var error: GoogleAPIError

    /// The job's own `jobTimeoutMs`: BigQuery stops the job ("stopped").
    static func job(milliseconds: Int64) -> QueryTimeLimit {
        let seconds = Double(milliseconds) / 1000
        let shown = seconds.rounded() == seconds ? String(Int64(seconds)) : String(seconds)
        // 499 (CANCELLED), as BigQuery answers for a job it stopped.
        return QueryTimeLimit(
            duration: .milliseconds(milliseconds),
            error: GoogleAPIError(
                HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), reason: "stopped",
                message: "Job execution was cancelled: Job timed out after \(shown) sec"))
    }

    /// The emulator's ceiling for every query (BigQuery's is six hours; see `EmulatorConfiguration`).
    static func emulator(_ duration: Duration) -> QueryTimeLimit {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return QueryTimeLimit(
            duration: duration,
            error: GoogleAPIError(
                .badRequest, reason: "timeout",
                message:
                    "Operation timed out after \(String(format: "%.1f", seconds)) seconds. Consider reducing the amount of work performed by your "
                    + "operation so that it can complete within this limit."))
    }

    /// The tighter of the two.
    static func effective(jobTimeoutMs: Int64?, emulatorLimit: Duration) -> QueryTimeLimit {
        if let jobTimeoutMs, Duration.milliseconds(jobTimeoutMs) < emulatorLimit { return .job(milliseconds: jobTimeoutMs) }
        return .emulator(emulatorLimit)
    }
}

/// Stops the SQLite statements that `body` runs on `db` once `clock` reads `deadlineMicros` or later:
/// SQLite's progress handler asks every `checkInterval` virtual-machine steps, and a non-zero answer
/// makes the statement fail with SQLITE_INTERRUPT. Only this connection, only during `body`.
enum QueryInterruption {
    /// VM steps between two looks at the clock (a clock reading costs about as much as a few steps):
    /// a statement is stopped within microseconds of its deadline.
    static let checkInterval: Int32 = 100

    private final class Deadline {
        let clock: any WallClock
        let micros: Int64
        init(clock: any WallClock, micros: Int64) {
            self.clock = clock
            self.micros = micros
        }
    }

    static func run<T>(
        on db: Database, clock: any WallClock, deadlineMicros: Int64,
        _ body: () throws -> T
    ) throws -> T {
        let deadline = Deadline(clock: clock, micros: deadlineMicros)
        return try withExtendedLifetime(deadline) {
            sqlite3_progress_handler(
                db.sqliteConnection, checkInterval,
                { context in
                    guard let context else { return 0 }
                    let deadline = Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue()
                    return deadline.clock.microsecondsSinceEpoch >= deadline.micros ? 1 : 0
                }, Unmanaged.passUnretained(deadline).toOpaque())
            defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
            return try body()
        }
    }
}
