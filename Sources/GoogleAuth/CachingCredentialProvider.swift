import Foundation
import Logging

/// Keeps the token of another provider and refreshes it ahead of expiry, one refresh at a time.
///
/// - Fresh (more than `refreshAhead` before expiry): returned as is.
/// - In the refresh window but still usable for `minimumValidity`: returned as is while one
///   background refresh runs, so callers never wait on a token that still works.
/// - Missing, expired or about to expire: callers wait, all on the same single refresh.
///
/// A failed refresh is reported to the callers that waited on it and is not cached: the next
/// call tries again. A caller being cancelled does not cancel the refresh others share.
public actor CachingCredentialProvider: CredentialProvider {
    public nonisolated let source: any CredentialProvider
    private let clock: any WallClock
    private let refreshAhead: Duration
    private let minimumValidity: Duration
    private var cached: AccessToken?
    private var refreshing: Task<AccessToken?, any Error>?

    /// - Parameters:
    ///   - refreshAhead: how long before expiry a refresh starts (Google's libraries use minutes).
    ///   - minimumValidity: a token closer than this to expiry is not handed out; the caller waits.
    public init(
        wrapping source: any CredentialProvider, clock: any WallClock = SystemWallClock(),
        refreshAhead: Duration = .seconds(300), minimumValidity: Duration = .seconds(30)
    ) {
        self.source = source
        self.clock = clock
        self.refreshAhead = refreshAhead
        self.minimumValidity = min(minimumValidity, refreshAhead)
    }

    public func accessToken(logger: Logger) async throws -> AccessToken? {
        if let cached {
            // A token without an expiry never needs refreshing.
            guard let expiresAt = cached.expiresAt else { return cached }
            let remaining = Duration.between(clock.now, expiresAt)
            if remaining > refreshAhead { return cached }
            if remaining > minimumValidity {
                _ = refresh(logger: logger)
                return cached
            }
        }
        return try await refresh(logger: logger).value
    }

    /// Drops the cached token, e.g. after the server rejected it with 401.
    public func invalidate() {
        cached = nil
    }

    /// The refresh in flight, or a new one. Runs on this actor, so two callers can never both
    /// see "none in flight": the check and the store happen without a suspension between them.
    private func refresh(logger: Logger) -> Task<AccessToken?, any Error> {
        if let refreshing { return refreshing }
        let task = Task<AccessToken?, any Error> {
            defer { self.refreshing = nil }
            do {
                let token = try await source.accessToken(logger: logger)
                self.cached = token
                logger.debug(
                    "Access token refreshed",
                    metadata: [
                        "provider": .string(source.description),
                        "expires_at": .string(token?.expiresAt.map { "\($0)" } ?? "never"),
                    ])
                return token
            } catch {
                logger.warning(
                    "Access token refresh failed",
                    metadata: [
                        "provider": .string(source.description), "error": .string("\(error)"),
                    ])
                throw error
            }
        }
        refreshing = task
        return task
    }

    public nonisolated var description: String { "CachingCredentialProvider(\(source.description))" }
}
