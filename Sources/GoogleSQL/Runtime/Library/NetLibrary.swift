import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// NET.* functions: URL hosts and IP addresses (BYTES in network byte order).
enum NetLibrary {
    /// NET.HOST: the host of a URL, parsed leniently (no scheme, a relative `//` scheme, user info,
    /// port, path); NULL for empty input.
    static func host(_ url: String) -> String? {
        var rest = Substring(url.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !rest.isEmpty else { return nil }
        if let colon = rest.range(of: "://"), let first = rest.first, first.isLetter,
            rest[..<colon.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) })
        {
            rest = rest[colon.upperBound...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
        }
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        if let colon = authority.firstIndex(of: ":") { authority = authority[..<colon] }
        return authority.isEmpty ? nil : String(authority)
    }

    /// NET.PUBLIC_SUFFIX (`extraLabels` 0) and NET.REG_DOMAIN (1): the last labels of the URL's host
    /// as the URL writes them, matched against the Public Suffix List in lowercase IDNA form; NULL
    /// without a host, with dots side by side inside it, without a suffix, or without the label
    /// before it. Leading and trailing dots are not part of the domain.
    static func domain(_ url: String, extraLabels: Int) throws(GoogleSQLError) -> String? {
        guard let host = host(url) else { return nil }
        let trimmed = host.drop { $0 == "." }.reversed().drop { $0 == "." }.reversed()
        let name = Substring(String(trimmed))
        guard !name.isEmpty, !name.contains("..") else { return nil }
        let list = try PublicSuffixList.system.get()
        let labels = name.split(separator: ".")
        // Only the last labels can match a rule; a label no rule can have matches none ("").
        let tail = labels.suffix(list.deepestRule).map { PublicSuffixList.normalizedLabel($0) ?? "" }
        guard let count = list.suffixLabelCount(tail), count > 0,
            count + extraLabels <= labels.count
        else { return nil }
        return labels.suffix(count + extraLabels).joined(separator: ".")
    }

    static func ipFromString(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func ipToString(_ bytes: [UInt8]) throws(GoogleSQLError) -> String {
        guard bytes.count == 4 || bytes.count == 16 else { throw Library.error("NET.IP_TO_STRING() encountered a non-IPv4/IPv6 address") }
        var buffer = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        guard ok else { throw Library.error("NET.IP_TO_STRING() encountered an invalid address") }
        return String(cString: buffer)
    }

    /// A mask of `prefix` one bits in `count` bytes.
    static func mask(bytes count: Int, prefix: Int) -> [UInt8] {
        (0..<count).map { index in
            let bits = min(8, max(0, prefix - index * 8))
            return bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bits))
        }
    }

    static let implementations: [String: Library.Implementation] = [
        "gsql_net_host": Library.strict(1) { a in host(Library.text(a[0])).map { $0.databaseValue } ?? .null },
        "gsql_net_public_suffix": Library.strict(1) { a in try domain(Library.text(a[0]), extraLabels: 0).map { $0.databaseValue } ?? .null },
        "gsql_net_reg_domain": Library.strict(1) { a in try domain(Library.text(a[0]), extraLabels: 1).map { $0.databaseValue } ?? .null },
        "gsql_net_ip_from_string": Library.strict(1) { a in
            let text = Library.text(a[0])
            guard let bytes = ipFromString(text) else { throw Library.error("Unparseable IP address: \(text)") }
            return Library.blob(bytes)
        },
        "gsql_net_safe_ip_from_string": Library.strict(1) { a in ipFromString(Library.text(a[0])).map(Library.blob) ?? .null },
        "gsql_net_ip_to_string": Library.strict(1) { a in try ipToString(Library.bytes(a[0])).databaseValue },
        "gsql_net_ip_net_mask": Library.strict(2) { a in
            let (count, prefix) = (try Library.int(a[0]), try Library.int(a[1]))
            guard count == 4 || count == 16, prefix >= 0, prefix <= count * 8 else {
                throw Library.error("NET.IP_NET_MASK() encountered an invalid output length or prefix length: \(count), \(prefix)")
            }
            return Library.blob(mask(bytes: Int(count), prefix: Int(prefix)))
        },
        "gsql_net_ip_trunc": Library.strict(2) { a in
            let bytes = Library.bytes(a[0])
            let prefix = try Library.int(a[1])
            guard bytes.count == 4 || bytes.count == 16, prefix >= 0, prefix <= bytes.count * 8 else {
                throw Library.error("NET.IP_TRUNC() encountered an invalid address or prefix length: \(prefix)")
            }
            return Library.blob(zip(bytes, mask(bytes: bytes.count, prefix: Int(prefix))).map { $0 & $1 })
        },
        "gsql_net_ipv4_from_int64": Library.strict(1) { a in
            let value = try Library.int(a[0])
            guard value >= -0x8000_0000, value <= 0xFFFF_FFFF else {
                throw Library.error("NET.IPV4_FROM_INT64() encountered a value out of range: \(value)")
            }
            let bits = UInt32(truncatingIfNeeded: value)
            return Library.blob([24, 16, 8, 0].map { UInt8(truncatingIfNeeded: bits >> UInt32($0)) })
        },
        "gsql_net_ipv4_to_int64": Library.strict(1) { a in
            let bytes = Library.bytes(a[0])
            guard bytes.count == 4 else { throw Library.error("NET.IPV4_TO_INT64() encountered a non-IPv4 address") }
            return bytes.reduce(Int64(0)) { $0 << 8 | Int64($1) }.databaseValue
        },
    ]
}
