import WarehouseClient
import WireJSON

extension QueryResult {
    /// Each row as a JSON object keyed by column name, as `bq --format json` prints it.
    var jsonRows: JSONValue {
        .array(
            rows.map { row in
                .object(
                    JSONObject(
                        zip(schema.fields, row).map { field, value in
                            (key: field.name, value: value.plainJSON(fields: field.fields))
                        }))
            })
    }

    /// A bordered text table like `bq query`'s, columns as wide as their widest cell.
    func textTable() -> String {
        let header = schema.fields.map(\.name)
        let cells = rows.map { row in zip(schema.fields, row).map { field, value in Self.text(value, field: field) } }
        var widths = header.map(\.count)
        for row in cells {
            for (column, text) in row.enumerated() { widths[column] = max(widths[column], text.count) }
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        let line = { (texts: [String]) in
            "| " + zip(texts, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ") + " |"
        }
        return ([rule, line(header), rule] + cells.map(line) + [rule]).joined(separator: "\n")
    }

    private static func text(_ value: BigQueryValue, field: TableFieldSchema) -> String {
        switch value {
        case .null: "NULL"
        case .string(let text): text
        default:
            switch value.plainJSON(fields: field.fields) {
            case .string(let text): text
            case let other: other.encodedString()
            }
        }
    }
}
