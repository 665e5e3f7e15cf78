import Foundation
import WireJSON

/// One line of a newline-delimited JSON file that was not stored, and why.
public struct RejectedLine: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var line: Int
    public var errors: [RowError]

    public var description: String {
        "line \(line): "
            + errors.map { error in
                (error.location.isEmpty ? "" : "\(error.location): ") + "\(error.message) (\(error.reason))"
            }.joined(separator: "; ")
    }
}

/// How far a load has got.
public struct LoadProgress: Sendable, Hashable {
    public var bytesRead: Int64
    public var totalBytes: Int64?
    public var rowsStored: Int
    public var rejected: [RejectedLine]
}

/// Streams a newline-delimited JSON file into a table in chunks, so files larger than memory load,
/// and reports each rejected line by its number.
///
/// Valid rows are stored and invalid ones reported (`skipInvalidRows`): a loader should not hold
/// back a chunk's good rows for one bad one. Each row's insertId is derived from its line number and
/// content, so a retried request, or the same file loaded again within BigQuery's deduplication
/// window, does not store a row twice.
public struct NDJSONLoader: Sendable {
    public var client: BigQueryClient
    public var dataset: String
    public var table: String
    /// Rows read before a chunk is sent (as several insertAll requests, see `InsertOptions`).
    public var chunkRows: Int
    public var insertOptions: InsertOptions

    public init(
        client: BigQueryClient, dataset: String, table: String, chunkRows: Int = 5000,
        insertOptions: InsertOptions = InsertOptions(skipInvalidRows: true)
    ) {
        self.client = client
        self.dataset = dataset
        self.table = table
        self.chunkRows = max(1, chunkRows)
        self.insertOptions = insertOptions
    }

    /// Loads the file at `path`, calling `progress` after every chunk; returns the final progress.
    public func load(path: String, progress: (LoadProgress) -> Void = { _ in }) async throws -> LoadProgress {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LoadError("Cannot open \(path)") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        var state = LoadProgress(bytesRead: 0, totalBytes: size, rowsStored: 0, rejected: [])
        var lines = LineReader(handle: handle)
        var chunk: [(line: Int, row: InsertRow)] = []
        while let (number, bytes) = try lines.next() {
            state.bytesRead = lines.bytesConsumed
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            guard case .object(let object)? = try? JSONValue(parsing: bytes) else {
                state.rejected.append(
                    RejectedLine(
                        line: number,
                        errors: [
                            RowError(
                                reason: "invalid", location: "", message: "Not a JSON object")
                        ]))
                continue
            }
            chunk.append((number, InsertRow(insertId: Self.insertId(line: number, bytes: bytes), json: object)))
            if chunk.count == chunkRows {
                try await send(&chunk, into: &state)
                progress(state)
            }
        }
        state.bytesRead = lines.bytesConsumed
        try await send(&chunk, into: &state)
        progress(state)
        return state
    }

    private func send(_ chunk: inout [(line: Int, row: InsertRow)], into state: inout LoadProgress) async throws {
        guard !chunk.isEmpty else { return }
        let result = try await client.insertAll(dataset: dataset, table: table, rows: chunk.map(\.row), options: insertOptions)
        state.rowsStored += result.insertedCount
        state.rejected += result.failures.map { RejectedLine(line: chunk[$0.index].line, errors: $0.errors) }
        state.rejected.sort { $0.line < $1.line }
        chunk.removeAll(keepingCapacity: true)
    }

    /// FNV-1a of the line's bytes, with its number: stable across runs of the same file.
    static func insertId(line: Int, bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "line-\(line)-\(String(hash, radix: 16))"
    }
}

public struct LoadError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Reads a file line by line in 1 MB blocks, without holding the file in memory.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var lineNumber = 0
    private var atEnd = false
    private(set) var bytesConsumed: Int64 = 0

    init(handle: FileHandle) { self.handle = handle }

    /// The next line's 1-based number and bytes (without the newline), or nil at the end.
    mutating func next() throws -> (Int, [UInt8])? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                bytesConsumed += Int64(newline - start + 1)
                start = newline + 1
                lineNumber += 1
                return (lineNumber, line)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                bytesConsumed += Int64(line.count)
                start = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            buffer.removeFirst(start)
            start = 0
            let block = try handle.read(upToCount: 1 << 20) ?? Data()
            if block.isEmpty { atEnd = true } else { buffer.append(contentsOf: block) }
        }
    }
}
