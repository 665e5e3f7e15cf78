import Foundation
import WireJSON

/// A finished job that is not a query (a copy or a load): its REST resource, as jobs.get and
/// jobs.list answer it, and what INFORMATION_SCHEMA.JOBS lists of it.
struct TableJob: Sendable {
    /// How the job ended: a failed job is kept with its error, as BigQuery keeps it.
    enum Outcome {
        case succeeded
        /// Succeeded, with problems it met on the way (a load's skipped bad records).
        case succeededWith(errors: [JSONValue])
        case failed(GoogleAPIError)
        /// Failed with a result of its own and every problem behind it (a load's bad records).
        case failedWith(reason: String, message: String, errors: [JSONValue])
    }

    let project: String
    let jobId: String
    let resource: JSONValue
    /// `COPY` or `LOAD`.
    let jobType: String
    let userEmail: String
    let created: Date
    let finished: Date
    let sources: [BigQueryStore.TableKey]
    let destination: BigQueryStore.TableKey
    /// The reason and message of its failure, nil when it succeeded.
    let error: (reason: String, message: String)?

    /// The record of a job that ends now. `statistics` holds the job type's own member
    /// (`copy`, `load`); the times are added here.
    init(
        project: String, jobId: String, jobType: String, configuration: JSONObject, statistics: JSONObject, outcome: Outcome,
        userEmail: String, created: Date, sources: [BigQueryStore.TableKey], destination: BigQueryStore.TableKey
    ) {
        let finished = Date()
        var status: JSONObject = ["state": "DONE"]
        switch outcome {
        case .succeeded:
            error = nil
        case .succeededWith(let errors):
            status["errors"] = .array(errors)
            error = nil
        case .failed(let failure):
            let detail: JSONValue = ["reason": .string(failure.reason), "message": .string(failure.message)]
            status["errorResult"] = detail
            status["errors"] = [detail]
            error = (failure.reason, failure.message)
        case .failedWith(let reason, let message, let errors):
            let detail: JSONValue = ["reason": .string(reason), "message": .string(message)]
            status["errorResult"] = detail
            status["errors"] = .array([detail] + errors)
            error = (reason, message)
        }
        var times = statistics
        times["creationTime"] = JobConfiguration.millis(created)
        times["startTime"] = JobConfiguration.millis(created)
        times["endTime"] = JobConfiguration.millis(finished)
        resource = [
            "kind": "bigquery#job", "etag": .string(jobId), "id": .string("\(project):US.\(jobId)"),
            "jobReference": QueryJob.reference(project: project, jobId: jobId),
            "configuration": .object(["jobType": .string(jobType), jobType.lowercased(): .object(configuration)]),
            "status": .object(status), "statistics": .object(times), "user_email": .string(userEmail),
        ]
        self.project = project
        self.jobId = jobId
        self.jobType = jobType
        self.userEmail = userEmail
        self.created = created
        self.finished = finished
        self.sources = sources
        self.destination = destination
    }
}
