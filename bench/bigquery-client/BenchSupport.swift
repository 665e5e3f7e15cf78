import Foundation

struct BenchOptions {
    var emulatorBinary = ".build/release/warehouse"
    var rows = 100_000
    var queries = 200
    var concurrencies = [1, 4]
    var storages: [EmulatorProcess.Storage] = [.memory, .walFile]

    init(_ arguments: ArraySlice<String>) throws {
        var remaining = arguments.makeIterator()
        while let flag = remaining.next() {
            guard let value = remaining.next() else { throw BenchError("\(flag) needs a value") }
            switch flag {
            case "--emulator": emulatorBinary = value
            case "--rows": rows = Int(value) ?? rows
            case "--queries": queries = Int(value) ?? queries
            case "--concurrency": concurrencies = value.split(separator: ",").compactMap { Int($0) }
            case "--storage": storages = value == "memory" ? [.memory] : value == "wal" ? [.walFile] : [.memory, .walFile]
            default: throw BenchError("unknown option \(flag)")
            }
        }
    }
}

/// `warehouse emulator --port 0` as a child process; the port is read from its first line.
final class EmulatorProcess {
    enum Storage {
        case memory, walFile
        var label: String { self == .memory ? "[memory]  " : "[WAL file]" }
    }

    let process = Process()
    let host: String
    private let folder: URL

    init(binary: String, storage: Storage) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bq-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments =
            ["emulator", "--port", "0", "--log-level", "warning"]
            + (storage == .walFile ? ["--db", folder.appendingPathComponent("bench.sqlite").path] : ["--in-memory"])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
        guard let range = String(decoding: line, as: UTF8.self).range(of: "http://") else {
            throw BenchError("emulator did not start: \(String(decoding: line, as: UTF8.self))")
        }
        host = String(String(decoding: line, as: UTF8.self)[range.upperBound...])
    }

    /// User + system CPU seconds the emulator has used so far.
    func cpuSeconds() -> Double {
        let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmHWM of the emulator process.
    func peakRSSMiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// User + system CPU seconds this process has used so far.
func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
