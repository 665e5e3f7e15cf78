import Hummingbird

/// Checks a request's `X-API-Key` for a scope, then takes a token from the caller's bucket.
struct Authorizer: Sendable {
    let authentication: APIAuthentication
    let rateLimiter: RateLimiter

    /// Throws 401 (no or unknown key), 403 (the key lacks `scope`) or 429 (over the rate limit).
    func admit(_ request: Request, context: APIRequestContext, scope: APIScope) throws(APIProblem) {
        let caller: String
        switch authentication {
        case .disabled:
            caller = "address:" + context.clientAddress
        case .apiKeys(let keys):
            guard let presented = request.headers[.apiKey], !presented.isEmpty else {
                throw APIProblem(status: .unauthorized, message: "send an API key in the X-API-Key header")
            }
            guard let key = keys.match(presented) else {
                // Failed guesses are rate-limited by address, so keys cannot be guessed at full speed.
                try take("address:" + context.clientAddress)
                throw APIProblem(status: .unauthorized, message: "the API key is not valid")
            }
            guard key.scopes.contains(scope) else {
                throw APIProblem(status: .forbidden, message: "the API key does not have the \(scope == .ingest ? "ingest" : "read") scope")
            }
            caller = key.name
        }
        try take(caller)
    }

    private func take(_ caller: String) throws(APIProblem) {
        if let wait = rateLimiter.take(caller) {
            throw APIProblem(status: .tooManyRequests, message: "rate limit exceeded; retry after the Retry-After delay", retryAfter: wait)
        }
    }
}
