import CLibFuzzer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Usage: warehouse-fuzz TARGET [libFuzzer flags] [corpus directories or inputs]
// The target may also be named by FUZZ_TARGET, which libFuzzer's child processes inherit.
var arguments = Array(UnsafeBufferPointer(start: CommandLine.unsafeArgv, count: Int(CommandLine.argc)))
if arguments.count > 1, let name = arguments[1].map({ String(cString: $0) }), let target = FuzzTarget.named(name) {
    FuzzTarget.selected = target
    setenv("FUZZ_TARGET", name, 1)
    arguments.remove(at: 1)
} else if let name = getenv("FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget.named(name) {
    FuzzTarget.selected = target
} else {
    let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
    print("usage: warehouse-fuzz TARGET [libFuzzer flags] [corpus...]; targets: \(names)")
    exit(2)
}
FuzzTarget.selected?.prepare()
arguments.append(nil)
var argc = CInt(arguments.count - 1)
let status = arguments.withUnsafeMutableBufferPointer { buffer in
    var argv = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
exit(status)
