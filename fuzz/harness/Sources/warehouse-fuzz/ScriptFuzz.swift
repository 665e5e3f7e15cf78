import GoogleSQL

/// Arbitrary text parsed as a BigQuery script; its `CREATE TEMP FUNCTION`s checked as the emulator
/// checks them, in order, and its top-level queries compiled with the functions defined before them
/// and run on the GoogleSQL target's fixture. Errors are expected, crashes are defects.
enum ScriptFuzz {
    static let target = FuzzTarget(name: "script", prepare: { _ = GoogleSQLFuzz.fixture }) { bytes in
        check(String(decoding: bytes, as: UTF8.self))
    }

    static func check(_ text: String) {
        guard let statements = try? ScriptParser.parse(text) else { return }
        var functions: [SQLFunction] = []
        for statement in statements {
            switch statement {
            case .createFunction(let create):
                do {
                    try GoogleSQLCompiler.check(
                        create.function, functions: functions, parameters: GoogleSQLFuzz.parameters(), defaultProject: "proj",
                        defaultDataset: "ds", catalog: GoogleSQLFuzz.catalog)
                    functions.removeAll { $0.name.uppercased() == create.function.name.uppercased() }
                    functions.append(create.function)
                } catch {
                    return
                }
            case .query(let sql):
                guard
                    let query = try? GoogleSQLCompiler.compile(
                        sql, parameters: GoogleSQLFuzz.parameters(), defaultProject: "proj", defaultDataset: "ds",
                        catalog: GoogleSQLFuzz.catalog, now: GoogleSQLFuzz.now, functions: functions)
                else { continue }
                GoogleSQLFuzz.run(query)
            default: continue
            }
        }
    }
}
