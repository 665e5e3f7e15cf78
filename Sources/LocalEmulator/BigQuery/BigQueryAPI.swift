import Foundation
import Hummingbird
import WarehouseClient
import WireJSON

/// BigQuery REST v2 under `/bigquery/v2`, as Google's clients call it.
struct BigQueryAPI: EmulatedAPI {
    let store: BigQueryStore
    let jobs = JobRegistry()
    let maxRequestBytes: Int
    /// Largest page a list or query call returns when the client sets no maxResults.
    static let defaultPageSize = 100_000

    func addRoutes(to router: Router<EmulatorRequestContext>) {
        let projects = router.group("/bigquery/v2/projects")
        projects.get { _, _ in
            JSONResponse.make(["kind": "bigquery#projectList", "projects": [], "totalItems": 0])
        }
        addDatasetRoutes(to: projects.group(":project/datasets"))
        addTableRoutes(to: projects.group(":project/datasets/:dataset/tables"))
        addJobRoutes(to: projects.group(":project"))
    }

    private func addDatasetRoutes(to group: RouterGroup<EmulatorRequestContext>) {
        group.post { request, context in
            let project = try context.parameters.required("project")
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try ResourceFieldTypes.checkDataset(body)
            return JSONResponse.make(try await store.insertDataset(project: project, body: body))
        }
        group.get { request, context in
            let datasets = try await store.listDatasets(project: try context.parameters.required("project"))
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
                return JSONResponse.make(try await store.patchDataset(project: project, dataset: dataset, body: body))
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
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try ResourceFieldTypes.checkTable(body)
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
                return JSONResponse.make(try await store.patchTable(project: project, dataset: dataset, table: table, body: body))
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
                startIndex: try BigQueryAPI.startIndex(request),
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

    static func datasetPath(_ context: EmulatorRequestContext) throws -> (String, String) {
        (try context.parameters.required("project"), try context.parameters.required("dataset"))
    }

    static func tablePath(_ context: EmulatorRequestContext) throws -> (String, String, String) {
        let table = try context.parameters.required("table")
        if table.contains("$") {
            throw GoogleAPIError.badRequest("Partition decorators are not supported on this method by the local emulator")
        }
        return (try context.parameters.required("project"), try context.parameters.required("dataset"), table)
    }

    static func maxResults(_ request: Request) throws -> Int? {
        guard let text = request.queryValue("maxResults") else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw GoogleAPIError.badRequest("Invalid value for maxResults: \(text)")
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
        let limit = try maxResults(request)
        let offset = try request.queryValue("pageToken").map { token -> Int in
            guard let offset = Int(token), offset >= 0 else { throw GoogleAPIError.badRequest("Invalid page token: \(token)") }
            return min(offset, items.count)
        } ?? 0
        let end = min(items.count, offset + min(limit ?? items.count, items.count))
        var response: JSONObject = ["etag": .string(UUID().uuidString)]
        response[key] = .array(offset < end ? Array(items[offset..<end]) : [])
        if end < items.count { response["nextPageToken"] = .string(String(end)) }
        return response
    }
}
