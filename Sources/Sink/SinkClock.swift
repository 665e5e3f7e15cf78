/// The injected `Clock` behind one existential, read as offsets from the Sink's start.
///
/// `any Clock<Duration>` hides its `Instant` type; offsets (`Duration`s) are what batch ages, lease
/// deadlines and retry budgets are compared in, so the rest of the Sink never opens the existential.
struct SinkClock: Sendable {
    private let nowOffset: @Sendable () -> Duration
    private let sleepUntilOffset: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        nowOffset = { origin.duration(to: clock.now) }
        sleepUntilOffset = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }

    /// Time since the Sink was made.
    var now: Duration { nowOffset() }

    func sleep(until offset: Duration) async throws { try await sleepUntilOffset(offset) }

    func sleep(for duration: Duration) async throws { try await sleepUntilOffset(now + duration) }
}
