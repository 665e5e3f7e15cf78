/// Why a Sink cannot start or run: a wrong configuration, or a table that differs from the schema.
public struct SinkError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case configuration
        case tableDrift
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func configuration(_ message: String) -> SinkError { SinkError(.configuration, message) }
    public static func tableDrift(_ message: String) -> SinkError { SinkError(.tableDrift, message) }

    public var isConfiguration: Bool { code == .configuration }
    public var isTableDrift: Bool { code == .tableDrift }
    public var description: String { message }
}
