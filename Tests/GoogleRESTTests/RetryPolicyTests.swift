import GoogleREST
import TestSupport
import Testing

struct Flaky: Error { let retryable: Bool }

@Suite struct RetryPolicyTests {
    @Test func backoffCeilingGrowsByTheMultiplierUpToTheMaximum() {
        let policy = RetryPolicy(initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(500), random: { 0.999999 })
        let delays = (1...5).map { policy.delay(afterAttempt: $0) }
        #expect(delays[0] < .milliseconds(100) && delays[0] > .milliseconds(99))
        #expect(delays[1] > .milliseconds(199) && delays[2] > .milliseconds(399))
        #expect(delays[3] <= .milliseconds(500) && delays[4] <= .milliseconds(500) && delays[4] > .milliseconds(499))
    }

    @Test func jitterIsAShareOfTheCeiling() {
        let policy = RetryPolicy(initialBackoff: .seconds(1), random: { 0.25 })
        #expect(policy.delay(afterAttempt: 1) == .milliseconds(250))
        #expect(policy.delay(afterAttempt: 3) == .seconds(1))
    }

    @Test func retryableErrorsWaitOnTheInjectedClockThenSucceed() async throws {
        let clock = RecordingClock()
        let policy = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), clock: clock, random: { 0.5 })
        let attempts = Counter()
        let value = try await policy.run(isRetryable: { ($0 as? Flaky)?.retryable ?? false }) {
            if attempts.increment() < 3 { throw Flaky(retryable: true) }
            return "done"
        }
        #expect(value == "done")
        #expect(attempts.value == 3)
        #expect(clock.recorded == [.milliseconds(50), .milliseconds(100)])
    }

    @Test func permanentErrorsAreThrownAtOnce() async throws {
        let clock = RecordingClock()
        let attempts = Counter()
        await #expect(throws: Flaky.self) {
            try await RetryPolicy(clock: clock).run(isRetryable: { ($0 as? Flaky)?.retryable ?? false }) {
                attempts.increment()
                throw Flaky(retryable: false)
            }
        }
        #expect(attempts.value == 1)
        #expect(clock.recorded.isEmpty)
    }

    @Test func retriesStopAtMaxAttempts() async throws {
        let clock = RecordingClock()
        let attempts = Counter()
        await #expect(throws: Flaky.self) {
            try await RetryPolicy(maxAttempts: 4, clock: clock).run(isRetryable: { _ in true }) {
                attempts.increment()
                throw Flaky(retryable: true)
            }
        }
        #expect(attempts.value == 4)
        #expect(clock.recorded.count == 3)
    }
}
