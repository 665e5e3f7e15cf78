import WarehouseSchema

/// A script's variables reach the compiler as named parameters under a name no `@parameter` can
/// spell, so that a bare name (`x`) the FROM clause does not resolve can be looked up among them.
public enum ScriptVariables {
    public static func parameterName(_ variable: String) -> String { "$var." + variable.lowercased() }

    public static func parameter(_ variable: String, type: ParameterType, value: BigQueryValue) -> QueryParameter {
        QueryParameter(name: parameterName(variable), type: type, value: value)
    }
}
