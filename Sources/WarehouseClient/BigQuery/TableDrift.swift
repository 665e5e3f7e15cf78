/// One way a live table differs from its definition. `ensureTable` reports these rather than
/// changing the table: altering partitioning or types needs a migration a person decides on.
public struct TableDrift: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// In the definition, not in the table.
        case missingColumn
        /// In the table, not in the definition.
        case extraColumn
        case typeChanged
        case modeChanged
        case partitioningChanged
        case clusteringChanged
        case requirePartitionFilterChanged
    }

    public var kind: Kind
    /// The column's dotted path, or the table setting's name.
    public var subject: String
    public var expected: String
    public var actual: String

    public init(kind: Kind, subject: String, expected: String, actual: String) {
        self.kind = kind
        self.subject = subject
        self.expected = expected
        self.actual = actual
    }

    public var description: String {
        switch kind {
        case .missingColumn: "column \(subject) (\(expected)) is missing from the table"
        case .extraColumn: "column \(subject) (\(actual)) is in the table but not in the definition"
        default: "\(subject): expected \(expected), table has \(actual)"
        }
    }

    /// Everything that differs between `expected` (the definition) and `actual` (the live table).
    public static func between(_ expected: TableDefinition, _ actual: TableDefinition) -> [TableDrift] {
        var drift = columns(expected.schema.fields, actual.schema.fields, path: "")
        let partitioning = { (spec: TableDefinition.TimePartitioning?) in
            spec.map { "\($0.granularity.rawValue) on \($0.field ?? "_PARTITIONTIME")" } ?? "none"
        }
        if partitioning(expected.timePartitioning) != partitioning(actual.timePartitioning) {
            drift.append(
                TableDrift(
                    kind: .partitioningChanged, subject: "timePartitioning",
                    expected: partitioning(expected.timePartitioning), actual: partitioning(actual.timePartitioning)))
        }
        if expected.clustering.map({ $0.lowercased() }) != actual.clustering.map({ $0.lowercased() }) {
            drift.append(
                TableDrift(
                    kind: .clusteringChanged, subject: "clustering",
                    expected: list(expected.clustering), actual: list(actual.clustering)))
        }
        if expected.requirePartitionFilter != actual.requirePartitionFilter {
            drift.append(
                TableDrift(
                    kind: .requirePartitionFilterChanged, subject: "requirePartitionFilter",
                    expected: "\(expected.requirePartitionFilter)", actual: "\(actual.requirePartitionFilter)"))
        }
        return drift
    }

    private static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    private static func columns(_ expected: [TableFieldSchema], _ actual: [TableFieldSchema], path: String) -> [TableDrift] {
        var drift: [TableDrift] = []
        let describe = { (field: TableFieldSchema) in "\(field.type.rawValue) \(field.mode.rawValue)" }
        for field in expected {
            let name = path + field.name
            guard let live = actual.first(where: { $0.name.lowercased() == field.name.lowercased() }) else {
                drift.append(TableDrift(kind: .missingColumn, subject: name, expected: describe(field), actual: "absent"))
                continue
            }
            if live.type != field.type {
                drift.append(TableDrift(kind: .typeChanged, subject: name, expected: field.type.rawValue, actual: live.type.rawValue))
            } else if field.type == .record {
                drift += columns(field.fields, live.fields, path: name + ".")
            }
            if live.mode != field.mode {
                drift.append(TableDrift(kind: .modeChanged, subject: name, expected: field.mode.rawValue, actual: live.mode.rawValue))
            }
        }
        for live in actual where !expected.contains(where: { $0.name.lowercased() == live.name.lowercased() }) {
            drift.append(TableDrift(kind: .extraColumn, subject: path + live.name, expected: "absent", actual: describe(live)))
        }
        return drift
    }
}
