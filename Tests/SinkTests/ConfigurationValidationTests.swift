import Sink
import Testing
import WarehouseSchema

@Suite struct ConfigurationValidationTests {
    @Test func theDefaultsAreValid() throws {
        try SinkFixtures.configuration().validate()
    }

    private func problem(_ change: (inout SinkConfiguration) -> Void) -> String? {
        var configuration = SinkFixtures.configuration()
        change(&configuration)
        do {
            try configuration.validate()
            return nil
        } catch {
            #expect(error.isConfiguration)
            return error.message
        }
    }

    @Test func eachBadSettingIsNamed() {
        #expect(problem { $0.subscription = "" }?.contains("subscription is empty") == true)
        #expect(problem { $0.dataset = "my-dataset" }?.contains("dataset") == true)
        #expect(problem { $0.table = "" }?.contains("table") == true)
        #expect(problem { $0.deadLetterTopic = "" }?.contains("dead-letter topic") == true)
        #expect(problem { $0.partitionField = "user_id" }?.contains("partition field user_id must be a TIMESTAMP or DATE") == true)
        #expect(problem { $0.partitionField = "nope" }?.contains("partition field nope is not in the schema") == true)
        #expect(problem { $0.partitionField = nil }?.contains("requirePartitionFilter needs a partition field") == true)
        #expect(problem { $0.clusteringFields = ["event_type", "missing"] }?.contains("clustering field missing") == true)
        #expect(problem { $0.clusteringFields = ["a", "b", "c", "d", "e"] }?.contains("at most 4 clustering fields") == true)
        #expect(problem { $0.clusteringFields = ["payload"] }?.contains("clustering field payload cannot be JSON") == true)
        #expect(problem { $0.idempotencyKeyField = "occurred_at" }?.contains("idempotency key field") == true)
        #expect(problem { $0.pullConcurrency = 0 }?.contains("pullConcurrency") == true)
        #expect(problem { $0.maxMessagesPerPull = 5000 }?.contains("maxMessagesPerPull") == true)
        #expect(problem { $0.maxOutstandingMessages = 0 }?.contains("maxOutstandingMessages") == true)
        #expect(problem { $0.leaseExtension = .seconds(5) }?.contains("leaseExtension") == true)
        #expect(problem { $0.maxLeaseDuration = .seconds(1) }?.contains("maxLeaseDuration") == true)
        #expect(problem { $0.maxBatchRows = 0 }?.contains("maxBatchRows") == true)
        #expect(problem { $0.maxBatchBytes = 20_000_000 }?.contains("maxBatchBytes") == true)
        #expect(problem { $0.maxBatchAge = .zero }?.contains("maxBatchAge") == true)
        #expect(problem { $0.maxConcurrentInserts = 0 }?.contains("maxConcurrentInserts") == true)
        #expect(problem { $0.maxBackoff = .milliseconds(1) }?.contains("maxBackoff") == true)
        #expect(problem { $0.shutdownDeadline = .zero }?.contains("shutdownDeadline") == true)
    }

    @Test func aMetadataColumnMayNotShadowAnEventField() {
        var configuration = SinkFixtures.configuration()
        configuration.schema.fields.append(TableFieldSchema(name: "message_id", type: .string))
        #expect(throws: SinkError.self) { try configuration.validate() }
    }

    @Test func allProblemsAreReportedTogether() {
        let message = problem {
            $0.pullConcurrency = 0
            $0.maxBatchRows = 0
        }
        #expect(message?.contains("pullConcurrency") == true && message?.contains("maxBatchRows") == true)
    }

    @Test func theTableHasTheEventFieldsThenTheEnabledMetadataColumnsAsNullable() {
        var configuration = SinkFixtures.configuration()
        configuration.metadataColumns = [.messageId, .attributes]
        let definition = SinkTable.definition(for: configuration)
        #expect(definition.schema.fields.map(\.name) == ["event_id", "event_type", "user_id", "occurred_at", "payload", "message_id", "attributes"])
        #expect(definition.schema.fields.suffix(2).map(\.type) == [.string, .json])
        #expect(definition.schema.fields.suffix(2).allSatisfy { $0.mode == .nullable })
        #expect(definition.timePartitioning == .init(granularity: .day, field: "occurred_at"))
        #expect(definition.clustering == ["event_type", "user_id"])
        #expect(definition.requirePartitionFilter)
    }
}
