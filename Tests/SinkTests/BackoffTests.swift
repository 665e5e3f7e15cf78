import Sink
import Testing

@Suite struct BackoffTests {
    @Test func ceilingDoublesFromTheInitialPauseUpToTheMaximum() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), random: { 0.5 })
        #expect(
            (1...6).map(backoff.ceiling(afterAttempt:)) == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
            ])
    }

    @Test func fullJitterScalesTheCeilingByTheRandomShare() {
        #expect(Backoff(initial: .milliseconds(100), maximum: .seconds(10), random: { 0 }).delay(afterAttempt: 3) == .zero)
        #expect(Backoff(initial: .milliseconds(100), maximum: .seconds(10), random: { 0.25 }).delay(afterAttempt: 3) == .milliseconds(100))
        let nearlyOne = Backoff(initial: .milliseconds(100), maximum: .seconds(10), random: { 0.999_999 }).delay(afterAttempt: 3)
        #expect(nearlyOne < .milliseconds(400) && nearlyOne > .milliseconds(399))
    }

    @Test func pausesStayWithinZeroAndTheCeilingForAnyRandomSource() {
        let backoff = Backoff(initial: .milliseconds(50), maximum: .seconds(2))
        for attempt in 1...20 {
            for _ in 0..<50 {
                let pause = backoff.delay(afterAttempt: attempt)
                #expect(pause >= .zero && pause < backoff.ceiling(afterAttempt: attempt))
            }
        }
        // A random source out of its contract (1.0) still never reaches the ceiling.
        #expect(Backoff(initial: .seconds(1), maximum: .seconds(1), random: { 1 }).delay(afterAttempt: 1) < .seconds(1))
    }

    @Test func hugeAttemptNumbersDoNotOverflow() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30), random: { 0.5 })
        #expect(backoff.ceiling(afterAttempt: 10_000) == .seconds(30))
    }
}
