import WireJSON

/// Labels as Google Cloud keeps them on BigQuery datasets, tables and jobs and on Pub/Sub topics
/// and subscriptions: at most 64; a key of 1 to 63 characters that starts with a lowercase or
/// caseless (international) letter; keys and values of lowercase or caseless letters, digits, `_`
/// and `-`; a value of at most 63 characters, possibly empty. The emulator holds labels to these
/// rules because code that sets a label Google refuses should fail here, not on its first deploy.
enum ResourceLabels {
    static let maximumCount = 64
    static let maximumLength = 63

    /// What makes `value` break the rules, or nil when it keeps them. A null label value is a
    /// removal (how the clients clear a label on PATCH), allowed only where `allowingRemovals`.
    static func problem(in value: JSONValue, allowingRemovals: Bool) -> String? {
        guard let labels = value.objectValue else { return "Invalid value for labels: expected an object of strings" }
        var count = 0
        for (key, label) in labels {
            if let problem = keyProblem(key) { return problem }
            if label.isNull, allowingRemovals { continue }
            guard let text = label.stringValue else {
                return "Invalid value for label \(shown(key)): expected a string"
            }
            if let problem = valueProblem(text, key: key) { return problem }
            count += 1
        }
        guard count <= maximumCount else { return "Too many labels: \(count) given, at most \(maximumCount) are allowed" }
        return nil
    }

    /// The labels a JSON merge patch leaves: `patch`'s keys set over `current`'s, a null one removed;
    /// nil when none remain (the resource then has no `labels` member, as Google returns it).
    static func merging(_ patch: JSONObject, into current: JSONObject?) -> JSONValue? {
        var labels = current ?? [:]
        for (key, value) in patch { labels[key] = value.isNull ? JSONValue?.none : value }
        return labels.isEmpty ? nil : .object(labels)
    }

    /// `labels` without its removals, as a create or a full update keeps it.
    static func kept(_ labels: JSONValue) -> JSONValue? { merging(labels.objectValue ?? [:], into: nil) }

    /// Sets `resource`'s labels from an update's checked `labels`: merged into the stored ones for a
    /// PATCH (RFC 7386, as the clients clear a label with a null), in place of them for a PUT; a null
    /// `labels` removes them all.
    static func update(_ resource: inout JSONObject, with labels: JSONValue, replacing: Bool) throws {
        let current = replacing ? nil : resource["labels"]?.objectValue
        let updated = labels.isNull ? nil : merging(labels.objectValue ?? [:], into: current)
        if let count = updated?.objectValue?.count, count > maximumCount {
            throw GoogleAPIError.badRequest("Too many labels: \(count) after the update, at most \(maximumCount) are allowed", location: "labels")
        }
        resource["labels"] = updated
    }

    private static func keyProblem(_ key: String) -> String? {
        let scalars = key.unicodeScalars
        guard let first = scalars.first, isLetter(first) else {
            return "Invalid label key \(shown(key)): a key must start with a lowercase letter or an international character"
        }
        guard scalars.count <= maximumLength else {
            return "Invalid label key \(shown(key)): a key can be at most \(maximumLength) characters long"
        }
        guard scalars.allSatisfy(isAllowed) else {
            return "Invalid label key \(shown(key)): keys can only contain lowercase letters, numeric characters, underscores and dashes"
        }
        return nil
    }

    private static func valueProblem(_ value: String, key: String) -> String? {
        let scalars = value.unicodeScalars
        guard scalars.count <= maximumLength else {
            return "Invalid label value for key \(shown(key)): a value can be at most \(maximumLength) characters long"
        }
        guard scalars.allSatisfy(isAllowed) else {
            return
                "Invalid label value \(shown(value)) for key \(shown(key)): values can only contain lowercase letters, numeric characters, underscores and dashes"
        }
        return nil
    }

    /// A lowercase letter, or a letter with no case (CJK, Arabic, ...): uppercase is what Google refuses.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .otherLetter: true
        default: false
        }
    }

    /// After the first character: also digits, `_`, `-`, and the marks and modifier letters that
    /// international words are written with (the prolonged-sound mark of チーム, a combining accent).
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" || scalar == "-" || isLetter(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .modifierLetter, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    /// A key or value quoted for an error message, cut short so a huge one is not echoed back.
    private static func shown(_ text: String) -> String {
        let limit = maximumLength + 1
        let quoted = text.unicodeScalars.count > limit ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "..." : text
        return JSONValue.string(quoted).encodedString()
    }
}
