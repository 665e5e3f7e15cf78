import Testing
import WarehouseSchema
import WireJSON

@testable import LocalEmulator

/// The pieces a load job reads its upload with: CSV records, multipart bodies, Content-Range
/// headers and schema detection.
@Suite("Load file reading")
struct LoadFileReadingTests {
    static func records(_ text: String, _ dialect: CSVDialect = CSVDialect()) -> [String] {
        CSVReader(Array(text.utf8), dialect: dialect).map { record in
            switch record {
            case .fields(let fields, let offset): "\(offset):" + fields.joined(separator: "|")
            case .malformed(let message, let offset): "\(offset):! \(message)"
            }
        }
    }

    @Test func csvRecordsFollowRFC4180Quoting() {
        #expect(Self.records("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\n\n,\r3") == ["0:a|b", "5:x,y|say \"hi\"", "25:|", "27:3"])
        #expect(Self.records("\u{FEFF}a") == ["3:a"])
        // A broken record is reported and the reading goes on at the next line.
        let broken = Self.records("\"open\nnext\n\"a\"b,c\nlast\n\"never closed")
        #expect(broken.count == 5, "\(broken)")
        #expect(broken[0].contains("line break") && broken[1] == "6:next" && broken[2].contains("Data between close quote"))
        #expect(broken[3] == "18:last" && broken[4].contains("Missing close quote"))
        var quotedNewlines = CSVDialect()
        quotedNewlines.allowQuotedNewlines = true
        #expect(Self.records("\"a\nb\",c\n", quotedNewlines) == ["0:a\nb|c"])
        var unquoted = CSVDialect()
        unquoted.quote = nil
        unquoted.delimiter = Array("¦".utf8)
        #expect(Self.records("\"a\"¦b¦\n", unquoted) == ["0:\"a\"|b|"])
        #expect(Self.records("ok\n\u{FF}") == ["0:ok"] || Self.records("ok\n\u{FF}").count == 2)
        let invalid = CSVReader([0x61, 0x0A, 0xFF, 0xFE], dialect: CSVDialect()).map { "\($0)" }
        #expect(invalid.count == 2 && invalid[1].contains("not UTF-8"), "\(invalid)")
    }

    @Test func multipartBodiesSplitOnTheirBoundaryWithEitherLineEnd() throws {
        for lineEnd in ["\r\n", "\n"] {
            let body =
                "preamble\(lineEnd)--b\(lineEnd)Content-Type: application/json\(lineEnd)\(lineEnd){}\(lineEnd)--b\(lineEnd)\(lineEnd)x--b\(lineEnd)y\(lineEnd)--b--\(lineEnd)"
            let parts = try MultipartRelated.parts(of: Array(body.utf8), boundary: "b")
            #expect(parts.count == 2)
            #expect(parts.first?.headers["content-type"] == "application/json")
            #expect(parts.map { String(decoding: $0.body, as: UTF8.self) } == ["{}", "x--b\(lineEnd)y"])
        }
        #expect(try MultipartRelated.boundary(contentType: "multipart/related; boundary=\"===a==\"") == "===a==")
        #expect(throws: GoogleAPIError.self) { try MultipartRelated.boundary(contentType: "multipart/related") }
        #expect(throws: GoogleAPIError.self) { try MultipartRelated.parts(of: Array("--b\r\nno blank line".utf8), boundary: "b") }
    }

    @Test func contentRangesNameTheirBytesAndTotal() {
        typealias Range = ResumableUploads.ContentRange
        #expect(Range("bytes 0-9/*").map { [$0.first, $0.last, $0.total] } == [0, 9, nil])
        #expect(Range("bytes 10-19/20").map { [$0.first, $0.last, $0.total] } == [10, 19, 20])
        #expect(Range("bytes */20").map { [$0.first, $0.last, $0.total] } == [nil, nil, 20])
        for bad in ["bytes 9-0/*", "bytes -1-3/4", "bytes 0-3", "items 0-3/4", "bytes a-b/*", "bytes 0-3/-4", ""] {
            #expect(Range(bad) == nil, "\(bad)")
        }
    }

    @Test func detectedTypesWidenWhenValuesDisagree() {
        #expect(
            ["1", "-7", "2.5", "1e3", "true", "2024-01-01", "10:00:00", "2024-01-01 10:00:00 UTC", "2024-01-01T10:00:00Z", "x", "1-2"].map {
                SchemaDetection.type(ofText: $0)
            } == [.integer, .integer, .float, .float, .boolean, .date, .time, .timestamp, .timestamp, .string, .string])
        #expect(SchemaDetection.merge(.integer, .float) == .float)
        #expect(SchemaDetection.merge(.date, .timestamp) == .timestamp)
        #expect(SchemaDetection.merge(.boolean, .integer) == .string)
        #expect(SchemaDetection.merge(nil, .date) == .date)
        #expect(SchemaDetection.columnName("2nd place!") == "_2nd_place_")
        #expect(SchemaDetection.columnName("  ") == nil)
    }
}
