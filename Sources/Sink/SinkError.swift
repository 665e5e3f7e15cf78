/// Why a Sink cannot start or run: a wrong configuration, or a table that differs from the schema.
public struct SinkError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case configuration
        case tableDrift
        /// The dataset or table could not be created or read for a reason retrying will not fix.
        case tableSetup
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func configuration(_ message: String) -> SinkError { SinkError(.configuration, message) }
    public static func tableDrift(_ message: String) -> SinkError { SinkError(.tableDrift, message) }

    public static func tableSetup(_ message: String) -> SinkError { SinkError(.tableSetup, message) }

    public var isConfiguration: Bool { code == .configuration }
    public var isTableDrift: Bool { code == .tableDrift }
    public var isTableSetup: Bool { code == .tableSetup }
    public var description: String { message }
}
