import WarehouseSchema
import WireJSON

/// Where a Parquet file's top-level fields go in a table's schema (`ParquetFile.plan(for:)`).
struct ParquetRowPlan: Sendable {
    let schema: TableSchema
    let listInference: Bool
    /// Per top-level field of the file, the table field's index; nil for a column the table lacks.
    let targets: [Int?]
    /// Per top-level field of the file, whether its values go straight to stored values (`ParquetDirect`).
    let direct: [Bool]
}

/// One top-level field's value in one row, assembled from its columns' levels (Dremel's record
/// assembly): a group's slots follow its schema node's children.
indirect enum ParquetValue: Sendable, Equatable {
    case null
    case primitive(ParquetPrimitive)
    /// A repeated node's elements.
    case list([ParquetValue])
    case group([ParquetValue?])
}

/// A Parquet file read into rows: its schema tree and, per row, each top-level field's value.
struct ParquetFile: Sendable {
    let fields: [ParquetSchemaNode]
    private(set) var rows: [[ParquetValue]] = []

    init(_ bytes: [UInt8]) throws(ParquetError) {
        let metadata = try ParquetFileMetadata(file: bytes)
        fields = try ParquetSchemaNode.fields(of: metadata.schema)
        let elements = fields.flatMap(\.leaves)
        var budget = ParquetBudget(fileSize: bytes.count)
        for group in metadata.rowGroups {
            guard group.rowCount >= 0, group.rowCount <= budget.values else { throw ParquetError.tooManyValues }
            guard group.columns.count == elements.count else {
                throw ParquetError("a row group has \(group.columns.count) columns where the schema has \(elements.count)")
            }
            let rowCount = Int(group.rowCount)
            var columns: [[ParquetValue]] = []
            for field in fields {
                columns.append(try Self.assemble(field, rows: rowCount, group: group, file: bytes, budget: &budget))
            }
            for row in 0..<rowCount { rows.append(columns.map { $0[row] }) }
        }
    }

    /// The BigQuery schema the file describes.
    func schema(listInference: Bool) throws(ParquetError) -> TableSchema {
        var result: [TableFieldSchema] = []
        for field in fields { result.append(try field.field(listInference: listInference)) }
        return TableSchema(fields: result)
    }

    /// How the file's top-level fields go into `schema`'s, worked out once per file rather than per
    /// row. Without `direct`, every value goes the JSON way (the reference the direct way is held to).
    func plan(for schema: TableSchema, listInference: Bool, direct: Bool = true) -> ParquetRowPlan {
        let targets = fields.map { field in schema.fields.firstIndex { $0.name.lowercased() == field.name.lowercased() } }
        let straight = zip(fields, targets).map { field, target in
            direct && target.map { ParquetDirect.applies(node: field, field: schema.fields[$0]) } == true
        }
        return ParquetRowPlan(schema: schema, listInference: listInference, targets: targets, direct: straight)
    }

    /// Row `index` as one cell per field of `plan`'s schema in its order, as `RowValidator.validate(cells:)`
    /// takes a row: NULL for a field the file does not have; a column the table does not have is dropped.
    func cells(row index: Int, plan: ParquetRowPlan) throws(ParquetError) -> [RowValidator.Cell] {
        var cells = [RowValidator.Cell](repeating: .json(.null), count: plan.schema.fields.count)
        for (position, value) in rows[index].enumerated() {
            guard let target = plan.targets[position] else { continue }
            let field = plan.schema.fields[target]
            if plan.direct[position], case .primitive(let primitive) = value,
                let stored = ParquetDirect.value(primitive, node: fields[position], type: field.type)
            {
                cells[target] = .value(stored)
            } else {
                cells[target] = .json(try ParquetJSON.json(value, node: fields[position], field: field, listInference: plan.listInference))
            }
        }
        return cells
    }

    /// One top-level field's value for each row of a row group.
    private static func assemble(
        _ field: ParquetSchemaNode, rows: Int, group: ParquetRowGroup, file: [UInt8], budget: inout ParquetBudget
    ) throws(ParquetError) -> [ParquetValue] {
        var result: [ParquetValue]?
        for path in paths(to: field) {
            let leaf = path[path.count - 1].node
            let chunk = group.columns[leaf.column]
            guard chunk.type == leaf.element.physicalType else { throw ParquetError("column \(leaf.name)'s type differs from its schema's") }
            let reader = ParquetColumnReader(
                file: file, chunk: chunk, typeLength: leaf.element.typeLength, maxRepetition: leaf.repetitionLevel,
                maxDefinition: leaf.definitionLevel)
            let data = try reader.read(budget: &budget)
            var cursor = LeafCursor(data: data, maxDefinition: leaf.definitionLevel)
            var values: [ParquetValue] = []
            values.reserveCapacity(rows)
            for _ in 0..<rows {
                guard cursor.entry < data.definitionLevels.count, data.repetitionLevels[cursor.entry] == 0 else {
                    throw ParquetError("column \(leaf.name) holds a different number of rows than its row group")
                }
                values.append(try cursor.build(path, depth: 0))
            }
            guard cursor.entry == data.definitionLevels.count else {
                throw ParquetError("column \(leaf.name) holds a different number of rows than its row group")
            }
            if let merged = result {
                result = try zip(merged, values).map { a, b throws(ParquetError) in try merge(a, b) }
            } else {
                result = values
            }
        }
        return result ?? []
    }

    /// Each leaf under `field`, as the nodes from `field` down to it with the child index taken at each.
    private static func paths(to field: ParquetSchemaNode) -> [[(node: ParquetSchemaNode, slot: Int)]] {
        if field.isLeaf { return [[(field, 0)]] }
        return field.children.enumerated().flatMap { slot, child in
            paths(to: child).map { [(field, slot)] + $0 }
        }
    }

    /// Two leaves' shapes of the same field: groups merge slot by slot, lists element by element.
    private static func merge(_ a: ParquetValue, _ b: ParquetValue) throws(ParquetError) -> ParquetValue {
        switch (a, b) {
        case (.null, .null): return .null
        case (.group(let left), .group(let right)) where left.count == right.count:
            var slots: [ParquetValue?] = []
            for (x, y) in zip(left, right) {
                switch (x, y) {
                case (let x?, let y?): slots.append(try merge(x, y))
                default: slots.append(x ?? y)
                }
            }
            return .group(slots)
        case (.list(let left), .list(let right)) where left.count == right.count:
            var items: [ParquetValue] = []
            for (x, y) in zip(left, right) { items.append(try merge(x, y)) }
            return .list(items)
        default:
            throw ParquetError("the columns of one field disagree on its nesting")
        }
    }
}

/// Walks one leaf column's levels, building each row's value along the path to the leaf. Every
/// call consumes at least one entry, so a malformed file ends in an error, never a loop.
private struct LeafCursor {
    let data: ParquetColumnData
    let maxDefinition: Int
    var entry = 0
    var value = 0

    mutating func build(_ path: [(node: ParquetSchemaNode, slot: Int)], depth: Int) throws(ParquetError) -> ParquetValue {
        let node = path[depth].node
        guard entry < data.definitionLevels.count else { throw ParquetError("column \(node.name) ends inside a row") }
        if node.element.repetition != .required, data.definitionLevels[entry] < node.definitionLevel {
            entry += 1
            return node.element.repetition == .repeated ? .list([]) : .null
        }
        guard node.element.repetition == .repeated else { return try inner(path, depth: depth) }
        var items = [try inner(path, depth: depth)]
        while entry < data.repetitionLevels.count, data.repetitionLevels[entry] == node.repetitionLevel {
            items.append(try inner(path, depth: depth))
        }
        return .list(items)
    }

    /// One present instance of the node at `depth`: the leaf's value, or a group with the path's slot filled.
    private mutating func inner(_ path: [(node: ParquetSchemaNode, slot: Int)], depth: Int) throws(ParquetError) -> ParquetValue {
        let node = path[depth].node
        guard depth + 1 < path.count else {
            guard entry < data.definitionLevels.count, data.definitionLevels[entry] == maxDefinition, value < data.values.count else {
                throw ParquetError("column \(node.name) has fewer values than its levels say")
            }
            defer {
                entry += 1
                value += 1
            }
            return .primitive(data.values[value])
        }
        var slots = [ParquetValue?](repeating: nil, count: node.children.count)
        slots[path[depth].slot] = try build(path, depth: depth + 1)
        return .group(slots)
    }
}
