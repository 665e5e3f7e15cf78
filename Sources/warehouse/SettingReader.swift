/// Reads settings of `warehouse sink` as typed values, with errors naming the flag and variable.
struct SettingReader {
    let options: SinkCommandOptions
    let environment: [String: String]

    func text(_ setting: SinkSetting) -> String? { options.given(setting, environment: environment) }

    func required(_ setting: SinkSetting) throws(SinkSettingError) -> String {
        guard let text = text(setting) else { throw SinkSettingError(setting, missing: ()) }
        return text
    }

    /// Sets `value` from the setting when it is given; leaves the default otherwise.
    func read<Value>(
        _ setting: SinkSetting, into value: inout Value, _ problem: String = "is not valid", _ parse: (String) -> Value?
    ) throws(SinkSettingError) {
        guard let text = text(setting) else { return }
        guard let parsed = parse(text) else { throw SinkSettingError(setting, text, problem) }
        value = parsed
    }

    func read(_ setting: SinkSetting, into value: inout Int, within range: ClosedRange<Int>) throws(SinkSettingError) {
        try read(setting, into: &value, "is not a whole number from \(range.lowerBound) to \(range.upperBound)") { text in
            SettingText.integer(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    func readBytes(_ setting: SinkSetting, into value: inout Int, within range: ClosedRange<Int>) throws(SinkSettingError) {
        let limits = "\(SettingText.formatBytes(range.lowerBound)) to \(SettingText.formatBytes(range.upperBound))"
        try read(setting, into: &value, "is not a byte count from \(limits) (e.g. 5MiB, 1000000)") { text in
            SettingText.byteCount(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    func readDuration(_ setting: SinkSetting, into value: inout Duration, within range: ClosedRange<Duration>) throws(SinkSettingError) {
        let limits = "\(SettingText.format(range.lowerBound)) to \(SettingText.format(range.upperBound))"
        try read(setting, into: &value, "is not a duration from \(limits) (e.g. 200ms, 10s, 5m)") { text in
            SettingText.duration(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }
}
