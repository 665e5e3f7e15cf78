/// One fuzzed entry point: `run` is given every input; it returns normally for inputs the code
/// handles (errors included) and stops the process, with a message, when the code misbehaves.
struct FuzzTarget: Sendable {
    let name: String
    /// One-time setup before the first input (fixtures that would be too slow to build per input).
    let prepare: @Sendable () -> Void
    let run: @Sendable (UnsafeBufferPointer<UInt8>) -> Void

    init(name: String, prepare: @escaping @Sendable () -> Void = {}, run: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Void) {
        self.name = name
        self.prepare = prepare
        self.run = run
    }

    static let all: [FuzzTarget] = [
        JSONFuzz.target, GoogleSQLFuzz.target, ScriptFuzz.target, InsertAllFuzz.target, JWTFuzz.target, GeographyFuzz.target,
        LoadFuzz.target, ParquetFuzz.target,
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// Set once by main before libFuzzer starts, read by every input after.
    nonisolated(unsafe) static var selected: FuzzTarget?
}

/// libFuzzer calls this for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected?.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// Stops the process with `message` when the code under test broke a property it promises.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("FUZZ PROPERTY VIOLATED: " + message()) }
}
