import Testing
import WireJSON

@testable import LocalEmulator

/// Tables wider than SQLite holds, and job ids BigQuery would refuse: each a clear 400 (or a failed
/// job saying why), never a 500 or an error naming the emulator's storage.
@Suite("Column and job id limits")
struct TableColumnLimitTests {
    static let wide = (0..<2100).map { "c\($0)" }

    @Test func aTableWiderThanTheEmulatorHoldsIsRefusedClearly() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let fields = JSONValue.array(Self.wide.map { ["name": .string($0), "type": "INT64"] })
            let inserted = try await client.post(Fixture.tables("ds"), ["tableReference": ["tableId": "wide"], "schema": ["fields": fields]])
            #expect(inserted.status == 400, "\(inserted.json)")
            #expect(inserted.errorMessage?.contains("this table has 2100 columns") == true, "\(inserted.errorMessage ?? "")")
            let ddl = try await client.query("CREATE TABLE ds.wide (\(Self.wide.map { "\($0) INT64" }.joined(separator: ", ")))")
            #expect(ddl.status == 400, "\(ddl.json)")
            #expect(ddl.errorMessage?.contains("this table has 2100 columns") == true, "\(ddl.errorMessage ?? "")")
            #expect(ddl.errorMessage?.contains("bqt_") == false)
            let header = Self.wide.joined(separator: ",") + "\n" + Self.wide.map { _ in "1" }.joined(separator: ",")
            let loaded = try await LoadJobTests.multipart(client, LoadJobTests.job("wide", ["autodetect": true]), header)
            #expect(loaded.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("this table has 2100 columns") == true, "\(loaded.json)")
            // Within the limit, a wide table works.
            let fits = try await client.query("CREATE TABLE ds.fits (\(Self.wide.prefix(1999).map { "\($0) INT64" }.joined(separator: ", ")))")
            #expect(fits.status == 200, "\(fits.json)")
        }
    }

    @Test func jobIdsBigQueryWouldRefuseAre400s() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let jobs = "/bigquery/v2/projects/\(Fixture.project)/jobs"
            for jobId in ["a/b?c", "with space", "", String(repeating: "j", count: 1025), "ünïcode"] {
                let query: JSONValue = [
                    "jobReference": ["jobId": .string(jobId)], "configuration": ["query": ["query": "SELECT 1", "useLegacySql": false]],
                ]
                let reply = try await client.post(jobs, query)
                #expect(reply.status == 400, "\(jobId): \(reply.json)")
                #expect(reply.errorMessage?.contains("Invalid job ID") == true, "\(reply.errorMessage ?? "")")
                var load = LoadJobTests.job("t", ["autodetect": true])
                load["jobReference"] = ["jobId": .string(jobId)]
                let loaded = try await LoadJobTests.multipart(client, load, "1\n")
                #expect(loaded.status == 400, "\(jobId): \(loaded.json)")
            }
            let fine: JSONValue = [
                "jobReference": ["jobId": "Job_id-1"], "configuration": ["query": ["query": "SELECT 1", "useLegacySql": false]],
            ]
            #expect(try await client.post(jobs, fine).status == 200)
        }
    }
}
