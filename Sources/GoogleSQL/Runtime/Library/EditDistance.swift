import GRDB

/// EDIT_DISTANCE: the Levenshtein distance (insertions, deletions, substitutions) between two
/// STRING values by character or two BYTES values by byte, capped at an optional max_distance.
enum EditDistance {
    /// (a, b [, max_distance]); NULL in gives NULL.
    static func evaluate(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        if a.contains(where: \.isNull) { return .null }
        var cap: Int? = nil
        if a.count > 2 {
            let limit = try Library.int(a[2])
            guard limit >= 0 else { throw Library.error("max_distance argument of EDIT_DISTANCE must be non-negative: \(limit)") }
            cap = Int(clamping: limit)
        }
        if Library.isBytes(a[0]) || Library.isBytes(a[1]) {
            return distance(Library.bytes(a[0]), Library.bytes(a[1]), cap: cap).databaseValue
        }
        return distance(Array(Library.text(a[0]).unicodeScalars), Array(Library.text(a[1]).unicodeScalars), cap: cap).databaseValue
    }

    /// Two rows of the dynamic-programming table; stops early once every entry of a row passes the cap.
    static func distance<Element: Equatable>(_ a: [Element], _ b: [Element], cap: Int?) -> Int {
        if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), cap ?? .max) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            if let cap, current.min()! >= cap { return cap }
            swap(&previous, &current)
        }
        return min(previous[b.count], cap ?? .max)
    }
}
