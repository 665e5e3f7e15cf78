import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are the examples of BigQuery's net functions documentation.
@Suite struct NetFunctionTests {
    let db = try! Fixture.events()

    @Test func hostOfURLs() throws {
        #expect(try db.value("NET.HOST('')") == .null)
        #expect(try db.value("NET.HOST('http://abc.xyz')") == .string("abc.xyz"))
        #expect(try db.value("NET.HOST('//user:password@a.b:80/path?query')") == .string("a.b"))
        #expect(try db.value("NET.HOST('https://[::1]:80')") == .string("[::1]"))
        #expect(try db.value("NET.HOST('http://例子.卷筒纸.中国')") == .string("例子.卷筒纸.中国"))
        #expect(try db.value("NET.HOST('    www.Example.Co.UK    ')") == .string("www.Example.Co.UK"))
        #expect(try db.value("NET.HOST('mailto:?to=&subject=&body=')") == .string("mailto"))
    }

    @Test func ipAddresses() throws {
        #expect(try db.value("NET.IP_FROM_STRING('48.49.50.51')") == .bytes(Array("0123".utf8)))
        #expect(try db.value("NET.IP_FROM_STRING('::1')") == .bytes(Array(repeating: 0, count: 15) + [1]))
        #expect(try db.value("NET.IP_FROM_STRING('3031:3233:3435:3637:3839:4041:4243:4445')") == .bytes(Array("0123456789@ABCDE".utf8)))
        #expect(try db.value("NET.IP_TO_STRING(NET.IP_FROM_STRING('::ffff:192.0.2.128'))") == .string("::ffff:192.0.2.128"))
        #expect(try db.value("NET.IP_TO_STRING(b'0123')") == .string("48.49.50.51"))
        #expect(try db.value("NET.SAFE_IP_FROM_STRING('10.1.2.3/32')") == .null)
        #expect(db.failure("NET.IP_FROM_STRING('10.1.2.3/32')") != nil)
        #expect(try db.value("NET.IP_NET_MASK(4, 20)") == .bytes([0xff, 0xff, 0xf0, 0x00]))
        #expect(try db.value("NET.IP_NET_MASK(16, 1)") == .bytes([0x80] + Array(repeating: 0, count: 15)))
        #expect(try db.value("NET.IP_TRUNC(b'\\xaa\\xbb\\xcc\\xdd', 11)") == .bytes([0xaa, 0xa0, 0, 0]))
        #expect(try db.value("NET.IP_TRUNC(b'0123456789@ABCDE', 80)") == .bytes(Array("0123456789".utf8) + Array(repeating: 0, count: 6)))
        #expect(try db.value("NET.IPV4_FROM_INT64(11259375)") == .bytes([0x00, 0xab, 0xcd, 0xef]))
        #expect(try db.value("NET.IPV4_FROM_INT64(-2)") == .bytes([0xff, 0xff, 0xff, 0xfe]))
        #expect(try db.value("NET.IPV4_TO_INT64(b'\\xff\\xff\\xff\\xff')") == .int64(0xFFFF_FFFF))
    }
}
