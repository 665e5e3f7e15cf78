import Hummingbird
import WireJSON

/// An OAuth2 error reply of the token endpoint (RFC 6749 §5.2), in Google's wording:
/// `{"error": "invalid_grant", "error_description": "Invalid JWT Signature."}`.
struct OAuthError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    let status: HTTPResponse.Status
    let error: String
    let errorDescription: String

    init(_ status: HTTPResponse.Status = .badRequest, error: String, description: String) {
        self.status = status
        self.error = error
        self.errorDescription = description
    }

    static func invalidGrant(_ description: String) -> Self { .init(error: "invalid_grant", description: description) }
    static func invalidRequest(_ description: String) -> Self { .init(error: "invalid_request", description: description) }

    static let invalidSignature = invalidGrant("Invalid JWT Signature.")
    static let badTimeframe = invalidGrant(
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")

    var description: String { "\(status.code) \(error): \(errorDescription)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(["error": .string(error), "error_description": .string(errorDescription)], status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
