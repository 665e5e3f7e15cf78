/// Named arguments, `name => value`, which the parser passes as `$NAMED_<NAME>(value)` calls.
extension Resolver {
    static let namedArgumentPrefix = "$NAMED_"

    /// A call's arguments split into the positional ones and the named ones (by lowercase name),
    /// refusing names the function does not take, repeated names and positional after named.
    func namedArguments(
        _ function: String, _ syntax: [Expression], allowed: Set<String>, at location: SourceLocation
    ) throws(GoogleSQLError) -> (positional: [Expression], named: [String: Expression]) {
        var positional: [Expression] = []
        var named: [String: Expression] = [:]
        for argument in syntax {
            guard case .call(let name, let inner, _, _) = argument.kind, name.hasPrefix(Self.namedArgumentPrefix) else {
                guard named.isEmpty else { throw fail("Positional argument is invalid after named arguments", argument.location) }
                positional.append(argument)
                continue
            }
            let key = String(name.dropFirst(Self.namedArgumentPrefix.count)).lowercased()
            guard allowed.contains(key) else {
                throw fail("Named argument \(key) does not exist in signature of function \(function)", argument.location)
            }
            guard named[key] == nil else { throw fail("Duplicate named argument \(key) found in call to function \(function)", argument.location) }
            named[key] = inner[0]
        }
        return (positional, named)
    }

    /// A `name => value` reaching a function that takes no named arguments.
    func namedArgumentError(_ name: String, at location: SourceLocation) -> GoogleSQLError {
        let key = String(name.dropFirst(Self.namedArgumentPrefix.count)).lowercased()
        return fail("Unsupported: named argument \(key) => is not supported here by the local emulator", location)
    }
}
