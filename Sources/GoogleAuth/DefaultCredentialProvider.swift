import AsyncHTTPClient
import Foundation
import Logging

/// Application Default Credentials, in the order Google's libraries look:
///
/// 1. `GOOGLE_APPLICATION_CREDENTIALS`: the service-account key file it names (the emulator issues
///    these too, with its own `token_uri`, for `--require-auth`);
/// 2. an emulator: when an `*_EMULATOR_HOST` variable is set, or the caller says it talks to one
///    (`Configuration.talksToEmulator`), and no key file is named: no credentials;
/// 3. the metadata server: when on Cloud Run (`K_SERVICE`), when `GCE_METADATA_HOST` is set, or
///    when the metadata server answers a short probe;
/// 4. otherwise `GoogleAuthError.noCredentialsFound`.
///
/// The choice is made once, on first use, however many callers arrive together; the chosen
/// provider is wrapped in a `CachingCredentialProvider`. A failed choice is retried next call.
public actor DefaultCredentialProvider: CredentialProvider {
    public struct Configuration: Sendable {
        /// OAuth2 scopes for key-file and metadata tokens.
        public var scopes: [String]
        /// Use self-signed JWTs for this audience instead of token exchange (key files only).
        public var selfSignedJWTAudience: String?
        /// Variables that, when set, mean "talking to an emulator".
        public var emulatorHostVariables: [String]
        /// The caller was pointed at an emulator some other way (a command-line endpoint, say).
        public var talksToEmulator: Bool
        /// Probe the metadata server when nothing says we are on Google Cloud.
        public var probeMetadataServer: Bool
        /// How long before expiry cached tokens are refreshed.
        public var refreshAhead: Duration

        public init(
            scopes: [String] = [GoogleScopes.cloudPlatform], selfSignedJWTAudience: String? = nil,
            emulatorHostVariables: [String] = ["BIGQUERY_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST"],
            talksToEmulator: Bool = false, probeMetadataServer: Bool = true, refreshAhead: Duration = .seconds(300)
        ) {
            self.scopes = scopes
            self.selfSignedJWTAudience = selfSignedJWTAudience
            self.emulatorHostVariables = emulatorHostVariables
            self.talksToEmulator = talksToEmulator
            self.probeMetadataServer = probeMetadataServer
            self.refreshAhead = refreshAhead
        }
    }

    public nonisolated let configuration: Configuration
    private let environment: [String: String]
    private let httpClient: HTTPClient
    private let clock: any WallClock
    private var selection: Task<any CredentialProvider, any Error>?

    public init(
        configuration: Configuration = .init(), httpClient: HTTPClient,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WallClock = SystemWallClock()
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.environment = environment
        self.clock = clock
    }

    public func accessToken(logger: Logger) async throws -> AccessToken? {
        try await selectedProvider(logger: logger).accessToken(logger: logger)
    }

    /// Invalidates the cached token of the chosen provider (the choice itself stays).
    public func invalidate() async {
        guard let selection, let provider = try? await selection.value else { return }
        await provider.invalidate()
    }

    /// The provider this chain settled on (choosing it if not done yet).
    public func selectedProvider(logger: Logger) async throws -> any CredentialProvider {
        if let selection { return try await selection.value }
        let task = Task<any CredentialProvider, any Error> {
            do {
                let provider = try await Self.select(
                    configuration: configuration, environment: environment,
                    httpClient: httpClient, clock: clock, logger: logger)
                logger.info("Google credentials selected", metadata: ["provider": .string(provider.description)])
                return provider
            } catch {
                self.selection = nil
                throw error
            }
        }
        selection = task
        return try await task.value
    }

    static func select(
        configuration options: Configuration, environment: [String: String], httpClient: HTTPClient,
        clock: any WallClock, logger: Logger
    ) async throws -> any CredentialProvider {
        let cache = { (source: any CredentialProvider) in
            CachingCredentialProvider(wrapping: source, clock: clock, refreshAhead: options.refreshAhead)
        }
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            let key = try ServiceAccountKey(contentsOfFile: path)
            let mode: ServiceAccountCredentialProvider.Mode = options.selfSignedJWTAudience.map { .selfSignedJWT(audience: $0) } ?? .tokenExchange
            return cache(
                try ServiceAccountCredentialProvider(
                    key: key, scopes: options.scopes, mode: mode,
                    httpClient: httpClient, clock: clock))
        }
        if options.talksToEmulator || options.emulatorHostVariables.contains(where: { !(environment[$0] ?? "").isEmpty }) {
            return NoCredentialProvider()
        }
        let metadata = MetadataServerCredentialProvider(
            host: MetadataServerCredentialProvider.host(environment: environment),
            scopes: options.scopes, httpClient: httpClient, clock: clock)
        let onGoogleCloud = environment["K_SERVICE"] != nil || environment["GCE_METADATA_HOST"] != nil
        if onGoogleCloud {
            return cache(metadata)
        }
        if options.probeMetadataServer, await metadata.isAvailable(logger: logger) {
            return cache(metadata)
        }
        throw GoogleAuthError.noCredentialsFound
    }

    public nonisolated var description: String { "DefaultCredentialProvider" }
}

/// OAuth2 scopes of the APIs this project calls.
public enum GoogleScopes {
    public static let cloudPlatform = "https://www.googleapis.com/auth/cloud-platform"
    public static let bigQuery = "https://www.googleapis.com/auth/bigquery"
    public static let bigQueryInsertData = "https://www.googleapis.com/auth/bigquery.insertdata"
    public static let pubSub = "https://www.googleapis.com/auth/pubsub"
}
