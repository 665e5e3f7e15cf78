/// A configuration the API refuses to start with.
public struct APIConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalid
        case keys
    }

    private let code: Code
    public let message: String

    private init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    static func invalid(_ message: String) -> Self { .init(code: .invalid, message: message) }
    static func keys(_ message: String) -> Self { .init(code: .keys, message: message) }

    /// The API keys given could not be read (bad syntax, unknown scope, unreadable file).
    public var isAboutKeys: Bool { code == .keys }

    public var description: String { "API configuration: \(message)" }
}
