import Hummingbird

/// Per-request state of the emulator's routes.
public struct EmulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The service account making the call, set by `AuthMiddleware` under `requireAuth` (nil
    /// otherwise): routes check projects named inside bodies against its project.
    var caller: AuthStore.Account?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// One of the Google APIs the emulator serves (BigQuery, Pub/Sub, ...): its routes and its tables.
protocol EmulatedAPI: Sendable {
    func addRoutes(to router: Router<EmulatorRequestContext>)
}
