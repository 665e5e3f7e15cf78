import Foundation
import GoogleAuth
import Logging
import Metrics
import WarehouseClient

/// Writes one batch and settles each of its messages: stored rows are acked, rows that can never
/// be stored are dead-lettered and then acked, and what could not be written in time is nacked.
///
/// insertAll runs with `skipInvalidRows`, so one bad row does not keep its neighbours out; rows
/// that failed for a transient reason (or were `stopped`) are sent again, alone.
struct BatchWriter: Sendable {
    let bigQuery: BigQueryClient
    let dataset: String
    let table: String
    let options: InsertOptions
    let retryBudget: Duration
    let backoff: Backoff
    let clock: SinkClock
    let wallClock: any WallClock
    let tables: TableKeeper
    let deadLetters: DeadLetterPublisher
    let acknowledger: Acknowledger
    let readiness: ReadinessTracker
    let instruments: SinkInstruments
    let inserts: InsertGauge
    let logger: Logger

    private struct Pending {
        var message: HeldMessage
        var row: InsertRow
    }

    func write(_ batch: Batch) async {
        var pending: [Pending] = []
        var rejected: [(message: HeldMessage, reason: DeadLetterReason)] = []
        for message in batch.messages {
            switch message.mapping {
            case .row(let row, _): pending.append(Pending(message: message, row: row))
            case .reject(let reason): rejected.append((message, reason))
            }
        }
        instruments.batchRows.record(pending.count)
        instruments.batchBytes.record(batch.rowBytes)

        var stored: [HeldMessage] = []
        var unwritten: [HeldMessage] = []
        let start = clock.now
        var attempt = 1
        while !pending.isEmpty {
            var failure = "rows failed for a transient reason"
            var retryReason = "row_retryable"
            do {
                let began = clock.now
                let rows = pending.map(\.row)
                let result = try await inserts.measure {
                    try await bigQuery.insertAll(dataset: dataset, table: table, rows: rows, options: options)
                }
                instruments.insertDuration.record(duration: clock.now - began)
                readiness.insertSucceeded()
                let failures = Dictionary(result.failures.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
                var retry: [Pending] = []
                for (index, item) in pending.enumerated() {
                    guard let rowFailure = failures[index] else {
                        stored.append(item.message)
                        continue
                    }
                    if rowFailure.isStopped || rowFailure.isRetryable {
                        retry.append(item)
                    } else {
                        let error = rowFailure.errors.first { $0.reason != "stopped" } ?? rowFailure.errors.first
                        rejected.append(
                            (
                                item.message,
                                DeadLetterReason(reason: error?.reason ?? "invalid", location: error?.location ?? "", message: error?.message ?? "")
                            ))
                    }
                }
                pending = retry
                if pending.isEmpty { break }
            } catch {
                // Cancelled (shutdown past its deadline): the messages stay held and are nacked by the Sink.
                if Task.isCancelled { return }
                failure = "\(error)"
                retryReason = Retrier.reason(error)
                readiness.insertFailed(failure)
                let bigQueryError = error as? BigQueryError
                if bigQueryError?.isNotFound == true {
                    await tables.reensure()
                } else if bigQueryError?.isRetryable != true {
                    logger.error("insertAll failed for a reason retrying cannot fix; nacking", metadata: ["error": "\(error)"])
                    unwritten += pending.map(\.message)
                    break
                }
            }
            let pause = backoff.delay(afterAttempt: attempt)
            guard clock.now + pause - start <= retryBudget else {
                logger.error(
                    "insertAll still failing after the retry budget; nacking", metadata: ["error": "\(failure)", "messages": "\(pending.count)"])
                unwritten += pending.map(\.message)
                break
            }
            instruments.retried(operation: "insert", reason: retryReason)
            do {
                try await clock.sleep(for: pause)
            } catch {
                return
            }
            attempt += 1
        }

        if !stored.isEmpty {
            instruments.rowsInserted.increment(by: stored.count)
            let now = wallClock.now
            for message in stored {
                if let published = Self.parseTime(message.publishTime) {
                    instruments.publishToStored.record(duration: Duration.between(published, now))
                }
            }
        }
        await acknowledger.ack(stored)
        if !rejected.isEmpty {
            if await deadLetters.publish(rejected) {
                await acknowledger.ack(rejected.map(\.message))
            } else {
                unwritten += rejected.map(\.message)
            }
        }
        await acknowledger.nack(unwritten)

        let traces = batch.messages.compactMap(\.traceparent)
        var metadata: Logger.Metadata = [
            "stored": "\(stored.count)", "dead_lettered": "\(rejected.count)", "nacked": "\(unwritten.count)",
            "attempts": "\(attempt)",
        ]
        if !traces.isEmpty { metadata["traceparents"] = .array(traces.map { .string($0) }) }
        logger.info("batch written", metadata: metadata)
    }

    /// Pub/Sub's RFC 3339 publish time, with or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}

extension CoreMetrics.Timer {
    func record(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }
}
