import Hummingbird
import NIOCore

/// With `requireAuth`, BigQuery (`/bigquery/v2/...`, `/upload/bigquery/v2/...`) and Pub/Sub
/// (`/v1/projects/...`) calls need a bearer token of a registered service account of the project
/// the call names, whose role allows the call; admin calls (`/emulator/...`) need the admin token.
/// Health, the token endpoint and discovery stay open.
///
/// The decision is made on the route the router matched (`RoutedPath`), not on the raw path.
///
/// Answers as Google does: 401 UNAUTHENTICATED (`authError`) with `WWW-Authenticate: Bearer`
/// when the token is missing or invalid, 403 PERMISSION_DENIED (`accessDenied`) when the role is
/// too weak or the project is not the account's.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext
    let service: AuthService
    let admin: AdminCredential

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = RoutedPath(context) else { return try await next(request, context) }
        switch route.kind {
        case .open:
            return try await next(request, context)
        case .admin:
            guard admin.accepts(authorization: request.headers[.authorization]) else {
                return Self.unauthenticated(
                    "Emulator admin calls need the admin token (Authorization: Bearer <token>) when requireAuth is on; it is set with --admin-token or printed at start.",
                    error: request.headers[.authorization] == nil ? nil : "invalid_token")
            }
            return try await next(request, context)
        case .api(let audience):
            let result = await service.authenticate(
                authorization: request.headers[.authorization],
                apiAudiences: Self.audiences(api: audience, authority: request.head.authority ?? ""))
            switch result {
            case .missing:
                return Self.unauthenticated(
                    "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
                    error: nil)
            case .invalid:
                return Self.unauthenticated(
                    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
                    error: "invalid_token")
            case .unavailable:
                throw AuthService.storeUnavailable
            case .authenticated(let account):
                let method = request.method.rawValue
                guard account.role.allows(method: method, path: route.path) else {
                    let permission = ServiceAccountRole.permissionName(method: method, path: route.path)
                    throw GoogleAPIError(
                        .forbidden, reason: "accessDenied",
                        message: "Access Denied: Permission \(permission) denied for \(account.email) (role \(account.role.rawValue)).")
                }
                if let project = context.parameters.get("project").map({ $0.removingPercentEncoding ?? $0 }) {
                    try ProjectAccess.require(account, mayUse: project, method: method, path: route.path)
                }
                var context = context
                context.caller = account
                return try await next(request, context)
            }
        }
    }

    /// Audiences a self-signed JWT may name for this API, as Google's libraries set them.
    static func audiences(api: String, authority: String) -> Set<String> {
        var audiences: Set<String> = ["https://\(api)/", "https://\(api)"]
        if !authority.isEmpty {
            audiences.insert("http://\(authority)/")
            audiences.insert("http://\(authority)")
        }
        return audiences
    }

    private static func unauthenticated(_ message: String, error: String?) -> Response {
        var response = JSONResponse.make(
            GoogleAPIError(.unauthorized, reason: "authError", message: message).json,
            status: .unauthorized)
        // RFC 6750 §3: tell the client which scheme, and why when a token was sent.
        response.headers[.wwwAuthenticate] =
            error.map { "Bearer realm=\"https://accounts.google.com/\", error=\"\($0)\"" }
            ?? "Bearer realm=\"https://accounts.google.com/\""
        return response
    }
}
