import WarehouseSchema

/// A node of a Parquet file's schema tree, rebuilt from the footer's depth-first element list, with
/// the repetition and definition levels that reach it.
struct ParquetSchemaNode: Sendable {
    var element: ParquetSchemaElement
    var children: [ParquetSchemaNode] = []
    /// Optional and repeated nodes from the top-level field down to this one, this one included.
    var definitionLevel = 0
    /// Repeated nodes from the top-level field down to this one, this one included.
    var repetitionLevel = 0
    /// For a leaf, its column's index in each row group.
    var column = -1
    /// For a LIST-annotated group, whether its element is wrapped (see `listElement`); worked out
    /// once when the tree is built, as rows ask for it per value.
    private(set) var listWrapping: Bool?

    var name: String { element.name }
    var isLeaf: Bool { element.physicalType != nil }

    /// The top-level fields of the file's schema; the root element is the first of `elements`.
    static func fields(of elements: [ParquetSchemaElement]) throws(ParquetError) -> [ParquetSchemaNode] {
        guard let root = elements.first, root.physicalType == nil else { throw ParquetError("the file's schema has no root group") }
        guard root.childCount >= 0, root.childCount < elements.count else {
            throw ParquetError("the file's schema root has \(root.childCount) fields where the schema lists \(elements.count - 1) elements")
        }
        var index = 1
        var column = 0
        var fields: [ParquetSchemaNode] = []
        for _ in 0..<root.childCount {
            fields.append(try node(elements, at: &index, column: &column, parentDefinition: 0, parentRepetition: 0, depth: 1))
        }
        guard index == elements.count else { throw ParquetError("the file's schema lists elements outside its tree") }
        guard !fields.isEmpty else { throw ParquetError("the file's schema has no columns") }
        return fields
    }

    private static func node(
        _ elements: [ParquetSchemaElement], at index: inout Int, column: inout Int, parentDefinition: Int, parentRepetition: Int, depth: Int
    ) throws(ParquetError) -> ParquetSchemaNode {
        guard index < elements.count else { throw ParquetError("the file's schema has fewer elements than its groups say") }
        guard depth <= 32 else { throw ParquetError("the file's schema is nested more than 32 levels deep") }
        let element = elements[index]
        index += 1
        var node = ParquetSchemaNode(element: element)
        node.definitionLevel = parentDefinition + (element.repetition == .required ? 0 : 1)
        node.repetitionLevel = parentRepetition + (element.repetition == .repeated ? 1 : 0)
        if element.physicalType != nil {
            node.column = column
            column += 1
            return node
        }
        guard element.childCount > 0, element.childCount <= elements.count - index else {
            throw ParquetError("group \(element.name) of the file's schema has no fields or more than the schema lists")
        }
        for _ in 0..<element.childCount {
            node.children.append(
                try Self.node(
                    elements, at: &index, column: &column, parentDefinition: node.definitionLevel, parentRepetition: node.repetitionLevel,
                    depth: depth + 1))
        }
        node.listWrapping = node.wrapsListElement
        return node
    }

    /// The leaves under this node, in column order.
    var leaves: [ParquetSchemaNode] { isLeaf ? [self] : children.flatMap(\.leaves) }

    /// With list inference, a LIST-annotated group stands for its elements. The element is the node
    /// that holds one: in the three-level layout the repeated child's only field (`wrapped`), in the
    /// legacy two-level one the repeated child itself. Nil when this node is not such a list.
    var listElement: (node: ParquetSchemaNode, wrapped: Bool)? {
        guard let listWrapping else { return nil }
        return listWrapping ? (children[0].children[0], true) : (children[0], false)
    }

    /// Nil when this node is not a list; else whether the element is the repeated child's only field.
    private var wrapsListElement: Bool? {
        guard element.logicalType == .list, children.count == 1, children[0].element.repetition == .repeated else { return nil }
        let repeated = children[0]
        // A legacy two-level list names a repeated group that is itself the element `array` or `<list>_tuple`.
        return !(repeated.isLeaf || repeated.children.count > 1 || repeated.name == "array" || repeated.name == "\(name)_tuple")
    }

    /// The BigQuery field this node becomes, as BigQuery reads a Parquet schema.
    func field(listInference: Bool) throws(ParquetError) -> TableFieldSchema {
        var mode: FieldMode = element.repetition == .required ? .required : element.repetition == .repeated ? .repeated : .nullable
        var node = self
        if listInference, let (element, _) = listElement {
            guard element.listElement == nil else { throw ParquetError("list \(name) holds lists, which BigQuery cannot store (an ARRAY of ARRAY)") }
            node = element
            mode = .repeated
        }
        guard node.isLeaf else {
            var fields: [TableFieldSchema] = []
            for child in node.children { fields.append(try child.field(listInference: listInference)) }
            return TableFieldSchema(name: name, type: .record, mode: mode, fields: fields)
        }
        return TableFieldSchema(name: name, type: node.bigQueryType, mode: mode)
    }

    /// A leaf's BigQuery type, from its physical and logical types.
    var bigQueryType: FieldType {
        switch (element.physicalType, element.logicalType) {
        case (_, .decimal(let scale, let precision)?):
            return scale <= 9 && precision - scale <= 29 ? .numeric : .bignumeric
        case (.boolean?, _): return .boolean
        case (.int32?, .date?): return .date
        case (_, .time?): return .time
        case (_, .timestamp(let utc, _)?): return utc ? .timestamp : .datetime
        case (.int96?, _): return .timestamp
        case (.int32?, _), (.int64?, _): return .integer
        case (.float?, _), (.double?, _): return .float
        case (_, .json?): return .json
        case (_, .string?), (_, .enumeration?): return .string
        default: return .bytes
        }
    }
}
