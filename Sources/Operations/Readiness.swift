/// What `/readyz` answers: ready, or the reasons a service is not (e.g. "no successful pull in 30 s").
public struct Readiness: Sendable, Hashable {
    public var isReady: Bool
    public var reasons: [String]

    public init(isReady: Bool, reasons: [String] = []) {
        self.isReady = isReady
        self.reasons = reasons
    }

    public static let ready = Readiness(isReady: true)
}
