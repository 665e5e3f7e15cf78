import Foundation
import JWTSigning

/// Drives `JWTSigning` from a release build for `scripts/test.d/release-signing`, which checks every
/// signature with openssl: optimisation must not change what the signer produces (the PEM buffer
/// handed to OpenSSL must outlive its parsing, for one).
///
///     jwt-sign-check sign KEY.pem < message > signature
///     jwt-sign-check jwt KEY.pem KID            prints a signed JWT with fixed claims
///     jwt-sign-check concurrent KEY.pem N       N parallel signers of one message must agree
///     jwt-sign-check many KEY.pem...            signs "message" with each key, one signature (hex) per line
@main
struct JWTSignCheck {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "sign" where arguments.count == 2:
                let message = FileHandle.standardInput.readDataToEndOfFile()
                FileHandle.standardOutput.write(Data(try key(arguments[1]).sign(Array(message))))
            case "jwt" where arguments.count == 3:
                let claims = JWTClaims(
                    iss: "check@p.iam.gserviceaccount.com", scope: "https://www.googleapis.com/auth/bigquery",
                    aud: "https://oauth2.googleapis.com/token", iat: 1_767_225_600, exp: 1_767_229_200)
                print(try JSONWebToken.sign(header: JWTHeader(kid: arguments[2]), claims: claims, key: key(arguments[1])))
            case "concurrent" where arguments.count == 3:
                let signer = try key(arguments[1])
                let expected = try signer.sign(Array("same input".utf8))
                let agreeing = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<(Int(arguments[2]) ?? 64) { group.addTask { try signer.sign(Array("same input".utf8)) == expected } }
                    var count = 0
                    for try await agrees in group where agrees { count += 1 }
                    return count
                }
                print("\(agreeing) agreeing signatures")
            case "many" where arguments.count >= 2:
                for path in arguments.dropFirst() {
                    print(try key(path).sign(Array("message".utf8)).map { String(format: "%02x", $0) }.joined())
                }
            default:
                FileHandle.standardError.write(Data("usage: jwt-sign-check sign|jwt|concurrent|many KEY.pem ...\n".utf8))
                exit(64)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Reads the PEM into a fresh String each time, so each parse gets its own short-lived buffer.
    static func key(_ path: String) throws -> RSASigningKey {
        try RSASigningKey(pem: String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self))
    }
}
