import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Logging
import PubSubClient
import WarehouseClient

extension SinkCommandSettings {
    /// The production clients, authenticated as `BigQueryOptions` authenticates: a service-account
    /// key (GOOGLE_APPLICATION_CREDENTIALS) or the metadata server; none for an emulator. Each
    /// client decides by its own endpoint, so one emulated API does not strip the other's credentials.
    /// Neither retries on its own: the Sink's backoff and retry budget see every attempt.
    func makeClients(logger: Logger, environment: [String: String]) -> (pubSub: PubSubClient, bigQuery: BigQueryClient) {
        func credentials(_ scope: String, emulated: Bool) -> DefaultCredentialProvider {
            DefaultCredentialProvider(
                configuration: .init(scopes: [scope], emulatorHostVariables: [], talksToEmulator: emulated), httpClient: .shared,
                environment: environment)
        }
        let pubSub = PubSubClient(
            httpClient: .shared, projectId: projectId, endpoint: pubSubEndpoint,
            credentials: credentials(GoogleScopes.pubSub, emulated: pubSubEndpoint.isEmulator), retryPolicy: .none,
            logger: logger)
        let bigQuery = BigQueryClient(
            httpClient: .shared, projectId: projectId, endpoint: bigQueryEndpoint,
            credentials: credentials(GoogleScopes.bigQuery, emulated: bigQueryEndpoint.isEmulator), retryPolicy: .none,
            logger: logger)
        return (pubSub, bigQuery)
    }
}
