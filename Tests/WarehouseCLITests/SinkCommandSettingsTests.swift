import ArgumentParser
import Foundation
import GoogleREST
import Operations
import Sink
import Testing
import WarehouseSchema

@testable import warehouse

/// A schema file like schemas/events.json, written for one test.
private func eventsSchemaFile() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).json").path
    let schema = """
        [{"name": "event_id", "type": "STRING", "mode": "REQUIRED"},
         {"name": "event_type", "type": "STRING", "mode": "REQUIRED"},
         {"name": "user_id", "type": "STRING"},
         {"name": "occurred_at", "type": "TIMESTAMP", "mode": "REQUIRED"},
         {"name": "payload", "type": "JSON"}]
        """
    try schema.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The settings `warehouse sink ARGUMENTS` runs with in `environment`.
private func settings(_ arguments: [String], environment: [String: String] = [:]) throws -> SinkCommandSettings {
    let schema = try eventsSchemaFile()
    defer { try? FileManager.default.removeItem(atPath: schema) }
    let required = [
        "WAREHOUSE_SUBSCRIPTION": "events-sink", "WAREHOUSE_DATASET": "analytics", "WAREHOUSE_TABLE": "events",
        "WAREHOUSE_DEAD_LETTER_TOPIC": "events-dead", "WAREHOUSE_SCHEMA": schema, "GOOGLE_CLOUD_PROJECT": "my-project",
    ]
    let options = try SinkCommandOptions.parse(arguments)
    return try options.resolve(environment: required.merging(environment) { _, given in given })
}

/// The message a bad setting is refused with.
private func refusal(_ arguments: [String], environment: [String: String] = [:]) -> String? {
    do {
        _ = try settings(arguments, environment: environment)
        return nil
    } catch let error as SinkSettingError {
        return error.message
    } catch {
        return "unexpected \(error)"
    }
}

@Suite("warehouse sink settings")
struct SinkCommandSettingsTests {
    @Test("with only the names given, every setting is SinkConfiguration's default")
    func defaults() throws {
        let resolved = try settings([])
        let expected = SinkConfiguration(
            subscription: "events-sink", dataset: "analytics", table: "events", deadLetterTopic: "events-dead", schema: resolved.sink.schema)
        #expect(resolved.sink == expected)
        #expect(resolved.sink.schema.fields.map(\.name) == ["event_id", "event_type", "user_id", "occurred_at", "payload"])
        #expect(resolved.projectId == "my-project")
        #expect(resolved.operationsPort == 8080)
        #expect(resolved.operationsHost == "0.0.0.0")
        #expect(resolved.logFormat == .text)
        #expect(resolved.pubSubEndpoint == .pubSub)
        #expect(resolved.bigQueryEndpoint == .bigQuery)
    }

    @Test("every setting is read from its WAREHOUSE_ variable, so Cloud Run needs no arguments")
    func environment() throws {
        let resolved = try settings(
            [],
            environment: [
                "WAREHOUSE_PARTITION_FIELD": "none", "WAREHOUSE_CLUSTERING_FIELDS": "user_id", "WAREHOUSE_REQUIRE_PARTITION_FILTER": "false",
                "WAREHOUSE_IDEMPOTENCY_KEY_FIELD": "none", "WAREHOUSE_UNKNOWN_FIELDS": "drop", "WAREHOUSE_METADATA_COLUMNS": "message_id,attributes",
                "WAREHOUSE_PULL_CONCURRENCY": "4", "WAREHOUSE_MAX_MESSAGES_PER_PULL": "500", "WAREHOUSE_MAX_OUTSTANDING_MESSAGES": "20_000",
                "WAREHOUSE_MAX_OUTSTANDING_BYTES": "64MiB", "WAREHOUSE_LEASE_EXTENSION": "30s", "WAREHOUSE_MAX_LEASE_DURATION": "1h",
                "WAREHOUSE_MAX_BATCH_ROWS": "1000", "WAREHOUSE_MAX_BATCH_BYTES": "8MB", "WAREHOUSE_MAX_BATCH_AGE": "150ms",
                "WAREHOUSE_MAX_CONCURRENT_INSERTS": "8", "WAREHOUSE_INITIAL_BACKOFF": "50ms", "WAREHOUSE_MAX_BACKOFF": "1m30s",
                "WAREHOUSE_MAX_RETRY_DURATION": "5m", "WAREHOUSE_SHUTDOWN_DEADLINE": "9s", "PORT": "9090", "WAREHOUSE_OPERATIONS_HOST": "127.0.0.1",
                "WAREHOUSE_LOG_FORMAT": "json", "WAREHOUSE_LOG_LEVEL": "debug",
                "PUBSUB_EMULATOR_HOST": "127.0.0.1:8085", "BIGQUERY_EMULATOR_HOST": "127.0.0.1:9050",
            ])
        let sink = resolved.sink
        #expect(sink.partitionField == nil)
        #expect(sink.clusteringFields == ["user_id"])
        #expect(sink.requirePartitionFilter == false)
        #expect(sink.idempotencyKeyField == nil)
        #expect(sink.unknownFields == .drop)
        #expect(sink.metadataColumns == [.messageId, .attributes])
        #expect(sink.pullConcurrency == 4)
        #expect(sink.maxMessagesPerPull == 500)
        #expect(sink.maxOutstandingMessages == 20_000)
        #expect(sink.maxOutstandingBytes == 64 * 1024 * 1024)
        #expect(sink.leaseExtension == .seconds(30))
        #expect(sink.maxLeaseDuration == .seconds(3600))
        #expect(sink.maxBatchRows == 1000)
        #expect(sink.maxBatchBytes == 8_000_000)
        #expect(sink.maxBatchAge == .milliseconds(150))
        #expect(sink.maxConcurrentInserts == 8)
        #expect(sink.initialBackoff == .milliseconds(50))
        #expect(sink.maxBackoff == .seconds(90))
        #expect(sink.maxRetryDuration == .seconds(300))
        #expect(sink.shutdownDeadline == .seconds(9))
        #expect(resolved.operationsPort == 9090)
        #expect(resolved.operationsHost == "127.0.0.1")
        #expect(resolved.logFormat == .json)
        #expect(resolved.logLevel == .debug)
        #expect(resolved.pubSubEndpoint == .emulator(host: "127.0.0.1:8085"))
        #expect(resolved.bigQueryEndpoint == .emulator(host: "127.0.0.1:9050"))
    }

    @Test("a flag wins over its environment variable")
    func flagWins() throws {
        let resolved = try settings(
            ["--max-batch-rows", "250", "--subscription", "from-flag", "--port", "0"],
            environment: ["WAREHOUSE_MAX_BATCH_ROWS": "1000", "PORT": "9090"])
        #expect(resolved.sink.maxBatchRows == 250)
        #expect(resolved.sink.subscription == "from-flag")
        #expect(resolved.operationsPort == 0)
    }

    @Test("Cloud Run's K_SERVICE turns on JSON logs; --log-format text turns them off")
    func logFormat() throws {
        #expect(try settings([], environment: ["K_SERVICE": "warehouse-sink"]).logFormat == .json)
        #expect(try settings(["--log-format", "text"], environment: ["K_SERVICE": "warehouse-sink"]).logFormat == .text)
    }

    @Test("with both emulators the project defaults to local-project; against Google it is required")
    func project() throws {
        let emulated = ["PUBSUB_EMULATOR_HOST": "127.0.0.1:1", "BIGQUERY_EMULATOR_HOST": "127.0.0.1:2", "GOOGLE_CLOUD_PROJECT": ""]
        #expect(try settings([], environment: emulated).projectId == "local-project")
        #expect(
            refusal([], environment: ["GOOGLE_CLOUD_PROJECT": ""]) == "--project / GOOGLE_CLOUD_PROJECT: required; give the flag or set the variable")
    }

    @Test(
        "a bad value is refused at start, naming the flag and the variable",
        arguments: [
            (["--max-batch-rows", "abc"], [:], "--max-batch-rows / WAREHOUSE_MAX_BATCH_ROWS: \"abc\" is not a whole number from 1 to 50000"),
            ([], ["WAREHOUSE_MAX_BATCH_ROWS": "0"], "--max-batch-rows / WAREHOUSE_MAX_BATCH_ROWS: \"0\" is not a whole number from 1 to 50000"),
            (
                [], ["WAREHOUSE_MAX_BATCH_AGE": "200"],
                "--max-batch-age / WAREHOUSE_MAX_BATCH_AGE: \"200\" is not a duration from 1ms to 1m (e.g. 200ms, 10s, 5m)"
            ),
            (
                ["--lease-extension", "20m"], [:],
                "--lease-extension / WAREHOUSE_LEASE_EXTENSION: \"20m\" is not a duration from 10s to 10m (e.g. 200ms, 10s, 5m)"
            ),
            (
                ["--max-batch-bytes", "20MB"], [:],
                "--max-batch-bytes / WAREHOUSE_MAX_BATCH_BYTES: \"20MB\" is not a byte count from 1 to 10000000 (e.g. 5MiB, 1000000)"
            ),
            (
                ["--max-outstanding-bytes", "lots"], [:],
                "--max-outstanding-bytes / WAREHOUSE_MAX_OUTSTANDING_BYTES: \"lots\" is not a byte count from 1 to 64GiB (e.g. 5MiB, 1000000)"
            ),
            (["--unknown-fields", "ignore"], [:], "--unknown-fields / WAREHOUSE_UNKNOWN_FIELDS: \"ignore\" is not drop or dead-letter"),
            (
                [], ["WAREHOUSE_REQUIRE_PARTITION_FILTER": "maybe"],
                "--require-partition-filter / WAREHOUSE_REQUIRE_PARTITION_FILTER: \"maybe\" is not true or false"
            ),
            (
                ["--metadata-columns", "message_id,colour"], [:],
                "--metadata-columns / WAREHOUSE_METADATA_COLUMNS: \"message_id,colour\" names a column other than subscription_name, message_id, publish_time, attributes"
            ),
            ([], ["PORT": "80800"], "--port / PORT: \"80800\" is not a whole number from 0 to 65535"),
            (["--log-format", "xml"], [:], "--log-format / WAREHOUSE_LOG_FORMAT: \"xml\" is not json or text"),
            (
                ["--partition-field", "event_type"], [:],
                "--partition-field / WAREHOUSE_PARTITION_FIELD: \"event_type\" is STRING; a partition field must be TIMESTAMP or DATE"
            ),
            (["--partition-field", "when"], [:], "--partition-field / WAREHOUSE_PARTITION_FIELD: \"when\" is not a field of the schema"),
            (
                ["--clustering-fields", "event_type,colour"], [:],
                "--clustering-fields / WAREHOUSE_CLUSTERING_FIELDS: \"event_type,colour\" names colour, which is not a field of the schema"
            ),
            (
                ["--clustering-fields", "event_id,event_type,user_id,occurred_at,payload"], [:],
                "--clustering-fields / WAREHOUSE_CLUSTERING_FIELDS: \"event_id,event_type,user_id,occurred_at,payload\" names more than 4 columns"
            ),
            (
                ["--idempotency-key-field", "id"], [:],
                "--idempotency-key-field / WAREHOUSE_IDEMPOTENCY_KEY_FIELD: \"id\" is not a field of the schema (none uses the messageId)"
            ),
            (
                ["--initial-backoff", "5s", "--max-backoff", "1s"], [:],
                "--max-backoff / WAREHOUSE_MAX_BACKOFF: \"1s\" is shorter than --initial-backoff / WAREHOUSE_INITIAL_BACKOFF (5s)"
            ),
            ([], ["WAREHOUSE_SUBSCRIPTION": ""], "--subscription / WAREHOUSE_SUBSCRIPTION: required; give the flag or set the variable"),
        ] as [([String], [String: String], String)])
    func badValue(arguments: [String], environment: [String: String], message: String) {
        #expect(refusal(arguments, environment: environment) == message)
    }

    @Test("a schema file that is missing or not a schema is refused with its path")
    func badSchema() throws {
        let message = refusal(["--schema", "/nonexistent/events.json"])
        #expect(message?.hasPrefix("--schema / WAREHOUSE_SCHEMA: \"/nonexistent/events.json\" cannot be used: Cannot read schema file") == true)
    }

    @Test("durations read as people write them, and print back the same way")
    func durations() {
        #expect(SettingText.duration("200ms") == .milliseconds(200))
        #expect(SettingText.duration("10s") == .seconds(10))
        #expect(SettingText.duration("5m") == .seconds(300))
        #expect(SettingText.duration("1.5s") == .milliseconds(1500))
        #expect(SettingText.duration("1h2m3s") == .seconds(3723))
        #expect(SettingText.duration("750us") == .microseconds(750))
        for bad in ["", "10", "s", "10 parsecs", "-5s", "1e3s", "5m10"] { #expect(SettingText.duration(bad) == nil, "\(bad)") }
        #expect(SettingText.format(.milliseconds(200)) == "200ms")
        #expect(SettingText.format(.seconds(3600)) == "1h")
        #expect(SettingText.format(.seconds(90)) == "90s")
    }

    @Test("--help shows every setting with its default and its variable")
    func help() {
        let help = SinkCommand.helpMessage(columns: 400)
        for line in [
            "--max-batch-rows <max-batch-rows>", "Default: 500. Env: WAREHOUSE_MAX_BATCH_ROWS.", "Default: 200ms. Env: WAREHOUSE_MAX_BATCH_AGE.",
            "Default: 100MiB. Env: WAREHOUSE_MAX_OUTSTANDING_BYTES.", "Default: schemas/events.json. Env: WAREHOUSE_SCHEMA.",
            "Required. Env: WAREHOUSE_SUBSCRIPTION.", "Default: 8080. Env: PORT.", "Default: 8s. Env: WAREHOUSE_SHUTDOWN_DEADLINE.",
            "Default: subscription_name,message_id,publish_time,attributes. Env: WAREHOUSE_METADATA_COLUMNS.",
        ] {
            #expect(help.contains(line), "\(line)")
        }
    }
}
