import Testing

@testable import GoogleSQL

/// BigQuery's 1,024K-character limit on GoogleSQL text, checked before any lexing or parsing.
@Suite struct QueryLengthTests {
    let db = try! Fixture.events()
    static let limit = 1024 * 1024

    /// `SELECT 1` padded with a comment to exactly `characters` characters of `filler`.
    static func padded(to characters: Int, filler: Character = "x") -> String {
        let head = "SELECT 1 /*"
        let tail = "*/"
        return head + String(repeating: filler, count: characters - head.count - tail.count) + tail
    }

    @Test func textAtTheLimitCompiles() throws {
        #expect(try db.column(Self.padded(to: Self.limit)) == [.int64(1)])
        // Characters, not bytes: two-byte characters up to the limit are fine.
        #expect(try db.column(Self.padded(to: Self.limit, filler: "é")) == [.int64(1)])
    }

    @Test func longerTextFailsWithBigQuerysMessage() {
        #expect(
            errorMessage { try db.compile(Self.padded(to: Self.limit + 72_092)) }
                == "The query is too large (1094.40K characters, 72092 characters over the limit). The maximum standard SQL query "
                + "length is 1024.00K characters, including comments and white space characters.")
    }

    @Test func lengthIsCheckedBeforeTheTextIsRead() {
        // Unlexable and nested far too deep: only the length check can answer this one.
        let garbage = String(repeating: "(", count: Self.limit) + "'"
        #expect(errorMessage { try db.compile(garbage) }?.hasPrefix("The query is too large (1024.00K characters, 1 characters over") == true)
    }
}
