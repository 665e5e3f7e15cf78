import Logging

/// Cloud Logging's `severity` values, as its LogEntry spells them.
public enum CloudLoggingSeverity: String, Sendable, CaseIterable {
    case debug = "DEBUG"
    case info = "INFO"
    case notice = "NOTICE"
    case warning = "WARNING"
    case error = "ERROR"
    case critical = "CRITICAL"

    /// swift-log has no level below `debug` in Cloud Logging's scale, so `trace` shows as DEBUG.
    public init(_ level: Logger.Level) {
        switch level {
        case .trace, .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
