import CRE2
import Synchronization

/// A compiled RE2 pattern: GoogleSQL's regular expressions, with RE2's syntax, errors and linear-time
/// matching (a backtracking engine takes exponential time on patterns like `(a+)+$`).
/// Matching never mutates the pattern, so one instance serves every thread.
final class RegularExpression: @unchecked Sendable {
    private let compiled: OpaquePointer
    /// Capturing groups in the pattern.
    let groupCount: Int
    /// A pattern for BYTES: each byte is a character (Latin-1), not part of a UTF-8 sequence.
    let onBytes: Bool

    /// Compiles `pattern`, failing with RE2's message as BigQuery does.
    init(_ pattern: [UInt8], onBytes: Bool = false) throws(GoogleSQLError) {
        var error: UnsafeMutablePointer<CChar>?
        let compiled = pattern.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cre2_compile($0.baseAddress, $0.count, onBytes ? 1 : 0, &error) }
        }
        guard let compiled else {
            let reason = error.map { String(cString: $0) } ?? "unknown error"
            cre2_free_string(error)
            throw .invalidQuery("Cannot parse regular expression: \(reason)")
        }
        self.compiled = compiled
        self.onBytes = onBytes
        groupCount = Int(cre2_capture_count(compiled))
    }

    deinit { cre2_free(compiled) }

    /// Byte ranges of groups 0 ... `groups - 1` of the leftmost match at or after `start` (nil for a group that
    /// took no part), or nil when nothing matches.
    func firstMatch(in text: [UInt8], from start: Int = 0, groups: Int = 1) -> [Range<Int>?]? {
        var offsets = [Int64](repeating: -1, count: 2 * groups)
        let found = text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                cre2_match(compiled, $0.baseAddress, $0.count, start, &offsets, Int32(groups))
            }
        }
        guard found == 1 else { return nil }
        return (0..<groups).map { group in
            let lower = offsets[2 * group]
            let upper = offsets[2 * group + 1]
            return lower < 0 ? nil : Int(lower)..<Int(upper)
        }
    }

    func matches(_ text: [UInt8]) -> Bool { firstMatch(in: text) != nil }

    /// REGEXP_EXTRACT: the first match, or its one capturing group; nil when nothing matches.
    func extract(from text: [UInt8]) throws(GoogleSQLError) -> [UInt8]? {
        try extractAll(from: text, limit: 1).first ?? nil
    }

    /// REGEXP_EXTRACT_ALL: every non-overlapping match (or its one group), up to `limit`.
    func extractAll(from text: [UInt8], limit: Int = .max) throws(GoogleSQLError) -> [[UInt8]?] {
        guard groupCount <= 1 else {
            throw .invalidQuery("Regular expressions passed into extraction functions must not have more than 1 capturing group")
        }
        var results: [[UInt8]?] = []
        var start = 0
        while results.count < limit, start <= text.count, let match = firstMatch(in: text, from: start, groups: groupCount + 1) {
            guard let whole = match[0] else { break }
            results.append(match[groupCount].map { Array(text[$0]) })
            // After an empty match, step past one character so the search moves on.
            start = whole.isEmpty ? (onBytes ? whole.upperBound + 1 : Self.nextCharacter(in: text, after: whole.upperBound)) : whole.upperBound
        }
        return results
    }

    /// REGEXP_REPLACE: every non-overlapping match replaced; `\1` in `rewrite` names a group.
    func replace(in text: [UInt8], with rewrite: [UInt8]) throws(GoogleSQLError) -> [UInt8] {
        var result: UnsafeMutablePointer<CChar>?
        var length = 0
        var error: UnsafeMutablePointer<CChar>?
        let replaced = text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { textBytes in
                rewrite.withUnsafeBufferPointer { rewriteBuffer in
                    rewriteBuffer.withMemoryRebound(to: CChar.self) { rewriteBytes in
                        cre2_replace(
                            compiled, textBytes.baseAddress, textBytes.count, rewriteBytes.baseAddress,
                            rewriteBytes.count, &result, &length, &error)
                    }
                }
            }
        }
        defer {
            cre2_free_string(result)
            cre2_free_string(error)
        }
        guard replaced == 1, let result else {
            throw .invalidQuery("Invalid REGEXP_REPLACE pattern: \(error.map { String(cString: $0) } ?? "unknown error")")
        }
        return result.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// The offset of the UTF-8 character after `offset` (one past the end at the end).
    private static func nextCharacter(in text: [UInt8], after offset: Int) -> Int {
        var next = offset + 1
        while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}

/// Compiled patterns by their text, so a pattern used on every row is compiled once per query (or less).
/// Bounded: the least recently used pattern goes when it is full.
final class RegularExpressionCache: Sendable {
    private struct State {
        /// Keyed by the pattern after one byte telling a BYTES pattern (1) from a STRING one (0).
        var entries: [[UInt8]: (expression: RegularExpression, lastUse: UInt64)] = [:]
        var uses: UInt64 = 0
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int = 32) { self.capacity = capacity }

    static let shared = RegularExpressionCache()

    var count: Int { state.withLock { $0.entries.count } }

    func expression(_ pattern: [UInt8], onBytes: Bool = false) throws(GoogleSQLError) -> RegularExpression {
        let key = [UInt8(onBytes ? 1 : 0)] + pattern
        if let cached = state.withLock({ state -> RegularExpression? in
            state.uses += 1
            guard let entry = state.entries[key] else { return nil }
            state.entries[key] = (entry.expression, state.uses)
            return entry.expression
        }) {
            return cached
        }
        // Compiled outside the lock: a slow pattern must not hold up other queries.
        let expression = try RegularExpression(pattern, onBytes: onBytes)
        state.withLock { state in
            if state.entries.count >= capacity, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
            }
            state.uses += 1
            state.entries[key] = (expression, state.uses)
        }
        return expression
    }
}
