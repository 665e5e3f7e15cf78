import Foundation
import GoogleAuth
import Logging
import Testing

/// The token cache: refresh ahead of expiry under a test clock, one refresh for many callers.
@Suite struct CachingCredentialProviderTests {
    let logger = Logger(label: "test")

    @Test func reusesATokenUntilTheRefreshWindow() async throws {
        let clock = ManualWallClock()
        let source = CountingProvider(clock: clock)
        let cache = CachingCredentialProvider(wrapping: source, clock: clock, refreshAhead: .seconds(300), minimumValidity: .seconds(30))
        let first = try await cache.accessToken(logger: logger)
        #expect(first?.value == "token-1")
        clock.advance(by: .seconds(3299))  // 301 s left: still fresh
        #expect(try await cache.accessToken(logger: logger)?.value == "token-1")
        #expect(source.calls == 1)
    }

    @Test func refreshesInTheBackgroundInsideTheWindow() async throws {
        let clock = ManualWallClock()
        let source = CountingProvider(clock: clock)
        let cache = CachingCredentialProvider(wrapping: source, clock: clock, refreshAhead: .seconds(300), minimumValidity: .seconds(30))
        _ = try await cache.accessToken(logger: logger)
        clock.advance(by: .seconds(3400))  // 200 s left: usable, but due for refresh
        // The still-valid token comes back at once; a refresh starts behind it.
        #expect(try await cache.accessToken(logger: logger)?.value == "token-1")
        #expect(try await eventually { source.calls == 2 })
        var latest = try await cache.accessToken(logger: logger)?.value
        for _ in 0..<100 where latest != "token-2" {
            try await Task.sleep(for: .milliseconds(5))
            latest = try await cache.accessToken(logger: logger)?.value
        }
        #expect(latest == "token-2")
        #expect(source.calls == 2)
    }

    @Test func waitsForANewTokenWhenNearlyExpired() async throws {
        let clock = ManualWallClock()
        let source = CountingProvider(clock: clock)
        let cache = CachingCredentialProvider(wrapping: source, clock: clock, refreshAhead: .seconds(300), minimumValidity: .seconds(30))
        _ = try await cache.accessToken(logger: logger)
        clock.advance(by: .seconds(3590))  // 10 s left: too close to hand out
        #expect(try await cache.accessToken(logger: logger)?.value == "token-2")
        clock.advance(by: .seconds(7200))  // long expired
        #expect(try await cache.accessToken(logger: logger)?.value == "token-3")
        #expect(source.calls == 3)
    }

    @Test func oneRefreshForAHundredConcurrentCallers() async throws {
        let clock = ManualWallClock()
        let source = CountingProvider(clock: clock, delay: .milliseconds(100))
        let cache = CachingCredentialProvider(wrapping: source, clock: clock)
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<100 { group.addTask { try await cache.accessToken(logger: logger)?.value } }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(tokens.count == 100)
        #expect(Set(tokens) == ["token-1"])
        #expect(source.calls == 1)
        // And again once it has expired: still exactly one more refresh.
        clock.advance(by: .seconds(4000))
        let again = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<100 { group.addTask { try await cache.accessToken(logger: logger)?.value } }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(again) == ["token-2"])
        #expect(source.calls == 2)
    }

    @Test func aFailedRefreshReachesEveryWaiterAndIsRetriedNextTime() async throws {
        let clock = ManualWallClock()
        let source = CountingProvider(clock: clock, delay: .milliseconds(50), failFirst: 1)
        let cache = CachingCredentialProvider(wrapping: source, clock: clock)
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        _ = try await cache.accessToken(logger: logger)
                        return false
                    } catch { return error is CountingProvider.Failure }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 10)
        #expect(source.calls == 1)
        #expect(try await cache.accessToken(logger: logger)?.value == "token-2")
    }

    @Test func invalidateForcesARefresh() async throws {
        let clock = ManualWallClock()
        let source = CountingProvider(clock: clock)
        let cache = CachingCredentialProvider(wrapping: source, clock: clock)
        _ = try await cache.accessToken(logger: logger)
        await cache.invalidate()
        #expect(try await cache.accessToken(logger: logger)?.value == "token-2")
    }
}
