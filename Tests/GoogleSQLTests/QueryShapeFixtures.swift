import WarehouseSchema

@testable import GoogleSQL

/// The tables of BigQuery's query-syntax documentation examples (Roster, TeamMascot, Produce), and
/// the events table, in one database.
extension Fixture {
    static func table(_ name: String, _ fields: [TableFieldSchema]) -> CatalogTable {
        CatalogTable(projectId: "proj", datasetId: "ds", tableId: name, sqliteTable: "t_\(name)", schema: TableSchema(fields: fields))
    }

    static let rosterRows: [[BigQueryValue]] = [
        [.string("Adams"), .int64(50)], [.string("Buchanan"), .int64(52)], [.string("Coolidge"), .int64(52)],
        [.string("Davis"), .int64(51)], [.string("Eisenhower"), .int64(77)],
    ]

    static let mascotRows: [[BigQueryValue]] = [
        [.int64(50), .string("Jaguars")], [.int64(51), .string("Knights")], [.int64(52), .string("Lakers")],
        [.int64(53), .string("Mustangs")],
    ]

    static let produceRows: [[BigQueryValue]] = [
        [.string("kale"), .string("vegetable"), .int64(23)], [.string("banana"), .string("fruit"), .int64(2)],
        [.string("cabbage"), .string("vegetable"), .int64(9)], [.string("apple"), .string("fruit"), .int64(8)],
        [.string("leek"), .string("vegetable"), .int64(2)], [.string("lettuce"), .string("vegetable"), .int64(10)],
    ]

    static func shapes() throws -> Fixture {
        let events = CatalogTable(
            projectId: "proj", datasetId: "ds", tableId: "events", sqliteTable: "t_proj_ds_events",
            schema: eventsSchema, partitioning: PartitionSpec(granularity: .day, column: "occurred_at"),
            clustering: ["event_type"])
        return try Fixture(tables: [
            (events, eventRows),
            (
                table("Roster", [TableFieldSchema(name: "LastName", type: .string), TableFieldSchema(name: "SchoolID", type: .integer)]),
                rosterRows
            ),
            (
                table("TeamMascot", [TableFieldSchema(name: "SchoolID", type: .integer), TableFieldSchema(name: "Mascot", type: .string)]),
                mascotRows
            ),
            (
                table(
                    "Produce",
                    [
                        TableFieldSchema(name: "item", type: .string), TableFieldSchema(name: "category", type: .string),
                        TableFieldSchema(name: "purchases", type: .integer),
                    ]),
                produceRows
            ),
        ])
    }
}
