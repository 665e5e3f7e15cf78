-- Arrays, array functions and UNNEST.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/array_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/arrays
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unnest_operator
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: array_1
SELECT ARRAY
  (SELECT 1 UNION ALL
   SELECT 2 UNION ALL
   SELECT 3) AS new_array
-- expect: [{"new_array": [1, 2, 3]}]

-- case: array_concat_1
SELECT ARRAY_CONCAT([1, 2], [3, 4], [5, 6]) as count_to_six
-- expect: [{"count_to_six": [1, 2, 3, 4, 5, 6]}]

-- case: array_first_1
SELECT ARRAY_FIRST(['a','b','c','d']) as first_element
-- expect: [{"first_element": "a"}]

-- case: array_last_1
SELECT ARRAY_LAST(['a','b','c','d']) as last_element
-- expect: [{"last_element": "d"}]

-- case: array_length_1
SELECT
  ARRAY_LENGTH(["coffee", NULL, "milk" ]) AS size_a,
  ARRAY_LENGTH(["cake", "pie"]) AS size_b
-- expect: [{"size_a": 3, "size_b": 2}]

-- case: array_reverse_1
SELECT ARRAY_REVERSE([1, 2, 3]) AS reverse_arr
-- expect: [{"reverse_arr": [3, 2, 1]}]

-- case: array_slice_1
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, 3) AS result
-- expect: [{"result": ["b", "c", "d"]}]

-- case: array_slice_2
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -1, 3) AS result
-- expect: [{"result": []}]

-- case: array_slice_3
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, -3) AS result
-- expect: [{"result": ["b", "c"]}]

-- case: array_slice_4
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -1, -3) AS result
-- expect: [{"result": []}]

-- case: array_slice_5
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -3, -1) AS result
-- expect: [{"result": ["c", "d", "e"]}]

-- case: array_slice_6
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 3, 3) AS result
-- expect: [{"result": ["d"]}]

-- case: array_slice_7
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -3, -3) AS result
-- expect: [{"result": ["c"]}]

-- case: array_slice_8
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, 30) AS result
-- expect: [{"result": ["b", "c", "d", "e"]}]

-- case: array_slice_9
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, -30) AS result
-- expect: [{"result": []}]

-- case: array_slice_10
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -30, 30) AS result
-- expect: [{"result": ["a", "b", "c", "d", "e"]}]

-- case: array_slice_11
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], -30, -5) AS result
-- expect: [{"result": ["a"]}]

-- case: array_slice_12
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 5, 30) AS result
-- expect: [{"result": []}]

-- case: array_slice_13
-- The reference prints NULL; BigQuery translates a NULL ARRAY into an empty ARRAY in the query
-- result (data-types#array_nulls), which is what the client receives.
SELECT ARRAY_SLICE(['a', 'b', 'c', 'd', 'e'], 1, NULL) AS result
-- expect: [{"result": []}]

-- case: array_slice_14
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT ARRAY_SLICE(['a', 'b', NULL, 'd', 'e'], 1, 3) AS result
-- error: Array cannot have a null element

-- case: array_to_string_1
SELECT ARRAY_TO_STRING(['coffee', 'tea', 'milk', NULL], '--', 'MISSING') AS text
-- expect: [{"text": "coffee--tea--milk--MISSING"}]

-- case: array_to_string_2
SELECT ARRAY_TO_STRING(['cake', 'pie', NULL], '--', 'MISSING') AS text
-- expect: [{"text": "cake--pie--MISSING"}]

-- case: array_to_string_3
SELECT ARRAY_TO_STRING([b'prefix', b'middle', b'suffix', b'\x00'], b'--') AS data
-- expect: [{"data": "cHJlZml4LS1taWRkbGUtLXN1ZmZpeC0tAA=="}]

-- case: generate_array_1
SELECT GENERATE_ARRAY(1, 5) AS example_array
-- expect: [{"example_array": [1, 2, 3, 4, 5]}]

-- case: generate_array_2
SELECT GENERATE_ARRAY(0, 10, 3) AS example_array
-- expect: [{"example_array": [0, 3, 6, 9]}]

-- case: generate_array_3
SELECT GENERATE_ARRAY(10, 0, -3) AS example_array
-- expect: [{"example_array": [10, 7, 4, 1]}]

-- case: generate_array_4
SELECT GENERATE_ARRAY(4, 4, 10) AS example_array
-- expect: [{"example_array": [4]}]

-- case: generate_array_5
SELECT GENERATE_ARRAY(10, 0, 3) AS example_array
-- expect: [{"example_array": []}]

-- case: generate_array_6
-- The reference prints NULL; BigQuery translates a NULL ARRAY into an empty ARRAY in the query
-- result (data-types#array_nulls), which is what the client receives.
SELECT GENERATE_ARRAY(5, NULL, 1) AS example_array
-- expect: [{"example_array": []}]

-- case: generate_array_7
SELECT GENERATE_ARRAY(start, 5) AS example_array
FROM UNNEST([3, 4, 5]) AS start
-- expect: [{"example_array": [3, 4, 5]}, {"example_array": [4, 5]}, {"example_array": [5]}]

-- case: generate_date_array_1
SELECT GENERATE_DATE_ARRAY('2016-10-05', '2016-10-08') AS example
-- expect: [{"example": ["2016-10-05", "2016-10-06", "2016-10-07", "2016-10-08"]}]

-- case: generate_date_array_2
SELECT GENERATE_DATE_ARRAY(
 '2016-10-05', '2016-10-09', INTERVAL 2 DAY) AS example
-- expect: [{"example": ["2016-10-05", "2016-10-07", "2016-10-09"]}]

-- case: generate_date_array_3
SELECT GENERATE_DATE_ARRAY('2016-10-05',
  '2016-10-01', INTERVAL -3 DAY) AS example
-- expect: [{"example": ["2016-10-05", "2016-10-02"]}]

-- case: generate_date_array_4
SELECT GENERATE_DATE_ARRAY('2016-10-05',
  '2016-10-05', INTERVAL 8 DAY) AS example
-- expect: [{"example": ["2016-10-05"]}]

-- case: generate_date_array_5
SELECT GENERATE_DATE_ARRAY('2016-10-05',
  '2016-10-01', INTERVAL 1 DAY) AS example
-- expect: [{"example": []}]

-- case: generate_date_array_6
-- The reference prints NULL; BigQuery translates a NULL ARRAY into an empty ARRAY in the query
-- result (data-types#array_nulls), which is what the client receives.
SELECT GENERATE_DATE_ARRAY('2016-10-05', NULL) AS example
-- expect: [{"example": []}]

-- case: generate_date_array_7
SELECT GENERATE_DATE_ARRAY('2016-01-01',
  '2016-12-31', INTERVAL 2 MONTH) AS example
-- expect: [{"example": ["2016-01-01", "2016-03-01", "2016-05-01", "2016-07-01", "2016-09-01", "2016-11-01"]}]

-- case: generate_date_array_8
SELECT GENERATE_DATE_ARRAY(date_start, date_end, INTERVAL 1 WEEK) AS date_range
FROM (
  SELECT DATE '2016-01-01' AS date_start, DATE '2016-01-31' AS date_end
  UNION ALL SELECT DATE "2016-04-01", DATE "2016-04-30"
  UNION ALL SELECT DATE "2016-07-01", DATE "2016-07-31"
  UNION ALL SELECT DATE "2016-10-01", DATE "2016-10-31"
) AS items
-- expect: [{"date_range": ["2016-01-01", "2016-01-08", "2016-01-15", "2016-01-22", "2016-01-29"]}, {"date_range": ["2016-04-01", "2016-04-08", "2016-04-15", "2016-04-22", "2016-04-29"]}, {"date_range": ["2016-07-01", "2016-07-08", "2016-07-15", "2016-07-22", "2016-07-29"]}, {"date_range": ["2016-10-01", "2016-10-08", "2016-10-15", "2016-10-22", "2016-10-29"]}]

-- case: generate_timestamp_array_1
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-07 00:00:00',
                                INTERVAL 1 DAY) AS timestamp_array
-- expect: [{"timestamp_array": ["2016-10-05 00:00:00+00", "2016-10-06 00:00:00+00", "2016-10-07 00:00:00+00"]}]

-- case: generate_timestamp_array_2
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-05 00:00:02',
                                INTERVAL 1 SECOND) AS timestamp_array
-- expect: [{"timestamp_array": ["2016-10-05 00:00:00+00", "2016-10-05 00:00:01+00", "2016-10-05 00:00:02+00"]}]

-- case: generate_timestamp_array_3
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-06 00:00:00', '2016-10-01 00:00:00',
                                INTERVAL -2 DAY) AS timestamp_array
-- expect: [{"timestamp_array": ["2016-10-06 00:00:00+00", "2016-10-04 00:00:00+00", "2016-10-02 00:00:00+00"]}]

-- case: generate_timestamp_array_4
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-05 00:00:00',
                                INTERVAL 1 HOUR) AS timestamp_array
-- expect: [{"timestamp_array": ["2016-10-05 00:00:00+00"]}]

-- case: generate_timestamp_array_5
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-06 00:00:00', '2016-10-05 00:00:00',
                                INTERVAL 1 HOUR) AS timestamp_array
-- expect: [{"timestamp_array": []}]

-- case: generate_timestamp_array_6
-- The reference prints NULL; BigQuery translates a NULL ARRAY into an empty ARRAY in the query
-- result (data-types#array_nulls), which is what the client receives.
SELECT GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', NULL, INTERVAL 1 HOUR)
  AS timestamp_array
-- expect: [{"timestamp_array": []}]

-- case: generate_timestamp_array_7
SELECT GENERATE_TIMESTAMP_ARRAY(start_timestamp, end_timestamp, INTERVAL 1 HOUR)
  AS timestamp_array
FROM
  (SELECT
    TIMESTAMP '2016-10-05 00:00:00' AS start_timestamp,
    TIMESTAMP '2016-10-05 02:00:00' AS end_timestamp
   UNION ALL
   SELECT
    TIMESTAMP '2016-10-05 12:00:00' AS start_timestamp,
    TIMESTAMP '2016-10-05 14:00:00' AS end_timestamp
   UNION ALL
   SELECT
    TIMESTAMP '2016-10-05 23:59:00' AS start_timestamp,
    TIMESTAMP '2016-10-06 01:59:00' AS end_timestamp)
-- expect: [{"timestamp_array": ["2016-10-05 00:00:00+00", "2016-10-05 01:00:00+00", "2016-10-05 02:00:00+00"]}, {"timestamp_array": ["2016-10-05 12:00:00+00", "2016-10-05 13:00:00+00", "2016-10-05 14:00:00+00"]}, {"timestamp_array": ["2016-10-05 23:59:00+00", "2016-10-06 00:59:00+00", "2016-10-06 01:59:00+00"]}]

-- case: accessing_array_elements_1
WITH
  Sequences AS (
    SELECT [0, 1, 1, 2, 3, 5] AS some_numbers UNION ALL
    SELECT [2, 4, 8, 16, 32] UNION ALL
    SELECT [5, 10]
  )
SELECT * FROM Sequences
-- expect: [{"some_numbers": [0, 1, 1, 2, 3, 5]}, {"some_numbers": [2, 4, 8, 16, 32]}, {"some_numbers": [5, 10]}]

-- case: accessing_array_elements_2
WITH Sequences AS (
    SELECT [0, 1, 1, 2, 3, 5] AS some_numbers UNION ALL
    SELECT [2, 4, 8, 16, 32] UNION ALL
    SELECT [5, 10]
  )
SELECT
  some_numbers,
  some_numbers[0] AS index_0,
  some_numbers[OFFSET(1)] AS offset_1,
  some_numbers[ORDINAL(1)] AS ordinal_1
FROM Sequences
-- expect: [{"some_numbers": [0, 1, 1, 2, 3, 5], "index_0": 0, "offset_1": 1, "ordinal_1": 0}, {"some_numbers": [2, 4, 8, 16, 32], "index_0": 2, "offset_1": 4, "ordinal_1": 2}, {"some_numbers": [5, 10], "index_0": 5, "offset_1": 10, "ordinal_1": 5}]

-- case: finding_lengths_1
WITH Sequences AS
  (SELECT [0, 1, 1, 2, 3, 5] AS some_numbers
   UNION ALL SELECT [2, 4, 8, 16, 32] AS some_numbers
   UNION ALL SELECT [5, 10] AS some_numbers)
SELECT some_numbers,
       ARRAY_LENGTH(some_numbers) AS len
FROM Sequences
-- expect: [{"some_numbers": [0, 1, 1, 2, 3, 5], "len": 6}, {"some_numbers": [2, 4, 8, 16, 32], "len": 5}, {"some_numbers": [5, 10], "len": 2}]

-- case: converting_elements_in_an_array_to_rows_in_a_table_1
SELECT *
FROM UNNEST(['foo', 'bar', 'baz', 'qux', 'corge', 'garply', 'waldo', 'fred'])
  AS element
WITH OFFSET AS offset
ORDER BY offset
-- expect: [{"element": "foo", "offset": 0}, {"element": "bar", "offset": 1}, {"element": "baz", "offset": 2}, {"element": "qux", "offset": 3}, {"element": "corge", "offset": 4}, {"element": "garply", "offset": 5}, {"element": "waldo", "offset": 6}, {"element": "fred", "offset": 7}]

-- case: converting_elements_in_an_array_to_rows_in_a_table_2
WITH
  Sequences AS (
    SELECT 1 AS id, [0, 1, 1, 2, 3, 5] AS some_numbers
    UNION ALL SELECT 2 AS id, [2, 4, 8, 16, 32] AS some_numbers
    UNION ALL SELECT 3 AS id, [5, 10] AS some_numbers
  )
SELECT id, flattened_numbers
FROM Sequences
INNER JOIN UNNEST(Sequences.some_numbers) AS flattened_numbers
-- expect: [{"id": 1, "flattened_numbers": 0}, {"id": 1, "flattened_numbers": 1}, {"id": 1, "flattened_numbers": 1}, {"id": 1, "flattened_numbers": 2}, {"id": 1, "flattened_numbers": 3}, {"id": 1, "flattened_numbers": 5}, {"id": 2, "flattened_numbers": 2}, {"id": 2, "flattened_numbers": 4}, {"id": 2, "flattened_numbers": 8}, {"id": 2, "flattened_numbers": 16}, {"id": 2, "flattened_numbers": 32}, {"id": 3, "flattened_numbers": 5}, {"id": 3, "flattened_numbers": 10}]

-- case: converting_elements_in_an_array_to_rows_in_a_table_3
WITH
  Sequences AS (
    SELECT 1 AS id, [0, 1, 1, 2, 3, 5] AS some_numbers
    UNION ALL SELECT 2 AS id, [2, 4, 8, 16, 32] AS some_numbers
    UNION ALL SELECT 3 AS id, [5, 10] AS some_numbers
  )
SELECT id, flattened_numbers
FROM Sequences, Sequences.some_numbers AS flattened_numbers
-- expect: [{"id": 1, "flattened_numbers": 0}, {"id": 1, "flattened_numbers": 1}, {"id": 1, "flattened_numbers": 1}, {"id": 1, "flattened_numbers": 2}, {"id": 1, "flattened_numbers": 3}, {"id": 1, "flattened_numbers": 5}, {"id": 2, "flattened_numbers": 2}, {"id": 2, "flattened_numbers": 4}, {"id": 2, "flattened_numbers": 8}, {"id": 2, "flattened_numbers": 16}, {"id": 2, "flattened_numbers": 32}, {"id": 3, "flattened_numbers": 5}, {"id": 3, "flattened_numbers": 10}]

-- case: querying_struct_elements_in_an_array_2
WITH
  Races AS (
    SELECT
      "800M" AS race,
      [
        STRUCT("Rudisha" AS name, [23.4, 26.3, 26.4, 26.1] AS laps),
        STRUCT("Makhloufi" AS name, [24.5, 25.4, 26.6, 26.1] AS laps),
        STRUCT("Murphy" AS name, [23.9, 26.0, 27.0, 26.0] AS laps),
        STRUCT("Bosse" AS name, [23.6, 26.2, 26.5, 27.1] AS laps),
        STRUCT("Rotich" AS name, [24.7, 25.6, 26.9, 26.4] AS laps),
        STRUCT("Lewandowski" AS name, [25.0, 25.7, 26.3, 27.2] AS laps),
        STRUCT("Kipketer" AS name, [23.2, 26.1, 27.3, 29.4] AS laps),
        STRUCT("Berian" AS name, [23.7, 26.1, 27.0, 29.3] AS laps)
      ] AS participants
  )
SELECT
  race,
  (
    SELECT name
    FROM UNNEST(participants)
    ORDER BY (SELECT SUM(duration) FROM UNNEST(laps) AS duration) ASC
    LIMIT 1
  ) AS fastest_racer
FROM Races
-- expect: [{"race": "800M", "fastest_racer": "Rudisha"}]

-- case: querying_array_type_fields_in_a_struct_1
WITH
  Races AS (
    SELECT
      "800M" AS race,
      [
        STRUCT("Rudisha" AS name, [23.4, 26.3, 26.4, 26.1] AS laps),
        STRUCT("Makhloufi" AS name, [24.5, 25.4, 26.6, 26.1] AS laps),
        STRUCT("Murphy" AS name, [23.9, 26.0, 27.0, 26.0] AS laps),
        STRUCT("Bosse" AS name, [23.6, 26.2, 26.5, 27.1] AS laps),
        STRUCT("Rotich" AS name, [24.7, 25.6, 26.9, 26.4] AS laps),
        STRUCT("Lewandowski" AS name, [25.0, 25.7, 26.3, 27.2] AS laps),
        STRUCT("Kipketer" AS name, [23.2, 26.1, 27.3, 29.4] AS laps),
        STRUCT("Berian" AS name, [23.7, 26.1, 27.0, 29.3] AS laps)
      ]AS participants
  )
SELECT
  race,
  (
    SELECT name
    FROM UNNEST(participants), UNNEST(laps) AS duration
    ORDER BY duration ASC
    LIMIT 1
  ) AS runner_with_fastest_lap
FROM Races
-- expect: [{"race": "800M", "runner_with_fastest_lap": "Kipketer"}]

-- case: querying_array_type_fields_in_a_struct_2
WITH
  Races AS (
    SELECT "800M" AS race,
      [
        STRUCT("Rudisha" AS name, [23.4, 26.3, 26.4, 26.1] AS laps),
        STRUCT("Makhloufi" AS name, [24.5, 25.4, 26.6, 26.1] AS laps),
        STRUCT("Murphy" AS name, [23.9, 26.0, 27.0, 26.0] AS laps),
        STRUCT("Bosse" AS name, [23.6, 26.2, 26.5, 27.1] AS laps),
        STRUCT("Rotich" AS name, [24.7, 25.6, 26.9, 26.4] AS laps),
        STRUCT("Lewandowski" AS name, [25.0, 25.7, 26.3, 27.2] AS laps),
        STRUCT("Kipketer" AS name, [23.2, 26.1, 27.3, 29.4] AS laps),
        STRUCT("Berian" AS name, [23.7, 26.1, 27.0, 29.3] AS laps)
      ] AS participants
  )
SELECT
  race,
  (
    SELECT name
    FROM UNNEST(participants)
    INNER JOIN UNNEST(laps) AS duration
    ORDER BY duration ASC LIMIT 1
  ) AS runner_with_fastest_lap
FROM Races
-- expect: [{"race": "800M", "runner_with_fastest_lap": "Kipketer"}]

-- case: querying_array_type_fields_in_a_struct_3
WITH
  Races AS (
    SELECT
      "800M" AS race,
      [
        STRUCT("Rudisha" AS name, [23.4, 26.3, 26.4, 26.1] AS laps),
        STRUCT("Makhloufi" AS name, [24.5, 25.4, 26.6, 26.1] AS laps),
        STRUCT("Murphy" AS name, [23.9, 26.0, 27.0, 26.0] AS laps),
        STRUCT("Bosse" AS name, [23.6, 26.2, 26.5, 27.1] AS laps),
        STRUCT("Rotich" AS name, [24.7, 25.6, 26.9, 26.4] AS laps),
        STRUCT("Lewandowski" AS name, [25.0, 25.7, 26.3, 27.2] AS laps),
        STRUCT("Kipketer" AS name, [23.2, 26.1, 27.3, 29.4] AS laps),
        STRUCT("Berian" AS name, [23.7, 26.1, 27.0, 29.3] AS laps),
        STRUCT("Nathan" AS name, ARRAY<DOUBLE>[] AS laps),
        STRUCT("David" AS name, NULL AS laps)
      ] AS participants
  )
SELECT
  Participant.name,
  SUM(duration) AS finish_time
FROM Races
INNER JOIN Races.participants AS Participant
LEFT JOIN Participant.laps AS duration
GROUP BY name
-- expect: [{"name": "Murphy", "finish_time": 102.9}, {"name": "Rudisha", "finish_time": 102.19999999999999}, {"name": "David", "finish_time": null}, {"name": "Rotich", "finish_time": 103.6}, {"name": "Makhloufi", "finish_time": 102.6}, {"name": "Berian", "finish_time": 106.1}, {"name": "Bosse", "finish_time": 103.4}, {"name": "Kipketer", "finish_time": 106}, {"name": "Nathan", "finish_time": null}, {"name": "Lewandowski", "finish_time": 104.2}]

-- case: querying_repeated_fields_1
WITH
  Bands AS (
    SELECT
      'The Beatles' AS band_name,
      NEW zetasql.examples.music.Album(
        'Let It Be' AS album_name,
        ['Across the Universe', 'Get Back', 'Dig It'] AS song) AS album
    UNION ALL
    SELECT
      'The Beatles' AS band_name,
      NEW zetasql.examples.music.Album(
        'Rubber Soul' AS album_name,
        ['Drive My Car', 'The Word', 'Michelle'] AS song) AS album
  )
SELECT band_name, album.album_name, album.song
FROM Bands
-- expect: [{"band_name": "The Beatles", "album_name": "Let It Be", "song": ["Across the Universe", "Get Back", "Dig It"]}, {"band_name": "The Beatles", "album_name": "Rubber Soul", "song": ["Drive My Car", "The Word", "Michelle"]}]

-- case: querying_repeated_fields_2
WITH Bands AS (
  SELECT
    'The Beatles' AS band_name,
    NEW zetasql.examples.music.Album(
      'Let It Be' AS album_name,
      ['Across the Universe', 'Get Back', 'Dig It'] AS song
    ) AS album
    UNION ALL
  SELECT
    'The Beatles' AS band_name,
    NEW zetasql.examples.music.Album(
      'Rubber Soul' AS album_name,
      ['Drive My Car', 'The Word', 'Michelle'] AS song
    ) AS album
)
SELECT band_name, album.album_name, song_name
FROM Bands
INNER JOIN UNNEST(album.song) AS song_name
-- expect: [{"band_name": "The Beatles", "album_name": "Let It Be", "song_name": "Across the Universe"}, {"band_name": "The Beatles", "album_name": "Let It Be", "song_name": "Get Back"}, {"band_name": "The Beatles", "album_name": "Let It Be", "song_name": "Dig It"}, {"band_name": "The Beatles", "album_name": "Rubber Soul", "song_name": "Drive My Car"}, {"band_name": "The Beatles", "album_name": "Rubber Soul", "song_name": "The Word"}, {"band_name": "The Beatles", "album_name": "Rubber Soul", "song_name": "Michelle"}]

-- case: casting_arrays_1
SELECT CAST(int_array AS ARRAY<DOUBLE>) AS double_array
FROM (SELECT ARRAY<INT32>[1, 2, 3] AS int_array)
-- expect: [{"double_array": [1, 2, 3]}]

-- case: creating_arrays_from_subqueries_1
WITH Sequences AS
  (SELECT [0, 1, 1, 2, 3, 5] AS some_numbers
  UNION ALL SELECT [2, 4, 8, 16, 32] AS some_numbers
  UNION ALL SELECT [5, 10] AS some_numbers)
SELECT some_numbers,
  ARRAY(SELECT x * 2
        FROM UNNEST(some_numbers) AS x) AS doubled
FROM Sequences
-- expect: [{"some_numbers": [0, 1, 1, 2, 3, 5], "doubled": [0, 2, 2, 4, 6, 10]}, {"some_numbers": [2, 4, 8, 16, 32], "doubled": [4, 8, 16, 32, 64]}, {"some_numbers": [5, 10], "doubled": [10, 20]}]

-- case: filtering_arrays_1
WITH Sequences AS
  (SELECT [0, 1, 1, 2, 3, 5] AS some_numbers
   UNION ALL SELECT [2, 4, 8, 16, 32] AS some_numbers
   UNION ALL SELECT [5, 10] AS some_numbers)
SELECT
  ARRAY(SELECT x * 2
        FROM UNNEST(some_numbers) AS x
        WHERE x < 5) AS doubled_less_than_five
FROM Sequences
-- expect: [{"doubled_less_than_five": [0, 2, 2, 4, 6]}, {"doubled_less_than_five": [4, 8]}, {"doubled_less_than_five": []}]

-- case: filtering_arrays_2
WITH Sequences AS
  (SELECT [0, 1, 1, 2, 3, 5] AS some_numbers)
SELECT ARRAY(SELECT DISTINCT x
             FROM UNNEST(some_numbers) AS x) AS unique_numbers
FROM Sequences
-- expect: [{"unique_numbers": [0, 1, 2, 3, 5]}]

-- case: filtering_arrays_3
WITH Sequences AS
  (SELECT [0, 1, 1, 2, 3, 5] AS some_numbers
   UNION ALL SELECT [2, 4, 8, 16, 32] AS some_numbers
   UNION ALL SELECT [5, 10] AS some_numbers)
SELECT
   ARRAY(SELECT x
         FROM UNNEST(some_numbers) AS x
         WHERE 2 IN UNNEST(some_numbers)) AS contains_two
FROM Sequences
-- expect: [{"contains_two": [0, 1, 1, 2, 3, 5]}, {"contains_two": [2, 4, 8, 16, 32]}, {"contains_two": []}]

-- case: scanning_for_specific_values_1
SELECT 2 IN UNNEST([0, 1, 1, 2, 3, 5]) AS contains_value
-- expect: [{"contains_value": true}]

-- case: scanning_for_specific_values_2
WITH Sequences AS
  (SELECT 1 AS id, [0, 1, 1, 2, 3, 5] AS some_numbers
   UNION ALL SELECT 2 AS id, [2, 4, 8, 16, 32] AS some_numbers
   UNION ALL SELECT 3 AS id, [5, 10] AS some_numbers)
SELECT id AS matching_rows
FROM Sequences
WHERE 2 IN UNNEST(Sequences.some_numbers)
ORDER BY matching_rows
-- expect: [{"matching_rows": 1}, {"matching_rows": 2}]

-- case: scanning_for_values_that_satisfy_a_condition_1
WITH
  Sequences AS (
    SELECT 1 AS id, [0, 1, 1, 2, 3, 5] AS some_numbers
    UNION ALL
    SELECT 2 AS id, [2, 4, 8, 16, 32] AS some_numbers
    UNION ALL
    SELECT 3 AS id, [5, 10] AS some_numbers
  )
SELECT id AS matching_rows
FROM Sequences
WHERE EXISTS(SELECT * FROM UNNEST(some_numbers) AS x WHERE x > 5)
-- expect: [{"matching_rows": 2}, {"matching_rows": 3}]

-- case: scanning_for_struct_field_values_that_satisfy_a_condition_1
WITH
  Sequences AS (
    SELECT 1 AS id, [STRUCT(0 AS a, 1 AS b)] AS some_numbers
    UNION ALL
    SELECT 2 AS id, [STRUCT(2 AS a, 4 AS b)] AS some_numbers
    UNION ALL
    SELECT 3 AS id, [STRUCT(5 AS a, 3 AS b), STRUCT(7 AS a, 4 AS b)] AS some_numbers
  )
SELECT id AS matching_rows
FROM Sequences
WHERE EXISTS(SELECT 1 FROM UNNEST(some_numbers) WHERE b > 3)
-- expect: [{"matching_rows": 2}, {"matching_rows": 3}]

-- case: arrays_and_aggregation_1
WITH Fruits AS
  (SELECT "apple" AS fruit
   UNION ALL SELECT "pear" AS fruit
   UNION ALL SELECT "banana" AS fruit)
SELECT ARRAY_AGG(fruit) AS fruit_basket
FROM Fruits
-- expect: [{"fruit_basket": ["apple", "pear", "banana"]}]

-- case: arrays_and_aggregation_2
WITH Fruits AS
  (SELECT "apple" AS fruit
   UNION ALL SELECT "pear" AS fruit
   UNION ALL SELECT "banana" AS fruit)
SELECT ARRAY_AGG(fruit ORDER BY fruit) AS fruit_basket
FROM Fruits
-- expect: [{"fruit_basket": ["apple", "banana", "pear"]}]

-- case: arrays_and_aggregation_3
WITH Sequences AS
  (SELECT [0, 1, 1, 2, 3, 5] AS some_numbers
   UNION ALL SELECT [2, 4, 8, 16, 32] AS some_numbers
   UNION ALL SELECT [5, 10] AS some_numbers)
SELECT some_numbers,
  (SELECT SUM(x)
   FROM UNNEST(s.some_numbers) AS x) AS sums
FROM Sequences AS s
-- expect: [{"some_numbers": [0, 1, 1, 2, 3, 5], "sums": 12}, {"some_numbers": [2, 4, 8, 16, 32], "sums": 62}, {"some_numbers": [5, 10], "sums": 15}]

-- case: arrays_and_aggregation_4
WITH Aggregates AS
  (SELECT [1,2] AS numbers
   UNION ALL SELECT [3,4] AS numbers
   UNION ALL SELECT [5, 6] AS numbers)
SELECT ARRAY_CONCAT_AGG(numbers) AS count_to_six_agg
FROM Aggregates
-- expect: [{"count_to_six_agg": [1, 2, 3, 4, 5, 6]}]

-- case: converting_arrays_to_strings_1
WITH Words AS
  (SELECT ["Hello", "World"] AS greeting)
SELECT ARRAY_TO_STRING(greeting, " ") AS greetings
FROM Words
-- expect: [{"greetings": "Hello World"}]

-- case: converting_arrays_to_strings_2
SELECT
  ARRAY_TO_STRING(arr, ".", "N") AS non_empty_string,
  ARRAY_TO_STRING(arr, ".", "") AS empty_string,
  ARRAY_TO_STRING(arr, ".") AS omitted
FROM (SELECT ["a", NULL, "b", NULL, "c", NULL] AS arr)
-- expect: [{"non_empty_string": "a.N.b.N.c.N", "empty_string": "a..b..c.", "omitted": "a.b.c"}]

-- case: combining_arrays_1
SELECT ARRAY_CONCAT([1, 2], [3, 4], [5, 6]) AS count_to_six
-- expect: [{"count_to_six": [1, 2, 3, 4, 5, 6]}]

-- case: unnest_operator_1
SELECT * FROM UNNEST ([10,20,30]) as numbers WITH OFFSET
-- expect: [{"numbers": 10, "offset": 0}, {"numbers": 20, "offset": 1}, {"numbers": 30, "offset": 2}]

-- case: unnest_and_structs_1
SELECT *
FROM UNNEST(
  ARRAY<
    STRUCT<
      x INT64,
      y STRING,
      z STRUCT<a INT64, b INT64>>>[
        (1, 'foo', (10, 11)),
        (3, 'bar', (20, 21))])
-- expect: [{"x": 1, "y": "foo", "z": {"a": 10, "b": 11}}, {"x": 3, "y": "bar", "z": {"a": 20, "b": 21}}]

-- case: unnest_and_structs_2
SELECT *, struct_value
FROM UNNEST(
  ARRAY<
    STRUCT<
    x INT64,
    y STRING>>[
      (1, 'foo'),
      (3, 'bar')]) AS struct_value
-- expect: [{"x": 3, "y": "bar", "struct_value": {"x": 3, "y": "bar"}}, {"x": 1, "y": "foo", "struct_value": {"x": 1, "y": "foo"}}]

-- Over the fixture's REPEATED column fx.items.tags (an empty array where there's none) and literals.

-- case: repeated_column_values
SELECT id, tags FROM fx.items WHERE id IN (1, 3, 6)
-- expect: [[1, ["red", "sweet"]], [3, []], [6, []]]

-- case: array_length_of_repeated
SELECT name, ARRAY_LENGTH(tags) AS n FROM fx.items
-- expect: [["apple", 2], ["banana", 1], ["carrot", 0], ["durian", 2], ["eggplant", 1], ["fig", 0]]

-- case: unnest_with_offset_ordered
-- ordered
SELECT t, off FROM fx.items, UNNEST(tags) AS t WITH OFFSET AS off WHERE id = 4 ORDER BY off
-- expect: [["spiky", 0], ["smelly", 1]]

-- case: unnest_repeated_count
SELECT COUNT(*) AS n FROM fx.items, UNNEST(tags)
-- expect: [{"n": 6}]

-- case: in_unnest_repeated
SELECT name FROM fx.items WHERE 'purple' IN UNNEST(tags)
-- expect: [["eggplant"]]

-- case: exists_unnest_repeated
SELECT name FROM fx.items WHERE EXISTS (SELECT 1 FROM UNNEST(tags) AS t WHERE STARTS_WITH(t, 's'))
-- expect: [["apple"], ["durian"]]

-- case: array_agg_from_unnest_ordered
SELECT ARRAY_AGG(t ORDER BY t) AS all_tags FROM fx.items, UNNEST(tags) AS t
-- expect: [{"all_tags": ["purple", "red", "smelly", "spiky", "sweet", "yellow"]}]

-- case: offset_and_ordinal
SELECT [10, 20, 30][OFFSET(0)] AS a, [10, 20, 30][ORDINAL(3)] AS b, [10, 20, 30][SAFE_OFFSET(5)] AS c
-- expect: [{"a": 10, "b": 30, "c": null}]

-- case: offset_out_of_range_fails
SELECT [10, 20, 30][OFFSET(5)] AS a
-- error: out of

-- case: bare_subscript_is_offset
SELECT [10, 20, 30][1] AS a
-- expect: [{"a": 20}]

-- case: subscript_on_repeated_column
SELECT name, tags[SAFE_OFFSET(1)] AS second FROM fx.items WHERE id IN (1, 2)
-- expect: [["apple", "sweet"], ["banana", null]]

-- case: array_concat_operator
SELECT [1, 2] || [3] AS a
-- expect: [{"a": [1, 2, 3]}]

-- case: array_to_string_repeated
SELECT ARRAY_TO_STRING(tags, '|') AS s FROM fx.items WHERE id = 1
-- expect: [{"s": "red|sweet"}]

-- case: generate_array_step
SELECT GENERATE_ARRAY(1, 10, 3) AS a
-- expect: [{"a": [1, 4, 7, 10]}]

-- case: unnest_null_array_is_empty
SELECT COUNT(*) AS n FROM UNNEST(CAST(NULL AS ARRAY<INT64>))
-- expect: [{"n": 0}]

-- case: array_with_null_element_in_result_fails
SELECT [1, NULL, 3] AS a
-- error: Array cannot have a null element

-- case: array_of_arrays_fails
SELECT [[1, 2], [3]] AS a
-- error:

-- case: unnest_struct_array_fields
SELECT x, y FROM UNNEST([STRUCT(1 AS x, 'a' AS y), STRUCT(2 AS x, 'b' AS y)])
-- expect: [[1, "a"], [2, "b"]]

-- case: array_function_on_subquery
SELECT ARRAY(SELECT DISTINCT category FROM fx.items WHERE category IS NOT NULL ORDER BY category) AS cats
-- expect: [{"cats": ["fruit", "vegetable"]}]

-- case: array_reverse_repeated
SELECT ARRAY_REVERSE(tags) AS r FROM fx.items WHERE id = 1
-- expect: [{"r": ["sweet", "red"]}]

-- case: array_concat_function
SELECT ARRAY_CONCAT([1, 2], [3, 4], [5]) AS a
-- expect: [{"a": [1, 2, 3, 4, 5]}]

-- case: array_length_null
SELECT ARRAY_LENGTH(CAST(NULL AS ARRAY<INT64>)) AS n
-- expect: [{"n": null}]

-- case: unnest_in_select_list_subquery
SELECT (SELECT SUM(x) FROM UNNEST([1, 2, 3]) AS x) AS s
-- expect: [{"s": 6}]

-- case: cross_join_unnest_explicit
SELECT i.id, t FROM fx.items AS i CROSS JOIN UNNEST(i.tags) AS t WHERE i.id = 2
-- expect: [[2, "yellow"]]

-- case: flatten_1
WITH t AS (
  SELECT
  [
    STRUCT([STRUCT([1,2,3] AS quantity), STRUCT([4,5,6] AS quantity)] AS sales),
    STRUCT([STRUCT([7,8] AS quantity), STRUCT([] AS quantity)] AS sales)
  ] AS v
)
SELECT FLATTEN(v.sales.quantity) AS all_values
FROM t
-- expect: [{"all_values": [1, 2, 3, 4, 5, 6, 7, 8]}]

-- case: flatten_2
WITH t AS (
  SELECT
  [
    STRUCT([STRUCT([1,2,3] AS quantity), STRUCT([4,5,6] AS quantity)] AS sales),
    STRUCT([STRUCT([7,8,9] AS quantity), STRUCT([10,11,12] AS quantity)] AS sales)
  ] AS v
)
SELECT FLATTEN(v.sales.quantity[OFFSET(1)]) AS second_values
FROM t
-- expect: [{"second_values": [2, 5, 8, 11]}]

-- case: flatten_3
WITH t AS (
  SELECT
  [
    STRUCT(1 AS price, 2 AS quantity),
    STRUCT(10 AS price, 20 AS quantity)
  ] AS v
)
SELECT FLATTEN(v.price) AS all_prices
FROM t
-- expect: [{"all_prices": [1, 10]}]

-- The array elements field access operator over stored nested repeated records (fx.sessions:
-- session 1 has hits home (params a=1, b=2) and cart (no params), session 2 home (a=3), session 3
-- no hits); worked by hand from the operator's rules.

-- case: flatten_repeated_record_field
SELECT session_id, FLATTEN(hits.page) AS pages FROM fx.sessions
-- expect: [[1, ["home", "cart"]], [2, ["home"]], [3, []]]

-- case: from_path_through_repeated_records
SELECT s.session_id, p.key, p.value FROM fx.sessions AS s, s.hits.params AS p
-- expect: [[1, "a", 1], [1, "b", 2], [2, "a", 3]]

-- case: unnest_path_through_repeated_records
SELECT SUM(v) AS total FROM fx.sessions, UNNEST(hits.params.value) AS v
-- expect: [{"total": 6}]

-- case: in_unnest_path_through_repeated_records
SELECT session_id FROM fx.sessions WHERE 'cart' IN UNNEST(hits.page)
-- expect: [[1]]

-- case: flatten_subscript_skips_empty_arrays
SELECT session_id, FLATTEN(hits.params[ORDINAL(1)].key) AS first_keys FROM fx.sessions
-- expect: [[1, ["a"]], [2, ["a"]], [3, []]]

-- case: array_field_access_outside_flatten_fails
SELECT hits.page FROM fx.sessions
-- error: FLATTEN

-- case: in_unnest_numeric_exact_value
SELECT name FROM fx.items WHERE price IN UNNEST([NUMERIC '1.5', 12])
-- expect: [["apple"], ["durian"]]

-- case: array_literal_of_two_hundred_elements
SELECT ARRAY_LENGTH([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199]) AS n, 199 IN UNNEST([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199]) AS found
-- expect: [{"n": 200, "found": true}]
