import Foundation
import Logging
import Synchronization
import Testing
import WireJSON

@testable import Operations

/// Collects what a handler writes, line by line, parsed as JSON.
final class CapturedLines: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    var output: LogOutput { LogOutput { line in self.bytes.withLock { $0 += line } } }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    func json() throws -> [JSONValue] {
        try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { try JSONValue(parsing: Array($0.utf8)) }
    }
}

@Suite("Cloud Logging JSON lines")
struct CloudLoggingLogHandlerTests {
    static let fixedTime = Date(timeIntervalSince1970: 1_767_225_600.25)

    func logger(_ captured: CapturedLines, level: Logger.Level = .trace, projectId: String? = "my-project", source: Bool = false) -> Logger {
        Logger(label: "warehouse.sink") { label in
            CloudLoggingLogHandler(
                label: label, projectId: projectId, logLevel: level, includeSourceLocation: source, output: captured.output,
                now: { Self.fixedTime })
        }
    }

    @Test("each level becomes Cloud Logging's severity, one JSON object per line, with time and the logger's label")
    func severities() throws {
        let captured = CapturedLines()
        let log = logger(captured)
        log.trace("t")
        log.debug("d")
        log.info("i")
        log.notice("n")
        log.warning("w")
        log.error("e")
        log.critical("c")
        let lines = try captured.json()
        #expect(lines.map { $0["severity"]?.stringValue } == ["DEBUG", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL"])
        #expect(lines.map { $0["message"]?.stringValue } == ["t", "d", "i", "n", "w", "e", "c"])
        #expect(lines[0]["time"]?.stringValue == "2026-01-01T00:00:00.250000Z")
        #expect(lines[0]["logging.googleapis.com/labels"]?["logger"]?.stringValue == "warehouse.sink")
    }

    @Test("messages below the handler's level are not written")
    func levelFilters() throws {
        let captured = CapturedLines()
        let log = logger(captured, level: .warning)
        log.info("quiet")
        log.warning("loud")
        #expect(try captured.json().map { $0["message"]?.stringValue } == ["loud"])
    }

    @Test("a W3C traceparent in the metadata becomes the line's trace, span and sampling flag")
    func traceFromTraceParent() throws {
        let captured = CapturedLines()
        logger(captured).info("batch stored", metadata: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"])
        let line = try #require(try captured.json().first)
        #expect(line["logging.googleapis.com/trace"]?.stringValue == "projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(line["logging.googleapis.com/spanId"]?.stringValue == "00f067aa0ba902b7")
        #expect(line["logging.googleapis.com/trace_sampled"]?.boolValue == true)
    }

    @Test("without a project the trace is the bare trace id")
    func traceWithoutProject() throws {
        let captured = CapturedLines()
        logger(captured, projectId: nil).info("x", metadata: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"])
        let line = try #require(try captured.json().first)
        #expect(line["logging.googleapis.com/trace"]?.stringValue == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(line["logging.googleapis.com/trace_sampled"]?.boolValue == false)
    }

    @Test(
        "a malformed traceparent gives no trace, and is kept as a plain field",
        arguments: [
            "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        ])
    func malformedTraceParent(value: String) throws {
        let captured = CapturedLines()
        logger(captured).info("x", metadata: ["traceparent": .string(value)])
        let line = try #require(try captured.json().first)
        #expect(line["logging.googleapis.com/trace"] == nil)
        #expect(line["traceparent"]?.stringValue == value)
    }

    @Test("any metadata value stays one parseable line: quotes, newlines, control characters, nested dictionaries and arrays")
    func metadataIsEscapedAndNested() throws {
        let captured = CapturedLines()
        let awkward = "a \"quoted\"\nline\twith \\ and \u{01} and ünïcode 🚀"
        logger(captured).info(
            "multi\nline \"message\"",
            metadata: [
                "text": .string(awkward),
                "count": .stringConvertible(42),
                "nested": .dictionary(["list": .array(["x", .dictionary(["deep": "y"])]), "empty": .dictionary([:])]),
            ])
        #expect(captured.text.filter { $0 == "\n" }.count == 1)
        let line = try #require(try captured.json().first)
        #expect(line["message"]?.stringValue == "multi\nline \"message\"")
        #expect(line["text"]?.stringValue == awkward)
        #expect(line["count"]?.stringValue == "42")
        #expect(line["nested"]?["list"]?[1]?["deep"]?.stringValue == "y")
        #expect(line["nested"]?["empty"]?.objectValue?.isEmpty == true)
    }

    @Test("metadata named like a field Cloud Logging reads cannot change the line's severity or message")
    func reservedKeysArePrefixed() throws {
        let captured = CapturedLines()
        logger(captured).info(
            "real", metadata: ["severity": "EMERGENCY", "message": "fake", "logging.googleapis.com/trace": "projects/x/traces/forged"])
        let line = try #require(try captured.json().first)
        #expect(line["severity"]?.stringValue == "INFO")
        #expect(line["message"]?.stringValue == "real")
        #expect(line["logging.googleapis.com/trace"] == nil)
        #expect(line["metadata.severity"]?.stringValue == "EMERGENCY")
        #expect(line["metadata.message"]?.stringValue == "fake")
        #expect(line["metadata.logging.googleapis.com/trace"]?.stringValue == "projects/x/traces/forged")
    }

    @Test("the logger's own metadata, a metadata provider's and the call's are merged, the call's winning")
    func metadataMerges() throws {
        let captured = CapturedLines()
        var log = Logger(label: "l") { label in
            CloudLoggingLogHandler(
                label: label, output: captured.output, metadataProvider: .init { ["provided": "p", "shared": "provider"] },
                now: { Self.fixedTime })
        }
        log[metadataKey: "own"] = "o"
        log[metadataKey: "shared"] = "logger"
        log.info("x", metadata: ["shared": "call"])
        let line = try #require(try captured.json().first)
        #expect(line["own"]?.stringValue == "o")
        #expect(line["provided"]?.stringValue == "p")
        #expect(line["shared"]?.stringValue == "call")
    }

    @Test("the source location is written when asked for")
    func sourceLocation() throws {
        let captured = CapturedLines()
        logger(captured, source: true).info("here")
        let location = try #require(try captured.json().first?["logging.googleapis.com/sourceLocation"])
        #expect(location["file"]?.stringValue?.hasSuffix("CloudLoggingLogHandlerTests.swift") == true)
        #expect(Int(location["line"]?.stringValue ?? "") ?? 0 > 0)
        #expect(location["function"]?.stringValue?.isEmpty == false)
    }

    @Test("JSON when Cloud Run's K_SERVICE is set, text otherwise")
    func automaticFormat() {
        #expect(LogFormat.automatic(environment: ["K_SERVICE": "warehouse-sink"]) == .json)
        #expect(LogFormat.automatic(environment: [:]) == .text)
    }
}
