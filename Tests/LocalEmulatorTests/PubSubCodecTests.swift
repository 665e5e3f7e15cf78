import Foundation
import Testing

@testable import LocalEmulator

@Suite struct PubSubCodecTests {
    @Test(arguments: [
        ("aGVsbG8=", "hello"), ("aGVsbG8", "hello"), ("", ""), ("Pz8_", "???"), ("Pz8/", "???"), ("YQ==", "a"),
    ])
    func base64AcceptsStandardAndURLSafeWithOrWithoutPadding(text: String, decoded: String) {
        #expect(PubSubBase64.decode(text).map { String(decoding: $0, as: UTF8.self) } == decoded)
    }

    @Test(arguments: ["!!!!", "a", "aGVsbG8===", "YQ=", "aGV sbG8="])
    func base64RejectsWhatIsNotBase64(text: String) {
        #expect(PubSubBase64.decode(text) == nil)
    }

    @Test(arguments: [("aGVsbG8=", "aGVsbG8="), ("aGVsbG8", "aGVsbG8="), ("Pz8_", "Pz8/"), ("", ""), ("YR==", "YQ==")])
    func canonicalBase64IsStandardAndPadded(text: String, canonical: String) {
        #expect(PubSubBase64.canonical(text) == canonical)
    }

    @Test(arguments: ["!!!!", "====", "YQ=", "a"])
    func canonicalBase64RejectsJunk(text: String) {
        #expect(PubSubBase64.canonical(text) == nil)
    }

    @Test func base64EncodesPaddedStandardForm() {
        #expect(PubSubBase64.encode(Array("hello".utf8)) == "aGVsbG8=")
        #expect(PubSubBase64.encode(Array("???".utf8)) == "Pz8/")
        #expect(PubSubBase64.encode([UInt8]()) == "")
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37) }
            #expect(PubSubBase64.decode(PubSubBase64.encode(bytes)) == bytes)
        }
    }

    /// Every length's remainder (0, 1 or 2 bytes past a whole quantum), every byte value, and each of the
    /// entry points (contiguous array, Data, a collection without contiguous storage) against Foundation.
    @Test func base64EncodingMatchesFoundationForEveryRemainderAndEntryPoint() {
        for length in 0..<300 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ length) }
            let expected = Data(bytes).base64EncodedString()
            #expect(PubSubBase64.encode(bytes) == expected)
            #expect(PubSubBase64.encode(Data(bytes)) == expected)
            #expect(PubSubBase64.encode(bytes.lazy.map { $0 }) == expected)
        }
    }

    @Test func durationsParseAndPrintLikeProtobufJSON() {
        #expect(PubSubDuration.parse("600s") == 600_000_000)
        #expect(PubSubDuration.parse("1.5s") == 1_500_000)
        #expect(PubSubDuration.parse("10") == nil)
        #expect(PubSubDuration.parse("-1s") == nil)
        #expect(PubSubDuration.format(micros: 604_800_000_000) == "604800s")
        #expect(PubSubDuration.format(micros: 1_500_000) == "1.5s")
        #expect(PubSubDuration.format(micros: 1_000_250) == "1.00025s")
    }

    @Test func publishTimeIsRFC3339InUTC() {
        #expect(PubSubTime.rfc3339(micros: 1_767_225_600_000_000) == "2026-01-01T00:00:00Z")
        #expect(PubSubTime.rfc3339(micros: 1_767_225_600_123_000) == "2026-01-01T00:00:00.123Z")
    }

    @Test func ackIdsRoundTripAndRejectJunk() {
        #expect(PubSubAckId("12-3") == PubSubAckId(rowId: 12, attempt: 3))
        #expect(PubSubAckId(PubSubAckId(rowId: 7, attempt: 1).text) == PubSubAckId(rowId: 7, attempt: 1))
        for junk in ["", "12", "a-1", "12-0", "-1-1", "1-2-3"] { #expect(PubSubAckId(junk) == nil, "\(junk)") }
    }

    @Test func retryBackoffDoublesUpToTheMaximum() {
        let policy = PubSubSubscriptionConfig.RetryPolicy(minimumBackoffMicros: 1_000_000, maximumBackoffMicros: 5_000_000)
        #expect([1, 2, 3, 4, 60].map { policy.backoff(afterAttempts: $0) } == [1_000_000, 2_000_000, 4_000_000, 5_000_000, 5_000_000])
    }
}

@Suite struct PubSubFilterTests {
    let attributes = ["kind": "paid", "region": "eu-west", "my-key": "x"]

    @Test(arguments: [
        ("attributes.kind = \"paid\"", true),
        ("attributes.kind = \"refund\"", false),
        ("attributes.kind != \"refund\"", true),
        ("attributes.missing != \"refund\"", false),
        ("attributes:kind", true),
        ("attributes:missing", false),
        ("NOT attributes:missing", true),
        ("hasPrefix(attributes.region, \"eu\")", true),
        ("hasPrefix(attributes.missing, \"\")", false),
        ("attributes:kind AND attributes:region AND NOT attributes:missing", true),
        ("attributes:missing OR attributes.region = \"eu-west\"", true),
        ("(attributes:missing OR attributes:kind) AND attributes.my-key = \"x\"", true),
        ("attributes.\"my-key\" = \"x\"", true),
        ("attributes.kind = \"pa\\\"id\"", false),
    ])
    func evaluatesAgainstAttributes(filter: String, expected: Bool) throws {
        #expect(try PubSubFilter(parsing: filter).matches(attributes) == expected)
    }

    @Test(arguments: [
        "", "attributes", "attributes.kind", "attributes.kind = paid", "attributes.kind = \"paid",
        "attributes:a AND attributes:b OR attributes:c", "(attributes:a", "hasPrefix(attributes.a)",
        "data = \"x\"", "attributes:a attributes:b", "attributes.kind == \"x\"",
        String(repeating: "(", count: 300),
    ])
    func rejectsMalformedFilters(filter: String) {
        #expect(throws: PubSubFilterError.self) { try PubSubFilter(parsing: filter) }
    }
}
