import Hummingbird
import Logging

/// Gives every unexpected failure Google's error body (and a log line) instead of a bare 500,
/// and turns Hummingbird's own errors (unknown route, wrong method) into Google's shape too. A full
/// disk is no bug of the emulator's: a 503 that says so (see `GoogleAPIError(storageFailure:)`).
struct GoogleErrorMiddleware: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GoogleAPIError {
            throw error
        } catch let error as HTTPError {
            let reason = error.status == .notFound ? "notFound" : "badRequest"
            throw GoogleAPIError(
                error.status, reason: reason,
                message: error.body ?? "\(request.method) \(request.uri.path) is not supported by the local emulator")
        } catch let error as any HTTPResponseError {
            // Errors that already know their response (OAuth2 bodies, for one) keep it.
            throw error
        } catch {
            if let full = GoogleAPIError(storageFailure: error) {
                context.logger.error("Cannot write: the disk is full", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                throw full
            }
            context.logger.error("Unhandled error", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw GoogleAPIError(.internalServerError, reason: "internalError", message: "Internal error in the local emulator")
        }
    }
}
