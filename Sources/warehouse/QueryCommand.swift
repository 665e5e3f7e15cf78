import ArgumentParser
import Foundation
import WarehouseClient

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a GoogleSQL query with named parameters and print the result.",
        discussion: """
            Values go in parameters, never into the SQL text:
              warehouse query 'SELECT * FROM ds.events WHERE user_id = @user LIMIT @n' \\
                --param user:INT64:42 --param n:INT64:10
            TYPE is a GoogleSQL type (STRING, INT64, FLOAT64, BOOL, NUMERIC, TIMESTAMP, DATE, ...), \
            ARRAY<TYPE> with a JSON array value, or STRUCT<name TYPE, ...> with a JSON object value \
            (an array for unnamed fields); an empty TYPE means STRING; NULL is a null of any type:
              --param 'who:STRUCT<name STRING, age INT64>:{"name":"Ada","age":36}'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "The GoogleSQL query.")
    var sql: String

    @Option(name: .customLong("param"), help: "A named parameter, name:TYPE:value (repeatable).")
    var parameters: [String] = []

    @Option(help: "Output: table or json.")
    var format: Format = .table

    @Option(help: "Dataset for unqualified table names.")
    var dataset: String?

    @Option(help: "Print at most this many rows.")
    var maxRows: Int = 1000

    @Flag(help: "Validate the query and print the bytes it would process, without running it.")
    var dryRun = false

    @OptionGroup var bigQuery: BigQueryOptions

    func run() async throws {
        var parsed: [QueryParameter] = []
        for spec in parameters {
            do { parsed.append(try QueryParameter(parsing: spec)) } catch { throw ValidationError(error.message) }
        }
        let client = try bigQuery.makeClient()
        try await reportingFailures {
            let result = try await client.query(
                sql, parameters: parsed,
                options: QueryOptions(
                    maxRows: maxRows, defaultDataset: dataset, dryRun: dryRun))
            if dryRun {
                print("Query is valid; it would process \(result.totalBytesProcessed ?? 0) bytes.")
                return
            }
            switch format {
            case .json: print(result.jsonRows.encodedString())
            case .table:
                print(result.textTable())
                let shown = result.rows.count < result.totalRows ? " (first \(result.rows.count) shown)" : ""
                FileHandle.standardError.write(Array("\(result.totalRows) row\(result.totalRows == 1 ? "" : "s")\(shown)\n".utf8))
            }
        }
    }
}
