import GRDB
import WarehouseSchema

/// `CAST(x AS STRING(10))`, `CAST(x AS ARRAY<NUMERIC(5, 2)>)`: the cast to the plain type runs first;
/// this applies the type parameters to its result, through arrays and STRUCTs, with the rules a
/// parameterized column applies on write (`TypeParameters.apply`).
enum TypeParameterConstraints {
    static let functionName = "gsql_type_parameters"

    static let implementations: [String: Library.Implementation] = [
        // (value, type descriptor with parameters, safe): the value, rounded where a scale says so;
        // a value that does not fit is an error, or NULL for SAFE_CAST.
        functionName: (
            3,
            { a in
                if a[0].isNull { return .null }
                let field = try SQLToJSON.field(fromDescriptor: Library.text(a[1]))
                do throws(TypeParameterViolation) {
                    let applied = try field.applyingParameters(to: SQLiteStorage.decode(a[0], field: field))
                    return SQLiteStorage.encode(applied, field: field)
                } catch {
                    if !a[2].isNull, try Library.int(a[2]) != 0 { return .null }
                    throw Library.error(error.message)
                }
            }
        )
    ]
}
