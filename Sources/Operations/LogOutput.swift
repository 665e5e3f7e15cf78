import Foundation
import Synchronization

/// Where log lines go. Each line is written whole under a lock, so concurrent loggers never
/// interleave inside a line (Cloud Logging parses one JSON object per line).
public struct LogOutput: Sendable {
    public let write: @Sendable ([UInt8]) -> Void

    public init(write: @escaping @Sendable ([UInt8]) -> Void) { self.write = write }

    /// Standard output: what Cloud Run forwards to Cloud Logging.
    public static let standardOutput = LogOutput(fileDescriptor: STDOUT_FILENO)
    public static let standardError = LogOutput(fileDescriptor: STDERR_FILENO)

    private init(fileDescriptor: Int32) {
        let lock = Mutex(())
        write = { bytes in
            lock.withLock { _ in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let written = Foundation.write(fileDescriptor, base + offset, buffer.count - offset)
                        if written > 0 {
                            offset += written
                        } else if written < 0 && errno == EINTR {
                            continue
                        } else {
                            return  // A closed or full pipe: logging must never take the service down.
                        }
                    }
                }
            }
        }
    }
}
