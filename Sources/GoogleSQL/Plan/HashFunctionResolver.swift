import WarehouseSchema

/// Hashing functions of the library.
extension Resolver {
    mutating func resolveHashFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        let functions = [
            "MD5": "gsql_md5", "SHA1": "gsql_sha1", "SHA256": "gsql_sha256", "SHA512": "gsql_sha512", "FARM_FINGERPRINT": "gsql_farm_fingerprint",
        ]
        if name == "HLL_COUNT.EXTRACT" {
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_hll_extract", arguments, .int64, at: location)
        }
        guard let function = functions[name] else { return nil }
        try expectCount(name, syntax, 1...1, at: location)
        let arguments = try resolveArguments(syntax)
        guard fits(arguments, [.string]) || fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
        return call(function, arguments, name == "FARM_FINGERPRINT" ? .int64 : .bytes, at: location)
    }
}
