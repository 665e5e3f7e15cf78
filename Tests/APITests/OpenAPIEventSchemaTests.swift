import Foundation
import Testing
import WarehouseSchema
import WireJSON

/// `/openapi.yaml`'s `Event` schema against what `POST /ingestData` takes: the API validates events
/// with the Sink's `RowValidator`, which converts values as BigQuery does (a number for a STRING is
/// stored as its text, a number for a TIMESTAMP is seconds since the epoch). A client generated from
/// the document, or a contract tester, must not be told such an event is invalid when it is stored.
@Suite("OpenAPI Event schema")
struct OpenAPIEventSchemaTests {
    /// A value of each JSON type, named as JSON Schema names the type.
    static let samples: [(type: String, value: JSONValue)] = [
        ("string", "2024-05-01T12:00:00Z"), ("integer", .int(1_714_564_800)), ("number", .double(1_714_564_800.5)),
        ("boolean", .bool(true)), ("null", .null), ("object", ["k": "v"]), ("array", .array(["x"])),
    ]

    @Test func everyJSONTypeTheValidatorTakesForAFieldIsOneTheDocumentAllows() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let document = try await OpenAPIContractTests.document(api)
            let event = try #require(document["components"]?["schemas"]?["Event"])
            let validator = RowValidator(schema: try APIHarness.eventsDefinition().schema)
            let valid: JSONObject = ["event_id": "e-1", "event_type": "click", "user_id": "u-1", "occurred_at": "2024-05-01T12:00:00Z"]
            for field in ["event_id", "event_type", "user_id", "occurred_at"] {
                let property = try #require(event["properties"]?[field], "the document has no \(field)")
                let allowed = Self.types(of: property)
                for (type, value) in Self.samples {
                    var row = valid
                    row[field] = value
                    let taken: Bool
                    if case .valid = validator.validate(row) { taken = true } else { taken = false }
                    // JSON Schema's "number" includes integers.
                    let documented = allowed.contains(type) || (type == "integer" && allowed.contains("number"))
                    #expect(
                        taken == documented,
                        "\(field) given \(type): the validator \(taken ? "takes" : "refuses") it, the document \(documented ? "allows" : "refuses") it"
                    )
                }
            }
        }
    }

    /// The JSON types a property's `type` (a name or a list of names) allows.
    static func types(of property: JSONValue) -> Set<String> {
        if let name = property["type"]?.stringValue { return [name] }
        return Set(property["type"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}
