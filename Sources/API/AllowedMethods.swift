import HTTPTypes

/// The methods each of the API's paths answers, so that a known path asked with another method gets
/// 405 with `Allow` (RFC 9110): the path exists, and the caller learns what to send. Hummingbird's
/// router has no such notion; it answers 404 for every path and method it has no route for.
struct AllowedMethods: Sendable {
    private let byPath: [String: [HTTPRequest.Method]]

    init(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        byPath = Dictionary(grouping: routes, by: \.path).mapValues { $0.map(\.method) }
    }

    /// The `Allow` header for `path` ("GET", "POST, PUT"), or nil when the API has no such path.
    func allowHeader(for path: String) -> String? {
        byPath[path].map { $0.map(\.rawValue).joined(separator: ", ") }
    }
}
