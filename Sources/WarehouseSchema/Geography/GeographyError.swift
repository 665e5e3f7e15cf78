/// Why a text could not be read as a GEOGRAPHY, or a point could not be made.
public struct GeographyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }
    public init(message: String) { self.message = message }

    public var description: String { message }
}
