import Foundation
import PubSubClient
import WarehouseSchema

/// Everything the API needs to run, with the defaults an operator would pick.
///
/// Only where events go and come from has no default (`topic`, `dataset`, `table`, `table`'s
/// definition), and who may call it (`authentication`): an API without keys must be asked for
/// explicitly with `.disabled`.
public struct APIConfiguration: Sendable {
    /// Address to listen on; loopback unless told otherwise.
    public var host: String
    /// Port to listen on; 0 picks a free one.
    public var port: Int
    /// The Pub/Sub topic `/ingestData` publishes to.
    public var topic: String
    /// The BigQuery dataset and table `/getData` reads.
    public var dataset: String
    public var table: String
    /// The table's schema (`schemas/events.json`): events are validated against it.
    public var definition: TableDefinition
    public var authentication: APIAuthentication
    /// What an event with a field the schema does not have gets: refused (400) by default.
    public var unknownFields: IngestUnknownFieldPolicy
    public var ingest: IngestLimits
    public var read: ReadLimits
    public var cache: ReadCacheConfiguration
    public var rateLimit: RateLimit
    /// Bounds on one request: its headers, and the time from its arrival to its answer.
    public var maxHeaderBytes: Int
    public var requestTimeout: Duration
    /// A connection idle this long is closed.
    public var idleTimeout: Duration
    /// How long a `/readyz` answer is reused, so probes do not hammer Pub/Sub and BigQuery.
    public var readinessCacheTTL: Duration
    /// What `Retry-After` says when Pub/Sub or BigQuery cannot take a request.
    public var unavailableRetryAfter: Duration
    /// How the publisher batches messages.
    public var publisher: PubSubPublisher.Configuration
    /// Origins a browser may call from; empty (the default) sends no CORS headers at all.
    public var corsAllowedOrigins: [String]
    /// The Prometheus exposition `/metrics` serves; nil answers 404 (the process exports no metrics).
    public var renderMetrics: (@Sendable () -> String)?

    public init(
        topic: String, dataset: String, table: String, definition: TableDefinition, authentication: APIAuthentication,
        host: String = "127.0.0.1", port: Int = 8080
    ) {
        self.host = host
        self.port = port
        self.topic = topic
        self.dataset = dataset
        self.table = table
        self.definition = definition
        self.authentication = authentication
        unknownFields = .refuse
        ingest = IngestLimits()
        read = ReadLimits()
        cache = ReadCacheConfiguration()
        rateLimit = RateLimit()
        maxHeaderBytes = 16 * 1024
        requestTimeout = .seconds(30)
        idleTimeout = .seconds(60)
        readinessCacheTTL = .seconds(5)
        unavailableRetryAfter = .seconds(2)
        publisher = PubSubPublisher.Configuration()
        corsAllowedOrigins = []
        renderMetrics = nil
    }

    /// Checks what a typo would otherwise turn into a failure later, under load.
    public func validate() throws(APIConfigurationError) {
        guard (0...65535).contains(port) else { throw .invalid("port \(port) is not 0-65535") }
        guard Self.isIdentifier(dataset, extra: "") else { throw .invalid("dataset \"\(dataset)\" is not a BigQuery dataset id") }
        guard Self.isIdentifier(table, extra: "-") else { throw .invalid("table \"\(table)\" is not a BigQuery table id") }
        guard !topic.isEmpty else { throw .invalid("no topic") }
        for column in EventsQuery.requiredColumns where !definition.schema.fields.contains(where: { $0.name == column }) {
            throw .invalid("the table schema has no \(column) column, which /getData reads")
        }
        for field in definition.schema.fields where !Self.isIdentifier(field.name, extra: "") {
            throw .invalid("schema field \"\(field.name)\" is not a column name")
        }
        guard ingest.maxEvents >= 1, ingest.maxBodyBytes >= 1 else { throw .invalid("ingest limits must be at least 1") }
        // A request's events are published in one Pub/Sub request, all or none (see `IngestRoute`).
        guard ingest.maxEvents <= IngestLimits.largestMaxEvents, ingest.maxBodyBytes <= IngestLimits.largestMaxBodyBytes else {
            throw .invalid(
                "ingest limits: at most \(IngestLimits.largestMaxEvents) events and \(IngestLimits.largestMaxBodyBytes) bytes, "
                    + "what one Pub/Sub publish request carries (a request's events are published together, all or none)")
        }
        guard read.maxLimit >= 1, (1...read.maxLimit).contains(read.defaultLimit) else {
            throw .invalid("read limits: default \(read.defaultLimit) must be within 1...\(read.maxLimit)")
        }
        guard read.defaultWindow > .zero, read.defaultWindow <= read.maxWindow else {
            throw .invalid("read window: the default must be positive and at most the maximum")
        }
        guard rateLimit.requestsPerSecond > 0, rateLimit.burst >= 1 else { throw .invalid("rate limit must be positive") }
        guard maxHeaderBytes >= 1024 else { throw .invalid("header limit must be at least 1 KiB") }
        guard requestTimeout > .zero else { throw .invalid("request timeout must be positive") }
        if case .apiKeys(let keys) = authentication, keys.isEmpty {
            throw .invalid("no API keys: give keys, or turn authentication off explicitly")
        }
    }

    /// BigQuery ids as the SQL template may name them: letters, digits, underscore (and `extra`).
    static func isIdentifier(_ text: String, extra: String) -> Bool {
        !text.isEmpty && text.count <= 1024
            && text.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || extra.unicodeScalars.contains($0)
            }
    }
}

/// What `/ingestData` accepts in one request.
public struct IngestLimits: Sendable, Hashable {
    public var maxEvents: Int
    public var maxBodyBytes: Int
    /// The most bytes of ingest bodies read, validated and published at once (by `Content-Length`,
    /// or 64 KiB for a chunked body, which declares none); more requests wait their turn, unread, so the
    /// API's memory is set by this and not by how many producers send at once. Processing takes some
    /// twenty times a body's size.
    public var maxBytesInFlight: Int

    /// The most `maxEvents` and `maxBodyBytes` may be: a request's events must fit in one Pub/Sub publish
    /// request (1000 messages, 10 MB, their data base64-encoded), so that it is published whole or not at all.
    public static let largestMaxEvents = 1000
    public static let largestMaxBodyBytes = 6 << 20

    public init(maxEvents: Int = 500, maxBodyBytes: Int = 1 << 20, maxBytesInFlight: Int = 1 << 20) {
        self.maxEvents = maxEvents
        self.maxBodyBytes = maxBodyBytes
        self.maxBytesInFlight = maxBytesInFlight
    }
}

/// What `/getData` allows.
public struct ReadLimits: Sendable, Hashable {
    public var defaultLimit: Int
    public var maxLimit: Int
    /// The window read when `from` and `to` are not given: the last `defaultWindow`.
    public var defaultWindow: Duration
    /// The widest window one read may span, so every read prunes partitions.
    public var maxWindow: Duration
    /// How long one BigQuery query may take before the read answers 503.
    public var queryTimeout: Duration

    public init(
        defaultLimit: Int = 10, maxLimit: Int = 1000, defaultWindow: Duration = .seconds(86_400),
        maxWindow: Duration = .seconds(31 * 86_400), queryTimeout: Duration = .seconds(20)
    ) {
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
        self.defaultWindow = defaultWindow
        self.maxWindow = maxWindow
        self.queryTimeout = queryTimeout
    }
}

/// What an event with a field the table does not have gets.
public enum IngestUnknownFieldPolicy: String, Sendable, Hashable, CaseIterable {
    /// 400: the producer hears about its typo at once.
    case refuse
    /// Accepted and published as sent; the Sink decides what to keep.
    case ignore
}
