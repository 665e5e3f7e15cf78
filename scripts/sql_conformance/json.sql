-- JSON functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/json_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: bool_1
SELECT BOOL(JSON 'true') AS vacancy
-- expect: [{"vacancy": true}]

-- case: bool_2
SELECT BOOL(JSON_QUERY(JSON '{"hotel class": "5-star", "vacancy": true}', "$.vacancy")) AS vacancy
-- expect: [{"vacancy": true}]

-- case: int64_1
SELECT INT64(JSON '2005') AS flight_number
-- expect: [{"flight_number": 2005}]

-- case: int64_2
SELECT INT64(JSON_QUERY(JSON '{"gate": "A4", "flight_number": 2005}', "$.flight_number")) AS flight_number
-- expect: [{"flight_number": 2005}]

-- case: int64_3
SELECT INT64(JSON '10.0') AS score
-- expect: [{"score": 10}]

-- case: json_array_1
SELECT JSON_ARRAY(10) AS json_data
-- expect: [{"json_data": [10]}]

-- case: json_array_2
SELECT JSON_ARRAY([]) AS json_data
-- expect: [{"json_data": "[[]]"}]

-- case: json_array_3
SELECT JSON_ARRAY(10, 'foo', NULL) AS json_data
-- expect: [{"json_data": "[10,\"foo\",null]"}]

-- case: json_array_4
SELECT JSON_ARRAY(STRUCT(10 AS a, 'foo' AS b)) AS json_data
-- expect: [{"json_data": "[{\"a\":10,\"b\":\"foo\"}]"}]

-- case: json_array_5
SELECT JSON_ARRAY(10, ['foo', 'bar'], [20, 30]) AS json_data
-- expect: [{"json_data": "[10,[\"foo\",\"bar\"],[20,30]]"}]

-- case: json_array_append_1
SELECT JSON_ARRAY_APPEND(JSON '["a", "b", "c"]', '$', 1) AS json_data
-- expect: [{"json_data": "[\"a\",\"b\",\"c\",1]"}]

-- case: json_array_append_2
SELECT JSON_ARRAY_APPEND(JSON '["a", "b", "c"]', '$', [1, 2]) AS json_data
-- expect: [{"json_data": "[\"a\",\"b\",\"c\",1,2]"}]

-- case: json_array_append_3
SELECT JSON_ARRAY_APPEND(
  JSON '["a", "b", "c"]',
  '$', [1, 2],
  append_each_element=>FALSE) AS json_data
-- expect: [{"json_data": "[\"a\",\"b\",\"c\",[1,2]]"}]

-- case: json_array_append_4
SELECT JSON_ARRAY_APPEND(
  JSON '["a", ["b"], "c"]',
  '$[1]', [1, 2],
  '$[1][1]', [3, 4],
  append_each_element=>FALSE) AS json_data
-- expect: [{"json_data": "[\"a\",[\"b\",[1,2,[3,4]]],\"c\"]"}]

-- case: json_array_append_5
SELECT JSON_ARRAY_APPEND(
  JSON '["a", ["b"], "c"]',
  '$[1]', [1, 2],
  '$[1][1]', [3, 4]) AS json_data
-- expect: [{"json_data": "[\"a\",[\"b\",1,2],\"c\"]"}]

-- case: json_array_insert_1
SELECT JSON_ARRAY_INSERT(JSON '["a", ["b", "c"], "d"]', '$[1]', 1) AS json_data
-- expect: [{"json_data": "[\"a\",1,[\"b\",\"c\"],\"d\"]"}]

-- case: json_array_insert_2
SELECT JSON_ARRAY_INSERT(JSON '["a", ["b", "c"], "d"]', '$[1][0]', 1) AS json_data
-- expect: [{"json_data": "[\"a\",[1,\"b\",\"c\"],\"d\"]"}]

-- case: json_array_insert_3
SELECT JSON_ARRAY_INSERT(JSON '["a", "b", "c"]', '$[1]', [1, 2]) AS json_data
-- expect: [{"json_data": "[\"a\",1,2,\"b\",\"c\"]"}]

-- case: json_array_insert_4
SELECT JSON_ARRAY_INSERT(
  JSON '["a", "b", "c"]',
  '$[1]', [1, 2],
  insert_each_element=>FALSE) AS json_data
-- expect: [{"json_data": "[\"a\",[1,2],\"b\",\"c\"]"}]

-- case: json_array_insert_5
SELECT JSON_ARRAY_INSERT(JSON '["a", "b", "c", "d"]', '$[7]', "e") AS json_data
-- expect: [{"json_data": "[\"a\",\"b\",\"c\",\"d\",null,null,null,\"e\"]"}]

-- case: json_extract_1
SELECT
  JSON_EXTRACT(JSON '{"class": {"students": [{"id": 5}, {"id": 12}]}}', '$.class')
  AS json_data
-- expect: [{"json_data": "{\"students\":[{\"id\":5},{\"id\":12}]}"}]

-- case: json_extract_2
SELECT JSON_EXTRACT(
  '{"class": {"students": [{"name": "Jane"}]}}',
  '$') AS json_text_string
-- expect: [{"json_text_string": "{\"class\":{\"students\":[{\"name\":\"Jane\"}]}}"}]

-- case: json_extract_3
SELECT JSON_EXTRACT(
  '{"class": {"students": []}}',
  '$') AS json_text_string
-- expect: [{"json_text_string": "{\"class\":{\"students\":[]}}"}]

-- case: json_extract_4
SELECT JSON_EXTRACT(
  '{"class": {"students": [{"name": "John"}, {"name": "Jamie"}]}}',
  '$') AS json_text_string
-- expect: [{"json_text_string": "{\"class\":{\"students\":[{\"name\":\"John\"},{\"name\":\"Jamie\"}]}}"}]

-- case: json_extract_5
SELECT JSON_EXTRACT(
  '{"class": {"students": [{"name": "Jane"}]}}',
  '$.class.students[0]') AS first_student
-- expect: [{"first_student": "{\"name\":\"Jane\"}"}]

-- case: json_extract_array_1
SELECT JSON_EXTRACT_ARRAY(
  JSON '{"fruits":["apples","oranges","grapes"]}','$.fruits'
  ) AS json_array
-- expect: [{"json_array": ["\"apples\"", "\"oranges\"", "\"grapes\""]}]

-- case: json_extract_array_2
SELECT JSON_EXTRACT_ARRAY('[1,2,3]') AS string_array
-- expect: [{"string_array": [1, 2, 3]}]

-- case: json_extract_array_3
SELECT ARRAY(
  SELECT CAST(integer_element AS INT64)
  FROM UNNEST(
    JSON_EXTRACT_ARRAY('[1,2,3]','$')
  ) AS integer_element
) AS integer_array
-- expect: [{"integer_array": [1, 2, 3]}]

-- case: json_extract_array_5
SELECT JSON_EXTRACT_ARRAY(
  '{"fruit": [{"apples": 5, "oranges": 10}, {"apples": 2, "oranges": 4}], "vegetables": [{"lettuce": 7, "kale": 8}]}',
  '$.fruit'
) AS string_array
-- expect: [{"string_array": ["{\"apples\":5,\"oranges\":10}", "{\"apples\":2,\"oranges\":4}"]}]

-- case: json_extract_scalar_1
SELECT JSON_EXTRACT_SCALAR(JSON '{"name": "Jakob", "age": "6" }', '$.age') AS scalar_age
-- expect: [{"scalar_age": 6}]

-- case: json_extract_scalar_2
SELECT JSON_EXTRACT('{"name": "Jakob", "age": "6" }', '$.name') AS json_name,
  JSON_EXTRACT_SCALAR('{"name": "Jakob", "age": "6" }', '$.name') AS scalar_name,
  JSON_EXTRACT('{"name": "Jakob", "age": "6" }', '$.age') AS json_age,
  JSON_EXTRACT_SCALAR('{"name": "Jakob", "age": "6" }', '$.age') AS scalar_age
-- expect: [{"json_name": "\"Jakob\"", "scalar_name": "Jakob", "json_age": "\"6\"", "scalar_age": 6}]

-- case: json_extract_scalar_3
SELECT JSON_EXTRACT('{"fruits": ["apple", "banana"]}', '$.fruits') AS json_extract,
  JSON_EXTRACT_SCALAR('{"fruits": ["apple", "banana"]}', '$.fruits') AS json_extract_scalar
-- expect: [{"json_extract": "[\"apple\",\"banana\"]", "json_extract_scalar": null}]

-- case: json_extract_scalar_4
SELECT JSON_EXTRACT_SCALAR('{"a.b": {"c": "world"}}', "$['a.b'].c") AS hello
-- expect: [{"hello": "world"}]

-- case: json_extract_string_array_1
SELECT JSON_EXTRACT_STRING_ARRAY(
  JSON '{"fruits": ["apples", "oranges", "grapes"]}', '$.fruits'
  ) AS string_array
-- expect: [{"string_array": ["apples", "oranges", "grapes"]}]

-- case: json_extract_string_array_2
SELECT JSON_EXTRACT_ARRAY('["apples", "oranges"]') AS json_array,
JSON_EXTRACT_STRING_ARRAY('["apples", "oranges"]') AS string_array
-- expect: [{"json_array": ["\"apples\"", "\"oranges\""], "string_array": ["apples", "oranges"]}]

-- case: json_extract_string_array_3
-- Strips the double quotes
SELECT JSON_EXTRACT_STRING_ARRAY('["foo", "bar", "baz"]', '$') AS string_array
-- expect: [{"string_array": ["foo", "bar", "baz"]}]

-- case: json_extract_string_array_4
SELECT ARRAY(
  SELECT CAST(integer_element AS INT64)
  FROM UNNEST(
    JSON_EXTRACT_STRING_ARRAY('[1, 2, 3]', '$')
  ) AS integer_element
) AS integer_array
-- expect: [{"integer_array": [1, 2, 3]}]

-- case: json_extract_string_array_5
SELECT JSON_EXTRACT_STRING_ARRAY('{"fruits": ["apples", "oranges", "grapes"]}', '$[fruits]') AS string_array;

SELECT JSON_EXTRACT_STRING_ARRAY('{"fruits": ["apples", "oranges", "grapes"]}', '$.fruits') AS string_array
-- expect: [{"string_array": ["apples", "oranges", "grapes"]}]

-- case: json_query_1
SELECT
  JSON_QUERY(
    JSON '{"class": {"students": [{"id": 5}, {"id": 12}]}}',
    '$.class') AS json_data
-- expect: [{"json_data": "{\"students\":[{\"id\":5},{\"id\":12}]}"}]

-- case: json_query_2
SELECT
  JSON_QUERY('{"class": {"students": [{"name": "Jane"}]}}', '$') AS json_text_string
-- expect: [{"json_text_string": "{\"class\":{\"students\":[{\"name\":\"Jane\"}]}}"}]

-- case: json_query_3
SELECT JSON_QUERY('{"class": {"students": []}}', '$') AS json_text_string
-- expect: [{"json_text_string": "{\"class\":{\"students\":[]}}"}]

-- case: json_query_4
SELECT
  JSON_QUERY(
    '{"class": {"students": [{"name": "John"},{"name": "Jamie"}]}}',
    '$') AS json_text_string
-- expect: [{"json_text_string": "{\"class\":{\"students\":[{\"name\":\"John\"},{\"name\":\"Jamie\"}]}}"}]

-- case: json_query_5
SELECT
  JSON_QUERY(
    '{"class": {"students": [{"name": "Jane"}]}}',
    '$.class.students[0]') AS first_student
-- expect: [{"first_student": "{\"name\":\"Jane\"}"}]

-- case: json_query_array_1
SELECT JSON_QUERY_ARRAY(
  JSON '{"fruits": ["apples", "oranges", "grapes"]}', '$.fruits'
  ) AS json_array
-- expect: [{"json_array": ["\"apples\"", "\"oranges\"", "\"grapes\""]}]

-- case: json_query_array_2
SELECT JSON_QUERY_ARRAY('[1, 2, 3]') AS string_array
-- expect: [{"string_array": [1, 2, 3]}]

-- case: json_query_array_3
SELECT ARRAY(
  SELECT CAST(integer_element AS INT64)
  FROM UNNEST(
    JSON_QUERY_ARRAY('[1, 2, 3]','$')
  ) AS integer_element
) AS integer_array
-- expect: [{"integer_array": [1, 2, 3]}]

-- case: json_query_array_4
-- Doesn't strip the double quotes
SELECT JSON_QUERY_ARRAY('["apples", "oranges", "grapes"]', '$') AS string_array
-- expect: [{"string_array": ["\"apples\"", "\"oranges\"", "\"grapes\""]}]

-- case: json_query_array_5
-- Strips the double quotes
SELECT ARRAY(
  SELECT JSON_VALUE(string_element, '$')
  FROM UNNEST(JSON_QUERY_ARRAY('["apples", "oranges", "grapes"]', '$')) AS string_element
) AS string_array
-- expect: [{"string_array": ["apples", "oranges", "grapes"]}]

-- case: json_remove_1
SELECT JSON_REMOVE(JSON '["a", ["b", "c"], "d"]', '$[1]') AS json_data
-- expect: [{"json_data": "[\"a\",\"d\"]"}]

-- case: json_remove_2
WITH T AS (SELECT JSON '{"a": {"b": 10, "c": 20}}' AS data)
SELECT JSON_REMOVE(data.a, '$.b') AS json_data FROM T
-- expect: [{"json_data": "{\"c\":20}"}]

-- case: json_remove_3
SELECT JSON_REMOVE(JSON '["a", ["b", "c"], "d"]', '$[1]', '$[1]') AS json_data
-- expect: [{"json_data": ["\"a\""]}]

-- case: json_remove_4
SELECT JSON_REMOVE(JSON '["a", ["b", "c"], "d"]', '$[1]', '$[1]', '$[0]') AS json_data
-- expect: [{"json_data": []}]

-- case: json_remove_5
SELECT JSON_REMOVE(JSON '{"a": {"b": {"c": "d"}}}', '$.a.b.c') AS json_data
-- expect: [{"json_data": "{\"a\":{\"b\":{}}}"}]

-- case: json_set_1
SELECT JSON_SET(JSON '{"a": 1}', '$', JSON '{"b": 2, "c": 3}') AS json_data
-- expect: [{"json_data": "{\"b\":2,\"c\":3}"}]

-- case: json_set_4
SELECT JSON_SET(JSON '{"a": {}}', '$.a.b', 100) AS json_data
-- expect: [{"json_data": "{\"a\":{\"b\":100}}"}]

-- case: json_set_5
SELECT JSON_SET(JSON 'null', '$.a.b', 100) AS json_data
-- expect: [{"json_data": "{\"a\":{\"b\":100}}"}]

-- case: json_strip_nulls_1
SELECT JSON_STRIP_NULLS(JSON '{"a": null, "b": "c"}') AS json_data
-- expect: [{"json_data": "{\"b\":\"c\"}"}]

-- case: json_strip_nulls_2
SELECT JSON_STRIP_NULLS(JSON '[1, null, 2, null]') AS json_data
-- expect: [{"json_data": [1, 2]}]

-- case: json_strip_nulls_3
SELECT JSON_STRIP_NULLS(JSON '[1, null, 2, null]', include_arrays=>FALSE) AS json_data
-- expect: [{"json_data": [1, "null", 2, "null"]}]

-- case: json_strip_nulls_4
SELECT JSON_STRIP_NULLS(JSON '[1, null, 2, null, [null]]') AS json_data
-- expect: [{"json_data": "[1,2,[]]"}]

-- case: json_strip_nulls_5
SELECT JSON_STRIP_NULLS(
  JSON '[1, null, 2, null, [null]]',
  remove_empty=>TRUE) AS json_data
-- expect: [{"json_data": [1, 2]}]

-- case: json_value_1
SELECT JSON_VALUE(JSON '{"name": "Jakob", "age": "6" }', '$.age') AS scalar_age
-- expect: [{"scalar_age": 6}]

-- case: json_value_2
SELECT JSON_QUERY('{"name": "Jakob", "age": "6"}', '$.name') AS json_name,
  JSON_VALUE('{"name": "Jakob", "age": "6"}', '$.name') AS scalar_name,
  JSON_QUERY('{"name": "Jakob", "age": "6"}', '$.age') AS json_age,
  JSON_VALUE('{"name": "Jakob", "age": "6"}', '$.age') AS scalar_age
-- expect: [{"json_name": "\"Jakob\"", "scalar_name": "Jakob", "json_age": "\"6\"", "scalar_age": 6}]

-- case: json_value_3
SELECT JSON_QUERY('{"fruits": ["apple", "banana"]}', '$.fruits') AS json_query,
  JSON_VALUE('{"fruits": ["apple", "banana"]}', '$.fruits') AS json_value
-- expect: [{"json_query": "[\"apple\",\"banana\"]", "json_value": null}]

-- case: json_value_4
SELECT JSON_VALUE('{"a.b": {"c": "world"}}', '$."a.b".c') AS hello
-- expect: [{"hello": "world"}]

-- case: lax_bool_1
SELECT LAX_BOOL(JSON 'true') AS result
-- expect: [{"result": true}]

-- case: lax_bool_2
SELECT LAX_BOOL(JSON '"true"') AS result
-- expect: [{"result": true}]

-- case: lax_bool_3
SELECT LAX_BOOL(JSON '"true "') AS result
-- expect: [{"result": null}]

-- case: lax_bool_4
SELECT LAX_BOOL(JSON '"foo"') AS result
-- expect: [{"result": null}]

-- case: lax_bool_5
SELECT LAX_BOOL(JSON '10') AS result
-- expect: [{"result": true}]

-- case: lax_bool_array_1
SELECT LAX_BOOL_ARRAY(JSON '[true, false]') AS result
-- expect: [{"result": [true, false]}]

-- case: lax_bool_array_2
SELECT LAX_BOOL_ARRAY(JSON '["true", "false", "TRue", "FaLse"]') AS result
-- expect: [{"result": [true, false, true, false]}]

-- case: lax_bool_array_3
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_BOOL_ARRAY(JSON '["true ", "foo", "null", ""]') AS result
-- error: Array cannot have a null element

-- case: lax_bool_array_4
SELECT LAX_BOOL_ARRAY(JSON '[10, 0, 0.0, -1.1]') AS result
-- expect: [{"result": [true, false, false, true]}]

-- case: lax_bool_array_5
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_BOOL_ARRAY(JSON '[null, {"foo": 1}, [1]]') AS result
-- error: Array cannot have a null element

-- case: lax_double_1
SELECT LAX_DOUBLE(JSON '9.8') AS result
-- expect: [{"result": 9.8}]

-- case: lax_double_2
SELECT LAX_DOUBLE(JSON '9') AS result
-- expect: [{"result": 9.0}]

-- case: lax_double_3
SELECT LAX_DOUBLE(JSON '9007199254740993') AS result
-- expect: [{"result": 9007199254740992.0}]

-- case: lax_double_4
SELECT LAX_DOUBLE(JSON '1e100') AS result
-- expect: [{"result": 1e+100}]

-- case: lax_double_5
SELECT LAX_DOUBLE(JSON 'true') AS result
-- expect: [{"result": null}]

-- case: lax_double_array_1
SELECT LAX_DOUBLE_ARRAY(JSON '[9.8, 9]') AS result
-- expect: [{"result": [9.8, 9.0]}]

-- case: lax_double_array_2
SELECT LAX_DOUBLE_ARRAY(JSON '[9007199254740993, -9007199254740993]') AS result
-- expect: [{"result": [9007199254740992.0, -9007199254740992.0]}]

-- case: lax_double_array_3
SELECT LAX_DOUBLE_ARRAY(JSON '[-1.79769e+308, 2.22507e-308, 1.79769e+308, 1e100]') AS result
-- expect: [{"result": [-1.79769e+308, 2.22507e-308, 1.79769e+308, 1e+100]}]

-- case: lax_double_array_4
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_DOUBLE_ARRAY(JSON '[true, false]') AS result
-- error: Array cannot have a null element

-- case: lax_double_array_5
SELECT LAX_DOUBLE_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]') AS result
-- expect: [{"result": [10.0, 1.1, 110.0, 1.5]}]

-- case: lax_float_1
SELECT LAX_FLOAT(JSON '9.8') AS result
-- expect: [{"result": 9.8}]

-- case: lax_float_2
SELECT LAX_FLOAT(JSON '9') AS result
-- expect: [{"result": 9.0}]

-- case: lax_float_3
SELECT LAX_FLOAT(JSON '16777217') AS result
-- expect: [{"result": 16777216.0}]

-- case: lax_float_4
SELECT LAX_FLOAT(JSON '1e100') AS result
-- expect: [{"result": null}]

-- case: lax_float_5
SELECT LAX_FLOAT(JSON 'true') AS result
-- expect: [{"result": null}]

-- case: lax_float_array_1
SELECT LAX_FLOAT_ARRAY(JSON '[9.8, 9]') AS result
-- expect: [{"result": [9.8, 9.0]}]

-- case: lax_float_array_2
SELECT LAX_FLOAT_ARRAY(JSON '[16777217, -16777217]') AS result
-- expect: [{"result": [16777216.0, -16777216.0]}]

-- case: lax_float_array_3
SELECT LAX_FLOAT_ARRAY(JSON '[-3.40282e+38, 1.17549e-38, 3.40282e+38]') AS result
-- expect: [{"result": [-3.40282e+38, 1.17549e-38, 3.40282e+38]}]

-- case: lax_float_array_4
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_FLOAT_ARRAY(JSON '[-1.79769e+308, 2.22507e-308, 1.79769e+308, 1e100]') AS result
-- error: Array cannot have a null element

-- case: lax_float_array_5
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_FLOAT_ARRAY(JSON '[true, false]') AS result
-- error: Array cannot have a null element

-- case: lax_int32_1
SELECT LAX_INT32(JSON '10') AS result
-- expect: [{"result": 10}]

-- case: lax_int32_2
SELECT LAX_INT32(JSON '10.0') AS result
-- expect: [{"result": 10}]

-- case: lax_int32_3
SELECT LAX_INT32(JSON '1.1') AS result
-- expect: [{"result": 1}]

-- case: lax_int32_4
SELECT LAX_INT32(JSON '3.5') AS result
-- expect: [{"result": 4}]

-- case: lax_int32_5
SELECT LAX_INT32(JSON '1.1e2') AS result
-- expect: [{"result": 110}]

-- case: lax_int32_array_1
SELECT LAX_INT32_ARRAY(JSON '[10, 10.0, 1.1, 3.5, 1.1e2]') AS result
-- expect: [{"result": [10, 10, 1, 4, 110]}]

-- case: lax_int32_array_2
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_INT32_ARRAY(JSON '[1e100]') AS result
-- error: Array cannot have a null element

-- case: lax_int32_array_3
SELECT LAX_INT32_ARRAY(JSON '[true, false]') AS result
-- expect: [{"result": [1, 0]}]

-- case: lax_int32_array_4
SELECT LAX_INT32_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]') AS result
-- expect: [{"result": [10, 1, 110, 2]}]

-- case: lax_int32_array_5
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_INT32_ARRAY(JSON '["1e100"]') AS result
-- error: Array cannot have a null element

-- case: lax_int64_1
SELECT LAX_INT64(JSON '10') AS result
-- expect: [{"result": 10}]

-- case: lax_int64_2
SELECT LAX_INT64(JSON '10.0') AS result
-- expect: [{"result": 10}]

-- case: lax_int64_3
SELECT LAX_INT64(JSON '1.1') AS result
-- expect: [{"result": 1}]

-- case: lax_int64_4
SELECT LAX_INT64(JSON '3.5') AS result
-- expect: [{"result": 4}]

-- case: lax_int64_5
SELECT LAX_INT64(JSON '1.1e2') AS result
-- expect: [{"result": 110}]

-- case: lax_int64_array_1
SELECT LAX_INT64_ARRAY(JSON '[10, 10.0, 1.1, 3.5, 1.1e2]') AS result
-- expect: [{"result": [10, 10, 1, 4, 110]}]

-- case: lax_int64_array_2
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_INT64_ARRAY(JSON '[1e100]') AS result
-- error: Array cannot have a null element

-- case: lax_int64_array_3
SELECT LAX_INT64_ARRAY(JSON '[true, false]') AS result
-- expect: [{"result": [1, 0]}]

-- case: lax_int64_array_4
SELECT LAX_INT64_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]') AS result
-- expect: [{"result": [10, 1, 110, 2]}]

-- case: lax_int64_array_5
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_INT64_ARRAY(JSON '["1e100"]') AS result
-- error: Array cannot have a null element

-- case: lax_string_1
SELECT LAX_STRING(JSON '"purple"') AS result
-- expect: [{"result": "purple"}]

-- case: lax_string_2
SELECT LAX_STRING(JSON '"10"') AS result
-- expect: [{"result": 10}]

-- case: lax_string_3
SELECT LAX_STRING(JSON 'true') AS result
-- expect: [{"result": true}]

-- case: lax_string_4
SELECT LAX_STRING(JSON 'false') AS result
-- expect: [{"result": false}]

-- case: lax_string_5
SELECT LAX_STRING(JSON '10.0') AS result
-- expect: [{"result": 10}]

-- case: lax_string_array_1
SELECT LAX_STRING_ARRAY(JSON '["purple", "10"]') AS result
-- expect: [{"result": ["purple", 10]}]

-- case: lax_string_array_2
SELECT LAX_STRING_ARRAY(JSON '[true, false]') AS result
-- expect: [{"result": [true, false]}]

-- case: lax_string_array_3
SELECT LAX_STRING_ARRAY(JSON '[10.0, 10, 1e100]') AS result
-- expect: [{"result": [10, 10, 1e+100]}]

-- case: lax_string_array_4
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_STRING_ARRAY(JSON '[null, {"foo": 1}, [1]]') AS result
-- error: Array cannot have a null element

-- case: lax_string_array_5
-- The reference prints NULL; BigQuery translates a NULL ARRAY into an empty ARRAY in the query
-- result (data-types#array_nulls), which is what the client receives.
SELECT LAX_STRING_ARRAY(NULL) AS result
-- expect: [{"result": []}]

-- case: lax_uint32_1
SELECT LAX_UINT32(JSON '10') AS result
-- expect: [{"result": 10}]

-- case: lax_uint32_2
SELECT LAX_UINT32(JSON '10.0') AS result
-- expect: [{"result": 10}]

-- case: lax_uint32_3
SELECT LAX_UINT32(JSON '1.1') AS result
-- expect: [{"result": 1}]

-- case: lax_uint32_4
SELECT LAX_UINT32(JSON '3.5') AS result
-- expect: [{"result": 4}]

-- case: lax_uint32_5
SELECT LAX_UINT32(JSON '1.1e2') AS result
-- expect: [{"result": 110}]

-- case: lax_uint32_array_1
SELECT LAX_UINT32_ARRAY(JSON '[10, 10.0, 1.1, 3.5, 1.1e2]') AS result
-- expect: [{"result": [10, 10, 1, 4, 110]}]

-- case: lax_uint32_array_2
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_UINT32_ARRAY(JSON '[1e100]') AS result
-- error: Array cannot have a null element

-- case: lax_uint32_array_3
SELECT LAX_UINT32_ARRAY(JSON '[true, false]') AS result
-- expect: [{"result": [1, 0]}]

-- case: lax_uint32_array_4
SELECT LAX_UINT32_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]') AS result
-- expect: [{"result": [10, 1, 110, 2]}]

-- case: lax_uint32_array_5
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_UINT32_ARRAY(JSON '["1e100"]') AS result
-- error: Array cannot have a null element

-- case: lax_uint64_1
SELECT LAX_UINT64(JSON '10') AS result
-- expect: [{"result": 10}]

-- case: lax_uint64_2
SELECT LAX_UINT64(JSON '10.0') AS result
-- expect: [{"result": 10}]

-- case: lax_uint64_3
SELECT LAX_UINT64(JSON '1.1') AS result
-- expect: [{"result": 1}]

-- case: lax_uint64_4
SELECT LAX_UINT64(JSON '3.5') AS result
-- expect: [{"result": 4}]

-- case: lax_uint64_5
SELECT LAX_UINT64(JSON '1.1e2') AS result
-- expect: [{"result": 110}]

-- case: lax_uint64_array_1
SELECT LAX_UINT64_ARRAY(JSON '[10, 10.0, 1.1, 3.5, 1.1e2]') AS result
-- expect: [{"result": [10, 10, 1, 4, 110]}]

-- case: lax_uint64_array_2
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_UINT64_ARRAY(JSON '[1e100]') AS result
-- error: Array cannot have a null element

-- case: lax_uint64_array_3
SELECT LAX_UINT64_ARRAY(JSON '[true, false]') AS result
-- expect: [{"result": [1, 0]}]

-- case: lax_uint64_array_4
SELECT LAX_UINT64_ARRAY(JSON '["10", "1.1", "1.1e2", "+1.5"]') AS result
-- expect: [{"result": [10, 1, 110, 2]}]

-- case: lax_uint64_array_5
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT LAX_UINT64_ARRAY(JSON '["1e100"]') AS result
-- error: Array cannot have a null element

-- case: parse_json_1
SELECT PARSE_JSON('{"coordinates": [10, 20], "id": 1}') AS json_data
-- expect: [{"json_data": "{\"coordinates\":[10,20],\"id\":1}"}]

-- case: parse_json_2
SELECT PARSE_JSON('{"id": 922337203685477580701}', wide_number_mode=>'round') AS json_data
-- expect: [{"json_data": "{\"id\":9.223372036854776e+20}"}]

-- case: parse_json_3
SELECT PARSE_JSON('6') AS json_data
-- expect: [{"json_data": 6}]

-- case: parse_json_4
SELECT PARSE_JSON('"red"') AS json_data
-- expect: [{"json_data": "\"red\""}]

-- case: string_1
SELECT STRING(JSON '"purple"') AS color
-- expect: [{"color": "purple"}]

-- case: string_2
SELECT STRING(JSON_QUERY(JSON '{"name": "sky", "color": "blue"}', "$.color")) AS color
-- expect: [{"color": "blue"}]

-- case: to_json_1
With CoordinatesTable AS (
    (SELECT 1 AS id, [10, 20] AS coordinates) UNION ALL
    (SELECT 2 AS id, [30, 40] AS coordinates) UNION ALL
    (SELECT 3 AS id, [50, 60] AS coordinates))
SELECT TO_JSON(t) AS json_objects
FROM CoordinatesTable AS t
-- expect: [{"json_objects": "{\"coordinates\":[10,20],\"id\":1}"}, {"json_objects": "{\"coordinates\":[30,40],\"id\":2}"}, {"json_objects": "{\"coordinates\":[50,60],\"id\":3}"}]

-- case: to_json_2
SELECT TO_JSON(9007199254740993, stringify_wide_numbers=>TRUE) as stringify_on
-- expect: [{"stringify_on": "\"9007199254740993\""}]

-- case: to_json_3
SELECT TO_JSON(9007199254740993, stringify_wide_numbers=>FALSE) as stringify_off;
SELECT TO_JSON(9007199254740993) as stringify_off
-- expect: [{"stringify_off": 9007199254740993}]

-- case: to_json_4
With T1 AS (
  (SELECT 9007199254740993 AS id) UNION ALL
  (SELECT 2 AS id))
SELECT TO_JSON(t, stringify_wide_numbers=>TRUE) AS json_objects
FROM T1 AS t
-- expect: [{"json_objects": "{\"id\":\"9007199254740993\"}"}, {"json_objects": "{\"id\":2}"}]

-- case: to_json_5
With T1 AS (
  (SELECT 9007199254740993 AS id) UNION ALL
  (SELECT 2.1 AS id))
SELECT TO_JSON(t, stringify_wide_numbers=>TRUE) AS json_objects
FROM T1 AS t
-- expect: [{"json_objects": "{\"id\":9.007199254740992e+15}"}, {"json_objects": "{\"id\":2.1}"}]

-- case: to_json_string_1
SELECT TO_JSON_STRING(STRUCT(1 AS id, [10,20] AS coordinates)) AS json_data
-- expect: [{"json_data": "{\"id\":1,\"coordinates\":[10,20]}"}]

-- More JSON (json_functions) over literals: JSON_VALUE gives a scalar's STRING, JSON_QUERY gives JSON
-- text; a JSON value comes back through the API as JSON.

-- case: json_value_nested
SELECT JSON_VALUE('{"a": {"b": "x"}}', '$.a.b') AS v
-- expect: [{"v": "x"}]

-- case: json_value_number_as_string
SELECT JSON_VALUE('{"n": 10}', '$.n') AS v
-- expect: [{"v": "10"}]

-- case: json_value_of_object_is_null
SELECT JSON_VALUE('{"a": {"b": 1}}', '$.a') AS v
-- expect: [{"v": null}]

-- case: json_query_object_text
SELECT JSON_QUERY('{"a": {"b": 1}}', '$.a') AS v
-- expect: [{"v": "{\"b\":1}"}]

-- case: json_value_array_index
SELECT JSON_VALUE('{"xs": [10, 20, 30]}', '$.xs[1]') AS v
-- expect: [{"v": "20"}]

-- case: json_value_missing_path_is_null
SELECT JSON_VALUE('{"a": 1}', '$.b') AS v
-- expect: [{"v": null}]

-- case: json_query_array_strings
SELECT JSON_QUERY_ARRAY('{"xs": [1, "a", true]}', '$.xs') AS v
-- expect: [{"v": ["1", "\"a\"", "true"]}]

-- case: json_value_array_scalars
SELECT JSON_VALUE_ARRAY('[1, "a", true]') AS v
-- expect: [{"v": ["1", "a", "true"]}]

-- case: parse_json_and_field_access
SELECT JSON_VALUE(PARSE_JSON('{"name": "x", "n": 2}').name) AS name
-- expect: [{"name": "x"}]

-- case: json_subscript_to_int64
SELECT INT64(PARSE_JSON('{"n": 42}')['n']) AS n
-- expect: [{"n": 42}]

-- case: json_type_function
SELECT JSON_TYPE(PARSE_JSON('[1]')) AS a, JSON_TYPE(PARSE_JSON('{"x": null}').x) AS b
-- expect: [{"a": "array", "b": "null"}]

-- case: to_json_string_array
SELECT TO_JSON_STRING([1, 2, 3]) AS s
-- expect: [{"s": "[1,2,3]"}]

-- case: to_json_string_from_fixture
SELECT TO_JSON_STRING(STRUCT(name, qty)) AS s FROM fx.items WHERE id = 4
-- expect: [{"s": "{\"name\":\"durian\",\"qty\":null}"}]

-- case: json_column_roundtrip
SELECT PARSE_JSON('{"a": [1, 2], "b": "c"}') AS j
-- expect: [{"j": {"a": [1, 2], "b": "c"}}]

-- case: json_object_function
SELECT JSON_OBJECT('a', 1, 'b', 'x') AS j
-- expect: [{"j": {"a": 1, "b": "x"}}]

-- case: json_array_function
SELECT JSON_ARRAY(1, 'two', NULL) AS j
-- expect: [{"j": [1, "two", null]}]

-- case: parse_json_invalid_fails
SELECT PARSE_JSON('{not json') AS j
-- error:

-- case: json_extract_scalar_legacy
SELECT JSON_EXTRACT_SCALAR('{"a": "x"}', '$.a') AS v
-- expect: [{"v": "x"}]

-- case: json_value_quoted_key
SELECT JSON_VALUE('{"a.b": 5}', '$."a.b"') AS v
-- expect: [{"v": "5"}]

-- case: lax_int64
SELECT LAX_INT64(PARSE_JSON('"10"')) AS a, LAX_INT64(PARSE_JSON('true')) AS b
-- expect: [{"a": 10, "b": 1}]

-- case: string_of_json
SELECT STRING(PARSE_JSON('"hello"')) AS s
-- expect: [{"s": "hello"}]

-- case: bool_of_json_wrong_type_fails
SELECT BOOL(PARSE_JSON('123')) AS b
-- error:

-- case: json_object_of_key_and_value_arrays
SELECT TO_JSON_STRING(JSON_OBJECT(['qty', 'sku', 'sku'], [JSON '3', JSON '"A-1"', JSON '"B-2"'])) AS obj
-- expect: [{"obj": "{\"qty\":3,\"sku\":\"A-1\"}"}]
