/// FarmHash Fingerprint64 (Google's farmhash, the "na" 64-bit variant): FARM_FINGERPRINT's hash,
/// stable across platforms and releases by its definition.
enum FarmHash {
    private static let k0: UInt64 = 0xc3a5_c85c_97cb_3127
    private static let k1: UInt64 = 0xb492_b66f_be98_f273
    private static let k2: UInt64 = 0x9ae1_6a3b_2f90_404f

    private static func fetch64(_ s: [UInt8], _ i: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(s[i + $1]) << (8 * UInt64($1)) }
    }

    private static func fetch32(_ s: [UInt8], _ i: Int) -> UInt64 {
        (0..<4).reduce(UInt64(0)) { $0 | UInt64(s[i + $1]) << (8 * UInt64($1)) }
    }

    /// Rotation to the right.
    private static func rotate(_ value: UInt64, _ shift: UInt64) -> UInt64 {
        shift == 0 ? value : (value >> shift) | (value << (64 - shift))
    }

    private static func shiftMix(_ value: UInt64) -> UInt64 { value ^ (value >> 47) }

    private static func hashLen16(_ u: UInt64, _ v: UInt64, _ mul: UInt64 = 0x9ddf_ea08_eb38_2d69) -> UInt64 {
        var a = (u ^ v) &* mul
        a ^= a >> 47
        var b = (v ^ a) &* mul
        b ^= b >> 47
        return b &* mul
    }

    private static func hashLen0to16(_ s: [UInt8]) -> UInt64 {
        let length = UInt64(s.count)
        if s.count >= 8 {
            let mul = k2 &+ length &* 2
            let a = fetch64(s, 0) &+ k2
            let b = fetch64(s, s.count - 8)
            let c = rotate(b, 37) &* mul &+ a
            let d = (rotate(a, 25) &+ b) &* mul
            return hashLen16(c, d, mul)
        }
        if s.count >= 4 {
            let mul = k2 &+ length &* 2
            let a = fetch32(s, 0)
            return hashLen16(length &+ (a << 3), fetch32(s, s.count - 4), mul)
        }
        if !s.isEmpty {
            let y = UInt32(s[0]) &+ (UInt32(s[s.count >> 1]) << 8)
            let z = UInt32(s.count) &+ (UInt32(s[s.count - 1]) << 2)
            return shiftMix(UInt64(y) &* k2 ^ UInt64(z) &* k0) &* k2
        }
        return k2
    }

    private static func hashLen17to32(_ s: [UInt8]) -> UInt64 {
        let mul = k2 &+ UInt64(s.count) &* 2
        let a = fetch64(s, 0) &* k1
        let b = fetch64(s, 8)
        let c = fetch64(s, s.count - 8) &* mul
        let d = fetch64(s, s.count - 16) &* k2
        return hashLen16(rotate(a &+ b, 43) &+ rotate(c, 30) &+ d, a &+ rotate(b &+ k2, 18) &+ c, mul)
    }

    private static func weakHashLen32WithSeeds(
        _ w: UInt64, _ x: UInt64, _ y: UInt64, _ z: UInt64, _ a: UInt64, _ b: UInt64
    ) -> (UInt64, UInt64) {
        var a = a &+ w
        var b = rotate(b &+ a &+ z, 21)
        let c = a
        a = a &+ x
        a = a &+ y
        b = b &+ rotate(a, 44)
        return (a &+ z, b &+ c)
    }

    private static func weakHashLen32WithSeeds(_ s: [UInt8], _ i: Int, _ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        weakHashLen32WithSeeds(fetch64(s, i), fetch64(s, i + 8), fetch64(s, i + 16), fetch64(s, i + 24), a, b)
    }

    private static func hashLen33to64(_ s: [UInt8]) -> UInt64 {
        let length = s.count
        let mul = k2 &+ UInt64(length) &* 2
        let a = fetch64(s, 0) &* k2
        let b = fetch64(s, 8)
        let c = fetch64(s, length - 8) &* mul
        let d = fetch64(s, length - 16) &* k2
        let y = rotate(a &+ b, 43) &+ rotate(c, 30) &+ d
        let z = hashLen16(y, a &+ rotate(b &+ k2, 18) &+ c, mul)
        let e = fetch64(s, 16) &* mul
        let f = fetch64(s, 24)
        let g = (y &+ fetch64(s, length - 32)) &* mul
        let h = (z &+ fetch64(s, length - 24)) &* mul
        return hashLen16(rotate(e &+ f, 43) &+ rotate(g, 30) &+ h, e &+ rotate(f &+ a, 18) &+ g, mul)
    }

    static func fingerprint64(_ s: [UInt8]) -> UInt64 {
        let length = s.count
        if length <= 16 { return hashLen0to16(s) }
        if length <= 32 { return hashLen17to32(s) }
        if length <= 64 { return hashLen33to64(s) }
        let seed: UInt64 = 81
        var x = seed
        var y = seed &* k1 &+ 113
        var z = shiftMix(y &* k2 &+ 113) &* k2
        var v: (UInt64, UInt64) = (0, 0)
        var w: (UInt64, UInt64) = (0, 0)
        x = x &* k2 &+ fetch64(s, 0)
        // Whole 64-byte blocks, leaving 1 to 64 bytes; then the last 64 bytes once more.
        let end = ((length - 1) / 64) * 64
        let last64 = length - 64
        var i = 0
        repeat {
            x = rotate(x &+ y &+ v.0 &+ fetch64(s, i + 8), 37) &* k1
            y = rotate(y &+ v.1 &+ fetch64(s, i + 48), 42) &* k1
            x ^= w.1
            y = y &+ v.0 &+ fetch64(s, i + 40)
            z = rotate(z &+ w.0, 33) &* k1
            v = weakHashLen32WithSeeds(s, i, v.1 &* k1, x &+ w.0)
            w = weakHashLen32WithSeeds(s, i + 32, z &+ w.1, y &+ fetch64(s, i + 16))
            swap(&z, &x)
            i += 64
        } while i != end
        let mul = k1 &+ ((z & 0xff) << 1)
        i = last64
        w.0 = w.0 &+ UInt64((length - 1) & 63)
        v.0 = v.0 &+ w.0
        w.0 = w.0 &+ v.0
        x = rotate(x &+ y &+ v.0 &+ fetch64(s, i + 8), 37) &* mul
        y = rotate(y &+ v.1 &+ fetch64(s, i + 48), 42) &* mul
        x ^= w.1 &* 9
        y = y &+ v.0 &* 9 &+ fetch64(s, i + 40)
        z = rotate(z &+ w.0, 33) &* mul
        v = weakHashLen32WithSeeds(s, i, v.1 &* mul, x &+ w.0)
        w = weakHashLen32WithSeeds(s, i + 32, z &+ w.1, y &+ fetch64(s, i + 16))
        swap(&z, &x)
        return hashLen16(hashLen16(v.0, w.0, mul) &+ shiftMix(y) &* k0 &+ z, hashLen16(v.1, w.1, mul) &+ x, mul)
    }
}
