import Foundation

/// The secret that opens the emulator's admin calls (`/emulator/...`: issuing service-account keys,
/// fault injection) when `requireAuth` is on. Without it anyone could mint a key for an existing
/// writer account or make calls fail at will.
///
/// Given by the operator (`--admin-token`, `WAREHOUSE_EMULATOR_ADMIN_TOKEN`) or, when none is
/// given, generated at random per process; never a fixed value.
struct AdminCredential: Sendable {
    let token: String

    static func generated() -> AdminCredential {
        AdminCredential(token: "emulator-admin-" + AuthCrypto.hex(AuthCrypto.randomBytes(24)))
    }

    /// Whether `authorization` (the header value) is `Bearer <token>`. Compared in time that does
    /// not depend on where the first difference is, so the token cannot be guessed byte by byte.
    func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let given = Array(AuthCrypto.sha256Hex(parts[1].trimmingCharacters(in: .whitespaces)).utf8)
        let expected = Array(AuthCrypto.sha256Hex(token).utf8)
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
