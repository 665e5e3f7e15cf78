import Foundation

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct BenchOptions {
    var warehouseBinary = ".build/release/warehouse"
    var schemaFile = "schemas/events.json"
    var messages = 200_000
    var publishBatch = 1000
    var publishers = 4
    var rate = 5000
    var seconds = 20
    var pollInterval = Duration.milliseconds(100)
    var storage = "wal"
    var sinkArguments: [String] = []
    /// Extra arguments for `warehouse emulator`, one `--emulator-arg` each.
    var emulatorArguments: [String] = []
    /// Messages published before the Sink starts (`BacklogBench`); nil runs (a), (b) and (c).
    var backlog: Int?

    init(_ arguments: ArraySlice<String>) throws {
        var remaining = arguments.makeIterator()
        while let flag = remaining.next() {
            guard let value = remaining.next() else { throw BenchError("\(flag) needs a value") }
            let number = { () throws -> Int in
                guard let number = Int(value), number > 0 else { throw BenchError("\(flag) takes a positive whole number") }
                return number
            }
            switch flag {
            case "--warehouse": warehouseBinary = value
            case "--schema": schemaFile = value
            case "--messages": messages = try number()
            case "--publish-batch": publishBatch = min(try number(), 1000)
            case "--publishers": publishers = try number()
            case "--rate": rate = try number()
            case "--seconds": seconds = try number()
            case "--poll-ms": pollInterval = .milliseconds(try number())
            case "--storage": storage = value
            case "--sink-arg": sinkArguments.append(value)
            case "--emulator-arg": emulatorArguments.append(value)
            case "--backlog": backlog = try number()
            default: throw BenchError("unknown option \(flag)")
            }
        }
    }
}

/// A child process whose output goes to a file, so its lines can be searched while it runs.
final class ChildProcess {
    let process = Process()
    let logFile: URL

    init(binary: String, arguments: [String], environment: [String: String] = [:], logFile: URL) throws {
        self.logFile = logFile
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var output: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits for `pattern` (a regular expression) to appear in the output and returns its first
    /// capture group; fails with the output's tail if the process exits or `timeout` passes first.
    func waitFor(_ pattern: String, timeout: Duration = .seconds(60)) async throws -> String {
        let expression = try NSRegularExpression(pattern: pattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = output
            if let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: text)
            {
                return String(text[range])
            }
            guard process.isRunning else { throw BenchError("\(name) exited (status \(process.terminationStatus)):\n\(tail)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError("\(name) did not print /\(pattern)/ within \(timeout):\n\(tail)")
    }

    var name: String { ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments?.prefix(1) ?? [])).joined(separator: " ") }
    var tail: String { output.split(separator: "\n").suffix(15).joined(separator: "\n") }

    /// VmHWM (peak resident set) from /proc, in MiB; nil once the process is gone.
    func peakRSSMiB() -> Double? { statusMiB("VmHWM:") }

    /// VmRSS (resident set now) from /proc, in MiB; nil once the process is gone.
    func residentMiB() -> Double? { statusMiB("VmRSS:") }

    private func statusMiB(_ field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }

    /// SIGTERM, then the time until the process exited.
    func terminate() -> Duration {
        let started = ContinuousClock.now
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return ContinuousClock.now - started
    }
}

/// The value below which `share` of `values` lie (nearest rank).
func percentile(_ values: [Double], _ share: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * share).rounded(.up)) - 1))]
}

/// A Prometheus histogram's cumulative bucket counts, by upper bound, summed over label sets.
func histogramBuckets(_ exposition: String, name: String) -> [(le: Double, count: Double)] {
    var counts: [Double: Double] = [:]
    for line in exposition.split(separator: "\n") where line.hasPrefix("\(name)_bucket{") {
        guard let leStart = line.range(of: "le=\""), let leEnd = line[leStart.upperBound...].firstIndex(of: "\""),
            let count = Double(line.split(separator: " ").last ?? "")
        else { continue }
        let bound = String(line[leStart.upperBound..<leEnd])
        counts[bound == "+Inf" ? .infinity : Double(bound) ?? .nan, default: 0] += count
    }
    return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
}

/// The bucket upper bound at which the histogram's cumulative count reaches `share` of the total.
func histogramQuantile(_ buckets: [(le: Double, count: Double)], _ share: Double) -> Double {
    guard let total = buckets.last?.count, total > 0 else { return .nan }
    return buckets.first { $0.count >= share * total }?.le ?? .infinity
}

/// RFC 3339 in UTC with microseconds, as a TIMESTAMP cell in insertAll.
func rfc3339(micros: Int64) -> String {
    var seconds = time_t(micros / 1_000_000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(
        format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
        Int(parts.tm_min), Int(parts.tm_sec), Int(micros % 1_000_000))
}

func nowMicros() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }
