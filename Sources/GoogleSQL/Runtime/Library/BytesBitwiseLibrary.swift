import Foundation
import GRDB

/// The bitwise operators on BYTES: `&`, `|` and `^` byte by byte on two values of one length, `~`
/// on each byte, and the shifts moving the bits of the whole value (its first byte the most
/// significant), keeping its length.
enum BytesBitwiseLibrary {
    static let implementations: [String: Library.Implementation] = [
        "gsql_bytes_and": Library.strict(2) { a in try combined(a, &) },
        "gsql_bytes_or": Library.strict(2) { a in try combined(a, |) },
        "gsql_bytes_xor": Library.strict(2) { a in try combined(a, ^) },
        "gsql_bytes_not": Library.strict(1) { a in Library.blob(Library.bytes(a[0]).map { ~$0 }) },
        "gsql_bytes_shift_left": Library.strict(2) { a in
            Library.blob(shiftedLeft(Library.bytes(a[0]), by: try count(a[1])))
        },
        "gsql_bytes_shift_right": Library.strict(2) { a in
            Library.blob(shiftedRight(Library.bytes(a[0]), by: try count(a[1])))
        },
    ]

    private static func combined(_ a: [DatabaseValue], _ op: (UInt8, UInt8) -> UInt8) throws(GoogleSQLError) -> DatabaseValue {
        let (x, y) = (Library.bytes(a[0]), Library.bytes(a[1]))
        guard x.count == y.count else {
            throw Library.error(
                "Bitwise binary operator for BYTES requires equal length of the inputs. Got \(x.count) bytes on the left hand side and \(y.count) bytes on the right hand side."
            )
        }
        return Library.blob(zip(x, y).map { op($0, $1) })
    }

    private static func count(_ value: DatabaseValue) throws(GoogleSQLError) -> Int {
        let n = try Library.int(value)
        guard n >= 0 else { throw Library.error("Bitwise shift by negative count: \(n)") }
        return Int(min(n, Int64(Int32.max)))
    }

    private static func shiftedLeft(_ bytes: [UInt8], by n: Int) -> [UInt8] {
        let (whole, bits) = (n / 8, n % 8)
        return bytes.indices.map { index in
            let source = index + whole
            guard source < bytes.count else { return 0 }
            let next = source + 1 < bytes.count ? bytes[source + 1] : 0
            return bits == 0 ? bytes[source] : bytes[source] << bits | next >> (8 - bits)
        }
    }

    private static func shiftedRight(_ bytes: [UInt8], by n: Int) -> [UInt8] {
        let (whole, bits) = (n / 8, n % 8)
        return bytes.indices.map { index in
            let source = index - whole
            guard source >= 0 else { return 0 }
            let previous = source > 0 ? bytes[source - 1] : 0
            return bits == 0 ? bytes[source] : bytes[source] >> bits | previous << (8 - bits)
        }
    }
}
