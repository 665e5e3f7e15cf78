import Testing
import WireJSON

@Suite("BigQuery datasets")
struct DatasetRouteTests {
    @Test func createdDatasetCanBeReadAndListed() async throws {
        try await withEmulator { client in
            let created = try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": "sales"], "description": "Sales data"])
            #expect(created.status == 200)
            #expect(created.json["id"] == "test-project:sales")
            #expect(created.json["location"] == "US")

            let fetched = try await client.get("\(Fixture.datasets)/sales")
            #expect(fetched.status == 200)
            #expect(fetched.json["description"] == "Sales data")

            let listed = try await client.get(Fixture.datasets)
            #expect(listed.json["datasets"]?.arrayValue?.compactMap { $0["datasetReference"]?["datasetId"]?.stringValue } == ["sales"])
        }
    }

    @Test func creatingAnExistingDatasetIsAConflict() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "sales")
            let again = try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": "sales"]])
            #expect(again.status == 409)
            #expect(again.errorReason == "duplicate")
            #expect(again.json["error"]?["status"] == "ALREADY_EXISTS")
        }
    }

    @Test func missingDatasetIsNotFoundWithGoogleErrorBody() async throws {
        try await withEmulator { client in
            let reply = try await client.get("\(Fixture.datasets)/nope")
            #expect(reply.status == 404)
            #expect(reply.errorReason == "notFound")
            #expect(reply.errorMessage == "Not found: Dataset test-project:nope")
            #expect(reply.json["error"]?["code"] == 404)
        }
    }

    @Test func invalidDatasetIdIsRejected() async throws {
        try await withEmulator { client in
            let reply = try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": "bad-name!"]])
            #expect(reply.status == 400)
            let missing = try await client.post(Fixture.datasets, ["description": "no reference"])
            #expect(missing.status == 400)
            #expect(missing.errorReason == "required")
        }
    }

    @Test func deletingANonEmptyDatasetNeedsDeleteContents() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let refused = try await client.call(.delete, "\(Fixture.datasets)/analytics")
            #expect(refused.status == 400)
            #expect(refused.errorReason == "resourceInUse")

            let deleted = try await client.call(.delete, "\(Fixture.datasets)/analytics?deleteContents=true")
            #expect(deleted.status == 204)
            #expect(try await client.get("\(Fixture.datasets)/analytics").status == 404)
            #expect(try await client.get(Fixture.table("analytics", "events")).status == 404)
            #expect(try await client.call(.delete, "\(Fixture.datasets)/analytics").status == 404)
        }
    }

    @Test func patchChangesDescriptionButNotIdentity() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "sales")
            let patched = try await client.call(
                .patch, "\(Fixture.datasets)/sales",
                ["description": "updated", "id": "other:thing", "labels": ["team": "data"]])
            #expect(patched.status == 200)
            #expect(patched.json["description"] == "updated")
            #expect(patched.json["id"] == "test-project:sales")
            #expect(try await client.get("\(Fixture.datasets)/sales").json["labels"]?["team"] == "data")
        }
    }

    @Test func aNullInAPatchRemovesTheField() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "sales")
            _ = try await client.call(.patch, "\(Fixture.datasets)/sales", ["description": "temporary", "friendlyName": "Sales"])
            let patched = try await client.call(.patch, "\(Fixture.datasets)/sales", ["description": .null])
            #expect(patched.status == 200)
            let stored = try await client.get("\(Fixture.datasets)/sales").json
            #expect(stored.objectValue?.keys.contains("description") == false, "\(stored)")
            #expect(stored["friendlyName"] == "Sales")
        }
    }

    @Test func datasetListPagesWithMaxResults() async throws {
        try await withEmulator { client in
            for name in ["a", "b", "c"] { try await Fixture.createDataset(client, name) }
            let first = try await client.get("\(Fixture.datasets)?maxResults=2")
            #expect(first.json["datasets"]?.arrayValue?.count == 2)
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let second = try await client.get("\(Fixture.datasets)?maxResults=2&pageToken=\(token)")
            #expect(second.json["datasets"]?.arrayValue?.first?["datasetReference"]?["datasetId"] == "c")
            #expect(second.json["nextPageToken"] == nil)
        }
    }
}

@Suite("Emulator error shape")
struct ErrorShapeTests {
    @Test func unknownRoutesGetGoogleErrorBodies() async throws {
        try await withEmulator { client in
            let reply = try await client.get("/bigquery/v2/projects/p/nothing/here")
            #expect(reply.status == 404)
            #expect(reply.errorReason == "notFound")
            #expect(reply.json["error"]?["status"] == "NOT_FOUND")
        }
    }
}
