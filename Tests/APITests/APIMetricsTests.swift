import CoreMetrics
import MetricsTestKit
import Synchronization
import Testing

@testable import API

@Suite("API metrics")
struct APIMetricsTests {
    @Test func eachRouteMethodAndStatusAsksTheFactoryForItsHandlesOnce() throws {
        let factory = CountingFactory()
        let metrics = APIMetrics(factory: factory)
        let made = factory.made
        for _ in 0..<50 { metrics.record(route: "/getData", method: "GET", status: 200, duration: .milliseconds(3)) }
        for _ in 0..<20 { metrics.record(route: "/ingestData", method: "POST", status: 400, duration: .milliseconds(1)) }
        // A 200 has a request counter and a timer; a 400 an error counter too.
        #expect(factory.made - made == 5)

        let dimensions = [("route", "/getData"), ("method", "GET"), ("status", "200")]
        #expect(try factory.metrics.expectCounter("api_requests_total", dimensions).totalValue == 50)
        let errors = [("route", "/ingestData"), ("method", "POST"), ("status", "400")]
        #expect(try factory.metrics.expectCounter("api_request_errors_total", errors).totalValue == 20)
        #expect(try factory.metrics.expectTimer("api_request_duration_seconds", [("route", "/getData"), ("method", "GET")]).values.count == 50)
    }
}

/// swift-metrics' test factory, counting the handlers it is asked to make.
private final class CountingFactory: MetricsFactory {
    let metrics = TestMetrics()
    private let count = Atomic<Int>(0)
    var made: Int { count.load(ordering: .relaxed) }

    private func counted<Handler>(_ make: () -> Handler) -> Handler {
        count.add(1, ordering: .relaxed)
        return make()
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        counted { metrics.makeCounter(label: label, dimensions: dimensions) }
    }
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        counted { metrics.makeMeter(label: label, dimensions: dimensions) }
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        counted { metrics.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate) }
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        counted { metrics.makeTimer(label: label, dimensions: dimensions) }
    }
    func destroyCounter(_ handler: any CounterHandler) { metrics.destroyCounter(handler) }
    func destroyMeter(_ handler: any MeterHandler) { metrics.destroyMeter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { metrics.destroyRecorder(handler) }
    func destroyTimer(_ handler: any TimerHandler) { metrics.destroyTimer(handler) }
}
