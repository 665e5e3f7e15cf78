import Hummingbird

/// The discovery document `bq` reads to learn the API's methods.
struct DiscoveryAPI: EmulatedAPI {
    func addRoutes(to router: Router<EmulatorRequestContext>) {}
}
