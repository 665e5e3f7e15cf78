import Foundation
import GoogleAuth
import Testing

/// Key-file parsing errors, and that secrets never show up in descriptions.
@Suite struct KeyFileAndRedactionTests {
    static let sampleKey = ServiceAccountKey(
        projectID: "p", privateKeyID: "kid", privateKey: "-----BEGIN PRIVATE KEY-----\nSECRETSECRET\n-----END PRIVATE KEY-----\n",
        clientEmail: "a@p.iam.gserviceaccount.com", clientID: "123", tokenURI: "http://h:1/token")

    @Test func roundTripsThroughJSON() throws {
        let parsed = try ServiceAccountKey(json: Self.sampleKey.jsonData())
        #expect(parsed == Self.sampleKey)
    }

    @Test func defaultsTheTokenURI() throws {
        let json = #"{"type":"service_account","client_email":"a@b","private_key":"k","private_key_id":"i"}"#
        #expect(try ServiceAccountKey(json: Array(json.utf8)).tokenURI == "https://oauth2.googleapis.com/token")
    }

    @Test(arguments: [
        (#"{"type":"service_account","client_email":"a@b","private_key_id":"i"}"#, GoogleAuthError.invalidKeyFile),
        (#"{"client_email":"a@b"}"#, GoogleAuthError.invalidKeyFile),
        ("not json", GoogleAuthError.invalidKeyFile),
        (#"{"type":"service_account","client_email":5,"private_key":"k","private_key_id":"i"}"#, GoogleAuthError.invalidKeyFile),
        (#"{"type":"authorized_user","client_id":"x","client_secret":"y","refresh_token":"z"}"#, GoogleAuthError.unsupportedCredentialType),
    ])
    func badKeyFilesAreTypedErrors(json: String, expected: GoogleAuthError) {
        let error = #expect(throws: expected) { try ServiceAccountKey(json: Array(json.utf8)) }
        // The error explains itself without echoing the file.
        #expect(error?.description.contains("refresh_token") == false || json.contains("authorized_user"))
        #expect(error?.description.contains("\"y\"") == false)
    }

    @Test func keysAndTokensAreRedacted() {
        let key = Self.sampleKey
        for text in ["\(key)", String(describing: key), String(reflecting: key), dumped(key)] {
            #expect(!text.contains("SECRETSECRET"), "leaked: \(text)")
            #expect(text.contains("a@p.iam.gserviceaccount.com"))
        }
        let token = AccessToken(value: "ya29.very-secret-value", expiresAt: nil)
        for text in ["\(token)", String(describing: token), String(reflecting: token), dumped(token), "\([token])"] {
            #expect(!text.contains("very-secret-value"), "leaked: \(text)")
        }
    }

    @Test func errorsCompareByKindAndCarryDetail() {
        #expect(GoogleAuthError.invalidKeyFile == GoogleAuthError.invalidKeyFile)
        #expect(GoogleAuthError.invalidKeyFile != GoogleAuthError.invalidPrivateKey)
        #expect(GoogleAuthError.noCredentialsFound.description.contains("GOOGLE_APPLICATION_CREDENTIALS"))
    }

    private func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
