-- GEOGRAPHY values and the ST_* functions.
-- Cases and expected rows from BigQuery's geography functions reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/geography_functions
-- and from BigQuery's own answers quoted in public write-ups (the distance and area figures).

-- case: geography_point_as_wkt
SELECT ST_GEOGPOINT(-122.35, 47.62) AS p, ST_ASTEXT(ST_GEOGPOINT(1, 2)) AS t
-- expect: [{"p": "POINT(-122.35 47.62)", "t": "POINT(1 2)"}]

-- case: geography_point_wraps_longitude
SELECT ST_ASTEXT(ST_GEOGPOINT(190, 10)) AS t
-- expect: [{"t": "POINT(-170 10)"}]

-- case: geography_point_refuses_latitude_out_of_range
SELECT ST_GEOGPOINT(0, 91)
-- error: atitude

-- case: geography_x_and_y
WITH points AS (SELECT ST_GEOGPOINT(i, i + 1) AS p FROM UNNEST([0, 5, 12]) AS i)
SELECT p, ST_X(p) AS longitude, ST_Y(p) AS latitude FROM points
-- expect: [{"p": "POINT(0 1)", "longitude": 0.0, "latitude": 1.0}, {"p": "POINT(5 6)", "longitude": 5.0, "latitude": 6.0}, {"p": "POINT(12 13)", "longitude": 12.0, "latitude": 13.0}]

-- case: geography_contains_excludes_the_boundary
SELECT ST_GEOGPOINT(i, i) AS p,
  ST_CONTAINS(ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))'), ST_GEOGPOINT(i, i)) AS `contains`
FROM UNNEST([0, 1, 10]) AS i
-- expect: [{"p": "POINT(0 0)", "contains": false}, {"p": "POINT(1 1)", "contains": false}, {"p": "POINT(10 10)", "contains": true}]

-- case: geography_covers_includes_the_boundary
SELECT ST_GEOGPOINT(i, i) AS p,
  ST_COVERS(ST_GEOGFROMTEXT('POLYGON((1 1, 20 1, 10 20, 1 1))'), ST_GEOGPOINT(i, i)) AS `covers`
FROM UNNEST([0, 1, 10]) AS i
-- expect: [{"p": "POINT(0 0)", "covers": false}, {"p": "POINT(1 1)", "covers": true}, {"p": "POINT(10 10)", "covers": true}]

-- case: geography_geometry_type
WITH example AS (
  SELECT ST_GEOGFROMTEXT('POINT(0 1)') AS geography
  UNION ALL SELECT ST_GEOGFROMTEXT('MULTILINESTRING((2 2, 3 4), (5 6, 7 7))')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(MULTIPOINT(-1 2, 0 12), LINESTRING(-2 4, 0 6))')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'))
SELECT geography AS WKT, ST_GEOMETRYTYPE(geography) AS geometry_type_name FROM example
-- expect: [{"WKT": "POINT(0 1)", "geometry_type_name": "ST_Point"}, {"WKT": "MULTILINESTRING((2 2, 3 4), (5 6, 7 7))", "geometry_type_name": "ST_MultiLineString"}, {"WKT": "GEOMETRYCOLLECTION(MULTIPOINT(-1 2, 0 12), LINESTRING(-2 4, 0 6))", "geometry_type_name": "ST_GeometryCollection"}, {"WKT": "GEOMETRYCOLLECTION EMPTY", "geometry_type_name": "ST_GeometryCollection"}]

-- case: geography_pointn_startpoint_endpoint
WITH linestring AS (SELECT ST_GEOGFROMTEXT('LINESTRING(1 1, 2 1, 3 2, 3 3)') g)
SELECT ST_POINTN(g, 1) AS first, ST_POINTN(g, -1) AS last, ST_POINTN(g, 2) AS second, ST_POINTN(g, -2) AS second_to_last,
  ST_STARTPOINT(g) AS s, ST_ENDPOINT(g) AS e
FROM linestring
-- expect: [{"first": "POINT(1 1)", "last": "POINT(3 3)", "second": "POINT(2 1)", "second_to_last": "POINT(3 2)", "s": "POINT(1 1)", "e": "POINT(3 3)"}]

-- case: geography_distance_on_the_sphere
SELECT ROUND(ST_DISTANCE(ST_GEOGPOINT(139.7454316, 35.658584), ST_GEOGPOINT(139.8108103, 35.7100069)), 6) AS distance
-- expect: [{"distance": 8219.632821}]

-- case: geography_area_on_the_sphere
SELECT ROUND(ST_AREA(ST_GEOGFROMTEXT('POLYGON((-179 26, -179 48, -10 48, -10 26, -100 -10.1, -179 26))')) / 1e6) AS km2
-- expect: [{"km2": 95641289.0}]

-- case: geography_distance_of_empty_is_null
SELECT ST_DISTANCE(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'), ST_GEOGPOINT(0, 0)) AS d
-- expect: [{"d": null}]

-- case: geography_dwithin
SELECT ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 1), 111200) AS near, ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 1), 111100) AS far
-- expect: [{"near": true, "far": false}]

-- case: geography_length_of_a_meridian_degree
SELECT ROUND(ST_LENGTH(ST_GEOGFROMTEXT('LINESTRING(0 0, 0 1)')), 3) AS meters
-- expect: [{"meters": 111195.101}]

-- case: geography_makeline_and_numpoints
SELECT ST_ASTEXT(ST_MAKELINE(ST_GEOGPOINT(1, 1), ST_GEOGPOINT(2, 2))) AS line,
  ST_NUMPOINTS(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 0 1, 0 0))')) AS n
-- expect: [{"line": "LINESTRING(1 1, 2 2)", "n": 4}]

-- case: geography_from_geojson
SELECT ST_ASTEXT(ST_GEOGFROMGEOJSON('{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}')) AS t
-- expect: [{"t": "LINESTRING(1 2, 3 4)"}]

-- case: geography_column_round_trip
CREATE TABLE {ds}.places (name STRING, location GEOGRAPHY);
INSERT INTO {ds}.places VALUES ('origin', ST_GEOGPOINT(0, 0)), ('north', ST_GEOGFROMTEXT('POINT(0 10)'));
SELECT name, location FROM {ds}.places WHERE ST_DWITHIN(location, ST_GEOGPOINT(0, 9), 200000)
-- expect: [{"name": "north", "location": "POINT(0 10)"}]

-- case: geography_is_not_comparable
SELECT ST_GEOGPOINT(0, 0) = ST_GEOGPOINT(0, 0)
-- error: GEOGRAPHY

-- case: geography_is_not_groupable
SELECT COUNT(*) FROM UNNEST([ST_GEOGPOINT(0, 0)]) AS g GROUP BY g
-- error: GEOGRAPHY

-- case: geography_bad_wkt_fails
SELECT ST_GEOGFROMTEXT('POINT(1)')
-- error: ST_GEOGFROMTEXT

-- case: geography_in_a_routine_signature
CREATE FUNCTION {ds}.latitude(g GEOGRAPHY) RETURNS FLOAT64 AS (ST_Y(g));
SELECT {ds}.latitude(ST_GEOGPOINT(3, 4)) AS y
-- expect: [{"y": 4.0}]

-- case: geography_geogfrom_reverses_a_clockwise_ring
SELECT ST_GEOGFROM('POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))') AS WKT_format
-- expect: [{"WKT_format": "POLYGON((2 0, 2 2, 0 2, 0 0, 2 0))"}]

-- case: geography_geogfrom_geojson
SELECT ST_GEOGFROM('{ "type": "Polygon", "coordinates": [ [ [2, 0], [2, 2], [1, 2], [0, 2], [0, 0], [2, 0] ] ] }') AS GEOJSON_format
-- expect: [{"GEOJSON_format": "POLYGON((2 0, 2 2, 1 2, 0 2, 0 0, 2 0))"}]

-- case: geography_geogfrom_wkb_bytes_and_hex
SELECT ST_GEOGFROM(FROM_HEX('010100000000000000000000400000000000001040')) AS from_bytes,
  ST_GEOGFROM('010100000000000000000000400000000000001040') AS from_hex
-- expect: [{"from_bytes": "POINT(2 4)", "from_hex": "POINT(2 4)"}]

-- case: geography_geogfromwkb_geodesic
-- The reference prints LINESTRING(1 1, 3 2) at 15 digits; the WKB holds 0.9999999999999998 and
-- 3.0000000000000004, so the coordinates are compared as numbers.
WITH wkb_data AS (SELECT '010200000002000000feffffffffffef3f000000000000f03f01000000000008400000000000000040' geo)
SELECT ST_X(ST_STARTPOINT(g)) AS x1, ST_Y(ST_STARTPOINT(g)) AS y1, ST_X(ST_ENDPOINT(g)) AS x2, ST_Y(ST_ENDPOINT(g)) AS y2,
  ST_EQUALS(g, ST_GEOGFROMWKB(FROM_HEX(geo))) AS same_from_bytes
FROM (SELECT geo, ST_GEOGFROMWKB(geo) AS g FROM wkb_data)
-- expect: [{"x1": 1.0, "y1": 1.0, "x2": 3.0, "y2": 2.0, "same_from_bytes": true}]

-- case: geography_asbinary_round_trip
SELECT TO_HEX(ST_ASBINARY(ST_GEOGPOINT(2, 4))) AS wkb,
  ST_GEOGFROMWKB(ST_ASBINARY(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))'))) AS back
-- expect: [{"wkb": "010100000000000000000000400000000000001040", "back": "GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))"}]

-- case: geography_geogfromwkb_refuses_truncated_data
SELECT ST_GEOGFROMWKB('0101000000000000000000004000')
-- error: WKB

-- case: geography_geohash
SELECT ST_GEOHASH(ST_GEOGPOINT(-122.35, 47.62), 10) geohash
-- expect: [{"geohash": "c22yzugqw7"}]

-- case: geography_geohash_of_empty_is_null
SELECT ST_GEOHASH(ST_GEOGFROMTEXT('POINT EMPTY')) AS h, LENGTH(ST_GEOHASH(ST_GEOGPOINT(1, 2), 99)) AS n
-- expect: [{"h": null, "n": 20}]

-- case: geography_point_from_geohash
SELECT ROUND(ST_X(p), 4) AS x, ROUND(ST_Y(p), 4) AS y FROM (SELECT ST_GEOGPOINTFROMGEOHASH('c22yzugqw7') AS p)
-- expect: [{"x": -122.35, "y": 47.62}]

-- case: geography_point_from_geohash_refuses_bad_characters
SELECT ST_GEOGPOINTFROMGEOHASH('c22a')
-- error: geohash

-- case: geography_azimuth
-- ordered
WITH geos AS (
  SELECT 1 id, ST_GEOGPOINT(1, 0) AS geo1, ST_GEOGPOINT(0, 0) AS geo2 UNION ALL
  SELECT 2, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0) UNION ALL
  SELECT 3, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 1) UNION ALL
  SELECT 4, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 0) UNION ALL
  SELECT 5, ST_GEOGPOINT(-30, 0), ST_GEOGPOINT(150, 0) UNION ALL
  SELECT 6, ST_GEOGPOINT(0, 0), NULL UNION ALL
  SELECT 7, NULL, ST_GEOGPOINT(0, 0))
SELECT ST_AZIMUTH(geo1, geo2) AS azimuth FROM geos ORDER BY id
-- expect: [{"azimuth": 4.71238898038469}, {"azimuth": 1.5707963267948966}, {"azimuth": 0.0}, {"azimuth": null}, {"azimuth": null}, {"azimuth": null}, {"azimuth": null}]

-- case: geography_angle
-- ordered
WITH geos AS (
  SELECT 1 id, ST_GEOGPOINT(1, 0) geo1, ST_GEOGPOINT(0, 0) geo2, ST_GEOGPOINT(0, 1) geo3 UNION ALL
  SELECT 2 id, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), ST_GEOGPOINT(0, 1) UNION ALL
  SELECT 3 id, ST_GEOGPOINT(1, 0), ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0) UNION ALL
  SELECT 4 id, ST_GEOGPOINT(1, 0) geo1, ST_GEOGPOINT(0, 0) geo2, ST_GEOGPOINT(0, 0) geo3 UNION ALL
  SELECT 5 id, ST_GEOGPOINT(0, 0), ST_GEOGPOINT(-30, 0), ST_GEOGPOINT(150, 0) UNION ALL
  SELECT 6 id, ST_GEOGPOINT(0, 0), NULL, NULL UNION ALL
  SELECT 7 id, NULL, ST_GEOGPOINT(0, 0), NULL UNION ALL
  SELECT 8 id, NULL, NULL, ST_GEOGPOINT(0, 0))
SELECT ST_ANGLE(geo1,geo2,geo3) AS angle FROM geos ORDER BY id
-- expect: [{"angle": 4.71238898038469}, {"angle": 0.78547432161873854}, {"angle": 0.0}, {"angle": null}, {"angle": null}, {"angle": null}, {"angle": null}, {"angle": null}]

-- case: geography_numgeometries
WITH example AS(
  SELECT ST_GEOGFROMTEXT('POINT(5 0)') AS geography
  UNION ALL SELECT ST_GEOGFROMTEXT('MULTIPOINT(0 1, 4 3, 2 6)')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'))
SELECT geography, ST_NUMGEOMETRIES(geography) AS num_geometries FROM example
-- expect: [{"geography": "POINT(5 0)", "num_geometries": 1}, {"geography": "MULTIPOINT(0 1, 4 3, 2 6)", "num_geometries": 3}, {"geography": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))", "num_geometries": 2}, {"geography": "GEOMETRYCOLLECTION EMPTY", "num_geometries": 0}]

-- case: geography_dump
WITH example AS (
  SELECT ST_GEOGFROMTEXT('POINT(0 0)') AS geography
  UNION ALL SELECT ST_GEOGFROMTEXT('MULTIPOINT(0 0, 1 1)')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))'))
SELECT geography AS original_geography, ST_DUMP(geography) AS dumped_geographies FROM example
-- expect: [{"original_geography": "POINT(0 0)", "dumped_geographies": ["POINT(0 0)"]}, {"original_geography": "MULTIPOINT(0 0, 1 1)", "dumped_geographies": ["POINT(0 0)", "POINT(1 1)"]}, {"original_geography": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))", "dumped_geographies": ["POINT(0 0)", "LINESTRING(1 2, 2 1)"]}]

-- case: geography_dump_one_dimension
WITH example AS (SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))') AS geography)
SELECT geography AS original_geography, ST_DUMP(geography, 1) AS dumped_geographies FROM example
-- expect: [{"original_geography": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))", "dumped_geographies": ["LINESTRING(1 2, 2 1)"]}]

-- case: geography_dumppoints
WITH example AS (
  SELECT ST_GEOGFROMTEXT('POINT(0 0)') AS geography
  UNION ALL SELECT ST_GEOGFROMTEXT('MULTIPOINT(0 0, 1 1)')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))'))
SELECT geography AS original_geography, ST_DUMPPOINTS(geography) AS dumped_points_geographies FROM example
-- expect: [{"original_geography": "POINT(0 0)", "dumped_points_geographies": ["POINT(0 0)"]}, {"original_geography": "MULTIPOINT(0 0, 1 1)", "dumped_points_geographies": ["POINT(0 0)", "POINT(1 1)"]}, {"original_geography": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))", "dumped_points_geographies": ["POINT(0 0)", "POINT(1 2)", "POINT(2 1)"]}]

-- case: geography_exteriorring
WITH geo as
 (SELECT ST_GEOGFROMTEXT('POLYGON((0 0, 1 4, 2 2, 0 0))') AS g UNION ALL
  SELECT ST_GEOGFROMTEXT('''POLYGON((1 1, 1 10, 5 10, 5 1, 1 1),
                                  (2 2, 3 4, 2 4, 2 2))''') as g)
SELECT ST_EXTERIORRING(g) AS ring FROM geo
-- expect: [{"ring": "LINESTRING(2 2, 1 4, 0 0, 2 2)"}, {"ring": "LINESTRING(5 1, 5 10, 1 10, 1 1, 5 1)"}]

-- case: geography_interiorrings
WITH geo AS (
  SELECT 1 AS id, ST_GEOGFROMTEXT('POLYGON((0 0, 1 1, 1 2, 0 0))') AS g UNION ALL
  SELECT 2, ST_GEOGFROMTEXT('POLYGON((1 1, 1 10, 5 10, 5 1, 1 1), (2 2, 3 4, 2 4, 2 2))') UNION ALL
  SELECT 3, ST_GEOGFROMTEXT('POLYGON((1 1, 1 10, 5 10, 5 1, 1 1), (2 2.5, 3.5 3, 2.5 2, 2 2.5), (3.5 7, 4 6, 3 3, 3.5 7))'))
SELECT id, ST_INTERIORRINGS(g) AS rings FROM geo
-- expect: [{"id": 1, "rings": []}, {"id": 2, "rings": ["LINESTRING(2 2, 3 4, 2 4, 2 2)"]}, {"id": 3, "rings": ["LINESTRING(2.5 2, 3.5 3, 2 2.5, 2.5 2)", "LINESTRING(3 3, 4 6, 3.5 7, 3 3)"]}]

-- case: geography_exteriorring_refuses_a_line
SELECT ST_EXTERIORRING(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)'))
-- error: single polygon

-- case: geography_isclosed
WITH example AS(
  SELECT ST_GEOGFROMTEXT('POINT(5 0)') AS geography
  UNION ALL SELECT ST_GEOGFROMTEXT('LINESTRING(0 1, 4 3, 2 6, 0 1)')
  UNION ALL SELECT ST_GEOGFROMTEXT('LINESTRING(2 6, 1 3, 3 9)')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))')
  UNION ALL SELECT ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'))
SELECT geography, ST_ISCLOSED(geography) AS is_closed FROM example
-- expect: [{"geography": "POINT(5 0)", "is_closed": true}, {"geography": "LINESTRING(0 1, 4 3, 2 6, 0 1)", "is_closed": true}, {"geography": "LINESTRING(2 6, 1 3, 3 9)", "is_closed": false}, {"geography": "GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))", "is_closed": false}, {"geography": "GEOMETRYCOLLECTION EMPTY", "is_closed": false}]

-- case: geography_isring
SELECT ST_ISRING(ST_GEOGFROMTEXT('LINESTRING(0 1, 4 3, 2 6, 0 1)')) AS ring,
  ST_ISRING(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 2, 2 0, 0 2, 0 0)')) AS crossing,
  ST_ISRING(ST_GEOGFROMTEXT('LINESTRING(2 6, 1 3, 3 9)')) AS open_line,
  ST_ISRING(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY')) AS empty
-- expect: [{"ring": true, "crossing": false, "open_line": false, "empty": false}]

-- case: geography_boundary
SELECT ST_BOUNDARY(ST_GEOGFROMTEXT('LINESTRING(1 1, 2 1, 3 2)')) AS line_ends,
  ST_BOUNDARY(ST_GEOGPOINT(1, 1)) AS of_point,
  ST_BOUNDARY(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 0 1, 0 0))')) AS of_polygon
-- expect: [{"line_ends": "MULTIPOINT(1 1, 3 2)", "of_point": "GEOMETRYCOLLECTION EMPTY", "of_polygon": "LINESTRING(0 0, 1 0, 0 1, 0 0)"}]

-- case: geography_boundingbox
-- ordered
WITH data AS (
  SELECT 1 id, ST_GEOGFROMTEXT('POLYGON((-125 48, -124 46, -117 46, -117 49, -125 48))') g
  UNION ALL SELECT 2 id, ST_GEOGFROMTEXT('POLYGON((172 53, -130 55, -141 70, 172 53))') g
  UNION ALL SELECT 3 id, ST_GEOGFROMTEXT('POINT EMPTY') g)
SELECT id, ST_BOUNDINGBOX(g) AS box FROM data ORDER BY id
-- expect: [{"id": 1, "box": {"xmin": -125.0, "ymin": 46.0, "xmax": -117.0, "ymax": 49.0}}, {"id": 2, "box": {"xmin": 172.0, "ymin": 53.0, "xmax": 230.0, "ymax": 70.0}}, {"id": 3, "box": null}]

-- case: geography_intersectsbox
SELECT p, ST_INTERSECTSBOX(p, -90, 0, 90, 20) AS box1, ST_INTERSECTSBOX(p, 90, 0, -90, 20) AS box2
FROM UNNEST([ST_GEOGPOINT(10, 10), ST_GEOGPOINT(170, 10), ST_GEOGPOINT(30, 30)]) p
-- expect: [{"p": "POINT(10 10)", "box1": true, "box2": false}, {"p": "POINT(170 10)", "box1": false, "box2": true}, {"p": "POINT(30 30)", "box1": false, "box2": false}]

-- case: geography_intersectsbox_refuses_latitude_out_of_range
SELECT ST_INTERSECTSBOX(ST_GEOGPOINT(0, 0), 0, -100, 10, 10)
-- error: latitude

-- case: geography_convexhull_of_points
SELECT ST_CONVEXHULL(ST_GEOGFROMTEXT('MULTIPOINT(2 11, 4 12, 0 15, 1 9, 1 12)')) AS convex_hull,
  ST_CONVEXHULL(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY')) AS of_empty
-- expect: [{"convex_hull": "POLYGON((1 9, 4 12, 0 15, 1 9))", "of_empty": null}]

-- case: geography_lineinterpolatepoint
-- ordered
WITH fractions AS (SELECT 1 AS id, 0 AS fraction UNION ALL SELECT 2, 0.5 UNION ALL SELECT 3, 1 UNION ALL SELECT 4, NULL)
SELECT fraction, ST_X(p) AS x, ST_Y(p) AS y
FROM (SELECT id, fraction, ST_LINEINTERPOLATEPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 5 5)'), fraction) AS p FROM fractions)
ORDER BY id
-- expect: [{"fraction": 0.0, "x": 1.0, "y": 1.0}, {"fraction": 0.5, "x": 2.99633827268976, "y": 3.00182528336078}, {"fraction": 1.0, "x": 5.0, "y": 5.0}, {"fraction": null, "x": null, "y": null}]

-- case: geography_lineinterpolatepoint_refuses_fraction_out_of_range
SELECT ST_LINEINTERPOLATEPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 5 5)'), 1.5)
-- error: between 0 and 1

-- case: geography_linelocatepoint
-- ordered
WITH geos AS (
  SELECT 1 AS id, ST_GEOGPOINT(0, 0) AS point UNION ALL SELECT 2, ST_GEOGPOINT(1, 0) UNION ALL
  SELECT 3, ST_GEOGPOINT(1, 1) UNION ALL SELECT 4, ST_GEOGPOINT(2, 2) UNION ALL
  SELECT 5, ST_GEOGPOINT(3, 3) UNION ALL SELECT 6, ST_GEOGPOINT(4, 4) UNION ALL
  SELECT 7, ST_GEOGPOINT(5, 5) UNION ALL SELECT 8, ST_GEOGPOINT(6, 5) UNION ALL SELECT 9, NULL)
SELECT point AS input_point, ST_LINELOCATEPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 5 5)'), point) AS percentage_from_beginning
FROM geos ORDER BY id
-- expect: [{"input_point": "POINT(0 0)", "percentage_from_beginning": 0.0}, {"input_point": "POINT(1 0)", "percentage_from_beginning": 0.0}, {"input_point": "POINT(1 1)", "percentage_from_beginning": 0.0}, {"input_point": "POINT(2 2)", "percentage_from_beginning": 0.25015214685147907}, {"input_point": "POINT(3 3)", "percentage_from_beginning": 0.5002284283637185}, {"input_point": "POINT(4 4)", "percentage_from_beginning": 0.7501905913884388}, {"input_point": "POINT(5 5)", "percentage_from_beginning": 1.0}, {"input_point": "POINT(6 5)", "percentage_from_beginning": 1.0}, {"input_point": null, "percentage_from_beginning": null}]

-- case: geography_linesubstring
WITH data AS (SELECT ST_GEOGFROMTEXT('LINESTRING(20 70, 70 60, 10 70, 70 70)') AS geo1)
SELECT ST_NUMPOINTS(s) AS n, ST_ASTEXT(ST_POINTN(s, 2)) AS second, ST_ASTEXT(ST_ENDPOINT(s)) AS last,
  ST_X(ST_STARTPOINT(s)) AS x, ST_Y(ST_STARTPOINT(s)) AS y,
  ST_X(ST_LINESUBSTRING(geo1, 0.5, 0.5)) AS px, ST_Y(ST_LINESUBSTRING(geo1, 0.5, 0.5)) AS py
FROM (SELECT geo1, ST_LINESUBSTRING(geo1, 0.5, 1) AS s FROM data)
-- expect: [{"n": 3, "second": "POINT(10 70)", "last": "POINT(70 70)", "x": 49.4760661523471, "y": 67.2419539103851, "px": 49.4760661523471, "py": 67.2419539103851}]

-- case: geography_closestpoint_and_maxdistance
SELECT ST_ASTEXT(ST_CLOSESTPOINT(ST_GEOGFROMTEXT('LINESTRING(0 0, 0 2)'), ST_GEOGPOINT(0, 1))) AS on_line,
  ROUND(ST_MAXDISTANCE(ST_GEOGPOINT(0, 0), ST_GEOGFROMTEXT('MULTIPOINT(0 1, 0 2)')), 3) AS farthest,
  ST_CLOSESTPOINT(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION EMPTY'), ST_GEOGPOINT(0, 1)) AS of_empty
-- expect: [{"on_line": "POINT(0 1)", "farthest": 222390.202, "of_empty": null}]

-- case: geography_touches
SELECT ST_TOUCHES(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))'), ST_GEOGFROMTEXT('POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))')) AS sides,
  ST_TOUCHES(ST_GEOGFROMTEXT('POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))'), ST_GEOGFROMTEXT('POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))')) AS overlap,
  ST_TOUCHES(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)'), ST_GEOGPOINT(1, 1)) AS line_end,
  ST_TOUCHES(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 2)'), ST_GEOGPOINT(1, 1)) AS line_middle
-- expect: [{"sides": true, "overlap": false, "line_end": true, "line_middle": false}]

-- case: geography_snaptogrid
SELECT ST_SNAPTOGRID(ST_GEOGFROMTEXT('LINESTRING(1.234 5.678, 2.345 6.789)'), 0.01) AS snapped,
  ST_SNAPTOGRID(ST_GEOGFROMTEXT('LINESTRING(1.001 1.001, 1.002 1.002)'), 0.1) AS collapsed
-- expect: [{"snapped": "LINESTRING(1.23 5.68, 2.35 6.79)", "collapsed": "POINT(1 1)"}]

-- case: geography_snaptogrid_refuses_a_negative_size
SELECT ST_SNAPTOGRID(ST_GEOGPOINT(1, 1), -1)
-- error: grid size

-- case: geography_simplify_is_unsupported
SELECT ST_SIMPLIFY(ST_GEOGFROMTEXT('LINESTRING(0 0, 0.05 0, 0.1 0, 0.15 0, 2 0)'), 1)
-- error: Unsupported

-- case: geography_centroid_agg_of_points_counts_repeats
SELECT ROUND(ST_X(c), 12) AS x, ROUND(ST_Y(c), 12) AS y,
  ROUND(ST_X(ST_CENTROID(u)), 12) AS union_x, ROUND(ST_Y(ST_CENTROID(u)), 12) AS union_y
FROM (SELECT ST_CENTROID_AGG(points) AS c, ST_UNION_AGG(points) AS u
  FROM UNNEST([ST_GEOGPOINT(1, 5), ST_GEOGPOINT(1, 2), ST_GEOGPOINT(1, -1), ST_GEOGPOINT(1, -1)]) points)
-- expect: [{"x": 1.0, "y": 1.24961422621, "union_x": 1.0, "union_y": 2.0}]

-- case: geography_centroid_agg_of_mixed_dimensions_uses_the_lines
SELECT ST_CENTROID_AGG(points) AS st_centroid_agg
FROM UNNEST([ST_GEOGPOINT(50, 26), ST_GEOGPOINT(34, 33.3),
  ST_GEOGFROMTEXT('LINESTRING(0 -1, 0 1)'), ST_GEOGFROMTEXT('LINESTRING(0 1, 0 3)')]) points
-- expect: [{"st_centroid_agg": "POINT(0 1)"}]

-- case: geography_centroid_agg_over_no_rows
SELECT ST_CENTROID_AGG(g) AS c FROM UNNEST(ARRAY<GEOGRAPHY>[]) AS g
-- expect: [{"c": null}]

-- case: geography_extent
WITH data AS (
  SELECT 1 id, ST_GEOGFROMTEXT('POLYGON((-125 48, -124 46, -117 46, -117 49, -125 48))') g
  UNION ALL
  SELECT 2 id, ST_GEOGFROMTEXT('POLYGON((172 53, -130 55, -141 70, 172 53))') g
  UNION ALL
  SELECT 3 id, ST_GEOGFROMTEXT('POINT EMPTY') g
)
SELECT ST_EXTENT(g) AS box
FROM data
-- expect: [{"box": {"xmin": 172.0, "ymin": 46.0, "xmax": 243.0, "ymax": 70.0}}]

-- case: geography_extent_of_null_and_empty_is_null
SELECT ST_EXTENT(g) AS box FROM UNNEST([ST_GEOGFROMTEXT('POINT EMPTY'), NULL]) AS g
-- expect: [{"box": null}]

-- case: geography_union_of_points
SELECT ST_UNION(ST_GEOGPOINT(1, 2), ST_GEOGPOINT(1, 2)) AS same,
  ST_UNION(ST_GEOGPOINT(1, 2), NULL) AS with_null,
  ST_UNION([ST_GEOGPOINT(1, 2), NULL]) AS array_with_null,
  ST_UNION(CAST(NULL AS ARRAY<GEOGRAPHY>)) AS null_array
-- expect: [{"same": "POINT(1 2)", "with_null": null, "array_with_null": "POINT(1 2)", "null_array": null}]

-- case: geography_union_of_lines_is_unsupported
SELECT ST_UNION(
  ST_GEOGFROMTEXT('LINESTRING(-122.12 47.67, -122.19 47.69)'),
  ST_GEOGFROMTEXT('LINESTRING(-122.12 47.67, -100.19 47.69)')
) AS results
-- error: Unsupported

-- case: geography_union_agg_of_lines_is_unsupported
SELECT ST_UNION_AGG(items) AS results
FROM UNNEST([
  ST_GEOGFROMTEXT('LINESTRING(-122.12 47.67, -122.19 47.69)'),
  ST_GEOGFROMTEXT('LINESTRING(-122.12 47.67, -100.19 47.69)'),
  ST_GEOGFROMTEXT('LINESTRING(-122.12 47.67, -122.19 47.69)')]) as items
-- error: Unsupported

-- case: geography text has BigQuery's 15 significant digits (reference: ST_LINEINTERPOLATEPOINT and ST_LINESUBSTRING)
SELECT ST_ASTEXT(ST_LINEINTERPOLATEPOINT(ST_GEOGFROMTEXT('LINESTRING(1 1, 5 5)'), 0.5)) AS point,
  ST_ASTEXT(ST_LINESUBSTRING(ST_GEOGFROMTEXT('LINESTRING(20 70, 70 60, 10 70, 70 70)'), 0.5, 1)) AS segment,
  ST_ASTEXT(ST_GEOGPOINT(1.1234567890123456, 0.30000000000000004)) AS written
-- expect: [{"point": "POINT(2.99633827268976 3.00182528336078)", "segment": "LINESTRING(49.4760661523471 67.2419539103851, 10 70, 70 70)", "written": "POINT(1.12345678901235 0.3)"}]

-- case: s2_cellidfrompoint_reference_example
WITH data AS (
  SELECT 1 AS id, ST_GEOGPOINT(-122, 47) AS geo
  UNION ALL
  -- empty geography isn't supported
  SELECT 2 AS id, ST_GEOGFROMTEXT('POINT EMPTY') AS geo
  UNION ALL
  -- only points are supported
  SELECT 3 AS id, ST_GEOGFROMTEXT('LINESTRING(1 2, 3 4)') AS geo
)
SELECT id,
       SAFE.S2_CELLIDFROMPOINT(geo) cell30,
       SAFE.S2_CELLIDFROMPOINT(geo, level => 10) cell10
FROM data
ORDER BY id
-- expect: [{"id": 1, "cell30": 6093613931972369317, "cell10": 6093613287902019584}, {"id": 2, "cell30": null, "cell10": null}, {"id": 3, "cell30": null, "cell10": null}]
