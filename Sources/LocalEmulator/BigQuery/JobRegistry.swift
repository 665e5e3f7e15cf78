import Foundation
import Synchronization
import WarehouseSchema
import WireJSON

/// Finished query jobs by project and id, oldest evicted first past `capacity`.
///
/// Result rows are what costs memory (a 200,000-row `SELECT *` holds ~90 MB), so they are kept apart,
/// within `maxRetainedBytes` in all, the oldest dropped first. A job whose rows were dropped keeps its
/// metadata; a page of its results runs its query again (see `BigQueryAPI.rows(of:)`).
final class JobRegistry: Sendable {
    private struct RetainedRows {
        var rows: [[BigQueryValue]]
        var bytes: Int
        /// Which retention this is, so a stale entry in `rowOrder` never drops a newer one.
        var serial: Int
    }

    private struct State {
        /// Jobs without their rows.
        var jobs: [String: QueryJob] = [:]
        /// Finished jobs that are not queries (copies), in `order` with the query jobs.
        var tableJobs: [String: TableJob] = [:]
        var order: [String] = []
        var rows: [String: RetainedRows] = [:]
        /// Retentions, oldest first.
        var rowOrder: [(key: String, serial: Int)] = []
        var retainedBytes = 0
        var serials = 0
        /// Jobs still running, and failed ones (for their error), oldest first past `capacity`.
        var runs: [String: QueryRun] = [:]
        var runOrder: [String] = []

        mutating func append(_ key: String, capacity: Int) {
            order.append(key)
            if order.count > capacity {
                let evicted = order.removeFirst()
                jobs[evicted] = nil
                tableJobs[evicted] = nil
                dropRows(evicted)
            }
        }

        mutating func dropRows(_ key: String) {
            guard let dropped = rows.removeValue(forKey: key) else { return }
            retainedBytes -= dropped.bytes
        }
    }

    private let state = Mutex(State())
    let capacity: Int
    let maxRetainedBytes: Int

    init(capacity: Int = 2000, maxRetainedBytes: Int = EmulatorConfiguration.defaultMaxRetainedResultBytes) {
        self.capacity = capacity
        self.maxRetainedBytes = maxRetainedBytes
    }

    static func newJobId() -> String {
        "job_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24)
    }

    private static func key(_ project: String, _ jobId: String) -> String { "\(project)/\(jobId)" }

    /// Registers a finished job and keeps its rows if they fit the budget.
    func add(_ job: QueryJob) throws {
        let key = Self.key(job.project, job.jobId)
        var stripped = job
        stripped.result.rows = []
        try state.withLock { state in
            if state.jobs[key] != nil || state.tableJobs[key] != nil {
                throw GoogleAPIError.conflict("Already Exists: Job \(job.project):US.\(job.jobId)")
            }
            state.jobs[key] = stripped
            state.append(key, capacity: capacity)
        }
        retain(job.result.rows, project: job.project, jobId: job.jobId)
    }

    /// Registers a finished job that is not a query; its id must be new, as a query job's must.
    func add(_ job: TableJob) throws {
        let key = Self.key(job.project, job.jobId)
        try state.withLock { state in
            if state.jobs[key] != nil || state.tableJobs[key] != nil || state.runs[key] != nil {
                throw GoogleAPIError.conflict("Already Exists: Job \(job.project):US.\(job.jobId)")
            }
            state.tableJobs[key] = job
            state.append(key, capacity: capacity)
        }
    }

    /// The finished job that is not a query, if `jobId` names one.
    func tableJob(project: String, jobId: String) -> TableJob? {
        state.withLock { $0.tableJobs[Self.key(project, jobId)] }
    }

    /// Every finished job's resource, query or not, newest first.
    func resources(project: String) -> [JSONValue] {
        let jobs = state.withLock { state in
            state.order.reversed().compactMap { key -> Either? in
                if let job = state.jobs[key] { return .query(job) }
                return state.tableJobs[key].map { .table($0) }
            }
        }
        return jobs.compactMap { job in
            switch job {
            case .query(let job): job.project == project ? job.resource() : nil
            case .table(let job): job.project == project ? job.resource : nil
            }
        }
    }

    private enum Either {
        case query(QueryJob)
        case table(TableJob)
    }

    /// Keeps `rows` as the job's results, dropping the oldest retained rows until all fit the budget.
    /// Rows larger than the whole budget are not kept at all.
    func retain(_ rows: [[BigQueryValue]], project: String, jobId: String) {
        let key = Self.key(project, jobId)
        let bytes = ResultSize.bytes(of: rows)
        guard bytes <= maxRetainedBytes else { return }
        state.withLock { state in
            guard state.jobs[key] != nil else { return }
            state.dropRows(key)
            while state.retainedBytes + bytes > maxRetainedBytes, !state.rowOrder.isEmpty {
                let oldest = state.rowOrder.removeFirst()
                if state.rows[oldest.key]?.serial == oldest.serial { state.dropRows(oldest.key) }
            }
            state.serials += 1
            state.rows[key] = RetainedRows(rows: rows, bytes: bytes, serial: state.serials)
            state.rowOrder.append((key, state.serials))
            state.retainedBytes += bytes
            // Stale entries (rows dropped or retained again since) would otherwise pile up.
            if state.rowOrder.count > 2 * max(state.rows.count, 16) {
                state.rowOrder.removeAll { state.rows[$0.key]?.serial != $0.serial }
            }
        }
    }

    /// Registers a job that has started; `add` registers it again once it has finished well.
    func start(_ run: QueryRun) throws {
        let key = Self.key(run.project, run.jobId)
        try state.withLock { state in
            if state.jobs[key] != nil || state.tableJobs[key] != nil || state.runs[key] != nil {
                throw GoogleAPIError.conflict("Already Exists: Job \(run.project):US.\(run.jobId)")
            }
            state.runs[key] = run
            state.runOrder.append(key)
            if state.runOrder.count > capacity { state.runs[state.runOrder.removeFirst()] = nil }
        }
    }

    /// A finished job stays known as a `QueryJob` only; a failed one stays as its run.
    func finished(_ run: QueryRun) {
        guard case .success = run.outcome else { return }
        let key = Self.key(run.project, run.jobId)
        state.withLock { state in
            state.runs[key] = nil
            state.runOrder.removeAll { $0 == key }
        }
    }

    /// The run of a job that is running or failed; nil once it finished well (or was never started).
    func run(project: String, jobId: String) -> QueryRun? {
        state.withLock { $0.runs[Self.key(project, jobId)] }
    }

    /// The job, without its rows (see `rows(project:jobId:)`).
    func job(project: String, jobId: String) throws -> QueryJob {
        guard let job = state.withLock({ $0.jobs[Self.key(project, jobId)] }) else {
            throw GoogleAPIError.notFound("Not found: Job \(project):US.\(jobId)")
        }
        return job
    }

    /// The job's result rows, or nil when they were dropped to stay within the budget.
    func rows(project: String, jobId: String) -> [[BigQueryValue]]? {
        state.withLock { $0.rows[Self.key(project, jobId)]?.rows }
    }

    /// Estimated bytes of every retained row, never above `maxRetainedBytes`.
    var retainedBytes: Int { state.withLock { $0.retainedBytes } }

    /// The project's jobs that are running or failed, oldest first.
    func runs(project: String) -> [QueryRun] {
        state.withLock { state in state.runOrder.compactMap { state.runs[$0] }.filter { $0.project == project } }
    }

    /// The project's finished jobs that are not queries, newest first.
    func tableJobs(project: String) -> [TableJob] {
        state.withLock { state in state.order.reversed().compactMap { state.tableJobs[$0] }.filter { $0.project == project } }
    }

    func list(project: String) -> [QueryJob] {
        state.withLock { state in state.order.reversed().compactMap { state.jobs[$0] }.filter { $0.project == project } }
    }
}
