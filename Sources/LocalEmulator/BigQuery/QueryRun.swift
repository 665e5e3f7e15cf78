import Foundation
import Synchronization
import WireJSON

/// A query job between its start and its end, for the calls that come while it runs: jobs.query and
/// getQueryResults wait for it up to their `timeoutMs`, then answer `jobComplete: false` while it goes on.
final class QueryRun: Sendable {
    typealias Outcome = Result<QueryJob, GoogleAPIError>

    private struct State {
        var outcome: Outcome?
        var waiters: [Int: CheckedContinuation<Outcome?, Never>] = [:]
        /// Waiters cancelled before they were registered.
        var cancelled: Set<Int> = []
        var nextWaiter = 0
    }

    let project: String
    let jobId: String
    let request: QueryRequest
    let created: Date
    private let state = Mutex(State())

    init(project: String, jobId: String, request: QueryRequest, created: Date) {
        self.project = project
        self.jobId = jobId
        self.request = request
        self.created = created
    }

    var outcome: Outcome? { state.withLock { $0.outcome } }

    /// jobs.get's answer while the job runs (RUNNING) or after it failed (DONE with its error); nil once it
    /// finished well, when the `QueryJob` answers instead.
    func resource() -> JSONValue? {
        var status: JSONObject = ["state": "RUNNING"]
        switch outcome {
        case .success: return nil
        case .failure(let error):
            let detail: JSONValue = ["reason": .string(error.reason), "message": .string(error.message)]
            status = ["state": "DONE", "errorResult": detail, "errors": [detail]]
        case nil: break
        }
        let millis = JSONValue.string(String(Int64(created.timeIntervalSince1970 * 1000)))
        return [
            "kind": "bigquery#job", "id": .string("\(project):US.\(jobId)"),
            "jobReference": QueryJob.reference(project: project, jobId: jobId),
            "configuration": request.jobConfiguration,
            "status": .object(status),
            "statistics": ["creationTime": millis, "startTime": millis],
        ]
    }

    /// Records how the job ended and wakes everyone waiting for it.
    func finish(_ outcome: Outcome) {
        let waiters = state.withLock { state -> [CheckedContinuation<Outcome?, Never>] in
            state.outcome = outcome
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: outcome) }
    }

    /// The outcome once the job ends, or nil if it is still running after `timeout`.
    func wait(upTo timeout: Duration) async -> Outcome? {
        if let outcome { return outcome }
        guard timeout > .zero else { return nil }
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await self.waitForEnd() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? outcome
        }
    }

    /// Waits for `finish`; returns nil at once when the waiting task is cancelled.
    private func waitForEnd() async -> Outcome? {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome?, Never>) in
                let resumeNow: Outcome?? = state.withLock { state in
                    if let outcome = state.outcome { return .some(outcome) }
                    if state.cancelled.remove(id) != nil { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Outcome?, Never>? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                state.cancelled.insert(id)
                return nil
            }
            waiter?.resume(returning: nil)
        }
    }
}
