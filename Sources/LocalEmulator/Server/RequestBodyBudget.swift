import HTTPServerLimits
import Hummingbird

/// Reads a request's body only once it fits in the emulator's budget of bytes in flight
/// (`EmulatorConfiguration.maxRequestBytesInFlight`), so the bodies held at once are bounded however
/// many clients send them, and however slowly. A request waiting its turn has read none of its body:
/// its bytes stay in the client's socket, and TCP slows the client.
///
/// A body weighs its declared length, capped at the most its route reads (a longer one is refused
/// after that many bytes); a chunked body, which declares none, weighs that most. A request with no
/// body does not wait.
struct RequestBodyBudget: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    let gate: AdmissionGate
    let maxRequestBytes: Int
    let maxUploadBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let weight = weight(of: request)
        guard weight > 0 else { return try await next(request, context) }
        return try await gate.withAdmission(weight: weight) { try await next(request, context) }
    }

    func weight(of request: Request) -> Int {
        let most = request.uri.path.hasPrefix("/upload/") ? maxUploadBytes : maxRequestBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init) { return min(max(declared, 0), most) }
        return request.headers[.transferEncoding] == nil ? 0 : most
    }
}
