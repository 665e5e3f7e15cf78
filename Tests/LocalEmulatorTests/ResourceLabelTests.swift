import Testing
import WireJSON

/// Labels on datasets, tables, query jobs, topics and subscriptions follow Google's label rules,
/// and a PATCH merges labels the way the clients expect: a null value removes that label.
@Suite("Resource labels")
struct ResourceLabelTests {
    static let refused: [JSONValue] = [
        ["team": 5],
        ["Team": "data"],
        ["team": "Data"],
        ["": "data"],
        ["1team": "data"],
        ["_team": "data"],
        ["team.name": "data"],
        ["team": "a b"],
        [String(repeating: "k", count: 64): "data"],
        ["team": .string(String(repeating: "v", count: 64))],
        .object(JSONObject((0..<65).map { (key: "k\($0)", value: JSONValue.string("v")) })),
        "team=data",
    ]

    @Test(arguments: refused)
    func aDatasetWithALabelGoogleRefusesIsABadRequest(labels: JSONValue) async throws {
        try await withEmulator { client in
            let created = try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": "sales"], "labels": labels])
            #expect(created.status == 400, "\(labels)")
            #expect(try await client.get("\(Fixture.datasets)/sales").status == 404)
        }
    }

    @Test(arguments: refused)
    func aQueryJobWithALabelGoogleRefusesIsABadRequest(labels: JSONValue) async throws {
        try await withEmulator { client in
            let reply = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries", ["query": "SELECT 1", "useLegacySql": false, "labels": labels])
            #expect(reply.status == 400, "\(labels)")
        }
    }

    @Test(arguments: refused)
    func aTopicWithALabelGoogleRefusesIsInvalid(labels: JSONValue) async throws {
        try await withPubSubEmulator { pubsub in
            let reply = try await pubsub.call(.put, pubsub.topicPath("orders"), ["labels": labels])
            #expect(reply.status == 400, "\(labels)")
            #expect(reply.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test func labelsWithinTheRulesAreKeptAsSent() async throws {
        let labels: JSONValue = [
            "team": "data", "cost-center": "", "env_2": "test-1", "équipe": "données", "チーム": "分析",
            String(repeating: "k", count: 63): .string(String(repeating: "v", count: 63)),
        ]
        try await withEmulator { client in
            let created = try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": "sales"], "labels": labels])
            #expect(created.status == 200, "\(created.json)")
            #expect(try await client.get("\(Fixture.datasets)/sales").json["labels"] == labels)
        }
    }

    @Test func aDatasetPatchMergesLabelsAndANullRemovesOne() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "sales")
            let path = "\(Fixture.datasets)/sales"
            _ = try await client.call(.patch, path, ["labels": ["team": "data", "env": "test"]])
            let patched = try await client.call(.patch, path, ["labels": ["env": .null, "tier": "gold"]])
            #expect(patched.status == 200, "\(patched.json)")
            #expect(patched.json["labels"] == ["team": "data", "tier": "gold"])
            #expect(try await client.get(path).json["labels"] == ["team": "data", "tier": "gold"])
            let cleared = try await client.call(.patch, path, ["labels": ["team": .null, "tier": .null]])
            #expect(cleared.json["labels"] == nil)
        }
    }

    @Test func aDatasetUpdateReplacesItsLabels() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "sales")
            let path = "\(Fixture.datasets)/sales"
            _ = try await client.call(.patch, path, ["labels": ["team": "data", "env": "test"]])
            let updated = try await client.call(.put, path, ["labels": ["tier": "gold", "env": .null]])
            #expect(updated.status == 200, "\(updated.json)")
            #expect(updated.json["labels"] == ["tier": "gold"])
        }
    }

    @Test func aTablePatchMergesLabelsAndANullRemovesOne() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let path = Fixture.table("analytics", "events")
            _ = try await client.call(.patch, path, ["labels": ["team": "data", "env": "test"]])
            let patched = try await client.call(.patch, path, ["labels": ["env": .null]])
            #expect(patched.status == 200, "\(patched.json)")
            #expect(try await client.get(path).json["labels"] == ["team": "data"])
            let refused = try await client.call(.patch, path, ["labels": ["Env": "prod"]])
            #expect(refused.status == 400)
            #expect(try await client.get(path).json["labels"] == ["team": "data"])
        }
    }

    @Test func theErrorNamesTheLabelWithoutEchoingAHugeValue() async throws {
        try await withEmulator { client in
            let reply = try await client.post(
                Fixture.datasets, ["datasetReference": ["datasetId": "sales"], "labels": ["team": .string(String(repeating: "V", count: 100_000))]])
            #expect(reply.status == 400)
            let message = try #require(reply.errorMessage)
            #expect(message.contains("team"), "\(message)")
            #expect(message.utf8.count < 400, "\(message.utf8.count) bytes")
        }
    }
}
