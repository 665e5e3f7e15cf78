import HTTPServerLimits
import Hummingbird
import Logging

/// The outermost layer: gives every answer an `X-Request-Id`, turns every failure into this API's
/// JSON error body (never a stack trace), and records requests, errors, latency and in-flight
/// requests per route and status.
struct ObservationMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let metrics: APIMetrics
    let stopwatch: Stopwatch
    let allowedMethods: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let given = request.headers[.requestId], Self.isUsableRequestId(given) { context.requestId = given }
        let start = stopwatch.elapsed()
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let problem as APIProblem {
            response = problem.response()
        } catch let error as HTTPError where error.status == .notFound && allowedMethods.allowHeader(for: request.uri.path) != nil {
            // The router has no route for this path and method, but the path is one of ours.
            let allow = allowedMethods.allowHeader(for: request.uri.path) ?? ""
            var problem = APIProblem(status: .methodNotAllowed, message: "\(request.method.rawValue) is not allowed here; use \(allow)")
            problem.allow = allow
            response = problem.response()
        } catch let error as HTTPError {
            // Hummingbird's own refusals: no route (404), a body over its limit (413), ...
            response = APIProblem(status: error.status, message: error.body ?? Self.defaultMessage(error.status)).response()
        } catch {
            if let message = MalformedRequestResponder.badBodyMessage(for: error) {
                response = APIProblem(status: .badRequest, message: message).response()
            } else {
                context.requestLogger.error("request failed", metadata: ["error": "\(error)"])
                response = APIProblem(status: .internalServerError, message: "internal error (request id \(context.requestId))").response()
            }
        }
        response.headers[.requestId] = context.requestId
        let route = APIMetrics.route(of: request.uri.path)
        let duration = stopwatch.elapsed() - start
        metrics.record(route: route, method: request.method.rawValue, status: response.status.code, duration: duration)
        guard context.logger.logLevel <= .info else { return response }
        context.requestLogger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(response.status.code),
                "latency_ms": .stringConvertible(
                    Double(duration.components.attoseconds / 1_000_000_000_000) / 1000 + Double(duration.components.seconds) * 1000),
            ])
        return response
    }

    /// A caller's id is echoed only when it is short and printable, so it cannot forge log lines.
    static func isUsableRequestId(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128 && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "no such route; see /openapi.yaml"
        case 405: "method not allowed; see /openapi.yaml"
        default: status.reasonPhrase
        }
    }
}
