import Testing
import WarehouseSchema

@testable import GoogleSQL

/// NET.PUBLIC_SUFFIX and NET.REG_DOMAIN over the system's Public Suffix List: the reference's
/// examples, its rules for private domains, wildcards and exceptions, and RFC 3492's Punycode.
@Suite struct PublicSuffixTests {
    let db = try! Fixture.events()

    private func domains(_ url: String) throws -> [BigQueryValue] {
        let literal = "'" + url.replacingOccurrences(of: "'", with: "\\'") + "'"
        return try db.rows("SELECT NET.PUBLIC_SUFFIX(\(literal)), NET.REG_DOMAIN(\(literal))").first ?? []
    }

    @Test func theReferenceExamples() throws {
        #expect(try domains("") == [.null, .null])
        #expect(try domains("http://abc.xyz") == [.string("xyz"), .string("abc.xyz")])
        #expect(try domains("//user:password@a.b:80/path?query") == [.null, .null])
        #expect(try domains("https://[::1]:80") == [.null, .null])
        #expect(try domains("http://例子.卷筒纸.中国") == [.string("中国"), .string("卷筒纸.中国")])
        #expect(try domains("    www.Example.Co.UK    ") == [.string("Co.UK"), .string("Example.Co.UK")])
        #expect(try domains("mailto:?to=&subject=&body=") == [.null, .null])
    }

    @Test func privateDomainsAreNotSuffixes() throws {
        // github.io is in the list's private section: its suffix is io.
        #expect(try domains("https://user.github.io/page") == [.string("io"), .string("github.io")])
    }

    @Test func wildcardsExceptionsAndHostsOfOnlyASuffix() throws {
        #expect(try domains("http://a.b.ck") == [.string("b.ck"), .string("a.b.ck")])
        #expect(try domains("http://www.ck") == [.string("ck"), .string("www.ck")])
        #expect(try domains("http://co.uk") == [.string("co.uk"), .null])
        #expect(try domains("http://a..example.com") == [.null, .null])
        #expect(try domains("http://xn--fiqs8s") == [.string("xn--fiqs8s"), .null])
        #expect(try db.value("NET.REG_DOMAIN(NULL)") == .null)
    }

    /// Only a host's last few labels can match a rule, and no rule label is longer than DNS's 63
    /// bytes: a host of 100,000 labels, or a label of 200,000 characters, answers at once instead
    /// of comparing every suffix of the host (quadratic) or encoding the label (quadratic too).
    @Test func hugeHostsAnswerAtOnce() throws {
        let longLabel = String(repeating: "ü", count: 200_000)
        #expect(try domains(String(repeating: "a.", count: 100_000) + "co.uk") == [.string("co.uk"), .string("a.co.uk")])
        #expect(try domains(longLabel + ".de") == [.string("de"), .string(longLabel + ".de")])
        #expect(try domains("http://example." + longLabel) == [.null, .null])
    }

    @Test func punycodeEncodesAsRFC3492() {
        #expect(Punycode.asciiLabel("中国") == "xn--fiqs8s")
        #expect(Punycode.asciiLabel("卷筒纸") == "xn--3lr804guic")
        #expect(Punycode.asciiLabel("Bücher") == "xn--Bcher-kva")
        #expect(Punycode.asciiLabel("example") == "example")
    }
}
