import Hummingbird
import Synchronization
import WireJSON

/// Makes chosen calls fail or slow down, so retry paths can be tested against the real emulator.
///
/// A rule matches by HTTP method and a regular expression on the path. Of the calls it matches it
/// fails `fraction` of them, spread evenly (so a test of "half fail" is deterministic), optionally
/// only for the next `times` matches.
final class FaultInjector: Sendable {
    struct Rule: Sendable {
        var id: Int
        var method: String?
        var pathPattern: String
        var fraction: Double
        var status: Int?
        var reason: String
        var message: String
        var latencyMilliseconds: Int
        var remaining: Int?
        var matched = 0
        var injected = 0

        var json: JSONValue {
            var object: JSONObject = [
                "id": .int(Int64(id)), "path": .string(pathPattern), "fraction": .double(fraction),
                "reason": .string(reason), "latencyMs": .int(Int64(latencyMilliseconds)),
                "matched": .int(Int64(matched)), "injected": .int(Int64(injected)),
            ]
            if let method { object["method"] = .string(method) }
            if let status { object["status"] = .int(Int64(status)) }
            if let remaining { object["times"] = .int(Int64(remaining)) }
            return .object(object)
        }
    }

    /// What to do to one call.
    struct Decision: Sendable {
        var delayMilliseconds: Int
        var error: GoogleAPIError?
    }

    private let rules = Mutex<(nextId: Int, list: [Rule])>((1, []))

    func add(from body: JSONObject) throws -> Rule {
        guard let path = body["path"]?.stringValue, (try? Regex(path)) != nil else {
            throw GoogleAPIError.badRequest("A fault needs \"path\": a regular expression matched against the request path")
        }
        let fraction = body["fraction"]?.doubleValue ?? 1
        guard (0...1).contains(fraction) else { throw GoogleAPIError.badRequest("\"fraction\" must be between 0 and 1") }
        let status = body["status"]?.int64Value.map(Int.init)
        if let status, !(400...599).contains(status) {
            throw GoogleAPIError.badRequest("\"status\" must be an HTTP error status (400-599)")
        }
        let latency = Int(body["latencyMs"]?.int64Value ?? 0)
        guard status != nil || latency > 0 else {
            throw GoogleAPIError.badRequest("A fault needs \"status\", \"latencyMs\" or both")
        }
        return rules.withLock { state in
            let rule = Rule(
                id: state.nextId, method: body["method"]?.stringValue?.uppercased(), pathPattern: path,
                fraction: fraction, status: status,
                reason: body["reason"]?.stringValue ?? FaultInjector.defaultReason(status ?? 500),
                message: body["message"]?.stringValue ?? "Injected fault",
                latencyMilliseconds: latency, remaining: body["times"]?.int64Value.map(Int.init))
            state.nextId += 1
            state.list.append(rule)
            return rule
        }
    }

    func list() -> [Rule] { rules.withLock { $0.list } }

    func clear() { rules.withLock { $0.list.removeAll() } }

    func decide(method: String, path: String) -> Decision? {
        rules.withLock { state -> Decision? in
            for index in state.list.indices {
                var rule = state.list[index]
                if let wanted = rule.method, wanted != "*", wanted != method { continue }
                guard let regex = try? Regex(rule.pathPattern), path.contains(regex) else { continue }
                if let remaining = rule.remaining, remaining <= 0 { continue }
                rule.matched += 1
                // Inject on the calls where the running share crosses a whole number: an even spread.
                let fire = (Double(rule.matched) * rule.fraction).rounded(.down) > (Double(rule.matched - 1) * rule.fraction).rounded(.down)
                if fire {
                    rule.injected += 1
                    if let remaining = rule.remaining { rule.remaining = remaining - 1 }
                }
                state.list[index] = rule
                guard fire else { continue }
                let error = rule.status.map {
                    GoogleAPIError(HTTPResponse.Status(code: $0), reason: rule.reason, message: rule.message)
                }
                return Decision(delayMilliseconds: rule.latencyMilliseconds, error: error)
            }
            return nil
        }
    }

    static func defaultReason(_ status: Int) -> String {
        switch status {
        case 429: "rateLimitExceeded"
        case 500: "backendError"
        case 503: "backendError"
        case 404: "notFound"
        case 403: "accessDenied"
        default: "invalid"
        }
    }
}

/// Applies the injector's decisions before a request reaches its route.
struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext
    let injector: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Matched on the routed path (see `RoutedPath`), so `//bigquery/...` meets the same rules.
        let routed = RoutedPath(context)
        let path = routed?.path ?? request.uri.path
        guard routed?.kind != .admin, !path.hasPrefix("/emulator/"),
            let decision = injector.decide(method: request.method.rawValue, path: path)
        else {
            return try await next(request, context)
        }
        if decision.delayMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(decision.delayMilliseconds))
        }
        if let error = decision.error { throw error }
        return try await next(request, context)
    }
}

/// `/emulator/v1/faults`: add (POST), list (GET) and clear (DELETE) fault rules.
struct FaultAdminAPI: EmulatedAPI {
    let injector: FaultInjector

    func addRoutes(to router: Router<EmulatorRequestContext>) {
        router.post("/emulator/v1/faults") { request, _ in
            let rule = try injector.add(from: try await request.jsonObjectBody(limit: 64 * 1024))
            return JSONResponse.make(rule.json)
        }
        router.get("/emulator/v1/faults") { _, _ in
            JSONResponse.make(["faults": .array(injector.list().map(\.json))])
        }
        router.delete("/emulator/v1/faults") { _, _ in
            injector.clear()
            return JSONResponse.empty()
        }
    }
}
