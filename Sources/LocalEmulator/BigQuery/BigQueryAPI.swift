import Hummingbird

/// BigQuery REST v2 under `/bigquery/v2`.
struct BigQueryAPI: EmulatedAPI {
    let store: BigQueryStore
    let maxRequestBytes: Int

    func addRoutes(to router: Router<EmulatorRequestContext>) {}
}

struct DiscoveryAPI: EmulatedAPI {
    func addRoutes(to router: Router<EmulatorRequestContext>) {}
}
