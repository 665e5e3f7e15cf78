import Foundation
import Hummingbird
import WarehouseSchema
import WireJSON

/// BigQuery REST v2 under `/bigquery/v2`, as Google's clients call it.
struct BigQueryAPI: EmulatedAPI {
    let store: BigQueryStore
    let jobs: JobRegistry
    let maxRequestBytes: Int
    /// Largest file a load job may upload.
    let maxUploadBytes: Int
    /// The open sessions of resumable uploads.
    let uploads = ResumableUploads()
    /// Where query jobs run once their request has answered.
    let background: BackgroundWork
    /// Largest page a list or query call returns when the client sets no maxResults.
    static let defaultPageSize = 100_000

    init(store: BigQueryStore, maxRequestBytes: Int, maxUploadBytes: Int, background: BackgroundWork) {
        self.store = store
        self.maxUploadBytes = maxUploadBytes
        self.background = background
        self.maxRequestBytes = maxRequestBytes
        jobs = store.jobs
    }

    func addRoutes(to router: Router<EmulatorRequestContext>) {
        let projects = router.group("/bigquery/v2/projects")
        projects.get { _, _ in
            JSONResponse.make(["kind": "bigquery#projectList", "projects": [], "totalItems": 0])
        }
        addDatasetRoutes(to: projects.group(":project/datasets"))
        addTableRoutes(to: projects.group(":project/datasets/:dataset/tables"))
        addRoutineRoutes(to: projects.group(":project/datasets/:dataset/routines"))
        addJobRoutes(to: projects.group(":project"))
        addUploadRoutes(to: router.group("/upload/bigquery/v2/projects/:project/jobs"))
    }

    private func addDatasetRoutes(to group: RouterGroup<EmulatorRequestContext>) {
        group.post { request, context in
            let project = try BigQueryAPI.project(context)
            var body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try ResourceFieldTypes.checkDataset(body)
            body["labels"] = body["labels"].flatMap(ResourceLabels.kept)
            return JSONResponse.make(try await store.insertDataset(project: project, body: body))
        }
        group.get { request, context in
            let datasets = try await store.listDatasets(project: try BigQueryAPI.project(context))
            var response = try BigQueryAPI.page(datasets, key: "datasets", request: request)
            response["kind"] = "bigquery#datasetList"
            return JSONResponse.make(.object(response))
        }
        group.get(":dataset") { _, context in
            let (project, dataset) = try BigQueryAPI.datasetPath(context)
            return JSONResponse.make(try await store.dataset(project: project, dataset: dataset))
        }
        for method in [HTTPRequest.Method.patch, .put] {
            group.on(":dataset", method: method) { request, context in
                let (project, dataset) = try BigQueryAPI.datasetPath(context)
                let body = try await request.jsonObjectBody(limit: maxRequestBytes)
                try ResourceFieldTypes.checkDataset(body)
                return JSONResponse.make(
                    try await store.patchDataset(project: project, dataset: dataset, body: body, replacingLabels: method == .put))
            }
        }
        group.delete(":dataset") { request, context in
            let (project, dataset) = try BigQueryAPI.datasetPath(context)
            try await store.deleteDataset(project: project, dataset: dataset, deleteContents: request.queryFlag("deleteContents"))
            return Response(status: .noContent)
        }
    }

    private func addTableRoutes(to group: RouterGroup<EmulatorRequestContext>) {
        group.post { request, context in
            let (project, dataset) = try BigQueryAPI.datasetPath(context)
            var body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try ResourceFieldTypes.checkTable(body)
            body["labels"] = body["labels"].flatMap(ResourceLabels.kept)
            return JSONResponse.make(try await store.insertTable(project: project, dataset: dataset, body: body))
        }
        group.get { request, context in
            let (project, dataset) = try BigQueryAPI.datasetPath(context)
            let tables = try await store.listTables(project: project, dataset: dataset)
            var response = try BigQueryAPI.page(tables, key: "tables", request: request)
            response["kind"] = "bigquery#tableList"
            response["totalItems"] = .int(Int64(tables.count))
            return JSONResponse.make(.object(response))
        }
        group.get(":table") { _, context in
            let (project, dataset, table) = try BigQueryAPI.tablePath(context)
            let info = try await store.tableInfo(project: project, dataset: dataset, table: table)
            return JSONResponse.make(try await store.tableResource(info))
        }
        for method in [HTTPRequest.Method.patch, .put] {
            group.on(":table", method: method) { request, context in
                let (project, dataset, table) = try BigQueryAPI.tablePath(context)
                let body = try await request.jsonObjectBody(limit: maxRequestBytes)
                try ResourceFieldTypes.checkTable(body)
                return JSONResponse.make(
                    try await store.patchTable(project: project, dataset: dataset, table: table, body: body, replacingLabels: method == .put))
            }
        }
        group.delete(":table") { _, context in
            let (project, dataset, table) = try BigQueryAPI.tablePath(context)
            try await store.deleteTable(project: project, dataset: dataset, table: table)
            return Response(status: .noContent)
        }
        group.post(":table/insertAll") { request, context in
            let (project, dataset, table) = try BigQueryAPI.tablePath(context)
            let body = try await request.collectBody(limit: maxRequestBytes)
            return JSONResponse.make(try await store.insertAll(project: project, dataset: dataset, table: table, body: body))
        }
        group.get(":table/data") { request, context in
            let (project, dataset, table) = try BigQueryAPI.tablePath(context)
            let page = try await store.listRows(
                project: project, dataset: dataset, table: table,
                maxResults: try BigQueryAPI.maxResults(request) ?? BigQueryAPI.defaultPageSize,
                pageToken: request.queryValue("pageToken"),
                startIndex: try BigQueryAPI.position(request, "startIndex").map { Int64($0) },
                selectedFields: request.queryValue("selectedFields").map { $0.split(separator: ",").map(String.init) })
            let format = BigQueryAPI.timestampFormat(request)
            var response: JSONObject = [
                "kind": "bigquery#tableDataList", "etag": .string(UUID().uuidString),
                "totalRows": .string(String(page.totalRows)),
                "rows": .array(page.rows.map { row in ["f": .array(row.map { ["v": $0.cell(format)] })] }),
            ]
            if let token = page.nextPageToken { response["pageToken"] = .string(token) }
            return JSONResponse.make(.object(response))
        }
    }

    // MARK: Request helpers

    /// The path's project id, checked as BigQuery checks it (400 `invalid` otherwise).
    static func project(_ context: EmulatorRequestContext) throws -> String {
        let project = try context.parameters.required("project")
        guard GoogleProjectId.isValid(project) else { throw GoogleProjectId.invalid(project) }
        return project
    }

    static func datasetPath(_ context: EmulatorRequestContext) throws -> (String, String) {
        let project = try BigQueryAPI.project(context)
        let dataset = try context.parameters.required("dataset")
        guard BigQueryIds.isValidDataset(dataset) else { throw BigQueryIds.invalidDataset(dataset) }
        return (project, dataset)
    }

    static func tablePath(_ context: EmulatorRequestContext) throws -> (String, String, String) {
        let (project, dataset) = try datasetPath(context)
        let table = try context.parameters.required("table")
        if table.contains("$") {
            throw GoogleAPIError.badRequest("Partition decorators are not supported on this method by the local emulator")
        }
        guard BigQueryIds.isValidTable(table) else { throw BigQueryIds.invalidTable(table) }
        return (project, dataset, table)
    }

    /// The page size asked for, capped at `defaultPageSize` (BigQuery also answers big asks with
    /// smaller pages and a token), so offset arithmetic downstream cannot overflow.
    static func maxResults(_ request: Request) throws -> Int? {
        guard let text = request.queryValue("maxResults") else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw GoogleAPIError.badRequest("Invalid value for maxResults: \(text)")
        }
        return min(value, defaultPageSize)
    }

    /// A `startIndex` or offset `pageToken`: a non-negative integer, or a 400.
    static func position(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.queryValue(name) else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw GoogleAPIError.badRequest(name == "pageToken" ? "Invalid page token: \(text)" : "Invalid value for \(name): \(text)")
        }
        return value
    }

    /// A non-negative row offset; anything else is a 400, as BigQuery answers it.
    static func startIndex(_ request: Request) throws -> Int64? {
        guard let text = request.queryValue("startIndex") else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw GoogleAPIError.badRequest("Invalid value for startIndex: \(text)")
        }
        return value
    }

    static func timestampFormat(_ request: Request) -> TimestampCellFormat {
        request.queryFlag("formatOptions.useInt64Timestamp") ? .int64Micros : .floatSeconds
    }

    /// Offset-based paging for list methods: `pageToken` is the offset of the next item.
    static func page(_ items: [JSONValue], key: String, request: Request) throws -> JSONObject {
        let limit = try maxResults(request) ?? items.count
        let offset = min(try position(request, "pageToken") ?? 0, items.count)
        let end = min(items.count, offset + limit)
        var response: JSONObject = ["etag": .string(UUID().uuidString)]
        response[key] = .array(offset < end ? Array(items[offset..<end]) : [])
        if end < items.count { response["nextPageToken"] = .string(String(end)) }
        return response
    }
}
