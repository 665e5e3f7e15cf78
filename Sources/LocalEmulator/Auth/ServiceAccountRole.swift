/// What an emulator service account may do when `requireAuth` is on.
///
/// - reader: read anything (GET), run queries (`POST .../queries`, `.../queries/...`,
///   `.../jobs`), and consume a subscription (`:pull`, `:acknowledge`, `:modifyAckDeadline`),
///   roughly BigQuery dataViewer + jobUser and Pub/Sub subscriber;
/// - writer: all of that plus inserting, creating, updating and deleting.
public enum ServiceAccountRole: String, Sendable, CaseIterable {
    case reader
    case writer

    func allows(method: String, path: String) -> Bool {
        switch self {
        case .writer: return true
        case .reader: return Self.isRead(method: method, path: path)
        }
    }

    /// Calls that change nothing a reader must not change.
    static func isRead(method: String, path: String) -> Bool {
        if method == "GET" || method == "HEAD" { return true }
        guard method == "POST" else { return false }
        if path.hasPrefix("/bigquery/v2/") {
            // projects/P/queries (jobs.query), projects/P/queries/J (getQueryResults), projects/P/jobs (jobs.insert).
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            guard parts.count >= 5, parts[2] == "projects" else { return false }
            if parts[4] == "queries" { return true }
            if parts[4] == "jobs", parts.count == 5 { return true }
            return false
        }
        if path.hasPrefix("/v1/projects/"), path.contains("/subscriptions/") {
            return path.hasSuffix(":pull") || path.hasSuffix(":acknowledge") || path.hasSuffix(":modifyAckDeadline")
        }
        return false
    }

    /// The permission Google would name in the 403 for this call.
    static func permissionName(method: String, path: String) -> String {
        if path.hasPrefix("/bigquery/v2/") {
            if path.hasSuffix("/insertAll") { return "bigquery.tables.updateData" }
            if path.contains("/tables") { return method == "DELETE" ? "bigquery.tables.delete" : "bigquery.tables.create" }
            if path.contains("/datasets") { return method == "DELETE" ? "bigquery.datasets.delete" : "bigquery.datasets.create" }
            return "bigquery.jobs.create"
        }
        if path.hasSuffix(":publish") { return "pubsub.topics.publish" }
        if path.contains("/subscriptions/") { return method == "DELETE" ? "pubsub.subscriptions.delete" : "pubsub.subscriptions.create" }
        if path.contains("/topics/") { return method == "DELETE" ? "pubsub.topics.delete" : "pubsub.topics.create" }
        return "emulator.write"
    }
}
