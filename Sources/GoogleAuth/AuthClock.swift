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

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
