import Hummingbird
import WireJSON

/// The REST discovery document `bq --api URL` reads to learn the methods, describing exactly the
/// methods this emulator implements, with `rootUrl` pointing back at the emulator itself.
struct DiscoveryAPI: EmulatedAPI {
    func addRoutes(to router: Router<EmulatorRequestContext>) {
        let handler: @Sendable (Request, EmulatorRequestContext) async throws -> Response = { request, _ in
            let host = request.head.authority ?? "127.0.0.1"
            return JSONResponse.make(BigQueryDiscovery.document(rootURL: "http://\(host)/"))
        }
        router.get("/$discovery/rest", use: handler)
        router.get("/discovery/v1/apis/bigquery/v2/rest", use: handler)
    }
}

enum BigQueryDiscovery {
    /// One method: its parameters are path parameters (in `path` braces) and the listed query ones.
    struct Method {
        var resource: String
        var name: String
        var httpMethod: String
        var path: String
        var query: [(String, String)] = []
        var request: String?
        var response: String?
    }

    static let paging = [("maxResults", "integer"), ("pageToken", "string")]
    static let methods: [Method] = [
        Method(resource: "projects", name: "list", httpMethod: "GET", path: "projects", query: paging, response: "ProjectList"),
        Method(
            resource: "datasets", name: "list", httpMethod: "GET", path: "projects/{projectId}/datasets",
            query: paging + [("all", "boolean"), ("filter", "string")], response: "DatasetList"),
        Method(
            resource: "datasets", name: "get", httpMethod: "GET", path: "projects/{projectId}/datasets/{datasetId}",
            query: [("datasetView", "string"), ("accessPolicyVersion", "integer")], response: "Dataset"),
        Method(
            resource: "datasets", name: "insert", httpMethod: "POST", path: "projects/{projectId}/datasets",
            query: [("accessPolicyVersion", "integer")], request: "Dataset", response: "Dataset"),
        Method(
            resource: "datasets", name: "patch", httpMethod: "PATCH", path: "projects/{projectId}/datasets/{datasetId}",
            query: [("updateMode", "string"), ("accessPolicyVersion", "integer")], request: "Dataset", response: "Dataset"),
        Method(
            resource: "datasets", name: "update", httpMethod: "PUT", path: "projects/{projectId}/datasets/{datasetId}",
            query: [("updateMode", "string"), ("accessPolicyVersion", "integer")], request: "Dataset", response: "Dataset"),
        Method(
            resource: "datasets", name: "delete", httpMethod: "DELETE", path: "projects/{projectId}/datasets/{datasetId}",
            query: [("deleteContents", "boolean")]),
        Method(
            resource: "tables", name: "list", httpMethod: "GET", path: "projects/{projectId}/datasets/{datasetId}/tables",
            query: paging, response: "TableList"),
        Method(
            resource: "tables", name: "get", httpMethod: "GET", path: "projects/{projectId}/datasets/{datasetId}/tables/{tableId}",
            query: [("selectedFields", "string"), ("view", "string")], response: "Table"),
        Method(
            resource: "tables", name: "insert", httpMethod: "POST", path: "projects/{projectId}/datasets/{datasetId}/tables",
            request: "Table", response: "Table"),
        Method(
            resource: "tables", name: "patch", httpMethod: "PATCH", path: "projects/{projectId}/datasets/{datasetId}/tables/{tableId}",
            query: [("autodetect_schema", "boolean")], request: "Table", response: "Table"),
        Method(
            resource: "tables", name: "update", httpMethod: "PUT", path: "projects/{projectId}/datasets/{datasetId}/tables/{tableId}",
            query: [("autodetect_schema", "boolean")], request: "Table", response: "Table"),
        Method(resource: "tables", name: "delete", httpMethod: "DELETE", path: "projects/{projectId}/datasets/{datasetId}/tables/{tableId}"),
        Method(
            resource: "routines", name: "list", httpMethod: "GET", path: "projects/{projectId}/datasets/{datasetId}/routines",
            query: paging + [("filter", "string"), ("readMask", "string")], response: "ListRoutinesResponse"),
        Method(
            resource: "routines", name: "get", httpMethod: "GET",
            path: "projects/{projectId}/datasets/{datasetId}/routines/{routineId}", query: [("readMask", "string")], response: "Routine"),
        Method(
            resource: "routines", name: "insert", httpMethod: "POST", path: "projects/{projectId}/datasets/{datasetId}/routines",
            request: "Routine", response: "Routine"),
        Method(
            resource: "routines", name: "update", httpMethod: "PUT",
            path: "projects/{projectId}/datasets/{datasetId}/routines/{routineId}", request: "Routine", response: "Routine"),
        Method(
            resource: "routines", name: "delete", httpMethod: "DELETE", path: "projects/{projectId}/datasets/{datasetId}/routines/{routineId}"
        ),
        Method(
            resource: "tabledata", name: "insertAll", httpMethod: "POST",
            path: "projects/{projectId}/datasets/{datasetId}/tables/{tableId}/insertAll",
            request: "TableDataInsertAllRequest", response: "TableDataInsertAllResponse"),
        Method(
            resource: "tabledata", name: "list", httpMethod: "GET", path: "projects/{projectId}/datasets/{datasetId}/tables/{tableId}/data",
            query: paging + [("startIndex", "string"), ("selectedFields", "string"), ("formatOptions.useInt64Timestamp", "boolean")],
            response: "TableDataList"),
        Method(
            resource: "jobs", name: "query", httpMethod: "POST", path: "projects/{projectId}/queries",
            request: "QueryRequest", response: "QueryResponse"),
        Method(
            resource: "jobs", name: "getQueryResults", httpMethod: "GET", path: "projects/{projectId}/queries/{jobId}",
            query: paging + [
                ("startIndex", "string"), ("timeoutMs", "integer"), ("location", "string"),
                ("formatOptions.useInt64Timestamp", "boolean"),
            ],
            response: "GetQueryResultsResponse"),
        Method(resource: "jobs", name: "insert", httpMethod: "POST", path: "projects/{projectId}/jobs", request: "Job", response: "Job"),
        Method(
            resource: "jobs", name: "get", httpMethod: "GET", path: "projects/{projectId}/jobs/{jobId}",
            query: [("location", "string")], response: "Job"),
        Method(
            resource: "jobs", name: "list", httpMethod: "GET", path: "projects/{projectId}/jobs",
            query: paging + [
                ("allUsers", "boolean"), ("projection", "string"), ("stateFilter", "string"),
                ("minCreationTime", "string"), ("maxCreationTime", "string"), ("parentJobId", "string"),
            ],
            response: "JobList"),
        Method(
            resource: "jobs", name: "cancel", httpMethod: "POST", path: "projects/{projectId}/jobs/{jobId}/cancel",
            query: [("location", "string")], response: "JobCancelResponse"),
    ]

    static func document(rootURL: String) -> JSONValue {
        var resources = JSONObject()
        var schemaNames = Set<String>()
        for method in methods {
            var resource = resources[method.resource]?.objectValue ?? ["methods": .object(JSONObject())]
            var entries = resource["methods"]?.objectValue ?? JSONObject()
            entries[method.name] = describe(method)
            resource["methods"] = .object(entries)
            resources[method.resource] = .object(resource)
            if let request = method.request { schemaNames.insert(request) }
            if let response = method.response { schemaNames.insert(response) }
        }
        // Bodies are passed through as they are; the schemas only need to exist by name.
        let schemas = JSONObject(
            schemaNames.sorted().map {
                (key: $0, value: ["id": .string($0), "type": "object", "additionalProperties": ["type": "any"]] as JSONValue)
            })
        return [
            "kind": "discovery#restDescription", "discoveryVersion": "v1", "id": "bigquery:v2", "name": "bigquery",
            "version": "v2", "revision": "emulator", "title": "BigQuery API (LocalEmulator)",
            "description": "The BigQuery REST v2 methods served by the local emulator.",
            "protocol": "rest", "rootUrl": .string(rootURL), "servicePath": "bigquery/v2/",
            "basePath": "/bigquery/v2/", "baseUrl": .string(rootURL + "bigquery/v2/"), "batchPath": "batch/bigquery/v2",
            "parameters": standardParameters,
            "auth": [
                "oauth2": [
                    "scopes": [
                        "https://www.googleapis.com/auth/bigquery": ["description": "View and manage your data in BigQuery"],
                        "https://www.googleapis.com/auth/cloud-platform": ["description": "Google Cloud"],
                    ]
                ]
            ],
            "schemas": .object(schemas),
            "resources": .object(resources),
        ]
    }

    static func describe(_ method: Method) -> JSONValue {
        let pathParameters = method.path.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }
        var parameters = JSONObject()
        for name in pathParameters {
            parameters[name] = ["type": "string", "required": true, "location": "path", "description": .string("The \(name).")]
        }
        for (name, type) in method.query {
            parameters[name] = ["type": .string(type), "location": "query"]
        }
        var description: JSONObject = [
            "id": .string("bigquery.\(method.resource).\(method.name)"), "path": .string(method.path),
            "flatPath": .string(method.path), "httpMethod": .string(method.httpMethod),
            "parameters": .object(parameters), "parameterOrder": .array(pathParameters.map { .string($0) }),
            "scopes": ["https://www.googleapis.com/auth/bigquery", "https://www.googleapis.com/auth/cloud-platform"],
        ]
        if let request = method.request { description["request"] = ["$ref": .string(request)] }
        if let response = method.response { description["response"] = ["$ref": .string(response)] }
        if method.resource == "jobs", method.name == "insert" {
            // bq always passes a media_body argument (None for queries); the client refuses it unless
            // the method declares uploads. `bq load` sends a file to this path, resumable or multipart.
            description["supportsMediaUpload"] = true
            description["mediaUpload"] = [
                "accept": ["*/*"],
                "protocols": [
                    "simple": ["multipart": true, "path": "/upload/bigquery/v2/projects/{+projectId}/jobs"]
                ],
            ]
        }
        return .object(description)
    }

    static let standardParameters: JSONValue = [
        "alt": ["type": "string", "location": "query", "default": "json", "enum": ["json"]],
        "fields": ["type": "string", "location": "query"],
        "key": ["type": "string", "location": "query"],
        "oauth_token": ["type": "string", "location": "query"],
        "prettyPrint": ["type": "boolean", "location": "query", "default": "true"],
        "quotaUser": ["type": "string", "location": "query"],
        "userIp": ["type": "string", "location": "query"],
        "$.xgafv": ["type": "string", "location": "query"],
        "access_token": ["type": "string", "location": "query"],
        "callback": ["type": "string", "location": "query"],
        "upload_protocol": ["type": "string", "location": "query"],
        "uploadType": ["type": "string", "location": "query"],
    ]
}
