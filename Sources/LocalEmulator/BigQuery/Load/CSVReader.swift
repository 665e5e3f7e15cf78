/// The record-level options of a CSV load (`configuration.load`).
struct CSVDialect: Sendable {
    /// The field separator's bytes in the file's encoding (`fieldDelimiter`, default `,`).
    var delimiter: [UInt8] = [UInt8(ascii: ",")]
    /// The quote byte (`quote`, default `"`); nil when the job turns quoting off with `""`.
    var quote: UInt8? = UInt8(ascii: "\"")
    /// Whether a quoted value may hold a line break (`allowQuotedNewlines`).
    var allowQuotedNewlines = false
    /// ISO-8859-1 files are read byte for byte as the first 256 code points.
    var latin1 = false

    /// ISO-8859-1 text: each byte is the code point of the same number.
    static func latin1Text(_ bytes: some Sequence<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

/// Splits a CSV file into records, as BigQuery reads one: RFC 4180 quoting (a doubled quote inside a
/// quoted value is one quote), records ending at `\n`, `\r\n` or `\r`, empty lines skipped. A record
/// that cannot be read (an unclosed quote, text after a closing quote, bytes that are not UTF-8) is
/// reported with its byte offset and the reading goes on at the next line, so that `maxBadRecords`
/// can skip it.
struct CSVReader: Sequence, IteratorProtocol {
    enum Record: Sendable {
        case fields([String], offset: Int)
        case malformed(String, offset: Int)
    }

    private let bytes: [UInt8]
    private let dialect: CSVDialect
    private var position: Int

    init(_ bytes: [UInt8], dialect: CSVDialect) {
        self.bytes = bytes
        self.dialect = dialect
        // A UTF-8 byte order mark is not part of the first value.
        position = !dialect.latin1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() -> Record? {
        while position < bytes.count, isLineBreak(bytes[position]) { skipLineBreak() }
        guard position < bytes.count else { return nil }
        let start = position
        var fields: [String] = []
        while true {
            switch readField() {
            case .failure(let error):
                skipRestOfLine()
                return .malformed("Error detected while parsing row starting at position: \(start). Error: \(error.message)", offset: start)
            case .success(let field):
                fields.append(field)
            }
            if position >= bytes.count { return .fields(fields, offset: start) }
            if isLineBreak(bytes[position]) {
                skipLineBreak()
                return .fields(fields, offset: start)
            }
            // readField stops only at the end, a line break or a delimiter.
            position += dialect.delimiter.count
        }
    }

    private func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    private mutating func skipLineBreak() {
        if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { position += 2 } else { position += 1 }
    }

    private mutating func skipRestOfLine() {
        while position < bytes.count, !isLineBreak(bytes[position]) { position += 1 }
        if position < bytes.count { skipLineBreak() }
    }

    private func atDelimiter(_ index: Int) -> Bool {
        let delimiter = dialect.delimiter
        guard index + delimiter.count <= bytes.count, bytes[index] == delimiter[0] else { return false }
        return delimiter.count == 1 || bytes[index..<index + delimiter.count].elementsEqual(delimiter)
    }

    private mutating func readField() -> Result<String, CSVError> {
        guard let quote = dialect.quote, position < bytes.count, bytes[position] == quote else {
            let start = position
            while position < bytes.count, !isLineBreak(bytes[position]), !atDelimiter(position) { position += 1 }
            return text(bytes[start..<position])
        }
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { return .failure(CSVError("Missing close quote character (\(Character(Unicode.Scalar(quote))))")) }
            let byte = bytes[position]
            if byte == quote {
                if position + 1 < bytes.count, bytes[position + 1] == quote {
                    value.append(quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if isLineBreak(byte), !dialect.allowQuotedNewlines {
                return .failure(CSVError("Quoted value holds a line break; set allowQuotedNewlines to load such values"))
            }
            value.append(byte)
            position += 1
        }
        guard position >= bytes.count || isLineBreak(bytes[position]) || atDelimiter(position) else {
            return .failure(CSVError("Data between close quote character (\(Character(Unicode.Scalar(quote)))) and field separator"))
        }
        return text(value[...])
    }

    private func text(_ slice: ArraySlice<UInt8>) -> Result<String, CSVError> {
        if dialect.latin1 { return .success(CSVDialect.latin1Text(slice)) }
        // Most values are ASCII, which needs no validation; the rest are checked as UTF-8.
        if !slice.contains(where: { $0 >= 0x80 }) { return .success(slice.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }) }
        guard let decoded = slice.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
            return .failure(CSVError("Bad character (not UTF-8): set encoding to ISO-8859-1 for files in that encoding"))
        }
        return .success(decoded)
    }
}

struct CSVError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
