import GRPCCore
import LocalEmulator

/// The store speaks `GoogleAPIError` (an HTTP status); gRPC clients expect the canonical code Google
/// pairs with it (404 → NOT_FOUND, 409 → ALREADY_EXISTS, 400 → INVALID_ARGUMENT...). The message is
/// kept word for word, so both protocols tell a caller the same thing.
enum PubSubGRPCError {
    static func rpcError(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError: return error
        case let error as GoogleAPIError: return RPCError(code: code(httpStatus: error.status.code), message: error.message)
        case is CancellationError: return RPCError(code: .cancelled, message: "The call was cancelled")
        default:
            if let full = GoogleAPIError(storageFailure: error) { return RPCError(code: .unavailable, message: full.message) }
            return RPCError(code: .internalError, message: "Internal error: \(error)")
        }
    }

    static func code(httpStatus: Int) -> RPCError.Code {
        switch httpStatus {
        case 400, 413: .invalidArgument
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .notFound
        case 409: .alreadyExists
        case 429: .resourceExhausted
        case 499: .cancelled
        case 501: .unimplemented
        case 503: .unavailable
        case 504: .deadlineExceeded
        default: httpStatus >= 500 ? .internalError : .failedPrecondition
        }
    }

    static func invalid(_ message: String) -> RPCError { RPCError(code: .invalidArgument, message: message) }

    /// Runs one call on the store, turning whatever it throws into the status a gRPC client expects.
    static func mapping<Result: Sendable>(_ body: () async throws -> Result) async throws(RPCError) -> Result {
        do { return try await body() } catch { throw rpcError(error) }
    }
}
