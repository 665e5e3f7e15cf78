import Foundation
import Logging

/// How a service writes its logs: JSON lines for Cloud Logging, or text for a person at a terminal.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    case json
    case text

    /// JSON on Cloud Run (which sets `K_SERVICE`), text elsewhere.
    public static func automatic(environment: [String: String] = ProcessInfo.processInfo.environment) -> LogFormat {
        guard let service = environment["K_SERVICE"], !service.isEmpty else { return .text }
        return .json
    }
}

/// Sets up swift-log for a deployed service.
public enum OperationsLogging {
    /// A handler for `label` in `format`. Text goes to standard error, as swift-log's stream handler
    /// writes it (`TextLogHandler`); JSON to standard output, which Cloud Run forwards to Cloud Logging.
    public static func makeHandler(label: String, format: LogFormat, level: Logger.Level, projectId: String?) -> any LogHandler {
        switch format {
        case .json:
            return CloudLoggingLogHandler(label: label, projectId: projectId, logLevel: level)
        case .text:
            return TextLogHandler(label: label, logLevel: level)
        }
    }

    /// Bootstraps swift-log process-wide; call once, before any `Logger` is made.
    public static func bootstrap(format: LogFormat, level: Logger.Level, projectId: String?) {
        LoggingSystem.bootstrap { label in makeHandler(label: label, format: format, level: level, projectId: projectId) }
    }
}
