import Foundation

/// The ICANN section of the Public Suffix List (publicsuffix.org), for NET.PUBLIC_SUFFIX and
/// NET.REG_DOMAIN, read once from the copy the system keeps (Debian's `publicsuffix` package). As
/// in BigQuery, the list's private domains are not suffixes, and a host no rule matches has none.
final class PublicSuffixList: Sendable {
    static let paths = ["/usr/share/publicsuffix/public_suffix_list.dat", "/usr/share/publicsuffix/effective_tld_names.dat"]

    /// Rules by their labels in IDNA ASCII form, lowercase: `co.uk`; `ck` for `*.ck`; `www.ck` for `!www.ck`.
    private let rules: Set<String>
    private let wildcards: Set<String>
    private let exceptions: Set<String>
    /// The most labels a rule can match, so only a host's last labels need be looked at.
    let deepestRule: Int

    init(text: String) {
        var rules: Set<String> = []
        var wildcards: Set<String> = []
        var exceptions: Set<String> = []
        var inICANN = false
        for line in text.split(whereSeparator: \.isNewline) {
            let rule = line.prefix { !$0.isWhitespace }
            if rule.hasPrefix("//") {
                if line.contains("===BEGIN ICANN DOMAINS===") { inICANN = true }
                if line.contains("===END ICANN DOMAINS===") { inICANN = false }
                continue
            }
            guard inICANN, !rule.isEmpty else { continue }
            if rule.hasPrefix("!") {
                if let name = Self.normalized(rule.dropFirst()) { exceptions.insert(name) }
            } else if rule.hasPrefix("*.") {
                if let name = Self.normalized(rule.dropFirst(2)) { wildcards.insert(name) }
            } else if let name = Self.normalized(rule) {
                rules.insert(name)
            }
        }
        (self.rules, self.wildcards, self.exceptions) = (rules, wildcards, exceptions)
        let depth = { (name: String) in name.split(separator: ".", omittingEmptySubsequences: false).count }
        deepestRule = max(rules.map(depth).max() ?? 0, (wildcards.map(depth).max() ?? 0) + 1, exceptions.map(depth).max() ?? 0)
    }

    /// The list of this machine; an error naming the package when it has none.
    static let system: Result<PublicSuffixList, GoogleSQLError> = {
        for path in paths {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return .success(PublicSuffixList(text: text)) }
        }
        return .failure(
            Library.error(
                "NET.PUBLIC_SUFFIX and NET.REG_DOMAIN need the Public Suffix List, which this machine does not have: "
                    + "install the publicsuffix package (\(paths[0]))"))
    }()

    /// How many of the host's last labels are its public suffix; nil when it has none.
    func suffixLabelCount(_ labels: [String]) -> Int? {
        guard !labels.isEmpty else { return nil }
        var longest: Int?
        for count in (1...labels.count).reversed() {
            let name = labels.suffix(count).joined(separator: ".")
            // An exception rule wins over every other rule: its suffix is the rule without its first label.
            if exceptions.contains(name) { return count - 1 }
            if longest == nil, rules.contains(name) { longest = count }
            if longest == nil, count > 1, wildcards.contains(labels.suffix(count - 1).joined(separator: ".")) { longest = count }
        }
        return longest
    }

    /// IDNA ASCII with ASCII letters lowercased; no Unicode normalization, as in BigQuery.
    static func normalized(_ name: Substring) -> String? {
        var labels: [String] = []
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard let ascii = normalizedLabel(label) else { return nil }
            labels.append(ascii)
        }
        return labels.joined(separator: ".")
    }

    /// One label normalized; nil past DNS's 63 characters, which no rule's label exceeds (its
    /// Punycode would be longer still), so an over-long label is never encoded.
    static func normalizedLabel(_ label: Substring) -> String? {
        guard label.unicodeScalars.count <= 63 else { return nil }
        return Punycode.asciiLabel(label)?.lowercased()
    }
}
