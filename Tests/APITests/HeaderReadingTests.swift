import Testing

@testable import API

/// The request headers the API reads byte by byte: Content-Type on ingest, and the `traceparent` it
/// makes when the caller sent none.
@Suite("Header reading")
struct HeaderReadingTests {
    @Test(arguments: [
        "application/json", "Application/JSON", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "  application/json  ", "\tapplication/json\t; q=1", "application/json;",
    ])
    func contentTypesNamingJSONAreJSON(contentType: String) {
        #expect(IngestRoute.isJSON(contentType: contentType))
    }

    @Test(arguments: [
        "", " ", ";", "text/plain", "application/jsonx", "application/json-patch+json", "application/ json",
        "application /json", "xapplication/json", "application/jso", "application\u{0F}json", "applicat\u{130}on/json",
        "text/json", "application/json\u{00A0}", "; application/json",
    ])
    func otherContentTypesAreNot(contentType: String) {
        #expect(!IngestRoute.isJSON(contentType: contentType))
    }

    @Test func aNewTraceIsAValidTraceparentAndEveryOneDiffers() {
        let traces = (0..<1000).map { _ in TraceParent.propagate(nil) }
        for trace in traces {
            #expect(trace.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-01/) != nil, "\(trace)")
            #expect(TraceParent.isValid(trace), "\(trace)")
        }
        #expect(Set(traces).count == traces.count)
        // Each id's hex digits are spread over all sixteen: the words are random, not counters.
        let digits = Set(traces.flatMap { $0.dropFirst(3).prefix(32) })
        #expect(digits.count == 16)
    }

    @Test func aValidTraceparentIsKeptAndAnInvalidOneReplaced() {
        let sent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        #expect(TraceParent.propagate(sent) == sent)
        for invalid in ["", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331", "00-\(String(repeating: "0", count: 32))-b7ad6b7169203331-01"] {
            let made = TraceParent.propagate(invalid)
            #expect(made != invalid)
            #expect(TraceParent.isValid(made))
        }
    }
}
