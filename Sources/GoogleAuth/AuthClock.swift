import Foundation
import Synchronization

/// Wall-clock time as credentials see it: token expiry, JWT `iat`/`exp`.
///
/// Injected everywhere time matters so tests can move time forward instead of sleeping.
public protocol AuthClock: Sendable {
    var now: Date { get }
}

/// The system's real-time clock.
public struct SystemAuthClock: AuthClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock that only moves when told to; for tests and simulations.
public final class ManualAuthClock: AuthClock {
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
