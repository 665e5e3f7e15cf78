import GoogleAuth
import GoogleREST
import Logging
import Metrics
import PubSubClient
import ServiceLifecycle
import Synchronization
import WarehouseClient

/// Pulls a subscription and writes its messages as rows of a BigQuery table with insertAll.
///
/// A message is acked only after its row is stored (or, for a message that can never be a row,
/// after its dead letter is published); everything else is nacked or left to redeliver, and the
/// insertId (the event's idempotency key, else the messageId) keeps redeliveries out of the table.
///
/// Retrying is the Sink's: pass clients built with `RetryPolicy.none` so its backoff, retry
/// budget and metrics see every attempt. Clients with their own policy work too; each Sink
/// attempt is then several client attempts (longer waits, fewer counted retries).
public final class Sink: Service, Sendable {
    public let configuration: SinkConfiguration
    let pubSub: PubSubClient
    let bigQuery: BigQueryClient
    let clock: SinkClock
    let wallClock: any WallClock
    let logger: Logger
    let instruments: SinkInstruments
    let backoff: Backoff
    let flow: FlowControl
    let leases: LeaseKeeper
    let readinessTracker: ReadinessTracker
    let inserts = InsertGauge()

    /// - Parameters:
    ///   - clock: waits (batch age, backoff, lease timers); tests pass a clock they move themselves.
    ///   - wallClock: the time of day, compared with messages' publish times (freshness).
    ///   - metricsFactory: where the metrics named in `SinkMetricNames` are made.
    ///   - random: a number in 0..<1 for backoff jitter.
    public init(
        configuration: SinkConfiguration, pubSub: PubSubClient, bigQuery: BigQueryClient,
        clock: any Clock<Duration> = ContinuousClock(), wallClock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "warehouse.sink"), metricsFactory: any MetricsFactory = MetricsSystem.factory,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.configuration = configuration
        self.pubSub = pubSub
        self.bigQuery = bigQuery
        let sinkClock = SinkClock(clock)
        self.clock = sinkClock
        self.wallClock = wallClock
        self.logger = logger
        instruments = SinkInstruments(factory: metricsFactory)
        backoff = Backoff(initial: configuration.initialBackoff, maximum: configuration.maxBackoff, random: random)
        flow = FlowControl(
            maxMessages: max(1, configuration.maxOutstandingMessages), maxBytes: max(1, configuration.maxOutstandingBytes),
            maxPerPull: max(1, configuration.maxMessagesPerPull))
        leases = LeaseKeeper(extension: configuration.leaseExtension, maxDuration: configuration.maxLeaseDuration)
        readinessTracker = ReadinessTracker(window: configuration.readinessWindow, clock: sinkClock)
    }

    /// Whether the Sink works now: what `/readyz` answers.
    public var readiness: SinkReadiness { readinessTracker.readiness }

    /// Messages and bytes held now, and the most held at once since the start.
    public var held: (messages: Int, bytes: Int, peakMessages: Int, peakBytes: Int) {
        let snapshot = flow.snapshot
        return (snapshot.messages, snapshot.bytes, snapshot.peakMessages, snapshot.peakBytes)
    }

    /// The most insertAll requests in flight at once since the start (bounded by `maxConcurrentInserts`).
    public var peakConcurrentInserts: Int { inserts.peak }

    /// Checks the configuration, ensures the table, then pulls and writes until graceful shutdown
    /// (or cancellation). On graceful shutdown it stops pulling, writes what it holds, acks what
    /// was stored and nacks the rest, within `shutdownDeadline`.
    public func run() async throws {
        try configuration.validate()
        readinessTracker.started()
        let parts = makeParts()
        try await parts.tables.ensureAtStart()
        logger.info(
            "sink started",
            metadata: [
                "subscription": "\(parts.subscription)", "table": "\(configuration.dataset).\(configuration.table)",
            ])

        let (batches, batchInput) = AsyncStream.makeStream(of: Batch.self)
        let (batchStarts, batchStarted) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let (stopRequests, requestStop) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let puller = Puller(
            pubSub: pubSub, subscription: parts.subscription, mapper: parts.mapper, flow: flow, leases: leases,
            batcher: parts.batcher, backoff: backoff, clock: clock,
            readiness: readinessTracker, instruments: instruments, logger: logger, batches: batchInput, batchStarted: batchStarted)

        // When shutdown was asked for: the deadline counts from there, not from when pulling stopped.
        let stopAsked = Mutex<Duration?>(nil)
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { timers in
                timers.addTask { await self.keepLeases(parts.acknowledger) }
                timers.addTask { await self.flushByAge(parts.batcher, starts: batchStarts, into: batchInput) }
                await withTaskGroup(of: Void.self) { work in
                    work.addTask { await self.writeBatches(batches, writer: parts.writer) }
                    await withTaskGroup(of: Void.self) { pulls in
                        // Ends on a graceful-shutdown request, or at once when run() is cancelled.
                        pulls.addTask { for await _ in stopRequests { break } }
                        for _ in 0..<configuration.pullConcurrency { pulls.addTask { await puller.run() } }
                        await pulls.next()
                        pulls.cancelAll()
                    }
                    readinessTracker.stopping()
                    // Pulling has stopped: what is batched is written now, whatever its age.
                    if let last = parts.batcher.withLock({ $0.takeAll() }) { batchInput.yield(last) }
                    batchInput.finish()
                    // The writers drain, or the deadline (less a share kept for the final nacks) ends them.
                    let drainUntil = (stopAsked.withLock { $0 } ?? clock.now) + configuration.shutdownDeadline * 0.6
                    work.addTask { try? await self.clock.sleep(until: drainUntil) }
                    await work.next()
                    work.cancelAll()
                }
                timers.cancelAll()
            }
            let nackUntil = (stopAsked.withLock { $0 } ?? clock.now) + configuration.shutdownDeadline * 0.95
            await self.nackWhatIsHeld(parts.acknowledger, until: nackUntil)
        } onGracefulShutdown: {
            let now = self.clock.now
            stopAsked.withLock { $0 = now }
            self.logger.info("graceful shutdown: stop pulling, write what is held")
            requestStop.yield()
        }
    }

    /// Extends the leases that run out soon, until cancelled.
    private func keepLeases(_ acknowledger: Acknowledger) async {
        let subscription = pubSub.subscriptionName(configuration.subscription)
        while (try? await clock.sleep(for: leases.checkInterval)) != nil {
            let (extend, expired) = leases.due(now: clock.now)
            if !expired.isEmpty {
                logger.warning("messages held past maxLeaseDuration are released for redelivery", metadata: ["messages": "\(expired.count)"])
            }
            for start in stride(from: 0, to: extend.count, by: Acknowledger.chunkSize) {
                let chunk = Array(extend[start..<min(start + Acknowledger.chunkSize, extend.count)])
                do {
                    try await pubSub.modifyAckDeadline(subscription: subscription, ackIds: chunk, deadline: configuration.leaseExtension)
                    leases.extended(chunk, now: clock.now)
                    instruments.leasesExtended.increment(by: chunk.count)
                } catch {
                    // Still due, so the next tick tries again, well before the lease runs out.
                    instruments.retried(operation: "lease", reason: Retrier.reason(error))
                    logger.warning("lease extension failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Sends a batch to the writers when it is `maxBatchAge` old, until cancelled.
    private func flushByAge(_ batcher: SharedBatcher, starts: AsyncStream<Void>, into batches: AsyncStream<Batch>.Continuation) async {
        var started = starts.makeAsyncIterator()
        while !Task.isCancelled {
            guard let deadline = batcher.withLock({ $0.deadline }) else {
                // Nothing batched: wait for a first message (a start told meanwhile is buffered).
                guard await started.next() != nil else { return }
                continue
            }
            guard (try? await clock.sleep(until: deadline)) != nil else { return }
            let now = clock.now
            if let due = batcher.withLock({ $0.takeIfDue(now: now) }) { batches.yield(due) }
        }
    }

    /// Writes batches as they come, at most `maxConcurrentInserts` at once, until the input ends.
    private func writeBatches(_ batches: AsyncStream<Batch>, writer: BatchWriter) async {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await batch in batches {
                if running >= configuration.maxConcurrentInserts {
                    await group.next()
                    running -= 1
                }
                group.addTask { await writer.write(batch) }
                running += 1
            }
        }
    }

    /// Shutdown's last step: hand back every message still held, so it is redelivered at once
    /// rather than when its lease runs out.
    private func nackWhatIsHeld(_ acknowledger: Acknowledger, until deadline: Duration) async {
        let held = leases.heldAckIds
        guard !held.isEmpty else { return }
        logger.info("nacking messages still held at shutdown", metadata: ["messages": "\(held.count)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await acknowledger.nack(ackIds: held) }
            group.addTask { try? await self.clock.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }
}
