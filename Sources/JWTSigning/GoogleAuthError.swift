/// Why credentials could not be produced.
///
/// A struct over a private code so new cases can be added without breaking callers; compare with
/// the static members (`error.code == ...` is not exposed). `detail` is for humans and never holds
/// a key or a token.
public struct GoogleAuthError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noCredentialsFound
        case invalidKeyFile
        case unsupportedCredentialType
        case invalidPrivateKey
        case signingFailed
        case tokenRequestRejected
        case invalidTokenResponse
        case metadataServerUnavailable
        case transportFailed
    }

    private let code: Code
    /// Human-readable context: a file path, an HTTP status, the OAuth2 `error` code.
    public let detail: String
    /// HTTP status of the token endpoint's or metadata server's reply, when there was one.
    public let httpStatus: Int?

    private init(_ code: Code, _ detail: String = "", httpStatus: Int? = nil) {
        self.code = code
        self.detail = detail
        self.httpStatus = httpStatus
    }

    /// Neither a key file, nor a metadata server, nor an emulator was found.
    public static let noCredentialsFound = Self(.noCredentialsFound)
    /// The key file is missing, unreadable, not JSON or lacks a field.
    public static let invalidKeyFile = Self(.invalidKeyFile)
    /// The key file's `type` is not `service_account`.
    public static let unsupportedCredentialType = Self(.unsupportedCredentialType)
    /// `private_key` is not a PEM RSA private key OpenSSL can read.
    public static let invalidPrivateKey = Self(.invalidPrivateKey)
    /// OpenSSL failed to sign.
    public static let signingFailed = Self(.signingFailed)
    /// The token endpoint or metadata server answered with an error status.
    public static let tokenRequestRejected = Self(.tokenRequestRejected)
    /// A 200 reply whose body is not a token response.
    public static let invalidTokenResponse = Self(.invalidTokenResponse)
    /// The metadata server could not be reached.
    public static let metadataServerUnavailable = Self(.metadataServerUnavailable)
    /// The HTTP request failed before a reply arrived (connection refused, timeout, ...).
    public static let transportFailed = Self(.transportFailed)

    /// The same kind of error with context attached.
    package func with(_ detail: String, httpStatus: Int? = nil) -> Self {
        Self(code, detail, httpStatus: httpStatus)
    }

    /// Whether trying again later may succeed: transport failures, 429 and 5xx replies.
    public var isRetryable: Bool {
        switch code {
        case .transportFailed, .metadataServerUnavailable: return true
        case .tokenRequestRejected:
            guard let httpStatus else { return false }
            return httpStatus == 429 || httpStatus >= 500
        default: return false
        }
    }

    /// Equal when the kind is equal; the detail is context, not identity.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String {
        let name =
            switch code {
            case .noCredentialsFound:
                "no Google credentials found (set GOOGLE_APPLICATION_CREDENTIALS, run on Cloud Run/GCE, or point *_EMULATOR_HOST at an emulator)"
            case .invalidKeyFile: "invalid service-account key file"
            case .unsupportedCredentialType: "unsupported credential type"
            case .invalidPrivateKey: "invalid private key"
            case .signingFailed: "signing failed"
            case .tokenRequestRejected: "token request rejected"
            case .invalidTokenResponse: "invalid token response"
            case .metadataServerUnavailable: "metadata server unavailable"
            case .transportFailed: "HTTP transport failed"
            }
        var text = "GoogleAuthError: \(name)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
