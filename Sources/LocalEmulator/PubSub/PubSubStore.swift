import Foundation
import GRDB
import GoogleAuth
import Synchronization
import WireJSON

/// Topics, subscriptions and messages of the emulated Pub/Sub, in the emulator's SQLite database.
package final class PubSubStore: Sendable {
    let database: EmulatorDatabase
    let configuration: PubSubEmulatorConfiguration
    /// Now, in microseconds since the epoch: ack deadlines, backoff and retention read it.
    let now: @Sendable () -> Int64
    let signals = PubSubSignals()
    private let compiledFilters = Mutex<[String: PubSubFilter]>([:])
    /// Parsed subscription settings by stored text, so a pull does not re-validate them every time.
    private let parsedConfigs = Mutex<[String: PubSubSubscriptionConfig]>([:])

    /// Publish, pull and ack writes, committed in groups under concurrent load.
    let batcher: PubSubWriteBatcher

    init(database: EmulatorDatabase, configuration: PubSubEmulatorConfiguration, clock: any WallClock) {
        self.database = database
        self.configuration = configuration
        now = { clock.microsecondsSinceEpoch }
        batcher = PubSubWriteBatcher(writer: database.writer)
    }

    var writer: any DatabaseWriter { database.writer }

    /// Filters are parsed once per distinct text; the text was validated when the subscription was made.
    func filter(_ text: String) -> PubSubFilter? {
        if let cached = compiledFilters.withLock({ $0[text] }) { return cached }
        guard let parsed = try? PubSubFilter(parsing: text) else { return nil }
        compiledFilters.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[text] = parsed
        }
        return parsed
    }

    // MARK: topics

    package func createTopic(name: String, project: String, body: JSONObject) async throws -> JSONValue {
        var resource = JSONObject()
        resource["name"] = .string(name)
        for field in Self.topicFields where body[field] != nil { try Self.setTopicField(field, from: body, in: &resource) }
        let value = JSONValue.object(resource)
        try await writer.write { db in
            guard try Self.topicExists(db, name) == false else {
                throw GoogleAPIError(.conflict, reason: "alreadyExists", message: "Topic already exists")
            }
            try db.execute(
                sql: "INSERT INTO pubsub_topics(name, project, resource) VALUES (?, ?, ?)",
                arguments: [name, project, value.encodedString()])
        }
        return value
    }

    /// `topics.patch`: `updateMask` names the fields taken from `topic`; a named field the topic
    /// object leaves out is cleared, as Google does.
    package func patchTopic(name: String, body: JSONObject) async throws -> JSONValue {
        guard let changes = body["topic"]?.objectValue else {
            throw PubSubSubscriptionConfig.invalid("The request needs a \"topic\" object.")
        }
        let fields = try Self.updateMask(
            body, missing: "The update_mask in the UpdateTopicRequest must be set, and must contain a non-empty paths list.")
        for field in fields.sorted() where !Self.topicFields.contains(field) {
            throw PubSubSubscriptionConfig.invalid(
                "Invalid update_mask provided in the UpdateTopicRequest: \(field) is not a known Topic field that can be updated.")
        }
        return try await writer.write { db in
            guard var resource = try Self.topicResource(db, name).objectValue else { throw Self.topicNotFound() }
            for field in Self.topicFields where fields.contains(field) { try Self.setTopicField(field, from: changes, in: &resource) }
            let value = JSONValue.object(resource)
            try db.execute(sql: "UPDATE pubsub_topics SET resource = ? WHERE name = ?", arguments: [value.encodedString(), name])
            return value
        }
    }

    /// The topic fields the emulator keeps, as REST spells them.
    static let topicFields = ["labels", "messageRetentionDuration"]

    /// Sets (or, when `body` has no value for it, removes) one of `topicFields` after checking it.
    static func setTopicField(_ field: String, from body: JSONObject, in resource: inout JSONObject) throws {
        guard let value = body[field], !value.isNull else {
            resource[field] = nil
            return
        }
        switch field {
        case "labels":
            if let problem = ResourceLabels.problem(in: value, allowingRemovals: false) { throw PubSubSubscriptionConfig.invalid(problem) }
            guard let object = value.objectValue else { throw PubSubSubscriptionConfig.invalid("Invalid value for labels") }
            resource["labels"] = object.isEmpty ? JSONValue?.none : value
        default:
            guard let text = value.stringValue, let micros = PubSubDuration.parse(text),
                PubSubSubscriptionConfig.retentionRange.contains(micros)
            else {
                throw PubSubSubscriptionConfig.invalid("Invalid message_retention_duration: must be between 600s and 2678400s")
            }
            resource["messageRetentionDuration"] = .string(PubSubDuration.format(micros: micros))
        }
    }

    /// The fields an `updateMask` names: a comma-separated string (REST) or `{"paths": [...]}`,
    /// each in REST's spelling (`messageRetentionDuration`) or the proto's (`message_retention_duration`).
    static func updateMask(_ body: JSONObject, missing: String = "Invalid update_mask provided: it names no field") throws -> Set<String> {
        let mask =
            body["updateMask"]?.stringValue
            ?? body["updateMask"]?["paths"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? ""
        // Blank entries (`" , ,"`) name nothing; a mask of nothing but them is no mask.
        let fields = Set(
            mask.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(PubSubNames.jsonFieldName))
        guard !fields.isEmpty else { throw PubSubSubscriptionConfig.invalid(missing) }
        return fields
    }

    static func topicExists(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM pubsub_topics WHERE name = ?"), arguments: [name]) ?? false
    }

    static func topicNotFound() -> GoogleAPIError { .notFound("Topic not found") }
    static func subscriptionNotFound() -> GoogleAPIError { .notFound("Subscription does not exist") }

    package func getTopic(name: String) async throws -> JSONValue {
        try await writer.read { db in try Self.topicResource(db, name) }
    }

    /// The topic as stored, or NOT_FOUND.
    static func topicResource(_ db: Database, _ name: String) throws -> JSONValue {
        guard let stored = try String.fetchOne(db, sql: "SELECT resource FROM pubsub_topics WHERE name = ?", arguments: [name]) else {
            throw topicNotFound()
        }
        return try JSONValue(parsing: stored)
    }

    package func listTopics(project: String, page: PubSubPage) async throws -> JSONValue {
        let rows = try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, resource FROM pubsub_topics WHERE project = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [project, page.after, page.size + 1])
        }
        var topics: [JSONValue] = []
        for row in rows.prefix(page.size) { topics.append(try JSONValue(parsing: row["resource"] as String)) }
        return page.response(key: "topics", items: topics, lastName: rows.count > page.size ? rows[page.size - 1]["name"] : nil)
    }

    /// Deletes the topic; its subscriptions stay, pointing at `_deleted-topic_`, as with Google.
    package func deleteTopic(name: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM pubsub_topics WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw Self.topicNotFound() }
            try db.execute(
                sql: "UPDATE pubsub_subscriptions SET topic = ? WHERE topic = ?",
                arguments: [PubSubNames.deletedTopic, name])
        }
    }

    package func listTopicSubscriptions(topic: String, page: PubSubPage) async throws -> JSONValue {
        let names = try await writer.read { db in
            guard try Self.topicExists(db, topic) else { throw Self.topicNotFound() }
            return try String.fetchAll(
                db, sql: "SELECT name FROM pubsub_subscriptions WHERE topic = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [topic, page.after, page.size + 1])
        }
        return page.response(
            key: "subscriptions", items: names.prefix(page.size).map { .string($0) },
            lastName: names.count > page.size ? names[page.size - 1] : nil)
    }

    // MARK: subscriptions

    /// A subscription's row: its id names its messages.
    struct Subscription: Sendable {
        let id: Int64
        let name: String
        let topic: String
        let config: PubSubSubscriptionConfig
    }

    func loadSubscription(_ db: Database, _ name: String) throws -> Subscription {
        let statement = try db.cachedStatement(sql: "SELECT id, topic, resource FROM pubsub_subscriptions WHERE name = ?")
        guard let row = try Row.fetchOne(statement, arguments: [name]) else { throw Self.subscriptionNotFound() }
        let topic: String = row[1]
        return Subscription(id: row[0], name: name, topic: topic, config: try config(stored: row[2], topic: topic))
    }

    func config(stored text: String, topic: String) throws -> PubSubSubscriptionConfig {
        if var cached = parsedConfigs.withLock({ $0[text] }) {
            cached.topic = topic
            return cached
        }
        let parsed = try PubSubSubscriptionConfig(stored: text, topic: topic)
        parsedConfigs.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[text] = parsed
        }
        return parsed
    }

    package func createSubscription(name: String, project: String, body: JSONObject) async throws -> JSONValue {
        let config = try PubSubSubscriptionConfig(creating: body)
        try await writer.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM pubsub_subscriptions WHERE name = ?", arguments: [name]) != nil {
                throw GoogleAPIError(.conflict, reason: "alreadyExists", message: "Subscription already exists")
            }
            guard try Self.topicExists(db, config.topic) else { throw GoogleAPIError.notFound("Subscription topic does not exist") }
            if let deadLetter = config.deadLetter, try !Self.topicExists(db, deadLetter.topic) {
                throw GoogleAPIError.notFound("Dead letter topic not found")
            }
            // Bound with its length: a filter may compare with a value holding a NUL.
            let insert = try DirectStatement(db, "INSERT INTO pubsub_subscriptions(name, project, topic, filter, resource) VALUES (?, ?, ?, ?, ?)")
            try insert.bind([
                name.databaseValue, project.databaseValue, config.topic.databaseValue,
                config.filter?.databaseValue ?? .null, config.storedJSON.databaseValue,
            ])
            try insert.run()
        }
        return config.json(name: name, topic: config.topic)
    }

    package func getSubscription(name: String) async throws -> JSONValue {
        let subscription = try await writer.read { db in try self.loadSubscription(db, name) }
        return subscription.config.json(name: name, topic: subscription.topic)
    }

    package func listSubscriptions(project: String, page: PubSubPage) async throws -> JSONValue {
        let rows = try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, topic, resource FROM pubsub_subscriptions WHERE project = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [project, page.after, page.size + 1])
        }
        var items: [JSONValue] = []
        for row in rows.prefix(page.size) {
            let topic: String = row["topic"]
            items.append(try config(stored: row["resource"], topic: topic).json(name: row["name"], topic: topic))
        }
        return page.response(key: "subscriptions", items: items, lastName: rows.count > page.size ? rows[page.size - 1]["name"] : nil)
    }

    /// `subscriptions.patch`: `updateMask` names the fields taken from `subscription`.
    package func patchSubscription(name: String, body: JSONObject) async throws -> JSONValue {
        guard let changes = body["subscription"]?.objectValue else {
            throw PubSubSubscriptionConfig.invalid("The request needs a \"subscription\" object.")
        }
        let fields = try Self.updateMask(body)
        let (config, topic) = try await writer.write { db in
            let subscription = try self.loadSubscription(db, name)
            var config = subscription.config
            try config.apply(changes, fields: fields)
            if let deadLetter = config.deadLetter, try !Self.topicExists(db, deadLetter.topic) {
                throw GoogleAPIError.notFound("Dead letter topic not found")
            }
            try db.execute(
                sql: "UPDATE pubsub_subscriptions SET resource = ? WHERE id = ?",
                arguments: [config.storedJSON, subscription.id])
            return (config, subscription.topic)
        }
        return config.json(name: name, topic: topic)
    }

    /// Deletes the subscription and every message it still holds.
    package func deleteSubscription(name: String) async throws {
        try await writer.write { db in
            let subscription = try self.loadSubscription(db, name)
            try db.execute(sql: "DELETE FROM pubsub_messages WHERE subscription_id = ?", arguments: [subscription.id])
            try db.execute(sql: "DELETE FROM pubsub_subscriptions WHERE id = ?", arguments: [subscription.id])
        }
    }
}

/// `pageSize` and `pageToken` of a list call. The token is the last name of the previous page.
package struct PubSubPage: Sendable {
    var size: Int
    var after: String

    package init(size: String?, token: String?) throws {
        var pageSize = 100
        if let size {
            guard let parsed = Int(size), parsed >= 0 else {
                throw PubSubSubscriptionConfig.invalid("pageSize must be a non-negative integer")
            }
            pageSize = parsed == 0 ? 100 : min(parsed, 1000)
        }
        self.size = pageSize
        if let token, !token.isEmpty {
            guard let decoded = PubSubBase64.decode(token) else { throw PubSubSubscriptionConfig.invalid("Invalid page token") }
            after = String(decoding: decoded, as: UTF8.self)
        } else {
            after = ""
        }
    }

    func response(key: String, items: [JSONValue], lastName: String?) -> JSONValue {
        // proto3 JSON leaves out empty lists, so an empty page is `{}` as Google answers.
        var object = JSONObject()
        if !items.isEmpty { object[key] = .array(items) }
        if let lastName { object["nextPageToken"] = .string(PubSubBase64.encode(Array(lastName.utf8))) }
        return .object(object)
    }
}
