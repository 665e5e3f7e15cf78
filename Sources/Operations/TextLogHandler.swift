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
        // Merged in the stream handler's order (the logger's, the provider's, the line's own) and handed
        // to it as the line's metadata, so it renders them once, only for a line that is written.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        var event = event
        event.metadata = merged.isEmpty ? nil : merged
        var stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = logLevel
        stream.log(event: event)
    }
}
