import WireJSON

/// The type of a query parameter: a scalar, an ARRAY of a type, or a STRUCT.
public indirect enum ParameterType: Sendable, Hashable {
    case scalar(FieldType)
    case array(ParameterType)
    case structure([(name: String?, type: ParameterType)])

    public static func == (lhs: ParameterType, rhs: ParameterType) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.structure(let a), .structure(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.type == $1.type }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .scalar(let type): hasher.combine(type)
        case .array(let element): hasher.combine(element)
        case .structure(let fields):
            for field in fields {
                hasher.combine(field.name)
                hasher.combine(field.type)
            }
        }
    }
}

/// One `queryParameters[]` entry of a query request, already typed and converted.
public struct QueryParameter: Sendable, Hashable {
    /// Nil for positional (`?`) parameters.
    public var name: String?
    public var type: ParameterType
    public var value: BigQueryValue

    public init(name: String?, type: ParameterType, value: BigQueryValue) {
        self.name = name
        self.type = type
        self.value = value
    }
}
