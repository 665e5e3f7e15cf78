import WarehouseSchema

/// NET.* functions of the library. NET.PUBLIC_SUFFIX and NET.REG_DOMAIN read the system's Public
/// Suffix List (`PublicSuffixList`).
extension Resolver {
    private static let netFunctions: [String: (function: String, arguments: [SQLType], result: SQLType)] = [
        "NET.HOST": ("gsql_net_host", [.string], .string),
        "NET.IP_FROM_STRING": ("gsql_net_ip_from_string", [.string], .bytes),
        "NET.SAFE_IP_FROM_STRING": ("gsql_net_safe_ip_from_string", [.string], .bytes),
        "NET.IP_TO_STRING": ("gsql_net_ip_to_string", [.bytes], .string),
        "NET.IP_NET_MASK": ("gsql_net_ip_net_mask", [.int64, .int64], .bytes),
        "NET.IP_TRUNC": ("gsql_net_ip_trunc", [.bytes, .int64], .bytes),
        "NET.IPV4_FROM_INT64": ("gsql_net_ipv4_from_int64", [.int64], .bytes),
        "NET.IPV4_TO_INT64": ("gsql_net_ipv4_to_int64", [.bytes], .int64),
        "NET.PUBLIC_SUFFIX": ("gsql_net_public_suffix", [.string], .string),
        "NET.REG_DOMAIN": ("gsql_net_reg_domain", [.string], .string),
    ]

    mutating func resolveNetFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression? {
        guard let entry = Self.netFunctions[name] else { return nil }
        try expectCount(name, syntax, entry.arguments.count...entry.arguments.count, at: location)
        let arguments = try resolveArguments(syntax)
        guard fits(arguments, entry.arguments) else { throw functionSignatureError(name, arguments, at: location) }
        return call(entry.function, arguments, entry.result, at: location)
    }
}
