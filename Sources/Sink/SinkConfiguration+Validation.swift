import WarehouseSchema

extension SinkConfiguration {
    /// Says everything that is wrong with the configuration at once, so a bad deployment fails at
    /// start with one clear message instead of crashing (or looping) later.
    public func validate() throws(SinkError) {
        var problems: [String] = []
        func require(_ condition: Bool, _ problem: @autoclosure () -> String) {
            if !condition { problems.append(problem()) }
        }
        require(!subscription.isEmpty, "subscription is empty")
        require(!deadLetterTopic.isEmpty, "dead-letter topic is empty")
        require(Self.isBigQueryName(dataset), "dataset \"\(dataset)\" must be 1-1024 letters, digits or underscores")
        require(Self.isBigQueryName(table), "table \"\(table)\" must be 1-1024 letters, digits or underscores")
        require(!schema.fields.isEmpty, "the schema has no fields")

        let eventNames = Set(schema.fields.map { $0.name.lowercased() })
        for column in metadataColumns where eventNames.contains(column.rawValue) {
            problems.append("metadata column \(column.rawValue) is also a field of the schema")
        }
        let columns = SinkTable.schema(for: self).fields
        func column(_ name: String) -> TableFieldSchema? { columns.first { $0.name.lowercased() == name.lowercased() } }

        if let partitionField {
            if let field = column(partitionField) {
                require(
                    (field.type == .timestamp || field.type == .date) && field.mode != .repeated,
                    "partition field \(partitionField) must be a TIMESTAMP or DATE that is not REPEATED")
            } else {
                problems.append("partition field \(partitionField) is not in the schema")
            }
        } else {
            require(!requirePartitionFilter, "requirePartitionFilter needs a partition field")
        }
        require(clusteringFields.count <= 4, "at most 4 clustering fields (BigQuery's limit), not \(clusteringFields.count)")
        require(
            Set(clusteringFields.map { $0.lowercased() }).count == clusteringFields.count, "clustering fields repeat a column")
        for name in clusteringFields {
            guard let field = column(name) else {
                problems.append("clustering field \(name) is not in the schema")
                continue
            }
            require(
                field.mode != .repeated && ![.json, .record, .float].contains(field.type),
                "clustering field \(name) cannot be \(field.mode == .repeated ? "REPEATED" : field.type.rawValue)")
        }
        if let idempotencyKeyField {
            require(
                schema.field(named: idempotencyKeyField)?.type == .string,
                "idempotency key field \(idempotencyKeyField) must be a STRING field of the schema")
        }

        require(pullConcurrency >= 1, "pullConcurrency must be at least 1")
        require((1...1000).contains(maxMessagesPerPull), "maxMessagesPerPull must be 1-1000 (Pub/Sub's limit)")
        require(maxOutstandingMessages >= 1, "maxOutstandingMessages must be at least 1")
        require(maxOutstandingBytes >= 1024, "maxOutstandingBytes must be at least 1024")
        // Pub/Sub accepts ack deadlines of 10 to 600 seconds.
        require(leaseExtension >= .seconds(10) && leaseExtension <= .seconds(600), "leaseExtension must be 10-600 s")
        require(maxLeaseDuration >= leaseExtension, "maxLeaseDuration must be at least leaseExtension")
        require((1...50_000).contains(maxBatchRows), "maxBatchRows must be 1-50000 (insertAll's limit)")
        require(
            (1024...9_500_000).contains(maxBatchBytes), "maxBatchBytes must be 1024-9500000, under insertAll's 10 MB request limit")
        require(maxBatchAge > .zero, "maxBatchAge must be positive")
        require(maxConcurrentInserts >= 1, "maxConcurrentInserts must be at least 1")
        require(initialBackoff > .zero, "initialBackoff must be positive")
        require(maxBackoff >= initialBackoff, "maxBackoff must be at least initialBackoff")
        require(maxRetryDuration >= .zero, "maxRetryDuration must not be negative")
        require(shutdownDeadline > .zero, "shutdownDeadline must be positive")
        require(readinessWindow > .zero, "readinessWindow must be positive")

        guard problems.isEmpty else { throw .configuration("Invalid Sink configuration: " + problems.joined(separator: "; ")) }
    }

    /// BigQuery dataset and table ids: letters, digits and underscores.
    static func isBigQueryName(_ name: String) -> Bool {
        (1...1024).contains(name.utf8.count)
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }
    }
}
