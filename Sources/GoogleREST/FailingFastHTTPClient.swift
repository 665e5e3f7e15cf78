import AsyncHTTPClient

extension HTTPClient.Configuration {
    /// For the clients of a server that answers its own callers within a time limit (the API): a
    /// Google API whose host refuses connections fails the attempt at once, and the client's retry
    /// policy decides what follows. AsyncHTTPClient's default (`HTTPClient.shared`'s too) keeps trying
    /// to connect until the request's deadline, which cost the API a whole request timeout per
    /// attempt when Pub/Sub or BigQuery was down: 30 s before an ingest's 503, 60 s before a read's.
    public static var failingFast: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }
}
