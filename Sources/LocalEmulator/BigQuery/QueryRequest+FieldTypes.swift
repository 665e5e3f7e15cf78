import WireJSON

extension QueryRequest {
    /// jobs.query's body, a `QueryRequest` in Google's definition: each field the emulator reads,
    /// and the common ones it does not, must have its type (see `RequestFieldTypes`).
    static func checkFieldTypes(queryRequest body: JSONObject) throws {
        let fields = RequestFields(body, path: "query_request")
        try checkQueryFields(fields)
        _ = try fields.bool("dryRun")
        _ = try fields.uint32("maxResults")
        _ = try fields.uint32("timeoutMs")
        _ = try fields.int64("maximumBytesBilled")
        _ = try fields.string("location")
        _ = try fields.string("requestId")
        if let format = try fields.object("formatOptions") { _ = try format.bool("useInt64Timestamp") }
    }

    /// jobs.insert's body, a `Job`: its reference and its query or copy configuration.
    static func checkFieldTypes(job body: JSONObject) throws {
        let job = RequestFields(body, path: "job")
        if let reference = try job.object("jobReference") {
            _ = try reference.string("projectId")
            _ = try reference.string("jobId")
            _ = try reference.string("location")
        }
        guard let configuration = try job.object("configuration") else { return }
        _ = try configuration.bool("dryRun")
        _ = try configuration.int64("jobTimeoutMs")
        if let query = try configuration.object("query") {
            try checkQueryFields(query)
            _ = try query.object("destinationTable")
            _ = try query.string("priority")
            _ = try query.int64("maximumBytesBilled")
        }
        if let copy = try configuration.object("copy") {
            _ = try copy.object("sourceTable")
            _ = try copy.array("sourceTables")
            _ = try copy.object("destinationTable")
            _ = try copy.string("createDisposition")
            _ = try copy.string("writeDisposition")
            _ = try copy.string("operationType")
        }
    }

    /// What a query request and a query job configuration share.
    private static func checkQueryFields(_ fields: RequestFields) throws {
        _ = try fields.string("query")
        _ = try fields.bool("useLegacySql")
        _ = try fields.bool("useQueryCache")
        _ = try fields.string("parameterMode")
        _ = try fields.array("queryParameters")
        if let dataset = try fields.object("defaultDataset") {
            _ = try dataset.string("projectId")
            _ = try dataset.string("datasetId")
        }
    }
}
