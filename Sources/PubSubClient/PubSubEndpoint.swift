import Foundation

/// Where the Pub/Sub API is: Google's, or an emulator named by `PUBSUB_EMULATOR_HOST` (host:port, plain HTTP).
public struct PubSubEndpoint: Sendable, Hashable {
    /// Scheme, host and port, without a trailing slash: `https://pubsub.googleapis.com`.
    public var baseURL: String
    /// True for an emulator, which needs no credentials.
    public var isEmulator: Bool

    public init(baseURL: String, isEmulator: Bool) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.isEmulator = isEmulator
    }

    public static let google = PubSubEndpoint(baseURL: "https://pubsub.googleapis.com", isEmulator: false)

    public static func emulator(host: String) -> PubSubEndpoint {
        PubSubEndpoint(baseURL: host.contains("://") ? host : "http://\(host)", isEmulator: true)
    }

    /// The emulator when `PUBSUB_EMULATOR_HOST` is set (as Google's client libraries read it), else Google.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PubSubEndpoint {
        if let host = environment["PUBSUB_EMULATOR_HOST"]?.trimmingCharacters(in: .whitespaces), !host.isEmpty {
            return .emulator(host: host)
        }
        return .google
    }
}
