import Foundation
import Logging
import WireJSON

/// A swift-log handler writing one JSON object per line in the shape Cloud Logging reads from a
/// container's output: `severity`, `message`, `time`, the logger's label under
/// `logging.googleapis.com/labels`, the metadata as plain fields (nested dictionaries and arrays as
/// JSON objects and arrays), and `logging.googleapis.com/trace` / `spanId` / `trace_sampled` when
/// the metadata carries a W3C `traceparent`.
public struct CloudLoggingLogHandler: LogHandler {
    /// The metadata key whose value, a W3C traceparent, becomes the line's trace.
    public static let traceParentKey = "traceparent"

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let projectId: String?
    private let includeSourceLocation: Bool
    private let output: LogOutput
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - projectId: the Google Cloud project, for `projects/P/traces/ID`.
    ///   - includeSourceLocation: adds `logging.googleapis.com/sourceLocation` (file, line, function).
    ///   - now: the time stamped on each line; tests pass a fixed one.
    public init(
        label: String, projectId: String? = nil, logLevel: Logger.Level = .info, includeSourceLocation: Bool = false,
        output: LogOutput = .standardOutput, metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.projectId = projectId
        self.logLevel = logLevel
        self.includeSourceLocation = includeSourceLocation
        self.output = output
        self.metadataProvider = metadataProvider
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        var line = entry(event, metadata: merged).encodedBytes()
        line.append(UInt8(ascii: "\n"))
        output.write(line)
    }

    /// The line's JSON object, before encoding.
    func entry(_ event: LogEvent, metadata: Logger.Metadata) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("severity", .string(CloudLoggingSeverity(event.level).rawValue)),
            ("message", .string(event.message.description)),
            ("time", .string(RFC3339Timestamp.format(now()))),
            ("logging.googleapis.com/labels", .object(["logger": .string(label)])),
        ]
        if let value = metadata[Self.traceParentKey], let trace = TraceParent(Self.text(value)) {
            members.append(("logging.googleapis.com/trace", .string(trace.cloudLoggingTrace(projectId: projectId))))
            members.append(("logging.googleapis.com/spanId", .string(trace.spanId)))
            members.append(("logging.googleapis.com/trace_sampled", .bool(trace.isSampled)))
        }
        if let error = event.error {
            members.append(("error", .string(String(describing: error))))
        }
        if includeSourceLocation {
            members.append(
                (
                    "logging.googleapis.com/sourceLocation",
                    .object(["file": .string(event.file), "line": .string(String(event.line)), "function": .string(event.function)])
                ))
        }
        let reserved = Set(members.map(\.key))
        for key in metadata.keys.sorted() {
            // A metadata key that would overwrite a field Cloud Logging reads is kept under a
            // prefix instead: it must neither be lost nor change the line's severity or message.
            let name = reserved.contains(key) || key.hasPrefix("logging.googleapis.com/") ? "metadata.\(key)" : key
            members.append((name, Self.json(metadata[key]!)))
        }
        return .object(JSONObject(members))
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let convertible): return .string(convertible.description)
        case .array(let elements): return .array(elements.map(json))
        case .dictionary(let dictionary):
            return .object(JSONObject(dictionary.keys.sorted().map { ($0, json(dictionary[$0]!)) }))
        }
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array, .dictionary: return ""
        }
    }
}
