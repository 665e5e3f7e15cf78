import LocalEmulator

/// A configuration the emulator cannot run with.
public struct EmulatorSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case grpcWithRequireAuth
    }

    private let code: Code

    /// gRPC calls are not authenticated yet, so serving them beside `requireAuth` would bypass it.
    public static let grpcWithRequireAuth = EmulatorSetupError(code: .grpcWithRequireAuth)

    public var description: String {
        switch code {
        case .grpcWithRequireAuth: "Pub/Sub over gRPC cannot be served beside requireAuth: gRPC calls are not authenticated yet"
        }
    }
}
