import WarehouseSchema

/// Roughly how much memory result rows hold, for the retained-results budget of `JobRegistry`.
/// An estimate from the shapes Swift stores them in, not a measurement: it need only grow with the truth.
enum ResultSize {
    /// An array's heap header; each element adds its stride.
    private static let arrayHeader = 32
    /// `BigQueryValue` is an indirect enum: every value is a heap box of about this size.
    private static let valueBox = 48

    static func bytes(of rows: [[BigQueryValue]]) -> Int {
        rows.reduce(arrayHeader) { total, row in total + 8 + bytes(ofRow: row) }
    }

    private static func bytes(ofRow values: [BigQueryValue]) -> Int {
        values.reduce(arrayHeader) { $0 + 8 + bytes(of: $1) }
    }

    static func bytes(of value: BigQueryValue) -> Int {
        switch value {
        case .string(let text), .numeric(let text), .bignumeric(let text), .json(let text):
            // Up to 15 UTF-8 bytes live inside the String itself.
            let count = text.utf8.count
            return valueBox + (count > 15 ? arrayHeader + count : 0)
        case .bytes(let bytes): return valueBox + arrayHeader + bytes.count
        case .record(let values), .array(let values): return valueBox + bytes(ofRow: values)
        default: return valueBox
        }
    }
}
