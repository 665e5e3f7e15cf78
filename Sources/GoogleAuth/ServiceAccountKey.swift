import Foundation

/// A service-account key file, as IAM's keys.create (and the emulator's admin call) issue it.
///
/// `privateKey` is the secret; `description` and reflection leave it out.
public struct ServiceAccountKey: Sendable, Equatable {
    /// Google's default token endpoint, used when a key file names none.
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    public var type: String
    public var projectID: String?
    public var privateKeyID: String
    public var privateKey: String
    public var clientEmail: String
    public var clientID: String?
    public var tokenURI: String

    public init(
        projectID: String? = nil, privateKeyID: String, privateKey: String, clientEmail: String,
        clientID: String? = nil, tokenURI: String = ServiceAccountKey.defaultTokenURI
    ) {
        type = "service_account"
        self.projectID = projectID
        self.privateKeyID = privateKeyID
        self.privateKey = privateKey
        self.clientEmail = clientEmail
        self.clientID = clientID
        self.tokenURI = tokenURI
    }

    /// Parses key-file JSON; errors name the missing field, never a value.
    public init(json: some Collection<UInt8>) throws(GoogleAuthError) {
        let file: KeyFile
        do {
            file = try JSONDecoder().decode(KeyFile.self, from: Data(json))
        } catch let DecodingError.keyNotFound(key, _) {
            throw GoogleAuthError.invalidKeyFile.with("missing \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw GoogleAuthError.invalidKeyFile.with("wrong type at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\"")
        } catch {
            throw GoogleAuthError.invalidKeyFile.with("not valid JSON")
        }
        guard file.type == "service_account" else {
            throw GoogleAuthError.unsupportedCredentialType.with("type \"\(file.type)\"; only \"service_account\" keys are supported")
        }
        guard let privateKey = file.private_key, let privateKeyID = file.private_key_id, let email = file.client_email else {
            throw GoogleAuthError.invalidKeyFile.with("a service_account key needs client_email, private_key and private_key_id")
        }
        type = file.type
        projectID = file.project_id
        self.privateKeyID = privateKeyID
        self.privateKey = privateKey
        clientEmail = email
        clientID = file.client_id
        tokenURI = file.token_uri ?? Self.defaultTokenURI
    }

    /// Reads and parses the key file at `path` (what `GOOGLE_APPLICATION_CREDENTIALS` names).
    public init(contentsOfFile path: String) throws(GoogleAuthError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GoogleAuthError.invalidKeyFile.with("cannot read \(path)")
        }
        let parsed: Result<ServiceAccountKey, GoogleAuthError> = Result { () throws(GoogleAuthError) in try ServiceAccountKey(json: data) }
        switch parsed {
        case .success(let key): self = key
        case .failure(let error): throw error.with("\(path): \(error.detail)")
        }
    }

    /// The key file's JSON, with Google's field names.
    public func jsonData() -> Data {
        let file = KeyFile(
            type: type, project_id: projectID, private_key_id: privateKeyID, private_key: privateKey,
            client_email: clientEmail, client_id: clientID, token_uri: tokenURI)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(file)) ?? Data()
    }

    /// The wire shape, named exactly as the file spells it.
    private struct KeyFile: Codable {
        var type: String
        var project_id: String?
        var private_key_id: String?
        var private_key: String?
        var client_email: String?
        var client_id: String?
        var token_uri: String?
    }
}

extension ServiceAccountKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "ServiceAccountKey(\(clientEmail), kid: \(privateKeyID), tokenURI: \(tokenURI), privateKey: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientEmail": clientEmail, "privateKeyID": privateKeyID, "tokenURI": tokenURI,
                "privateKey": "<redacted>",
            ])
    }
}
