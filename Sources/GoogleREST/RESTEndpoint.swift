import Foundation

/// Where a Google REST API is: Google's own host, or an emulator named by an `*_EMULATOR_HOST`
/// variable (host:port, plain HTTP), as Google's client libraries read them.
public struct RESTEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Scheme, host and port, without a trailing slash: `https://bigquery.googleapis.com`.
    public var baseURL: String
    /// True for an emulator. Credentials are still sent when the provider has some, because an
    /// emulator may require them (`warehouse emulator --require-auth`).
    public var isEmulator: Bool

    public init(baseURL: String, isEmulator: Bool) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.isEmulator = isEmulator
    }

    /// `host:port` or a full URL.
    public static func emulator(host: String) -> RESTEndpoint {
        RESTEndpoint(baseURL: host.contains("://") ? host : "http://\(host)", isEmulator: true)
    }

    /// The emulator named by `variable` when it is set and not blank, else `google`.
    public static func fromEnvironment(
        variable: String, google: RESTEndpoint,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RESTEndpoint {
        if let host = environment[variable]?.trimmingCharacters(in: .whitespaces), !host.isEmpty {
            return .emulator(host: host)
        }
        return google
    }

    public var description: String { baseURL }
}
