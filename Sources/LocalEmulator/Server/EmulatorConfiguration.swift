import Foundation
import GoogleAuth

/// How a `LocalEmulator` is set up. The defaults suit tests: loopback, an ephemeral port, in memory.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind; loopback unless told otherwise.
    public var host: String
    /// Port to bind; 0 picks a free one (see `LocalEmulator.boundPort`).
    public var port: Int
    /// SQLite file holding every dataset, table, topic and message; without one, `transientStorage`
    /// says where the data lives while the emulator runs.
    public var databasePath: String?
    /// Where the data lives without `databasePath`. Memory, the default, suits tests; the command
    /// line takes a temporary file, so a long query does not hold up other calls.
    public var transientStorage = TransientStorage.memory
    /// Largest request body accepted, in bytes. BigQuery's insertAll limit is 10 MB.
    public var maxRequestBytes: Int
    /// Most bytes of request bodies read at once, every request together. A body is read only once
    /// its declared length (or, without one, the most its route takes) fits beside the others;
    /// until then it stays in the client's socket, so clients that send large bodies slowly, or
    /// never finish them, cannot make the emulator hold more than this. Requests without a body
    /// never wait. A body larger than this is read when it is alone.
    public var maxRequestBytesInFlight = 512 * 1024 * 1024
    /// Largest file a load job may upload (`load_table_from_file`, `bq load`), in bytes. The file and
    /// its rows are held in memory while the job runs.
    public var maxUploadBytes = 256 * 1024 * 1024
    /// How long an insertId is remembered for deduplication (BigQuery: at least one minute).
    public var insertIdRetention: Duration
    /// Wall-clock time as the emulator sees it (publish times, ack deadlines, insertId retention,
    /// query deadlines); tests inject a `ManualWallClock` instead of sleeping.
    public var clock: any WallClock
    /// When true, BigQuery and Pub/Sub calls need a bearer token of a service account issued by
    /// this emulator (see `AuthMiddleware`); when false nothing is checked.
    public var requireAuth: Bool
    /// The secret that opens admin calls (issuing keys, fault injection) when `requireAuth` is on;
    /// nil makes the emulator generate a random one (`LocalEmulator.adminToken`). Unused without
    /// `requireAuth`: admin calls are then open, as everything else is.
    public var adminToken: String?
    /// How long a connection may go without receiving anything (no request yet, or a request whose
    /// head or body stopped arriving) before the server closes it. Keeps a client that announces
    /// more body than it sends, or says `Expect: 100-continue` and goes quiet, from holding a
    /// connection forever.
    public var idleTimeout: Duration
    /// The longest a request may take to arrive, head to last body byte, however steadily it
    /// trickles in; past it the connection is closed.
    public var requestReadTimeout: Duration
    /// The emulated Pub/Sub's own settings (see `PubSubEmulatorConfiguration`).
    public var pubSub = PubSubEmulatorConfiguration()
    /// Most memory, estimated, that finished queries' result rows may hold for paging; the oldest are
    /// dropped first, and a page of a dropped result runs its query again (see `JobRegistry`).
    public var maxRetainedResultBytes = EmulatorConfiguration.defaultMaxRetainedResultBytes
    public static let defaultMaxRetainedResultBytes = 256 * 1024 * 1024
    /// Longest any query may run (BigQuery's ceiling is six hours); `jobTimeoutMs` can only shorten it.
    /// Measured with `clock`, so tests move time instead of waiting.
    public var maxQueryDuration: Duration = .seconds(300)
    /// Fault injection for tests: runs after a copy job has read its tables and before it writes,
    /// where another client's write may come between the two.
    var beforeCopyWrites: (@Sendable (BigQueryStore) async throws -> Void)?

    public init(
        host: String = "127.0.0.1", port: Int = 0, databasePath: String? = nil,
        maxRequestBytes: Int = 10 * 1024 * 1024, insertIdRetention: Duration = .seconds(600),
        clock: any WallClock = SystemWallClock(), requireAuth: Bool = false, adminToken: String? = nil,
        idleTimeout: Duration = .seconds(60), requestReadTimeout: Duration = .seconds(120)
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.maxRequestBytes = maxRequestBytes
        self.insertIdRetention = insertIdRetention
        self.clock = clock
        self.requireAuth = requireAuth
        self.adminToken = adminToken
        self.idleTimeout = idleTimeout
        self.requestReadTimeout = requestReadTimeout
    }
}

extension WallClock {
    /// Now in microseconds since the Unix epoch: the unit the emulator stores times in.
    var microsecondsSinceEpoch: Int64 { Int64((now.timeIntervalSince1970 * 1_000_000).rounded()) }
}

/// Where an emulator without a database file keeps its data until it stops.
public enum TransientStorage: Sendable {
    /// A WAL file in a private temporary directory, removed with the emulator: a query reads while
    /// other calls write and other queries read.
    case temporaryFile
    /// One in-memory SQLite connection: the cheapest to open, but every call waits for the one
    /// before it, so a long query holds up the rest until its time limit.
    case memory
}
