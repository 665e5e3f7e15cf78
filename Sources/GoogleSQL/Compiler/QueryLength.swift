import Foundation

/// BigQuery refuses GoogleSQL text longer than 1,024K characters (comments and white space included)
/// before it looks at it; the emulator does too, so no lexing or parsing work is spent on such text.
extension GoogleSQLCompiler {
    public static let maximumQueryCharacters = 1024 * 1024

    /// Fails with BigQuery's "The query is too large" message when `sql` is over the limit.
    public static func checkQueryLength(_ sql: String) throws(GoogleSQLError) {
        // A character is at least one UTF-8 byte, so most text is settled without counting characters.
        guard sql.utf8.count > maximumQueryCharacters else { return }
        let characters = sql.unicodeScalars.count
        guard characters > maximumQueryCharacters else { return }
        let thousands = { (count: Int) in String(format: "%.2fK", Double(count) / 1024) }
        throw .invalidQuery(
            "The query is too large (\(thousands(characters)) characters, "
                + "\(characters - maximumQueryCharacters) characters over the limit). The maximum standard SQL query length is "
                + "\(thousands(maximumQueryCharacters)) characters, including comments and white space characters.")
    }
}
