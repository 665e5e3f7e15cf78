import Logging

/// Text lines for a person at a terminal, exactly as swift-log's stream handler writes them to standard
/// error, with one difference: the metadata is rendered when a line is written, not each time a value
/// is set. Hummingbird sets a request id on every request's logger, and the stream handler re-renders
/// all of its metadata on every set: 2–3% of an API request's CPU at a level that writes no line.
struct TextLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, logLevel: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // Only here, for a line that is written, does the stream handler render the metadata.
        var stream = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
        stream.logLevel = logLevel
        stream.metadata = metadata
        stream.log(event: event)
    }
}
