import Foundation
import Testing
import WarehouseClient

@testable import Sink

@Suite struct BatcherTests {
    private func message(_ index: Int, rowBytes: Int = 100) -> HeldMessage {
        HeldMessage(
            ackId: "a\(index)", messageId: "m\(index)", publishTime: "", attributes: [:], data: Data(), bytes: 10,
            mapping: .row(InsertRow(insertId: "i\(index)", json: [:]), bytes: rowBytes))
    }

    @Test func aBatchIsFullAtTheRowCount() {
        var batcher = Batcher(maxRows: 3, maxBytes: 1_000_000, maxAge: .seconds(1))
        #expect(batcher.add(message(1), now: .zero).isEmpty)
        #expect(batcher.add(message(2), now: .zero).isEmpty)
        let full = batcher.add(message(3), now: .zero)
        #expect(full.map { $0.messages.map(\.messageId) } == [["m1", "m2", "m3"]])
        #expect(batcher.deadline == nil)
    }

    @Test func aRowThatWouldPassTheByteLimitStartsTheNextBatch() {
        var batcher = Batcher(maxRows: 100, maxBytes: 250, maxAge: .seconds(1))
        #expect(batcher.add(message(1), now: .zero).isEmpty)
        #expect(batcher.add(message(2), now: .zero).isEmpty)
        let full = batcher.add(message(3), now: .zero)
        #expect(full.map { $0.messages.count } == [2])
        #expect(batcher.current.messages.map(\.messageId) == ["m3"])
        // A row at the limit by itself is a batch of its own.
        #expect(batcher.add(message(4, rowBytes: 400), now: .zero).map { $0.messages.count } == [1, 1])
    }

    @Test func aBatchIsDueItsMaximumAgeAfterItsFirstRow() {
        var batcher = Batcher(maxRows: 100, maxBytes: 1_000_000, maxAge: .milliseconds(200))
        #expect(batcher.takeIfDue(now: .seconds(5)) == nil)
        _ = batcher.add(message(1), now: .seconds(1))
        _ = batcher.add(message(2), now: .seconds(1) + .milliseconds(150))
        #expect(batcher.deadline == .seconds(1) + .milliseconds(200))
        #expect(batcher.takeIfDue(now: .seconds(1) + .milliseconds(199)) == nil)
        #expect(batcher.takeIfDue(now: .seconds(1) + .milliseconds(200))?.messages.count == 2)
        #expect(batcher.deadline == nil)
    }

    @Test func takeAllFlushesWhateverIsHeld() {
        var batcher = Batcher(maxRows: 100, maxBytes: 1_000_000, maxAge: .seconds(60))
        #expect(batcher.takeAll() == nil)
        _ = batcher.add(message(1), now: .zero)
        #expect(batcher.takeAll()?.messages.count == 1)
        #expect(batcher.takeAll() == nil)
    }
}
