import Testing

@testable import GoogleSQL

/// The RE2 wrapper itself: explicit lengths (NUL bytes work) and the bounded pattern cache.
@Suite struct RegularExpressionEngineTests {
    @Test func nulBytesInsideTextAndPatternAreMatched() throws {
        let expression = try RegularExpression(Array("b\u{0}c".utf8))
        let text = Array("a\u{0}b\u{0}c\u{0}d".utf8)
        #expect(expression.firstMatch(in: text)?.first == 2..<5)
        #expect(try RegularExpression(Array("x(\u{0}+)y".utf8)).extract(from: Array("x\u{0}\u{0}y".utf8)) == [0, 0])
        #expect(try expression.replace(in: text, with: Array("-".utf8)) == Array("a\u{0}-\u{0}d".utf8))
    }

    @Test func cacheKeepsAtMostItsCapacity() throws {
        let cache = RegularExpressionCache(capacity: 2)
        let first = try cache.expression(Array("a".utf8))
        _ = try cache.expression(Array("b".utf8))
        #expect(try cache.expression(Array("a".utf8)) === first)
        _ = try cache.expression(Array("c".utf8))
        #expect(cache.count == 2)
        #expect(try cache.expression(Array("a".utf8)) === first, "the most recently used pattern stays")
    }
}
