import Foundation
import WarehouseClient

/// A one-line progress bar on standard error: redrawn in place on a terminal, a line every few
/// seconds otherwise (CI logs, pipes).
final class ProgressMeter {
    private let isTerminal: Bool
    private let started = ContinuousClock.now
    private var lastLine = ContinuousClock.now

    init(isTerminal: Bool) { self.isTerminal = isTerminal }

    private var seconds: Double { (ContinuousClock.now - started) / .seconds(1) }
    var elapsedText: String { String(format: "%.1f s", seconds) }
    func rate(_ rows: Int) -> Int { Int(Double(rows) / max(seconds, 0.001)) }

    func update(_ progress: LoadProgress) {
        if isTerminal {
            FileHandle.standardError.write(Array(("\r" + line(progress)).utf8))
        } else if ContinuousClock.now - lastLine >= .seconds(5) {
            lastLine = ContinuousClock.now
            FileHandle.standardError.write(Array((line(progress) + "\n").utf8))
        }
    }

    func finish(_ progress: LoadProgress) {
        FileHandle.standardError.write(Array(((isTerminal ? "\r" : "") + line(progress) + "\n").utf8))
    }

    /// `[########------------]  40%  40000 rows  35120 rows/s  2 rejected`
    func line(_ progress: LoadProgress) -> String {
        let share = progress.totalBytes.map { $0 > 0 ? min(1, Double(progress.bytesRead) / Double($0)) : 1 } ?? 0
        let filled = Int(share * 24)
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 24 - filled) + "]"
        return
            "\(bar) \(String(format: "%3d%%", Int(share * 100)))  \(progress.rowsStored) rows  \(rate(progress.rowsStored)) rows/s  \(progress.rejected.count) rejected"
    }
}
