/// A `warehouse sink` setting that cannot be used, named by its flag and its environment variable.
struct SinkSettingError: Error, CustomStringConvertible, Equatable {
    let message: String

    init(_ setting: SinkSetting, _ given: String, _ problem: String) {
        message = "\(setting.names): \"\(given)\" \(problem)"
    }

    init(_ setting: SinkSetting, missing: Void) {
        message = "\(setting.names): required; give the flag or set the variable"
    }

    init(message: String) { self.message = message }

    var description: String { message }
}
