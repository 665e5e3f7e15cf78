import Logging
import PubSubClient
import WarehouseClient

/// Runs a call again after retryable failures, with `Backoff` pauses on the Sink's clock, until it
/// succeeds or `budget` (time since the first attempt) would be passed.
///
/// The Sink owns retrying: it knows how long a message may wait and counts retries in its metrics.
/// Clients built with `RetryPolicy.none` leave it all to the Sink; clients with their own policy
/// still work, each Sink attempt then being several client attempts.
struct Retrier: Sendable {
    let backoff: Backoff
    let clock: SinkClock
    let instruments: SinkInstruments
    let logger: Logger

    func run<T: Sendable>(
        _ operation: String, budget: Duration, isRetryable: (any Error) -> Bool = Self.isRetryable,
        _ body: () async throws -> T
    ) async throws -> T {
        let start = clock.now
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch {
                try Task.checkCancellation()
                let pause = backoff.delay(afterAttempt: attempt)
                guard isRetryable(error), clock.now + pause - start <= budget else { throw error }
                instruments.retried(operation: operation, reason: Self.reason(error))
                logger.debug("retrying \(operation)", metadata: ["error": "\(error)", "attempt": "\(attempt)", "pause": "\(pause)"])
                try await clock.sleep(for: pause)
                attempt += 1
            }
        }
    }

    static func isRetryable(_ error: any Error) -> Bool {
        if let error = error as? BigQueryError { return error.isRetryable }
        if let error = error as? PubSubError { return error.isRetryable }
        return false
    }

    /// The retry counter's `reason`: BigQuery's reason or Pub/Sub's status, else the HTTP status or `transport`.
    static func reason(_ error: any Error) -> String {
        if let error = error as? BigQueryError {
            return error.reason ?? error.httpStatus.map { "http_\($0)" } ?? (error.isTransport ? "transport" : "other")
        }
        if let error = error as? PubSubError {
            return error.reason ?? error.httpStatus.map { "http_\($0)" } ?? (error.isTransport ? "transport" : "other")
        }
        return "other"
    }
}
