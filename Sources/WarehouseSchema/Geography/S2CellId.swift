import Foundation

/// S2 cell ids (s2geometry.io's cell hierarchy), for S2_CELLIDFROMPOINT: a point is projected on
/// the face of the cube it faces, mapped to integer (i, j) coordinates on that face through S2's
/// quadratic projection, and numbered along the face's Hilbert curve at level 30; a coarser level
/// keeps the leading bits and marks where the id ends.
public enum S2CellId {
    public static let maxLevel = 30
    private static let lookupBits = 4
    private static let swapMask = 1
    private static let invertMask = 2
    /// For each orientation of a cell, the (i, j) quadrant (as `i << 1 | j`) of each of its four
    /// children in curve order, and how each child turns the orientation.
    private static let positionToIJ = [[0, 1, 3, 2], [0, 2, 3, 1], [3, 2, 0, 1], [3, 1, 0, 2]]
    private static let positionToOrientation = [swapMask, 0, 0, invertMask | swapMask]

    /// For 4 bits of i and of j and an orientation (`i4 << 6 | j4 << 2 | orientation`): the 8 bits
    /// of curve position they give and the orientation after them (`position << 2 | orientation`).
    private static let lookupPosition: [Int] = {
        var table = [Int](repeating: 0, count: 1 << (2 * lookupBits + 2))
        func fill(_ level: Int, _ i: Int, _ j: Int, _ start: Int, _ position: Int, _ orientation: Int) {
            guard level < lookupBits else {
                table[(((i << lookupBits) + j) << 2) + start] = (position << 2) + orientation
                return
            }
            let quadrants = positionToIJ[orientation]
            for child in 0..<4 {
                fill(
                    level + 1, (i << 1) + (quadrants[child] >> 1), (j << 1) + (quadrants[child] & 1), start, (position << 2) + child,
                    orientation ^ positionToOrientation[child])
            }
        }
        for start in 0..<4 { fill(0, 0, 0, start, 0, start) }
        return table
    }()

    /// The id, as BigQuery gives it: the unsigned 64-bit id's bits as an INT64.
    public static func id(longitude: Double, latitude: Double, level: Int) -> Int64 {
        let (phi, theta) = (latitude * .pi / 180, longitude * .pi / 180)
        let point = [cos(phi) * cos(theta), cos(phi) * sin(theta), sin(phi)]
        let magnitudes = point.map(abs)
        var face = magnitudes[0] > magnitudes[1] ? (magnitudes[0] > magnitudes[2] ? 0 : 2) : (magnitudes[1] > magnitudes[2] ? 1 : 2)
        if point[face] < 0 { face += 3 }
        let (x, y, z) = (point[0], point[1], point[2])
        let (u, v): (Double, Double) =
            switch face {
            case 0: (y / x, z / x)
            case 1: (-x / y, z / y)
            case 2: (-x / z, -y / z)
            case 3: (z / x, y / x)
            case 4: (z / y, -x / y)
            default: (-y / z, -x / z)
            }
        let leaf = fromFace(face, i: coordinate(u), j: coordinate(v))
        let lowestBit = UInt64(1) << (2 * (maxLevel - level))
        return Int64(bitPattern: (leaf & (~lowestBit &+ 1)) | lowestBit)
    }

    /// A face coordinate in [-1, 1] as an integer in [0, 2^30) through the quadratic projection.
    private static func coordinate(_ uv: Double) -> Int {
        let st = uv >= 0 ? 0.5 * (1 + 3 * uv).squareRoot() : 1 - 0.5 * (1 - 3 * uv).squareRoot()
        let limit = Double(1 << maxLevel)
        return Int(max(0, min(limit - 1, (limit * st).rounded(.down))))
    }

    private static func fromFace(_ face: Int, i: Int, j: Int) -> UInt64 {
        var id = UInt64(face) << 60
        var bits = face & swapMask
        let mask = (1 << lookupBits) - 1
        for step in stride(from: 7, through: 0, by: -1) {
            bits += ((i >> (step * lookupBits)) & mask) << (lookupBits + 2)
            bits += ((j >> (step * lookupBits)) & mask) << 2
            bits = lookupPosition[bits]
            id |= UInt64(bits >> 2) << (step * 2 * lookupBits)
            bits &= swapMask | invertMask
        }
        return id * 2 + 1
    }
}
