import Testing
import WarehouseSchema

@testable import GoogleSQL

/// FROM clauses with joins, subqueries and WITH references; expected values from BigQuery's JOIN
/// documentation (the Roster and TeamMascot tables).
@Suite struct JoinTests {
    let db = try! Fixture.shapes()

    @Test func innerJoinKeepsMatchingRows() throws {
        let sql = "SELECT Roster.LastName, TeamMascot.Mascot FROM Roster JOIN TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID ORDER BY 1"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["LastName", "Mascot"])
        #expect(
            try db.rows(sql) == [
                [.string("Adams"), .string("Jaguars")], [.string("Buchanan"), .string("Lakers")],
                [.string("Coolidge"), .string("Lakers")], [.string("Davis"), .string("Knights")],
            ])
    }

    @Test func outerJoinsKeepUnmatchedRowsWithNulls() throws {
        #expect(
            try db.rows("SELECT r.LastName, m.Mascot FROM Roster r LEFT OUTER JOIN TeamMascot m ON r.SchoolID = m.SchoolID ORDER BY 1").last
                == [.string("Eisenhower"), .null])
        #expect(
            try db.rows("SELECT r.LastName, m.Mascot FROM Roster r RIGHT JOIN TeamMascot m ON r.SchoolID = m.SchoolID ORDER BY 1 NULLS FIRST").first
                == [.null, .string("Mustangs")])
        let full = try db.rows("SELECT r.LastName, m.Mascot FROM Roster AS r FULL JOIN TeamMascot AS m ON r.SchoolID = m.SchoolID")
        #expect(full.count == 6)
        #expect(full.contains([.string("Eisenhower"), .null]))
        #expect(full.contains([.null, .string("Mustangs")]))
    }

    @Test func crossAndCommaJoinsPairEveryRow() throws {
        #expect(try db.column("SELECT COUNT(*) FROM Roster CROSS JOIN TeamMascot") == [.int64(20)])
        #expect(try db.column("SELECT COUNT(*) FROM Roster, TeamMascot WHERE Roster.SchoolID = TeamMascot.SchoolID") == [.int64(4)])
    }

    @Test func usingMergesTheJoinColumn() throws {
        let sql = "SELECT * FROM Roster INNER JOIN TeamMascot USING (SchoolID) ORDER BY LastName"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["SchoolID", "LastName", "Mascot"])
        #expect(try db.rows(sql).first == [.int64(50), .string("Adams"), .string("Jaguars")])
        // FULL JOIN USING: the merged column is whichever side has a value.
        #expect(
            try db.column("SELECT SchoolID FROM Roster FULL JOIN TeamMascot USING (SchoolID) ORDER BY SchoolID")
                == [.int64(50), .int64(51), .int64(52), .int64(52), .int64(53), .int64(77)])
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM Roster JOIN TeamMascot USING (Mascot)") }
                == "Column Mascot in USING clause not found on left side of join at [1:45]")
    }

    @Test func ambiguousAndUnknownNamesFail() {
        #expect(
            errorMessage { try db.compile("SELECT SchoolID FROM Roster JOIN TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID") }
                == "Column name SchoolID is ambiguous at [1:8]")
        #expect(errorMessage { try db.compile("SELECT r.Nope FROM Roster r") } == "Name Nope not found inside r at [1:8]")
        #expect(errorMessage { try db.compile("SELECT x.* FROM Roster r") } == "Unrecognized name: x at [1:8]")
    }

    @Test func qualifiedStarExpandsOneSide() throws {
        let sql = "SELECT m.*, r.LastName FROM Roster r JOIN TeamMascot m ON r.SchoolID = m.SchoolID WHERE m.Mascot = 'Knights'"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["SchoolID", "Mascot", "LastName"])
        #expect(try db.rows(sql) == [[.int64(51), .string("Knights"), .string("Davis")]])
    }

    @Test func subqueriesAndWithQueriesJoinLikeTables() throws {
        let sql = """
            WITH counts AS (SELECT SchoolID, COUNT(*) AS students FROM Roster GROUP BY SchoolID)
            SELECT m.Mascot, c.students FROM (SELECT * FROM TeamMascot WHERE SchoolID < 53) AS m
            JOIN counts AS c USING (SchoolID) ORDER BY c.students DESC, m.Mascot
            """
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.string, .integer])
        #expect(
            try db.rows(sql) == [
                [.string("Lakers"), .int64(2)], [.string("Jaguars"), .int64(1)], [.string("Knights"), .int64(1)],
            ])
        #expect(try db.compile("SELECT * FROM (SELECT 1, 'a' AS b)").schema.fields.map(\.name) == ["f0_", "b"])
    }

    @Test func groupByWorksOverJoins() throws {
        let sql = """
            SELECT m.Mascot, COUNT(r.LastName) AS n FROM TeamMascot m LEFT JOIN Roster r ON r.SchoolID = m.SchoolID
            GROUP BY m.Mascot ORDER BY m.Mascot
            """
        #expect(
            try db.rows(sql) == [
                [.string("Jaguars"), .int64(1)], [.string("Knights"), .int64(1)], [.string("Lakers"), .int64(2)],
                [.string("Mustangs"), .int64(0)],
            ])
    }

    @Test func overlongJoinChainsAreRefusedNotRecursedInto() {
        let sql = "SELECT 1 FROM " + Array(repeating: "Roster", count: 5000).joined(separator: ", ")
        #expect(errorMessage { try db.compile(sql) }?.hasPrefix("Unsupported: joins of more than 64 items") == true)
    }

    @Test func joinsReportEveryTableScanned() throws {
        let query = try db.compile("SELECT r.LastName FROM Roster r JOIN TeamMascot m USING (SchoolID)")
        #expect(query.scans.map(\.table.tableId).sorted() == ["Roster", "TeamMascot"])
        #expect(query.scans.first { $0.table.tableId == "Roster" }?.columns == ["LastName", "SchoolID"])
        #expect(query.scans.first { $0.table.tableId == "TeamMascot" }?.columns == ["SchoolID"])
    }
}
