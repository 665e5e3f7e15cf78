import Testing
import WireJSON

@testable import LocalEmulator

/// A dataset's SQL functions (routines): made by `CREATE FUNCTION dataset.f` or routines.insert, kept
/// in the dataset, and called from any later query as `dataset.f(...)`.
@Suite("Routines: a dataset's SQL functions")
struct RoutineTests {
    static func routines(_ dataset: String = "ds") -> String { "\(Fixture.datasets)/\(dataset)/routines" }

    static func scalarRoutine(_ id: String, body: String, arguments: [JSONValue], dataset: String = "ds") -> JSONValue {
        .object([
            "routineReference": ["projectId": .string(Fixture.project), "datasetId": .string(dataset), "routineId": .string(id)],
            "routineType": "SCALAR_FUNCTION", "language": "SQL", "definitionBody": .string(body), "arguments": .array(arguments),
        ])
    }

    static func value(_ client: EmulatorClient, _ sql: String) async throws -> String? {
        let reply = try await client.query(sql)
        #expect(reply.status == 200, "\(sql): \(reply.json)")
        return ScriptRouteTests.rows(reply).first?.first ?? nil
    }

    @Test func createFunctionStoresARoutineThatLaterQueriesCall() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.query(
                "CREATE FUNCTION ds.add_tax(price NUMERIC, rate ANY TYPE) RETURNS NUMERIC AS (price * (1 + rate)) OPTIONS(description = 'gross')")
            #expect(created.status == 200, "\(created.json)")

            let routine = try await client.get("\(Self.routines())/add_tax")
            #expect(routine.status == 200, "\(routine.json)")
            #expect(routine.json["routineType"] == "SCALAR_FUNCTION")
            #expect(routine.json["language"] == "SQL")
            #expect(routine.json["definitionBody"] == "price * (1 + rate)")
            #expect(routine.json["description"] == "gross")
            #expect(routine.json["returnType"] == ["typeKind": "NUMERIC"])
            #expect(
                routine.json["arguments"]
                    == [["name": "price", "dataType": ["typeKind": "NUMERIC"]], ["name": "rate", "argumentKind": "ANY_TYPE"]])
            #expect(routine.json["etag"]?.stringValue?.isEmpty == false)
            #expect(routine.json["creationTime"]?.stringValue != nil)

            // Called by its path in every spelling of one; the result has the declared type.
            let call = try await client.query(
                "SELECT ds.add_tax(NUMERIC '10', NUMERIC '0.5') AS a, `\(Fixture.project).ds.add_tax`(2, 1) AS b, `\(Fixture.project)`.ds.add_tax(1, 0) AS c"
            )
            #expect(ScriptRouteTests.rows(call) == [["15", "4", "1"]], "\(call.json)")
            #expect(call.json["schema"]?["fields"]?[0]?["type"] == "NUMERIC")
            // Routine ids are case-sensitive, as table ids are.
            let otherCase = try await client.query("SELECT ds.ADD_TAX(1, 0)")
            #expect(otherCase.status == 400)
            #expect(otherCase.errorMessage == "Function not found: ds.ADD_TAX at [1:8]")
            let wrongType = try await client.query("SELECT ds.add_tax('ten', 0)")
            #expect(wrongType.status == 400)
            #expect(wrongType.errorMessage?.hasPrefix("No matching signature for function \(Fixture.project).ds.add_tax") == true)

            #expect(try await client.query("CREATE FUNCTION ds.add_tax(x INT64) AS (x)").status == 409)
            #expect(try await client.query("CREATE FUNCTION IF NOT EXISTS ds.add_tax(x INT64) AS (x)").status == 200)
            #expect(try await Self.value(client, "SELECT ds.add_tax(10, 1)") == "20")
            #expect(try await client.query("CREATE OR REPLACE FUNCTION ds.add_tax(x INT64) AS (x + 100)").status == 200)
            #expect(try await Self.value(client, "SELECT ds.add_tax(1)") == "101")
        }
    }

    @Test func routinesCallOtherRoutinesAsTheyAreWhenTheQueryRuns() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE FUNCTION ds.inner_f(x INT64) AS (x + 1)")
            #expect(try await client.query("CREATE FUNCTION ds.outer_f(x INT64) AS (ds.inner_f(x) * 10)").status == 200)
            #expect(try await Self.value(client, "SELECT ds.outer_f(1)") == "20")
            _ = try await client.query("CREATE OR REPLACE FUNCTION ds.inner_f(x INT64) AS (x + 2)")
            #expect(try await Self.value(client, "SELECT ds.outer_f(1)") == "30")
            // A view reads the routine too.
            _ = try await client.query("CREATE VIEW ds.v AS SELECT ds.outer_f(n) AS y FROM UNNEST([1, 2]) AS n")
            let view = try await client.query("SELECT y FROM ds.v ORDER BY y")
            #expect(ScriptRouteTests.rows(view) == [["30"], ["40"]], "\(view.json)")

            let itself = try await client.query("CREATE OR REPLACE FUNCTION ds.inner_f(x INT64) AS (ds.inner_f(x))")
            #expect(itself.status == 400)
            #expect(itself.errorMessage?.hasPrefix("Function not found: ds.inner_f") == true, "\(itself.json)")
            _ = try await client.query("DROP FUNCTION ds.inner_f")
            let dangling = try await client.query("SELECT ds.outer_f(1)")
            #expect(dangling.status == 400)
            #expect(dangling.errorMessage?.contains("Function not found: ds.inner_f") == true, "\(dangling.json)")
        }
    }

    @Test func aRoutinesBodyCannotReachTheCallingScriptsTemporaryFunctionsOrUnqualifiedTables() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let temporary = try await client.query("CREATE TEMP FUNCTION t(x INT64) AS (x); CREATE FUNCTION ds.uses_temp(x INT64) AS (t(x))")
            #expect(temporary.status == 400)
            #expect(temporary.errorMessage?.contains("Function not found") == true, "\(temporary.json)")
            let unqualified = try await client.query("CREATE TABLE ds.t (x INT64); CREATE FUNCTION ds.count_t() AS ((SELECT COUNT(*) FROM t))")
            #expect(unqualified.status == 400)
            #expect(unqualified.errorMessage?.contains("must be qualified with a dataset") == true, "\(unqualified.json)")
            #expect(try await client.query("CREATE FUNCTION ds.count_t() AS ((SELECT COUNT(*) FROM ds.t))").status == 200)
            // A temporary function of the calling script, named like a function the body calls, is not seen.
            _ = try await client.query("CREATE FUNCTION ds.upper_of(s STRING) AS (UPPER(s))")
            let shadowed = try await client.query("CREATE TEMP FUNCTION upper(s STRING) AS ('temp'); SELECT ds.upper_of('a')")
            #expect(ScriptRouteTests.rows(shadowed) == [["A"]], "\(shadowed.json)")
            let unqualifiedCreate = try await client.query("CREATE FUNCTION f(x INT64) AS (x)")
            #expect(unqualifiedCreate.status == 400)
            #expect(unqualifiedCreate.errorMessage?.contains("must be qualified with a dataset") == true)
            let inTransaction = try await client.query("BEGIN TRANSACTION; CREATE FUNCTION ds.g(x INT64) AS (x); COMMIT;")
            #expect(inTransaction.status == 400)
            #expect(inTransaction.errorMessage?.hasPrefix("CREATE FUNCTION on a permanent function is not supported inside a transaction") == true)
            #expect(try await client.get("\(Self.routines())/g").status == 404)
        }
    }

    @Test func routinesInsertGetListUpdateAndDeleteAsTheRESTReferenceDescribes() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let arguments: [JSONValue] = [
                ["name": "tags", "dataType": ["typeKind": "ARRAY", "arrayElementType": ["typeKind": "STRING"]]],
                [
                    "name": "limits",
                    "dataType": ["typeKind": "STRUCT", "structType": ["fields": [["name": "n", "type": ["typeKind": "INT64"]]]]],
                ],
            ]
            let body = Self.scalarRoutine(
                "first_tags", body: "ARRAY_TO_STRING(ARRAY(SELECT t FROM UNNEST(tags) AS t LIMIT 2), ',') || CAST(limits.n AS STRING)",
                arguments: arguments)
            let inserted = try await client.post(Self.routines(), body)
            #expect(inserted.status == 200, "\(inserted.json)")
            #expect(inserted.json["arguments"] == .array(arguments))
            #expect(try await client.post(Self.routines(), body).status == 409)
            #expect(
                try await Self.value(client, "SELECT ds.first_tags(['a', 'b', 'c'], STRUCT(7 AS n))") == "a,b7")

            let first = try await client.post(Self.routines(), Self.scalarRoutine("a_first", body: "1", arguments: []))
            let list = try await client.get(Self.routines())
            #expect(list.status == 200)
            let listed = list.json["routines"]?.arrayValue ?? []
            #expect(listed.map { $0["routineReference"]?["routineId"]?.stringValue } == ["a_first", "first_tags"])
            #expect(listed.allSatisfy { $0["definitionBody"] == nil && $0["routineType"] == "SCALAR_FUNCTION" })

            // PUT replaces the whole routine.
            let replaced = try await client.call(
                .put, "\(Self.routines())/a_first",
                Self.scalarRoutine("a_first", body: "x * 3", arguments: [["name": "x", "dataType": ["typeKind": "INT64"]]]))
            #expect(replaced.status == 200, "\(replaced.json)")
            #expect(replaced.json["creationTime"] == first.json["creationTime"])
            #expect(replaced.json["etag"] != first.json["etag"])
            #expect(try await Self.value(client, "SELECT ds.a_first(5)") == "15")
            #expect(try await client.call(.put, "\(Self.routines())/missing", Self.scalarRoutine("missing", body: "1", arguments: [])).status == 404)

            #expect(try await client.call(.delete, "\(Self.routines())/a_first").status == 204)
            #expect(try await client.call(.delete, "\(Self.routines())/a_first").status == 404)
            let gone = try await client.get("\(Self.routines())/a_first")
            #expect(gone.status == 404)
            #expect(gone.errorMessage == "Not found: Routine \(Fixture.project):ds.a_first")
            #expect(try await client.get(Self.routines("nope")).status == 404)
            #expect(try await client.post(Self.routines("nope"), Self.scalarRoutine("x", body: "1", arguments: [], dataset: "nope")).status == 404)
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var member: String
        var value: JSONValue
        var message: String
        init(_ member: String, _ value: JSONValue, _ message: String) {
            self.member = member
            self.value = value
            self.message = message
        }
        var testDescription: String { "\(member): \(value.encodedString())" }
    }

    static let refusals: [Refusal] = [
        Refusal("routineType", .null, "Required parameter is missing: routineType"),
        Refusal("routineType", "AGGREGATE_FUNCTION", "Unsupported: routines of type AGGREGATE_FUNCTION are not supported by the local emulator"),
        Refusal("language", "PYTHON", "Unsupported: PYTHON functions are not supported by the local emulator"),
        Refusal("routineType", "SOMETHING", "Invalid value for routineType: SOMETHING is not a valid value"),
        Refusal("language", "JAVASCRIPT", "Unsupported: JAVASCRIPT functions are not supported by the local emulator"),
        Refusal("definitionBody", "", "Required parameter is missing: definitionBody"),
        Refusal("definitionBody", "x +", "Syntax error"),
        Refusal("definitionBody", "no_such_column", "Unrecognized name: no_such_column"),
        Refusal("definitionBody", 5, "Invalid value for definitionBody: a string is required"),
        Refusal("arguments", [["name": "x"]], "arguments[0].dataType is required for an argument of kind FIXED_TYPE"),
        Refusal(
            "arguments", [["name": "x", "dataType": ["typeKind": "INT"]]],
            "Invalid value for arguments[0].dataType.typeKind: INT is not a valid value"),
        Refusal("arguments", [["name": "x", "dataType": ["typeKind": "ARRAY"]]], "arguments[0].dataType.arrayElementType is required for an ARRAY"),
        Refusal("arguments", [["name": "x", "argumentKind": "ANY_TYPE"], ["name": "X", "argumentKind": "ANY_TYPE"]], "Duplicate argument name X"),
        Refusal("arguments", [["name": "1x", "argumentKind": "ANY_TYPE"]], "arguments[0].name is required"),
        Refusal("arguments", [["name": "x", "argumentKind": "ANY_TYPE", "mode": "OUT"]], "arguments[0].mode OUT is only for procedures"),
        Refusal("returnType", ["typeKind": "RANGE"], "returnType.rangeElementType must be a DATE, DATETIME or TIMESTAMP type for a RANGE"),
        Refusal(
            "returnType", ["typeKind": "RANGE", "rangeElementType": ["typeKind": "INT64"]],
            "returnType.rangeElementType must be a DATE, DATETIME or TIMESTAMP type"),
        Refusal("returnType", ["typeKind": "STRING"], "cannot be returned as STRING"),
        Refusal("routineReference", ["projectId": "other", "datasetId": "ds", "routineId": "r"], "routineReference.projectId does not match"),
        Refusal(
            "routineReference", ["projectId": .string(Fixture.project), "datasetId": "ds", "routineId": "bad-id"], "Invalid routine ID \"bad-id\""),
    ]

    @Test(arguments: refusals)
    func routinesInsertRefusesWhatItCannotStoreWithA400(_ refusal: Refusal) async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            guard case .object(var body) = Self.scalarRoutine("r", body: "1", arguments: []) else { return }
            body[refusal.member] = refusal.value
            let reply = try await client.post(Self.routines(), .object(body))
            #expect(reply.status == 400, "\(reply.json)")
            #expect(reply.errorMessage?.contains(refusal.message) == true, "\(reply.errorMessage ?? "")")
            #expect(try await client.get(Self.routines()).json["routines"]?.arrayValue?.isEmpty ?? true)
        }
    }

    @Test func informationSchemaListsRoutinesTheirOptionsAndParameters() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query(
                "CREATE FUNCTION ds.f(x INT64, y ANY TYPE) RETURNS INT64 AS (x + 1) OPTIONS(description = 'adds one')")
            _ = try await client.query("CREATE FUNCTION ds.g(s STRUCT<a INT64, b ARRAY<STRING>>) AS (s.a)")
            let routines = try await client.query(
                "SELECT routine_name, routine_type, data_type, routine_body, routine_definition, ddl FROM ds.INFORMATION_SCHEMA.ROUTINES")
            #expect(
                ScriptRouteTests.rows(routines) == [
                    [
                        "f", "FUNCTION", "INT64", "SQL", "x + 1",
                        "CREATE FUNCTION `\(Fixture.project).ds.f`(x INT64, y ANY TYPE) RETURNS INT64 AS (\nx + 1\n)\nOPTIONS(description=\"adds one\");",
                    ],
                    [
                        "g", "FUNCTION", nil, "SQL", "s.a",
                        "CREATE FUNCTION `\(Fixture.project).ds.g`(s STRUCT<a INT64, b ARRAY<STRING>>) AS (\ns.a\n);",
                    ],
                ], "\(routines.json)")
            let parameters = try await client.query(
                "SELECT specific_name, ordinal_position, parameter_mode, is_result, parameter_name, data_type FROM ds.INFORMATION_SCHEMA.PARAMETERS")
            #expect(
                ScriptRouteTests.rows(parameters) == [
                    ["f", "0", nil, "YES", nil, "INT64"], ["f", "1", "IN", "NO", "x", "INT64"], ["f", "2", "IN", "NO", "y", "ANY TYPE"],
                    ["g", "1", "IN", "NO", "s", "STRUCT<a INT64, b ARRAY<STRING>>"],
                ], "\(parameters.json)")
            let options = try await client.query("SELECT specific_name, option_name, option_value FROM ds.INFORMATION_SCHEMA.ROUTINE_OPTIONS")
            #expect(ScriptRouteTests.rows(options) == [["f", "description", "\"adds one\""]], "\(options.json)")
            let project = try await client.query("SELECT routine_schema, routine_name FROM `region-us`.INFORMATION_SCHEMA.ROUTINES")
            #expect(ScriptRouteTests.rows(project) == [["ds", "f"], ["ds", "g"]], "\(project.json)")
        }
    }

    @Test func aDatasetHoldingRoutinesIsInUseAndItsDeletionTakesThem() async throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(at: path) }
        try await withEmulator(EmulatorConfiguration(databasePath: path)) { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE FUNCTION ds.f(x INT64) AS (x * 2)")
        }
        // Kept across a restart, in the dataset's SQLite file.
        try await withEmulator(EmulatorConfiguration(databasePath: path)) { client in
            #expect(try await Self.value(client, "SELECT ds.f(21)") == "42")
            let inUse = try await client.call(.delete, "\(Fixture.datasets)/ds")
            #expect(inUse.status == 400)
            #expect(inUse.errorMessage == "Dataset \(Fixture.project):ds is still in use")
            #expect(try await client.call(.delete, "\(Fixture.datasets)/ds?deleteContents=true").status == 204)
            try await Fixture.createDataset(client, "ds")
            #expect(try await client.get("\(Self.routines())/f").status == 404)
            #expect(try await client.query("SELECT ds.f(1)").errorMessage == "Function not found: ds.f at [1:8]")
        }
    }
}
