/// Google Cloud project ids as the APIs check them: 6-63 lowercase ASCII letters, digits and
/// hyphens, starting with a letter and not ending with a hyphen; older projects may sit behind a
/// domain and a colon (`example.com:my-project`). Checked before any lookup, so a path segment
/// of ten thousand characters or of SQL punctuation is a 400, never a stored or echoed name.
enum GoogleProjectId {
    static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return isValidName(bytes[...]) }
        return isValidDomain(bytes[..<colon]) && isValidName(bytes[(colon + 1)...])
    }

    /// BigQuery's 400 for a bad project id, in its wording.
    static func invalid(_ id: String) -> GoogleAPIError {
        let shown = id.count > 100 ? String(id.prefix(100)) + "..." : id
        return .badRequest(
            "Invalid project ID '\(shown)'. Project IDs must contain 6-63 lowercase letters, digits, or dashes. Some project IDs also include domain name separated by a colon. IDs must start with a letter and may not end with a dash."
        )
    }

    private static func isValidName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard (6...63).contains(bytes.count), let first = bytes.first, isLower(first), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    /// `example.com`: dot-separated labels of lowercase letters, digits and hyphens.
    private static func isValidDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard (1...63).contains(bytes.count) else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                    && label.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
            }
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
