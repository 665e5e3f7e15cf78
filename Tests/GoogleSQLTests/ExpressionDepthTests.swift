import Testing

@testable import GoogleSQL

/// Generated queries can nest expressions arbitrarily deep without any recursion in the parser
/// (`1 + 1 + ...` is parsed by a loop). Every such tree must be refused while it is built: a tree
/// that exists at all is later walked, and freed, recursively.
@Suite struct ExpressionDepthTests {
    let db = try! Fixture.events()
    static let refusal = "Unsupported: expressions nested more than \(Parser.maximumDepth) levels deep"

    /// 90,000 terms (40,000 of the long operators, to stay within the 1,024K-character query limit): far
    /// deeper than walking or freeing the tree recursively can go on a thread's stack.
    static func chain(_ separator: String, terms: Int? = nil) -> String {
        Array(repeating: "1", count: terms ?? (separator.count > 5 ? 40_000 : 90_000)).joined(separator: separator)
    }

    @Test(arguments: [" + ", " || ", " * ", " = ", " - ", " / ", " < ", " LIKE ", " IS DISTINCT FROM "])
    func longLeftAssociativeChainIsRefusedWithTheLimit(separator: String) {
        #expect(errorMessage { try db.compile("SELECT " + Self.chain(separator)) }?.hasPrefix(Self.refusal) == true)
    }

    @Test func longPostfixChainsAreRefused() {
        let fields = "SELECT (payload)" + String(repeating: ".a", count: 90_000) + " FROM events"
        #expect(errorMessage { try db.compile(fields) }?.hasPrefix(Self.refusal) == true)
        let nullTests = "SELECT 1" + String(repeating: " IS NULL", count: 90_000)
        #expect(errorMessage { try db.compile(nullTests) }?.hasPrefix(Self.refusal) == true)
        let memberships = "SELECT TRUE" + String(repeating: " IN (TRUE)", count: 90_000)
        #expect(errorMessage { try db.compile(memberships) }?.hasPrefix(Self.refusal) == true)
    }

    @Test func deeplyNestedCallsAndCasesAreRefused() {
        let calls = "SELECT " + String(repeating: "ABS(", count: 90_000) + "1" + String(repeating: ")", count: 90_000)
        #expect(errorMessage { try db.compile(calls) }?.hasPrefix(Self.refusal) == true)
        let cases = "SELECT " + String(repeating: "CASE WHEN TRUE THEN ", count: 40_000) + "1" + String(repeating: " END", count: 40_000)
        #expect(errorMessage { try db.compile(cases) }?.hasPrefix(Self.refusal) == true)
        let types = "SELECT CAST(NULL AS " + String(repeating: "ARRAY<", count: 90_000) + "INT64" + String(repeating: ">", count: 90_000) + ")"
        #expect(errorMessage { try db.compile(types) }?.hasPrefix(Self.refusal) == true)
    }

    @Test func chainUnderTheLimitStillRuns() throws {
        let terms = Parser.maximumDepth - 4
        #expect(try db.column("SELECT " + Self.chain(" + ", terms: terms)) == [.int64(Int64(terms))])
        #expect(try db.column("SELECT " + Self.chain(" * ", terms: terms)) == [.int64(1)])
    }

    @Test func wideConjunctionsOfDeepTermsAreMeasuredToo() {
        // Each term is shallow enough alone; the balanced AND tree above them adds levels.
        let term = "(" + Self.chain(" + ", terms: Parser.maximumDepth - 8) + ") > 0"
        let filter = Array(repeating: term, count: 1024).joined(separator: " AND ")
        #expect(errorMessage { try db.compile("SELECT 1 FROM events WHERE " + filter) }?.hasPrefix(Self.refusal) == true)
    }
}
