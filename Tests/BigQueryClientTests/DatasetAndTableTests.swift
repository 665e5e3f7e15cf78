import Testing
import WarehouseClient

@Suite struct EnsureDatasetAndTableTests {
    @Test func datasetIsCreatedOnceThenLeftAlone() async throws {
        try await withBigQuery { harness in
            let first = try await harness.client.ensureDataset("ds")
            let second = try await harness.client.ensureDataset("ds")
            #expect(first == .created)
            #expect(second == .unchanged)
        }
    }

    @Test func tableIsCreatedWithPartitioningAndClusteringThenUnchanged() async throws {
        try await withBigQuery { harness in
            _ = try await harness.client.ensureDataset("ds")
            let created = try await harness.client.ensureTable(dataset: "ds", table: "events", definition: Fixtures.events)
            #expect(created == .created)
            let live = try await harness.client.getTable(dataset: "ds", table: "events")
            #expect(live.timePartitioning == .init(granularity: .day, field: "occurred_at"))
            #expect(live.clustering == ["event_type", "user_id"])
            #expect(live.schema == Fixtures.events.schema)
            let again = try await harness.client.ensureTable(dataset: "ds", table: "events", definition: Fixtures.events)
            #expect(again == .unchanged)
        }
    }

    @Test func aDifferentDefinitionIsReportedAsDriftAndNotApplied() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            var changed = Fixtures.events
            changed.schema.fields[2].type = .string  // user_id INTEGER → STRING
            changed.schema.fields.append(TableFieldSchema(name: "country", type: .string))
            changed.schema.fields.removeAll { $0.name == "score" }
            changed.clustering = ["event_type"]
            changed.requirePartitionFilter = true
            let outcome = try await harness.client.ensureTable(dataset: "ds", table: "events", definition: changed)
            guard case .drifted(let drift) = outcome else {
                Issue.record("expected drift, got \(outcome)")
                return
            }
            #expect(
                Set(drift.map(\.kind)) == [
                    .typeChanged, .missingColumn, .extraColumn, .clusteringChanged,
                    .requirePartitionFilterChanged,
                ])
            #expect(drift.contains { $0.kind == .typeChanged && $0.subject == "user_id" && $0.actual == "INTEGER" })
            #expect(drift.contains { $0.kind == .missingColumn && $0.subject == "country" })
            #expect(drift.contains { $0.kind == .extraColumn && $0.subject == "score" })
            let live = try await harness.client.getTable(dataset: "ds", table: "events")
            #expect(live == Fixtures.events, "ensureTable must not alter a drifted table")
        }
    }

    @Test func nestedFieldDriftNamesTheDottedPath() {
        var changed = Fixtures.events
        changed.schema.fields[10].fields[1].mode = .required
        let drift = TableDrift.between(changed, Fixtures.events)
        #expect(drift == [TableDrift(kind: .modeChanged, subject: "device.version", expected: "REQUIRED", actual: "NULLABLE")])
    }

    @Test func schemaFilesAreReadInBothForms() throws {
        let bare = try TableDefinition(json: Fixtures.events.schema.json["fields"]!)
        #expect(bare.schema == Fixtures.events.schema)
        #expect(bare.timePartitioning == nil)
        let resource = try TableDefinition(json: .object(Fixtures.events.resource))
        #expect(resource == Fixtures.events)
        var weekly = Fixtures.events.resource
        weekly["timePartitioning"] = ["type": "WEEK", "field": "occurred_at"]
        let error = #expect(throws: SchemaError.self) { try TableDefinition(json: .object(weekly)) }
        #expect(error?.message == "Invalid value for timePartitioning.type: WEEK is not a valid value")
    }
}
