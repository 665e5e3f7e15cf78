import WarehouseSchema
import WireJSON

/// A tabledata.insertAll body, its rows validated against the table's schema.
struct InsertAllRequest {
    struct Row {
        var insertId: String?
        var outcome: RowValidator.Outcome
    }

    var skipInvalidRows: Bool
    /// In request order: a row's position is its index in `insertErrors`.
    var rows: [Row]

    static func templateSuffixUnsupported() -> GoogleAPIError {
        GoogleAPIError.badRequest("templateSuffix is not supported by the local emulator")
    }
}

extension InsertAllRequest {
    /// The reference reading, from the parsed body. Every body can be read this way.
    init(body: JSONObject, schema: TableSchema) throws {
        guard let rows = body["rows"]?.arrayValue, !rows.isEmpty else {
            throw GoogleAPIError.badRequest("No rows present in the request.")
        }
        let fields = RequestFields(body, path: "")
        let validator = RowValidator(schema: schema, ignoreUnknownValues: try fields.bool("ignoreUnknownValues") ?? false)
        skipInvalidRows = try fields.bool("skipInvalidRows") ?? false
        self.rows = try rows.enumerated().map { index, row in
            let insertId = try RequestFieldTypes.string(row["insertId"], at: "rows[\(index)].insert_id")
            guard case .object(let json) = row["json"] ?? .null else {
                return Row(insertId: insertId, outcome: .invalid([RowError(location: "", message: "Row \(index) has no json object.")]))
            }
            return Row(insertId: insertId, outcome: validator.validate(json))
        }
    }

    /// The same reading straight from the bytes, without the tree of the whole body: what clients
    /// send (an object with `rows` of `{insertId, json}` and the flags, in any order) is read in
    /// one pass per row. Nil for anything else, including JSON that does not parse and a field of
    /// the wrong type, so that the reference reading reads it and reports it: every error comes from
    /// that one implementation, in its order (a body that does not parse is a parse error even when
    /// a field before the fault has the wrong type).
    static func reading(_ bytes: UnsafeBufferPointer<UInt8>, schema: TableSchema) -> InsertAllRequest? {
        do {
            var cursor = JSONCursor(bytes)
            var seen: Set<String> = []
            var skipInvalidRows = false
            var ignoreUnknownValues = false
            var templateSuffix: String?
            var rows: (mark: JSONCursor.Mark, ignoringUnknown: Bool, read: [Row])?
            try cursor.enterObject()
            while let key = try cursor.nextKey() {
                let name = ["rows", "skipInvalidRows", "ignoreUnknownValues", "templateSuffix"].first(where: key.matches)
                guard let name else {
                    try cursor.skipValue()
                    continue
                }
                // The reference reading takes the first of repeated members.
                guard seen.insert(name).inserted else { return nil }
                switch name {
                case "rows":
                    let mark = cursor.mark
                    let validator = RowValidator(schema: schema, ignoreUnknownValues: ignoreUnknownValues)
                    guard let read = try readRows(&cursor, validator: validator) else { return nil }
                    rows = (mark, ignoreUnknownValues, read)
                case "skipInvalidRows": skipInvalidRows = try RequestFieldTypes.bool(cursor.readValue(), at: "skip_invalid_rows") ?? false
                case "ignoreUnknownValues":
                    ignoreUnknownValues = try RequestFieldTypes.bool(cursor.readValue(), at: "ignore_unknown_values") ?? false
                default: templateSuffix = try RequestFieldTypes.string(cursor.readValue(), at: "template_suffix")
                }
            }
            try cursor.finish()
            if let templateSuffix, !templateSuffix.isEmpty { return nil }
            guard var rows else { return nil }
            if rows.ignoringUnknown != ignoreUnknownValues {
                // The flag came after the rows: read them again with it.
                cursor.rewind(to: rows.mark)
                let validator = RowValidator(schema: schema, ignoreUnknownValues: ignoreUnknownValues)
                guard let read = try readRows(&cursor, validator: validator) else { return nil }
                rows.read = read
            }
            guard !rows.read.isEmpty else { return nil }
            return InsertAllRequest(skipInvalidRows: skipInvalidRows, rows: rows.read)
        } catch {
            return nil
        }
    }

    private static func readRows(_ cursor: inout JSONCursor, validator: RowValidator) throws -> [Row]? {
        guard try cursor.peekKind() == .array else { return nil }
        try cursor.enterArray()
        var rows: [Row] = []
        while try cursor.nextElement() {
            guard try cursor.peekKind() == .object else { return nil }
            try cursor.enterObject()
            var insertId: String?
            var sawInsertId = false
            var outcome: RowValidator.Outcome?
            while let key = try cursor.nextKey() {
                if key.matches("json") {
                    guard outcome == nil, try cursor.peekKind() == .object else { return nil }
                    outcome = try validator.validate(reading: &cursor)
                } else if key.matches("insertId") {
                    guard !sawInsertId else { return nil }
                    sawInsertId = true
                    insertId = try RequestFieldTypes.string(cursor.readValue(), at: "rows[\(rows.count)].insert_id")
                } else {
                    try cursor.skipValue()
                }
            }
            guard let outcome else { return nil }
            rows.append(Row(insertId: insertId, outcome: outcome))
        }
        return rows
    }
}
