/// What `/readyz` reports: ready, or the reasons it is not.
public struct SinkReadiness: Sendable, Hashable {
    public var isReady: Bool
    public var reasons: [String]

    public init(isReady: Bool, reasons: [String]) {
        self.isReady = isReady
        self.reasons = reasons
    }
}
