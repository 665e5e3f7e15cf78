import Testing
import WarehouseSchema

@testable import GoogleSQL

/// S2_CELLIDFROMPOINT: the reference's example ids, levels, and what is not a single point.
@Suite struct S2CellIdTests {
    let db = try! Fixture.events()

    @Test func theReferenceExampleIds() throws {
        #expect(try db.value("S2_CELLIDFROMPOINT(ST_GEOGPOINT(-122, 47))") == .int64(6_093_613_931_972_369_317))
        #expect(try db.value("S2_CELLIDFROMPOINT(ST_GEOGPOINT(-122, 47), level => 10)") == .int64(6_093_613_287_902_019_584))
        #expect(try db.value("S2_CELLIDFROMPOINT(ST_GEOGPOINT(-122, 47), 10)") == .int64(6_093_613_287_902_019_584))
    }

    @Test func eachLevelContainsTheNextAndFacesFollowTheCube() throws {
        // Level 0 is the face: 0b101 << 60 | 1 << 60 for face 5 (the south pole), 1 << 60 for face 0.
        #expect(try db.value("S2_CELLIDFROMPOINT(ST_GEOGPOINT(0, 0), level => 0)") == .int64(1 << 60))
        #expect(try db.value("S2_CELLIDFROMPOINT(ST_GEOGPOINT(0, -90), level => 0)") == .int64(Int64(bitPattern: 11 << 60)))
        let ids = try db.rows(
            "SELECT level, S2_CELLIDFROMPOINT(ST_GEOGPOINT(13.4, 52.5), level => level) FROM UNNEST(GENERATE_ARRAY(0, 30)) AS level ORDER BY 1")
        let values = ids.compactMap { row -> UInt64? in if case .int64(let id) = row[1] { UInt64(bitPattern: id) } else { nil } }
        #expect(values.count == 31)
        for (level, id) in values.enumerated() {
            #expect(id.trailingZeroBitCount == 2 * (30 - level), "level \(level)")
            if level > 0 {
                let parent = values[level - 1]
                let span = parent & (~parent &+ 1)
                #expect(id > parent - span && id < parent + span, "level \(level) inside its parent")
            }
        }
    }

    @Test func whatIsNotOnePointIsAnErrorOrNullUnderSafe() throws {
        #expect(db.runFailure("S2_CELLIDFROMPOINT(ST_GEOGFROMTEXT('LINESTRING(1 2, 3 4)'))")?.contains("single point") == true)
        #expect(try db.value("SAFE.S2_CELLIDFROMPOINT(ST_GEOGFROMTEXT('POINT EMPTY'))") == .null)
        #expect(db.runFailure("S2_CELLIDFROMPOINT(ST_GEOGPOINT(1, 2), level => 31)")?.contains("between 0 and 30") == true)
        #expect(try db.value("S2_CELLIDFROMPOINT(NULL)") == .null)
        #expect(db.failure("S2_CELLIDFROMPOINT(ST_GEOGPOINT(1, 2), lvl => 3)") != nil)
        #expect(db.failure("S2_COVERINGCELLIDS(ST_GEOGPOINT(1, 2))")?.hasPrefix("Unsupported") == true)
    }
}
