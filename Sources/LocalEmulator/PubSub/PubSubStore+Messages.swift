import Foundation
import GRDB
import WireJSON

extension PubSubStore {
    /// Publishes a batch in one transaction: one stored copy per subscription whose filter matches.
    /// Returns the messageIds in order.
    func publish(topic: String, messages: [PubSubIncomingMessage]) async throws -> [Int64] {
        let now = options.now()
        let (ids, touched) = try await writer.write { db in
            guard try Self.topicExists(db, topic) else { throw Self.topicNotFound() }
            var touched: Set<Int64> = []
            let ids = try self.fanOut(db, topic: topic, messages: messages, now: now, touched: &touched)
            return (ids, touched)
        }
        signals.notify(touched)
        return ids
    }

    /// Stores `messages` for every subscription of `topic` they pass the filter of; inside a write.
    func fanOut(_ db: Database, topic: String, messages: [PubSubIncomingMessage], now: Int64,
                touched: inout Set<Int64>) throws -> [Int64] {
        let counter = try db.cachedStatement(sql: "UPDATE pubsub_counters SET value = value + ? WHERE name = 'message_id'")
        try counter.execute(arguments: [messages.count])
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM pubsub_counters WHERE name = 'message_id'")) ?? 0
        let first = last - Int64(messages.count) + 1
        let ids = (0..<Int64(messages.count)).map { first + $0 }

        let subscriptions = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, filter FROM pubsub_subscriptions WHERE topic = ?"), arguments: [topic]
        ).map { row -> (id: Int64, filter: PubSubFilter?) in
            let text: String? = row[1]
            return (id: row[0], filter: text.flatMap { self.filter($0) })
        }
        guard !subscriptions.isEmpty else { return ids }
        let needsAttributes = subscriptions.contains { $0.filter != nil }
        // Rows go in several to a statement: one step per chunk instead of one per message.
        var pending: [(any DatabaseValueConvertible)?] = []
        pending.reserveCapacity(Self.insertChunk * 7)
        for (offset, message) in messages.enumerated() {
            let attributes = message.attributesJSON
            let map = needsAttributes ? message.attributeMap : [:]
            for subscription in subscriptions {
                if let filter = subscription.filter, !filter.matches(map) { continue }
                pending.append(contentsOf: [subscription.id, ids[offset], message.dataBase64, attributes,
                                            message.orderingKey, now, now] as [(any DatabaseValueConvertible)?])
                touched.insert(subscription.id)
                if pending.count == Self.insertChunk * 7 {
                    try insertRows(db, pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        if !pending.isEmpty { try insertRows(db, pending) }
        return ids
    }

    /// Rows per multi-row INSERT; 7 values each stays far below SQLite's limit on bound variables.
    static let insertChunk = 50

    /// Inserts `values.count / 7` message rows with one statement (cached per row count).
    private func insertRows(_ db: Database, _ values: [(any DatabaseValueConvertible)?]) throws {
        let rows = values.count / 7
        let tuples = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO pubsub_messages(subscription_id, message_id, data, attributes, ordering_key, publish_micros, visible_micros)
            VALUES \(tuples)
            """)
        try insert.execute(arguments: StatementArguments(values))
    }

    /// The outcome of one look at a subscription.
    struct PullResult: Sendable {
        var subscriptionId: Int64
        var deliveries: [PubSubDelivery]
        var showAttempts: Bool
        /// When the soonest leased message becomes deliverable again, if any.
        var nextVisibleMicros: Int64?
    }

    /// Pull: answers at once when messages are ready, otherwise waits up to `options.pullWait` for one
    /// (unless `returnImmediately`).
    func pull(subscription name: String, maxMessages: Int, returnImmediately: Bool) async throws -> PullResult {
        var result = try await pullOnce(subscription: name, maxMessages: maxMessages)
        if !result.deliveries.isEmpty || returnImmediately { return result }
        let deadline = ContinuousClock.now + options.pullWait
        while true {
            let token = signals.generation(of: result.subscriptionId)
            result = try await pullOnce(subscription: name, maxMessages: maxMessages)
            let remaining = ContinuousClock.now.duration(to: deadline)
            if !result.deliveries.isEmpty || remaining <= .zero { return result }
            var wait = remaining
            if let next = result.nextVisibleMicros {
                // A leased message comes back when its deadline passes: wake for it too.
                let untilVisible = Duration.microseconds(max(next - options.now(), 0)) + .milliseconds(5)
                wait = min(wait, untilVisible)
            }
            await signals.wait(for: result.subscriptionId, after: token, timeout: max(wait, .milliseconds(5)))
            try Task.checkCancellation()
        }
    }

    /// One transaction: lease up to `maxMessages` ready messages, dropping expired ones and forwarding
    /// those out of delivery attempts to the dead-letter topic.
    func pullOnce(subscription name: String, maxMessages: Int) async throws -> PullResult {
        let now = options.now()
        let (result, touched) = try await writer.write { db -> (PullResult, Set<Int64>) in
            let subscription = try self.loadSubscription(db, name)
            let config = subscription.config
            let cutoff = now - config.retentionMicros
            let leaseUntil = now + Int64(config.ackDeadlineSeconds) * 1_000_000
            // One statement leases the batch and returns it (SQLite 3.35+ RETURNING), rather than a
            // SELECT plus one UPDATE per message.
            let lease = try db.cachedStatement(sql: """
                UPDATE pubsub_messages SET visible_micros = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM pubsub_messages WHERE subscription_id = ? AND visible_micros <= ?
                             ORDER BY visible_micros, id LIMIT ?)
                RETURNING id, message_id, data, attributes, ordering_key, publish_micros, attempts
                """)
            let remove = try db.cachedStatement(sql: "DELETE FROM pubsub_messages WHERE id = ?")
            var deliveries: [PubSubDelivery] = []
            var touched: Set<Int64> = []
            // Rows dropped or dead-lettered free room; look again so a full batch is not cut short.
            for _ in 0..<4 {
                let rows = try Row.fetchAll(lease, arguments: [leaseUntil, subscription.id, now, maxMessages - deliveries.count])
                var leased = rows.map { row in
                    PubSubDelivery(rowId: row[0], attempt: row[6], messageId: row[1], dataBase64: row[2],
                                   attributesJSON: row[3], orderingKey: row[4], publishMicros: row[5])
                }
                leased.sort { $0.rowId < $1.rowId }
                var dropped = 0
                for delivery in leased {
                    if delivery.publishMicros < cutoff {
                        try remove.execute(arguments: [delivery.rowId])
                        dropped += 1
                        continue
                    }
                    if let deadLetter = config.deadLetter, delivery.attempt > deadLetter.maxDeliveryAttempts {
                        var previous = delivery
                        previous.attempt -= 1
                        if try self.forwardToDeadLetter(db, previous, from: subscription, now: now, touched: &touched) {
                            dropped += 1
                            continue
                        }
                    }
                    deliveries.append(delivery)
                }
                if dropped == 0 || deliveries.count >= maxMessages { break }
            }
            var next: Int64?
            if deliveries.isEmpty {
                next = try Int64.fetchOne(db.cachedStatement(sql: "SELECT min(visible_micros) FROM pubsub_messages WHERE subscription_id = ?"),
                                          arguments: [subscription.id])
            }
            return (PullResult(subscriptionId: subscription.id, deliveries: deliveries,
                               showAttempts: config.deadLetter != nil, nextVisibleMicros: next), touched)
        }
        if !touched.isEmpty { signals.notify(touched) }
        return result
    }

    /// Publishes a copy of the delivery to the dead-letter topic, with the attributes Google adds, and
    /// deletes it here. False (and nothing changes) when the dead-letter topic no longer exists.
    func forwardToDeadLetter(_ db: Database, _ delivery: PubSubDelivery, from subscription: Subscription,
                             now: Int64, touched: inout Set<Int64>) throws -> Bool {
        guard let deadLetter = subscription.config.deadLetter, try Self.topicExists(db, deadLetter.topic) else { return false }
        var attributes: [(key: String, value: String)] = []
        if let text = delivery.attributesJSON, let object = try? JSONValue(parsing: text).objectValue {
            attributes = object.members.compactMap { member in member.value.stringValue.map { (key: member.key, value: $0) } }
        }
        let parts = subscription.name.split(separator: "/")
        attributes.append((key: "CloudPubSubDeadLetterSourceDeliveryCount", value: String(delivery.attempt)))
        attributes.append((key: "CloudPubSubDeadLetterSourceSubscription", value: parts.count == 4 ? String(parts[3]) : subscription.name))
        attributes.append((key: "CloudPubSubDeadLetterSourceSubscriptionProject", value: parts.count == 4 ? String(parts[1]) : ""))
        attributes.append((key: "CloudPubSubDeadLetterSourceTopicPublishTime", value: PubSubTime.rfc3339(micros: delivery.publishMicros)))
        let message = PubSubIncomingMessage(dataBase64: delivery.dataBase64, attributes: attributes, orderingKey: delivery.orderingKey)
        _ = try fanOut(db, topic: deadLetter.topic, messages: [message], now: now, touched: &touched)
        try db.execute(sql: "DELETE FROM pubsub_messages WHERE id = ?", arguments: [delivery.rowId])
        return true
    }

    /// Deletes the acknowledged messages. Stale ackIds (a later delivery exists, or already acked) are
    /// ignored, as Google does.
    func acknowledge(subscription name: String, ackIds: [PubSubAckId]) async throws {
        try await writer.write { db in
            let subscription = try self.loadSubscription(db, name)
            // Per chunk: read the current attempt of each named row, then delete the ones whose ackId is
            // still current, with two statements instead of one per ackId.
            var start = 0
            while start < ackIds.count {
                let chunk = ackIds[start..<min(start + Self.ackChunk, ackIds.count)]
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                // By rowid only: naming subscription_id in SQL lets the planner pick the (subscription_id,
                // visible_micros) index and scan the whole subscription.
                let current = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT id, attempts, subscription_id FROM pubsub_messages WHERE id IN (\(marks))"),
                    arguments: StatementArguments(chunk.map(\.rowId)))
                var attempts: [Int64: Int] = [:]
                for row in current where row[2] as Int64 == subscription.id { attempts[row[0]] = row[1] }
                let acked = chunk.filter { attempts[$0.rowId] == $0.attempt }.map(\.rowId)
                guard !acked.isEmpty else { continue }
                let deleteMarks = Array(repeating: "?", count: acked.count).joined(separator: ", ")
                try db.cachedStatement(sql: "DELETE FROM pubsub_messages WHERE id IN (\(deleteMarks))")
                    .execute(arguments: StatementArguments(acked))
            }
        }
    }

    /// AckIds handled per pair of statements.
    static let ackChunk = 100

    /// Sets the deadline of the named deliveries to `seconds` from now; 0 is a nack: redeliver now, or
    /// after the retry policy's backoff, or forward to the dead-letter topic when attempts are used up.
    func modifyAckDeadline(subscription name: String, ackIds: [PubSubAckId], seconds: Int) async throws {
        let now = options.now()
        let touched = try await writer.write { db -> Set<Int64> in
            let subscription = try self.loadSubscription(db, name)
            var touched: Set<Int64> = []
            if seconds > 0 {
                let extend = try db.cachedStatement(sql: "UPDATE pubsub_messages SET visible_micros = ? WHERE id = ? AND subscription_id = ? AND attempts = ?")
                for ackId in ackIds {
                    try extend.execute(arguments: [now + Int64(seconds) * 1_000_000, ackId.rowId, subscription.id, ackId.attempt])
                }
                return touched
            }
            let select = try db.cachedStatement(sql: """
                SELECT message_id, data, attributes, ordering_key, publish_micros FROM pubsub_messages
                WHERE id = ? AND subscription_id = ? AND attempts = ?
                """)
            let release = try db.cachedStatement(sql: "UPDATE pubsub_messages SET visible_micros = ? WHERE id = ?")
            for ackId in ackIds {
                guard let row = try Row.fetchOne(select, arguments: [ackId.rowId, subscription.id, ackId.attempt]) else { continue }
                if let deadLetter = subscription.config.deadLetter, ackId.attempt >= deadLetter.maxDeliveryAttempts {
                    let delivery = PubSubDelivery(rowId: ackId.rowId, attempt: ackId.attempt, messageId: row[0], dataBase64: row[1],
                                                  attributesJSON: row[2], orderingKey: row[3], publishMicros: row[4])
                    if try self.forwardToDeadLetter(db, delivery, from: subscription, now: now, touched: &touched) { continue }
                }
                let backoff = subscription.config.retry?.backoff(afterAttempts: ackId.attempt) ?? 0
                try release.execute(arguments: [now + backoff, ackId.rowId])
                if backoff == 0 { touched.insert(subscription.id) }
            }
            return touched
        }
        if !touched.isEmpty { signals.notify(touched) }
    }
}
