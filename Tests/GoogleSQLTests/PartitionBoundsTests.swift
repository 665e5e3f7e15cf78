import GoogleSQL
import Testing
import WarehouseSchema

@Suite("Partition boundaries")
struct PartitionBoundsTests {
    static func micros(_ text: String) -> Int64 { CivilTime.parseTimestamp(text)! }

    @Test(arguments: [
        (PartitionSpec.Granularity.hour, "2026-03-04 05:06:07", "2026-03-04 05:00:00", "2026-03-04 06:00:00"),
        (.day, "2026-03-04 05:06:07", "2026-03-04", "2026-03-05"),
        (.month, "2026-12-31 23:59:59", "2026-12-01", "2027-01-01"),
        (.month, "2024-02-29 12:00:00", "2024-02-01", "2024-03-01"),
        (.year, "2026-07-01", "2026-01-01", "2027-01-01"),
        (.day, "1969-12-31 23:00:00", "1969-12-31", "1970-01-01"),
    ])
    func valueFallsInItsPartition(granularity: PartitionSpec.Granularity, value: String, start: String, end: String) {
        let bounds = PartitionSpec(granularity: granularity, column: "ts").bounds(ofMicros: Self.micros(value))
        #expect(bounds.start == Self.micros(start))
        #expect(bounds.end == Self.micros(end))
    }
}
