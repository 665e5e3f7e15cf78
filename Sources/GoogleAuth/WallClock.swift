import Foundation
import Synchronization

/// Wall-clock time: token expiry, JWT `iat`/`exp`, and in the emulator publish times, ack deadlines
/// and insertId retention.
///
/// Waiting is a `Clock<Duration>`'s job (retry backoff, batch delays); this is the time of day that
/// is written down or compared with what other machines wrote. Injected everywhere it matters, so
/// tests move time forward instead of sleeping.
public protocol WallClock: Sendable {
    var now: Date { get }
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that only moves when told to; for tests and simulations.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.adding(duration) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

extension Date {
    /// This date moved by `duration`, at Foundation's resolution.
    public func adding(_ duration: Duration) -> Date {
        addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

extension Duration {
    /// The time from `start` to `end` (negative when `end` is earlier).
    public static func between(_ start: Date, _ end: Date) -> Duration {
        .nanoseconds(Int64((end.timeIntervalSince(start) * 1e9).rounded()))
    }
}
