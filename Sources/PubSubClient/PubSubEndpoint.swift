import Foundation
import GoogleREST

extension RESTEndpoint {
    public static let pubSub = RESTEndpoint(baseURL: "https://pubsub.googleapis.com", isEmulator: false)

    /// The emulator when `PUBSUB_EMULATOR_HOST` is set (as Google's client libraries read it), else Google.
    public static func pubSub(environment: [String: String] = ProcessInfo.processInfo.environment) -> RESTEndpoint {
        fromEnvironment(variable: "PUBSUB_EMULATOR_HOST", google: .pubSub, environment: environment)
    }
}
