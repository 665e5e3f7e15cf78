/// Time since a start, read from an injected clock: what rate limiting, caching and latency need,
/// without carrying the clock's instant type everywhere.
struct Stopwatch: Sendable {
    let elapsed: @Sendable () -> Duration

    init<C: Clock<Duration>>(_ clock: C) {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
    }
}
