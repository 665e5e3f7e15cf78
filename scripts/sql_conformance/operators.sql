-- Operators: field access, subscripts, logical and comparison.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: field_access_operator_1
SELECT
  STRUCT(
    STRUCT('Yonge Street' AS street, 'Canada' AS country)
      AS address).address.country
-- expect: [{"country": "Canada"}]

-- case: array_subscript_operator_1
SELECT
  ["coffee", "tea", "milk"] AS item_array,
  ["coffee", "tea", "milk"][0] AS item_index,
  ["coffee", "tea", "milk"][OFFSET(0)] AS item_offset,
  ["coffee", "tea", "milk"][ORDINAL(1)] AS item_ordinal,
  ["coffee", "tea", "milk"][SAFE_OFFSET(6)] AS item_safe_offset
-- expect: [{"item_array": ["coffee", "tea", "milk"], "item_index": "coffee", "item_offset": "coffee", "item_ordinal": "coffee", "item_safe_offset": null}]

-- case: struct_subscript_operator_1
SELECT
  STRUCT<INT64, STRING, BOOL>(23, "tea", FALSE)[0] AS field_index,
  STRUCT<INT64, STRING, BOOL>(23, "tea", FALSE)[OFFSET(0)] AS field_offset,
  STRUCT<INT64, STRING, BOOL>(23, "tea", FALSE)[ORDINAL(1)] AS field_ordinal
-- expect: [{"field_index": 23, "field_offset": 23, "field_ordinal": 23}]

-- case: json_subscript_operator_1
SELECT json_value.class.students[0]['name'] AS first_student
FROM
  UNNEST(
    [
      JSON '{"class" : {"students" : [{"name" : "Jane"}]}}',
      JSON '{"class" : {"students" : []}}',
      JSON '{"class" : {"students" : [{"name" : "John"}, {"name": "Jamie"}]}}'])
    AS json_value
-- expect: [{"first_student": "\"Jane\""}, {"first_student": null}, {"first_student": "\"John\""}]

-- case: array_elements_field_access_operator_2
WITH SalesTable AS (
    SELECT
      [
        STRUCT(
          [
            STRUCT([25.0, 75.0] AS prices),
            STRUCT([30.0] AS prices)
          ] AS sales
        )
      ] AS my_array
  )
SELECT FLATTEN(my_array.sales.prices) AS all_prices FROM SalesTable
-- expect: [{"all_prices": [25, 75, 30]}]

-- case: array_elements_field_access_operator_3
WITH SalesTable AS (
    SELECT
      [
        STRUCT(
          [
            STRUCT([25.0, 75.0] AS prices),
            STRUCT([30.0] AS prices)
          ] AS sales
        )
      ] AS my_array
  )
SELECT FLATTEN(my_array.sales.prices[OFFSET(0)]) AS first_prices FROM SalesTable
-- expect: [{"first_prices": [25, 30]}]

-- case: array_elements_field_access_operator_4
WITH SalesTable AS (
    SELECT
      [
        STRUCT(
          [
            STRUCT([25.0, 75.0] AS prices),
            STRUCT([30.0] AS prices)
          ] AS sales
        )
      ] AS my_array
  )
SELECT all_prices FROM SalesTable, UNNEST(my_array.sales.prices) AS all_prices
-- expect: [{"all_prices": 25}, {"all_prices": 75}, {"all_prices": 30}]

-- case: array_elements_field_access_operator_5
WITH SalesTable AS (
    SELECT
      [
        STRUCT(
          [
            STRUCT([25.0, 75.0] AS prices),
            STRUCT([30.0] AS prices)
          ] AS sales
        )
      ] AS my_array
  )
SELECT all_prices FROM SalesTable, SalesTable.my_array.sales.prices AS all_prices
-- expect: [{"all_prices": 25}, {"all_prices": 75}, {"all_prices": 30}]

-- case: array_elements_field_access_operator_6
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
WITH SalesTable AS (
    SELECT
      [
        STRUCT(
          [
            STRUCT([25.0, 75.0] AS prices),
            STRUCT([30.0] AS prices)
          ] AS sales
        )
      ] AS my_array
  )
SELECT FLATTEN(my_array.sales.prices[SAFE_OFFSET(1)]) AS second_prices FROM SalesTable
-- error: Array cannot have a null element

-- case: array_elements_field_access_operator_7
WITH
  SalesTable AS (
    SELECT
      [
        STRUCT(
          [
            STRUCT([25.0, 75.0] AS prices),
            STRUCT([30.0] AS prices),
            STRUCT(ARRAY<DOUBLE>[] AS prices),
            STRUCT(NULL AS prices)
          ] AS sales
        )
      ] AS my_array
  )
SELECT FLATTEN(my_array.sales.prices) AS first_prices FROM SalesTable
-- expect: [{"first_prices": [25, 75, 30]}]

-- case: array_elements_field_access_operator_8
WITH
  AlbumList AS (
    SELECT
      [
        NEW Album(
          'One Way' AS album_name,
          ['North', 'South'] AS song,
          'Crossroads' AS band),
        NEW Album(
          'After Hours' AS album_name,
          ['Snow', 'Ice', 'Water'] AS song,
          'Sunbirds' AS band)]
        AS albums_array
  )
SELECT FLATTEN(albums_array.song) AS songs FROM AlbumList
-- expect: [{"songs": ["North", "South", "Snow", "Ice", "Water"]}]

-- case: array_elements_field_access_operator_9
WITH
  AlbumList AS (
    SELECT
      [
        (
          SELECT
            NEW Album(
              'One Way' AS album_name,
              ['North', 'South'] AS song,
              'Crossroads' AS band) AS album_col
        ),
        (
          SELECT
            NEW Album(
              'After Hours' AS album_name,
              ['Snow', 'Ice', 'Water'] AS song,
              'Sunbirds' AS band) AS album_col
        )]
        AS albums_array
  )
SELECT names FROM AlbumList, UNNEST(albums_array.album_name) AS names
-- expect: [{"names": "One Way"}, {"names": "After Hours"}]

-- case: quantified_like_any
SELECT
  NULL LIKE ANY ('a', 'b') AS a1, 'a' LIKE ANY ('a', 'c') AS a2, 'a' LIKE ANY ('b', 'c') AS a3,
  'a' LIKE ANY ('a', NULL) AS a4, 'a' LIKE ANY ('b', NULL) AS a5, NULL NOT LIKE ANY ('a', 'b') AS a6,
  'a' NOT LIKE ANY ('a', 'b') AS a7, 'a' NOT LIKE ANY ('a', '%a%') AS a8, 'a' NOT LIKE ANY ('a', NULL) AS a9,
  'a' NOT LIKE ANY ('b', NULL) AS a10
-- expect: [{"a1": null, "a2": true, "a3": false, "a4": true, "a5": null, "a6": null, "a7": true, "a8": false, "a9": null, "a10": true}]

-- case: quantified_like_all
SELECT
  NULL LIKE ALL ('a', 'b') AS a1, 'a' LIKE ALL ('a', '%a%') AS a2, 'a' LIKE ALL ('a', 'c') AS a3,
  'a' LIKE ALL ('a', NULL) AS a4, 'a' LIKE ALL ('b', NULL) AS a5, NULL NOT LIKE ALL ('a', 'b') AS a6,
  'a' NOT LIKE ALL ('b', 'c') AS a7, 'a' NOT LIKE ALL ('a', 'c') AS a8, 'a' NOT LIKE ALL ('a', NULL) AS a9,
  'a' NOT LIKE ALL ('b', NULL) AS a10
-- expect: [{"a1": null, "a2": true, "a3": false, "a4": null, "a5": false, "a6": null, "a7": true, "a8": false, "a9": false, "a10": null}]

-- case: quantified_like_subquery_in_list
WITH Words AS
 (SELECT 'Intend with clarity.' as value UNION ALL
  SELECT 'Secure with intention.' UNION ALL
  SELECT 'Clarity and security.')
SELECT * FROM Words WHERE value LIKE ANY ((SELECT '%ion%'), '%and%')
-- expect: [{"value": "Secure with intention."}, {"value": "Clarity and security."}]

-- case: quantified_like_subquery
WITH Words AS
 (SELECT 'Intend with clarity.' as value UNION ALL
  SELECT 'Secure with intention.' UNION ALL
  SELECT 'Clarity and security.')
SELECT * FROM Words WHERE value LIKE ANY (SELECT '%with%')
-- expect: [{"value": "Intend with clarity."}, {"value": "Secure with intention."}]

-- case: quantified_like_array
WITH Words AS
 (SELECT 'Intend with clarity.' as value UNION ALL
  SELECT 'Secure with intention.' UNION ALL
  SELECT 'Clarity and security.')
SELECT * FROM Words WHERE value LIKE ANY UNNEST(['%ion%', '%and%'])
-- expect: [{"value": "Secure with intention."}, {"value": "Clarity and security."}]
