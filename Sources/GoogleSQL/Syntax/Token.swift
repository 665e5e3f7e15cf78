/// A position in the query text, printed as BigQuery does: `[line:column]`, both 1-based.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "[\(line):\(column)]" }
}

enum TokenKind: Hashable {
    case identifier(String)
    /// A backtick-quoted name; kept apart from plain identifiers because it may hold dots and dashes.
    case quotedIdentifier(String)
    case keyword(String)
    case integer(String)
    case float(String)
    case string(String)
    case bytes([UInt8])
    case namedParameter(String)
    case positionalParameter
    case symbol(String)
    case endOfInput
}

struct Token: Hashable {
    var kind: TokenKind
    var location: SourceLocation
    /// Byte offsets in the query, used to tell adjacent tokens (`my-project`, `t$20240101`) from spaced ones.
    var start: Int
    var end: Int

    /// How BigQuery names a token in syntax errors.
    var quotedDescription: String {
        switch kind {
        case .identifier(let name): return "identifier \"\(name)\""
        case .quotedIdentifier(let name): return "identifier `\(name)`"
        case .keyword(let word): return "keyword \(word)"
        case .integer(let text): return "integer literal \"\(text)\""
        case .float(let text): return "floating point literal \"\(text)\""
        case .string(let text): return "string literal \"\(text)\""
        case .bytes: return "bytes literal"
        case .namedParameter(let name): return "query parameter @\(name)"
        case .positionalParameter: return "\"?\""
        case .symbol(let text): return "\"\(text)\""
        case .endOfInput: return "end of input"
        }
    }

    func isKeyword(_ word: String) -> Bool {
        if case .keyword(word) = kind { return true }
        return false
    }

    func isSymbol(_ text: String) -> Bool {
        if case .symbol(text) = kind { return true }
        return false
    }
}

/// GoogleSQL's reserved keywords: these can never be unquoted identifiers.
let reservedKeywords: Set<String> = [
    "ALL", "AND", "ANY", "ARRAY", "AS", "ASC", "ASSERT_ROWS_MODIFIED", "AT", "BETWEEN", "BY", "CASE", "CAST",
    "COLLATE", "CONTAINS", "CREATE", "CROSS", "CUBE", "CURRENT", "DEFAULT", "DEFINE", "DESC", "DISTINCT", "ELSE",
    "END", "ENUM", "ESCAPE", "EXCEPT", "EXCLUDE", "EXISTS", "EXTRACT", "FALSE", "FETCH", "FOLLOWING", "FOR", "FROM",
    "FULL", "GROUP", "GROUPING", "GROUPS", "HASH", "HAVING", "IF", "IGNORE", "IN", "INNER", "INTERSECT", "INTERVAL",
    "INTO", "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOOKUP", "MERGE", "NATURAL", "NEW", "NO", "NOT",
    "NULL", "NULLS", "OF", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PROTO", "QUALIFY",
    "RANGE", "RECURSIVE", "RESPECT", "RIGHT", "ROLLUP", "ROWS", "SELECT", "SET", "SOME", "STRUCT", "TABLESAMPLE",
    "THEN", "TO", "TREAT", "TRUE", "UNBOUNDED", "UNION", "UNNEST", "USING", "WHEN", "WHERE", "WINDOW", "WITH",
    "WITHIN",
]
