import Hummingbird

/// Per-request state of the emulator's routes.
public struct EmulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// One of the Google APIs the emulator serves (BigQuery, Pub/Sub, ...): its routes and its tables.
protocol EmulatedAPI: Sendable {
    func addRoutes(to router: Router<EmulatorRequestContext>)
}
