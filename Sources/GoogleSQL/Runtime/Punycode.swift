/// RFC 3492's Punycode encoding of one domain label, with the `xn--` prefix of IDNA: how
/// NET.PUBLIC_SUFFIX and NET.REG_DOMAIN compare internationalized labels with the public suffix
/// rules, which list some in Unicode and some already encoded.
enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26

    /// The label as IDNA writes it: unchanged when it is ASCII, else `xn--` and its Punycode; nil if
    /// the label is too long for the arithmetic to fit.
    static func asciiLabel(_ label: Substring) -> String? {
        guard !label.unicodeScalars.allSatisfy(\.isASCII) else { return String(label) }
        return encode(label.unicodeScalars.map(\.value)).map { "xn--" + $0 }
    }

    static func encode(_ input: [UInt32]) -> String? {
        var output = input.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var codePoint: UInt32 = 0x80
        var delta = 0
        var bias = 72
        while handled < input.count {
            guard let next = input.filter({ $0 >= codePoint }).min() else { return nil }
            let (step, overflow) = Int(next - codePoint).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - step else { return nil }
            delta += step
            codePoint = next
            for scalar in input {
                if scalar < codePoint {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                guard scalar == codePoint else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, points: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            codePoint += 1
        }
        return String(output)
    }

    private static func digit(_ value: Int) -> Character {
        Character(Unicode.Scalar(UInt8(value < 26 ? 97 + value : 22 + value)))
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / 700 : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + 38)
    }
}
