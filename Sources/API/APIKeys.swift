import Foundation

/// What a key may do.
public struct APIScope: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `POST /ingestData`.
    public static let ingest = APIScope(rawValue: 1)
    /// `GET /getData`.
    public static let read = APIScope(rawValue: 2)

    /// `ingest`, `read`, or both joined by `+`.
    init(spelling: Substring) throws(APIConfigurationError) {
        var scopes: APIScope = []
        for name in spelling.split(separator: "+", omittingEmptySubsequences: false) {
            switch name.trimmingCharacters(in: .whitespaces) {
            case "ingest": scopes.insert(.ingest)
            case "read": scopes.insert(.read)
            default: throw .keys("unknown scope \"\(name)\" (scopes are ingest and read, joined by +)")
            }
        }
        self = scopes
    }
}

/// Who may call the API.
public enum APIAuthentication: Sendable {
    /// Callers send one of these keys in `X-API-Key`.
    case apiKeys(APIKeys)
    /// Anyone may call every route: only for loopback development, and only when asked for.
    case disabled
}

/// The API keys and their scopes, held as bytes and compared in constant time.
///
/// Keys come from the environment or a file outside the repository, never from code. A key is
/// named in logs and metrics by its position (`key-1`), never by its text.
public struct APIKeys: Sendable {
    struct Key: Sendable {
        var name: String
        var secret: [UInt8]
        var scopes: APIScope
    }

    let keys: [Key]

    public init(_ keys: [(secret: String, scopes: APIScope)]) {
        self.keys = keys.enumerated().map { Key(name: "key-\($0.offset + 1)", secret: Array($0.element.secret.utf8), scopes: $0.element.scopes) }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    /// Reads `KEY:SCOPES` entries separated by commas or new lines (`k1:ingest+read,k2:read`);
    /// blank lines and lines starting with `#` are skipped, so a key file may carry comments.
    public init(parsing text: String) throws(APIConfigurationError) {
        var parsed: [(secret: String, scopes: APIScope)] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            for entry in trimmed.split(separator: ",") {
                let entry = entry.trimmingCharacters(in: .whitespaces)
                guard let colon = entry.lastIndex(of: ":") else {
                    throw .keys("an API key entry needs KEY:SCOPES (entry \(parsed.count + 1))")
                }
                let secret = String(entry[..<colon])
                // Short keys are guessable; 16 characters is the least a generated key has.
                guard secret.utf8.count >= 16 else { throw .keys("API key \(parsed.count + 1) is shorter than 16 characters") }
                guard secret.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                    throw .keys("API key \(parsed.count + 1) has characters a header cannot carry")
                }
                parsed.append((secret, try APIScope(spelling: entry[entry.index(after: colon)...])))
            }
        }
        self.init(parsed)
    }

    /// The key `presented` is, if any. Every key is compared, each over all its bytes, so the time
    /// taken does not tell an attacker how much of a guess was right nor which key it was near.
    func match(_ presented: String) -> Key? {
        let bytes = Array(presented.utf8)
        var found: Key?
        for key in keys where Self.constantTimeEqual(key.secret, bytes) && found == nil { found = key }
        return found
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        // The lengths differ or not; the loop runs over the expected length either way.
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in lhs.indices {
            let other = index < rhs.count ? rhs[index] : 0
            difference |= lhs[index] ^ other
        }
        return difference == 0
    }
}
