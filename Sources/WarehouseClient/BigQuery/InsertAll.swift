import WireJSON

/// One row for `insertAll`: its JSON object and the id BigQuery deduplicates retries by.
public struct InsertRow: Sendable, Hashable {
    /// Rows with the same insertId within about a minute are stored once. Without one, a retried
    /// request may store a row twice.
    public var insertId: String?
    public var json: JSONObject

    public init(insertId: String?, json: JSONObject) {
        self.insertId = insertId
        self.json = json
    }
}

public struct InsertOptions: Sendable, Hashable {
    /// Store the valid rows of a request even when some are invalid. When false (BigQuery's
    /// default), one invalid row keeps its whole request out and the others come back `stopped`.
    public var skipInvalidRows: Bool
    public var ignoreUnknownValues: Bool
    /// BigQuery recommends 500 rows per request.
    public var maxRowsPerRequest: Int
    /// BigQuery refuses requests over 10 MB; this leaves room for the envelope and headers.
    public var maxBytesPerRequest: Int
    /// Requests in flight at once.
    public var maxConcurrentRequests: Int

    public init(
        skipInvalidRows: Bool = false, ignoreUnknownValues: Bool = false, maxRowsPerRequest: Int = 500,
        maxBytesPerRequest: Int = 9_500_000, maxConcurrentRequests: Int = 4
    ) {
        self.skipInvalidRows = skipInvalidRows
        self.ignoreUnknownValues = ignoreUnknownValues
        self.maxRowsPerRequest = max(1, maxRowsPerRequest)
        self.maxBytesPerRequest = max(1024, maxBytesPerRequest)
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
    }
}

/// A row that was not stored, by its index in the caller's array.
public struct InsertFailure: Sendable, Hashable {
    public var index: Int
    public var errors: [RowError]

    public init(index: Int, errors: [RowError]) {
        self.index = index
        self.errors = errors
    }

    /// Not stored only because another row of its request was invalid: send it again without that row.
    public var isStopped: Bool { !errors.isEmpty && errors.allSatisfy { $0.reason == "stopped" } }

    /// Refused for a transient reason: send it again later.
    public var isRetryable: Bool {
        !errors.isEmpty && errors.allSatisfy { BigQueryError.retryableReasons.contains($0.reason) || $0.reason == "timeout" }
    }
}

public struct InsertAllResult: Sendable, Hashable {
    public var rowCount: Int
    /// Sorted by index.
    public var failures: [InsertFailure]

    public var insertedCount: Int { rowCount - failures.count }
}

/// Groups encoded rows into requests under the row and byte limits, keeping each row's index.
struct InsertBatches {
    struct Batch {
        var indices: [Int] = []
        var body: [UInt8] = []
    }

    /// `{"skipInvalidRows":…,"ignoreUnknownValues":…,"rows":[` — rows are spliced in as bytes.
    static func prefix(_ options: InsertOptions) -> [UInt8] {
        Array(
            #"{"kind":"bigquery#tableDataInsertAllRequest","skipInvalidRows":\#(options.skipInvalidRows),"ignoreUnknownValues":\#(options.ignoreUnknownValues),"rows":["#
                .utf8)
    }

    static let suffix = Array("]}".utf8)

    /// The requests to send, and the rows too large for any request.
    static func split(
        _ rows: some Collection<InsertRow>, firstIndex: Int = 0,
        options: InsertOptions
    ) -> (batches: [Batch], oversized: [InsertFailure]) {
        let prefix = prefix(options)
        let envelope = prefix.count + suffix.count
        var batches: [Batch] = []
        var oversized: [InsertFailure] = []
        var current = Batch()
        current.body = prefix
        // One scratch buffer for every row's `{"insertId":…,"json":…}`, written by the encoder directly.
        var bytes: [UInt8] = []
        for (offset, row) in rows.enumerated() {
            let index = firstIndex + offset
            bytes.removeAll(keepingCapacity: true)
            bytes += #"{"#.utf8
            if let insertId = row.insertId {
                bytes += #""insertId":"#.utf8
                JSONValue.encodeString(insertId, into: &bytes)
                bytes.append(UInt8(ascii: ","))
            }
            bytes += #""json":"#.utf8
            JSONValue.object(row.json).encode(into: &bytes)
            bytes.append(UInt8(ascii: "}"))
            guard bytes.count + envelope <= options.maxBytesPerRequest else {
                oversized.append(
                    InsertFailure(
                        index: index,
                        errors: [
                            RowError(
                                reason: "invalid", location: "",
                                message: "Row is \(bytes.count) bytes, over the \(options.maxBytesPerRequest)-byte request limit")
                        ]))
                continue
            }
            let separator = current.indices.isEmpty ? 0 : 1
            if current.indices.count == options.maxRowsPerRequest
                || current.body.count + separator + bytes.count + suffix.count > options.maxBytesPerRequest
            {
                current.body += suffix
                batches.append(current)
                current = Batch()
                current.body = prefix
            }
            if !current.indices.isEmpty { current.body.append(UInt8(ascii: ",")) }
            current.body += bytes
            current.indices.append(index)
        }
        if !current.indices.isEmpty {
            current.body += suffix
            batches.append(current)
        }
        return (batches, oversized)
    }
}

extension BigQueryClient {
    /// Streams `rows` into the table with `tabledata.insertAll`, split into requests of at most
    /// `maxRowsPerRequest` rows and `maxBytesPerRequest` bytes, several in flight at once.
    ///
    /// Per-row errors come back by the caller's index; a request-level failure (after retries) throws.
    /// Requests are independent: with `skipInvalidRows` false, an invalid row keeps only its own
    /// request's rows out.
    public func insertAll(dataset: String, table: String, rows: [InsertRow], options: InsertOptions = .init()) async throws -> InsertAllResult {
        let path = "datasets/\(Self.segment(dataset))/tables/\(Self.segment(table))/insertAll"
        // Each task encodes its own slice just before sending it, so encoding overlaps the requests
        // in flight instead of delaying the first one by the whole input's encoding time.
        let slices = stride(from: 0, to: rows.count, by: options.maxRowsPerRequest).map {
            $0..<min($0 + options.maxRowsPerRequest, rows.count)
        }
        var failures: [InsertFailure] = []
        try await withThrowingTaskGroup(of: [InsertFailure].self) { group in
            var next = 0
            func startNext() {
                guard next < slices.count else { return }
                let slice = slices[next]
                next += 1
                group.addTask {
                    let (batches, oversized) = InsertBatches.split(rows[slice], firstIndex: slice.lowerBound, options: options)
                    var sliceFailures = oversized
                    for batch in batches { sliceFailures += try await self.send(batch, path: path) }
                    return sliceFailures
                }
            }
            for _ in 0..<min(options.maxConcurrentRequests, slices.count) { startNext() }
            while let sliceFailures = try await group.next() {
                failures += sliceFailures
                startNext()
            }
        }
        failures.sort { $0.index < $1.index }
        return InsertAllResult(rowCount: rows.count, failures: failures)
    }

    private func send(_ batch: InsertBatches.Batch, path: String) async throws -> [InsertFailure] {
        let reply = try await call(.POST, path, bodyBytes: batch.body)
        guard let insertErrors = reply["insertErrors"]?.arrayValue else { return [] }
        return try insertErrors.map { entry in
            guard let position = entry["index"]?.int64Value, position >= 0, Int(position) < batch.indices.count else {
                throw BigQueryError.invalidResponse("insertErrors entry without a valid index: \(entry.encodedString())")
            }
            let errors = (entry["errors"]?.arrayValue ?? []).map { error in
                RowError(
                    reason: error["reason"]?.stringValue ?? "invalid", location: error["location"]?.stringValue ?? "",
                    message: error["message"]?.stringValue ?? "")
            }
            return InsertFailure(index: batch.indices[Int(position)], errors: errors)
        }
    }
}
