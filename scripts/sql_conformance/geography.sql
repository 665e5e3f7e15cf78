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
