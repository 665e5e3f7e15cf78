/// ST_CENTROID on the sphere.
extension Geography {
    /// The centroid of the highest dimension present, as a point; empty when there is none (an
    /// empty geography, or parts that cancel out, such as two antipodal points).
    ///
    /// Each part is a sum of weighted unit vectors, normalised at the end: points weigh one each,
    /// arcs their length at their midpoint, and polygons the signed area of each triangle of a fan
    /// at the triangle's centre, holes negative.
    public var centroid: Geography {
        guard let sum = centroidWeights?.sum, sum.length > 1e-15 else { return Geography() }
        return Geography(points: [sum.point])
    }

    /// The highest dimension present and the unnormalised sum of its weighted unit vectors; nil
    /// when empty. Sums of several geographies of one dimension add up to the centroid of them all,
    /// which is how ST_CENTROID_AGG weighs each input by its count, length or area.
    var centroidWeights: (dimension: Int, sum: SphereVector)? {
        if isEmpty { return nil }
        var sum = SphereVector(x: 0, y: 0, z: 0)
        if !polygons.isEmpty {
            for polygon in polygons {
                for (index, ring) in polygon.enumerated() {
                    let vertices = ring.map(SphereVector.init)
                    guard vertices.count >= 3 else { continue }
                    // Fan triangles are signed by the ring's walk; orient them so the ring's own
                    // region counts positive, then subtract holes.
                    var weight = SphericalRing.isCounterClockwise(vertices) ? 1.0 : -1.0
                    if index > 0 { weight = -weight }
                    for corner in 1..<(vertices.count - 1) {
                        let (a, b, c) = (vertices[0], vertices[corner], vertices[corner + 1])
                        let excess = SphericalRing.triangleExcess(a, b, c)
                        sum = sum + (weight * excess) * (a + b + c).normalized
                    }
                }
            }
        } else if !lines.isEmpty {
            for line in lines where line.count >= 2 {
                var previous = SphereVector(line[0])
                for point in line.dropFirst() {
                    let current = SphereVector(point)
                    sum = sum + previous.angle(to: current) * (previous + current).normalized
                    previous = current
                }
            }
        } else {
            for point in points { sum = sum + SphereVector(point) }
        }
        return (dimension, sum)
    }
}
