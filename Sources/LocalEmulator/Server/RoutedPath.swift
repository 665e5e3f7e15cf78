import Hummingbird

/// The path a request was routed by, spelled canonically, and which kind of endpoint it is.
///
/// Hummingbird runs router middleware only after the trie has matched an endpoint, and the trie
/// skips empty segments, so `//bigquery/v2/...`, `/bigquery//v2/...` and `/bigquery/v2/...` all reach
/// one handler. Every decision about a call (auth, role, project, injected faults) is made on this
/// path, rebuilt from the matched route template and its captured segments, never on the raw
/// request path: a spelling the router accepts cannot then slip past a check it fails.
struct RoutedPath: Sendable, Equatable {
    /// `/bigquery/v2/projects/p/datasets/d`: the template with each `{name}` replaced by its capture.
    let path: String
    let kind: Kind

    enum Kind: Sendable, Equatable {
        /// Health, discovery, the token endpoint: open to anyone.
        case open
        /// `/emulator/...`: issuing keys, fault injection.
        case admin
        /// A Google API call; `audience` is the host Google's libraries name in self-signed JWTs.
        case api(audience: String)
    }

    /// nil when no route matched (the request is about to be a 404).
    init?(_ context: some RequestContext) {
        guard let template = context.endpointPath, template.hasPrefix("/") else { return nil }
        let segments = template.split(separator: "/").map { segment -> Substring in
            guard segment.count > 2, segment.first == "{", segment.last == "}" else { return segment }
            return context.parameters[segment.dropFirst().dropLast()] ?? segment
        }
        self.init(path: "/" + segments.joined(separator: "/"))
    }

    init(path: String) {
        self.path = path
        kind =
            if path.hasPrefix("/bigquery/v2/") || path.hasPrefix("/upload/bigquery/v2/") {
                .api(audience: "bigquery.googleapis.com")
            } else if path.hasPrefix("/v1/projects/") {
                .api(audience: "pubsub.googleapis.com")
            } else if path.hasPrefix("/emulator/") {
                .admin
            } else {
                .open
            }
    }
}
