import Foundation
import GRDB
import Synchronization

/// Service accounts, their public keys and the access tokens issued to them, in the emulator's
/// SQLite file (so a restarted emulator still honours key files and tokens it issued).
///
/// Tokens are stored as SHA-256 hashes: the database file holds nothing a caller could replay.
/// Parsed public keys and looked-up tokens are memoised, because `requireAuth` checks every call.
final class AuthStore: Sendable {
    static let migrations: [EmulatorDatabase.Migration] = [
        .init(name: "auth-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE auth_service_accounts (
                        email TEXT PRIMARY KEY NOT NULL,
                        project TEXT NOT NULL,
                        account_id TEXT NOT NULL,
                        client_id TEXT NOT NULL,
                        role TEXT NOT NULL,
                        created_at REAL NOT NULL);
                    CREATE TABLE auth_keys (
                        key_id TEXT PRIMARY KEY NOT NULL,
                        email TEXT NOT NULL REFERENCES auth_service_accounts(email) ON DELETE CASCADE,
                        public_key_pem TEXT NOT NULL,
                        created_at REAL NOT NULL);
                    CREATE INDEX auth_keys_by_email ON auth_keys(email);
                    CREATE TABLE auth_access_tokens (
                        token_sha256 TEXT PRIMARY KEY NOT NULL,
                        email TEXT NOT NULL REFERENCES auth_service_accounts(email) ON DELETE CASCADE,
                        expires_at REAL NOT NULL);
                    """)
        }
    ]

    struct Account: Sendable, Equatable {
        let email: String
        let project: String
        let accountID: String
        let clientID: String
        let role: ServiceAccountRole
    }

    struct RegisteredKey: Sendable {
        let keyID: String
        let email: String
        let publicKey: RSAPublicKey
    }

    struct IssuedToken: Sendable {
        let account: Account
        let expiresAt: Date
    }

    let database: EmulatorDatabase
    private let keyCache = Mutex<[String: RegisteredKey]>([:])
    private let tokenCache = Mutex<[String: IssuedToken]>([:])

    init(database: EmulatorDatabase) {
        self.database = database
    }

    /// Creates the account if new; an existing account keeps its role (a different one is a conflict).
    func ensureAccount(project: String, accountID: String, role: ServiceAccountRole?, now: Date) async throws -> (Account, created: Bool) {
        let email = "\(accountID)@\(project).iam.gserviceaccount.com"
        let clientID = Self.newClientID()
        return try await database.writer.write { db in
            if let existing = try Self.account(email: email, db: db) {
                if let role, role != existing.role {
                    throw GoogleAPIError.conflict("Service account \(email) already exists with role \(existing.role.rawValue).")
                }
                return (existing, false)
            }
            let account = Account(email: email, project: project, accountID: accountID, clientID: clientID, role: role ?? .reader)
            try db.execute(
                sql: """
                    INSERT INTO auth_service_accounts (email, project, account_id, client_id, role, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [email, project, accountID, clientID, account.role.rawValue, now.timeIntervalSince1970])
            return (account, true)
        }
    }

    func addKey(keyID: String, email: String, publicKeyPEM: String, now: Date) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO auth_keys (key_id, email, public_key_pem, created_at) VALUES (?, ?, ?, ?)",
                arguments: [keyID, email, publicKeyPEM, now.timeIntervalSince1970])
        }
    }

    func accounts(project: String) async throws -> [Account] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM auth_service_accounts WHERE project = ? ORDER BY email", arguments: [project])
                .compactMap(Self.account(row:))
        }
    }

    func account(email: String) async throws -> Account? {
        try await database.writer.read { db in try Self.account(email: email, db: db) }
    }

    /// The key with this id, or every key of `email` when the JWT names none.
    func keys(keyID: String?, email: String) async throws -> [RegisteredKey] {
        if let keyID, let cached = keyCache.withLock({ $0[keyID] }) { return [cached] }
        let rows = try await database.writer.read { db -> [(keyID: String, email: String, pem: String)] in
            let rows =
                if let keyID {
                    try Row.fetchAll(db, sql: "SELECT key_id, email, public_key_pem FROM auth_keys WHERE key_id = ?", arguments: [keyID])
                } else {
                    try Row.fetchAll(db, sql: "SELECT key_id, email, public_key_pem FROM auth_keys WHERE email = ?", arguments: [email])
                }
            return rows.map { (keyID: $0["key_id"], email: $0["email"], pem: $0["public_key_pem"]) }
        }
        let keys = rows.compactMap { row -> RegisteredKey? in
            guard let publicKey = RSAPublicKey(pem: row.pem) else { return nil }
            return RegisteredKey(keyID: row.keyID, email: row.email, publicKey: publicKey)
        }
        keyCache.withLock { cache in for key in keys { cache[key.keyID] = key } }
        return keys
    }

    /// Records a new access token and forgets expired ones.
    func storeToken(_ token: String, account: Account, expiresAt: Date, now: Date) async throws {
        let hash = AuthCrypto.sha256Hex(token)
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM auth_access_tokens WHERE expires_at <= ?", arguments: [now.timeIntervalSince1970])
            try db.execute(
                sql: "INSERT INTO auth_access_tokens (token_sha256, email, expires_at) VALUES (?, ?, ?)",
                arguments: [hash, account.email, expiresAt.timeIntervalSince1970])
        }
        tokenCache.withLock { cache in
            cache = cache.filter { $0.value.expiresAt > now }
            cache[hash] = IssuedToken(account: account, expiresAt: expiresAt)
        }
    }

    /// The account an unexpired access token was issued to.
    func token(_ token: String, now: Date) async throws -> IssuedToken? {
        let hash = AuthCrypto.sha256Hex(token)
        if let cached = tokenCache.withLock({ $0[hash] }) {
            return cached.expiresAt > now ? cached : nil
        }
        let found = try await database.writer.read { db -> IssuedToken? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.*, t.expires_at AS token_expires_at FROM auth_access_tokens t
                        JOIN auth_service_accounts a ON a.email = t.email WHERE t.token_sha256 = ?
                        """, arguments: [hash]), let account = Self.account(row: row)
            else { return nil }
            return IssuedToken(account: account, expiresAt: Date(timeIntervalSince1970: row["token_expires_at"]))
        }
        guard let found else { return nil }
        tokenCache.withLock { $0[hash] = found }
        return found.expiresAt > now ? found : nil
    }

    private static func account(email: String, db: Database) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM auth_service_accounts WHERE email = ?", arguments: [email]).flatMap(account(row:))
    }

    private static func account(row: Row) -> Account? {
        guard let role = ServiceAccountRole(rawValue: row["role"]) else { return nil }
        return Account(
            email: row["email"], project: row["project"], accountID: row["account_id"],
            clientID: row["client_id"], role: role)
    }

    /// A 21-digit numeric id, the shape of IAM's `client_id`/`uniqueId`.
    private static func newClientID() -> String {
        let bytes = AuthCrypto.randomBytes(21)
        return "1" + bytes.dropFirst().map { String($0 % 10) }.joined()
    }
}
