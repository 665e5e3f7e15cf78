-- User-defined functions: CREATE TEMP FUNCTION (SQL functions) and DROP FUNCTION in multi-statement queries.
-- Cases and expected rows from BigQuery's reference:
--   https://cloud.google.com/bigquery/docs/user-defined-functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#create_function_statement
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: sql_udf_add_four_and_divide
CREATE TEMP FUNCTION AddFourAndDivide(x INT64, y INT64)
RETURNS FLOAT64
AS (
  (x + 4) / y
);
SELECT val, AddFourAndDivide(val, 2) AS f0_ FROM UNNEST([2,3,5,8]) AS val
-- expect: [{"val": 2, "f0_": 3.0}, {"val": 3, "f0_": 3.5}, {"val": 5, "f0_": 4.5}, {"val": 8, "f0_": 6.0}]

-- case: templated_parameters_take_each_calls_type
CREATE TEMP FUNCTION addFourAndDivideAny(x ANY TYPE, y ANY TYPE) AS (
  (x + 4) / y
);
SELECT addFourAndDivideAny(3, 4) AS integer_input, addFourAndDivideAny(1.59, 3.14) AS floating_point_input
-- expect: [{"integer_input": 1.75, "floating_point_input": 1.7802547770700636}]

-- case: templated_parameter_array_last_element
CREATE TEMP FUNCTION lastArrayElement(arr ANY TYPE) AS (
  arr[ORDINAL(ARRAY_LENGTH(arr))]
);
SELECT lastArrayElement(x) AS last_element FROM (SELECT [2,3,5,8,13] AS x)
-- expect: [{"last_element": 13}]

-- case: udf_over_a_tables_columns
-- Hand-worked over the query syntax page's Roster: the schools' ids over 51 are doubled.
CREATE TEMP FUNCTION doubledOver51(id INT64) AS (IF(id > 51, id * 2, id));
SELECT LastName, doubledOver51(SchoolID) AS id FROM fx.Roster ORDER BY LastName
-- ordered
-- expect: [{"LastName": "Adams", "id": 50}, {"LastName": "Buchanan", "id": 104}, {"LastName": "Coolidge", "id": 104}, {"LastName": "Davis", "id": 51}, {"LastName": "Eisenhower", "id": 154}]

-- case: udf_with_a_correlated_scalar_subquery
-- Hand-worked: how many of Roster's players each TeamMascot school has (a scalar subquery in the body).
CREATE TEMP FUNCTION playersOf(school INT64) AS ((SELECT COUNT(*) FROM fx.Roster WHERE SchoolID = school));
SELECT Mascot, playersOf(SchoolID) AS players FROM fx.TeamMascot ORDER BY Mascot
-- ordered
-- expect: [{"Mascot": "Jaguars", "players": 1}, {"Mascot": "Knights", "players": 1}, {"Mascot": "Lakers", "players": 2}, {"Mascot": "Mustangs", "players": 0}]

-- case: udf_inside_an_aggregate
-- Hand-worked over the window function page's Produce: purchases over 9 count twice.
CREATE TEMP FUNCTION weight(purchases INT64) AS (IF(purchases > 9, 2 * purchases, purchases));
SELECT category, SUM(weight(purchases)) AS weighted FROM fx.Produce GROUP BY category ORDER BY category
-- ordered
-- expect: [{"category": "fruit", "weighted": 10}, {"category": "vegetable", "weighted": 77}]

-- case: udf_calls_an_earlier_udf
CREATE TEMP FUNCTION inc(x INT64) AS (x + 1);
CREATE TEMP FUNCTION incTwice(x INT64) AS (inc(inc(x)));
SELECT incTwice(40) AS answer
-- expect: [{"answer": 42}]

-- case: udf_struct_parameter
CREATE TEMP FUNCTION area(d STRUCT<w INT64, h INT64>) RETURNS INT64 AS (d.w * d.h);
SELECT area(STRUCT(3 AS w, 4 AS h)) AS a
-- expect: [{"a": 12}]

-- case: create_or_replace_temp_function
CREATE TEMP FUNCTION f(x INT64) AS (x);
CREATE OR REPLACE TEMP FUNCTION f(x INT64) AS (x * 3);
SELECT f(2) AS v
-- expect: [{"v": 6}]

-- case: drop_temp_function
CREATE TEMP FUNCTION f(x INT64) AS (x);
DROP FUNCTION f;
SELECT f(1) AS v
-- error: Function not found

-- case: argument_of_the_wrong_type
CREATE TEMP FUNCTION AddFourAndDivide(x INT64, y INT64) RETURNS FLOAT64 AS ((x + 4) / y);
SELECT AddFourAndDivide('a', 2) AS v
-- error: No matching signature

-- case: unknown_name_in_the_body
CREATE TEMP FUNCTION f(x INT64) AS (x + y);
SELECT f(1) AS v
-- error: Unrecognized name: y

-- Persistent functions: CREATE FUNCTION dataset.name stores a routine that later queries call.

-- case: persistent_udf_add_four_and_divide
-- The user-defined functions page's persistent form of AddFourAndDivide.
CREATE FUNCTION {ds}.AddFourAndDivide(x INT64, y INT64)
RETURNS FLOAT64
AS (
  (x + 4) / y
);
SELECT val, {ds}.AddFourAndDivide(val, 2) AS f0_ FROM UNNEST([2,3,5,8,12]) AS val
-- expect: [{"val": 2, "f0_": 3.0}, {"val": 3, "f0_": 3.5}, {"val": 5, "f0_": 4.5}, {"val": 8, "f0_": 6.0}, {"val": 12, "f0_": 8.0}]

-- case: persistent_udf_calls_another
CREATE FUNCTION {ds}.inc(x INT64) AS (x + 1);
CREATE FUNCTION {ds}.incTwice(x INT64) AS ({ds}.inc({ds}.inc(x)));
SELECT {ds}.incTwice(40) AS answer
-- expect: [{"answer": 42}]

-- case: persistent_udf_over_a_tables_columns
CREATE FUNCTION {ds}.doubledOver51(id INT64) AS (IF(id > 51, id * 2, id));
SELECT LastName, {ds}.doubledOver51(SchoolID) AS id FROM fx.Roster ORDER BY LastName
-- ordered
-- expect: [{"LastName": "Adams", "id": 50}, {"LastName": "Buchanan", "id": 104}, {"LastName": "Coolidge", "id": 104}, {"LastName": "Davis", "id": 51}, {"LastName": "Eisenhower", "id": 154}]

-- case: create_or_replace_persistent_udf
CREATE FUNCTION {ds}.f(x INT64) AS (x);
CREATE OR REPLACE FUNCTION {ds}.f(x INT64) AS (x * 3);
SELECT {ds}.f(2) AS v
-- expect: [{"v": 6}]

-- case: create_existing_persistent_udf_fails
CREATE FUNCTION {ds}.f(x INT64) AS (x);
CREATE FUNCTION {ds}.f(x INT64) AS (x)
-- error 409: already exists

-- case: drop_persistent_udf
CREATE FUNCTION {ds}.f(x INT64) AS (x);
DROP FUNCTION {ds}.f;
SELECT {ds}.f(1) AS v
-- error: Function not found

-- case: persistent_udf_argument_of_the_wrong_type
CREATE FUNCTION {ds}.AddFourAndDivide(x INT64, y INT64) RETURNS FLOAT64 AS ((x + 4) / y);
SELECT {ds}.AddFourAndDivide('a', 2) AS v
-- error: No matching signature

-- Table functions (https://cloud.google.com/bigquery/docs/table-functions).

-- case: table_function_filters_by_its_parameter
-- The page's names_by_year, over the query syntax page's Roster.
CREATE TABLE FUNCTION {ds}.players_of(school INT64)
AS (
  SELECT LastName FROM fx.Roster WHERE SchoolID = school
);
SELECT LastName FROM {ds}.players_of(52) ORDER BY LastName
-- ordered
-- expect: [{"LastName": "Buchanan"}, {"LastName": "Coolidge"}]

-- case: table_function_joined_with_a_table
CREATE TABLE FUNCTION {ds}.schools_over(n INT64) AS (SELECT DISTINCT SchoolID FROM fx.Roster WHERE SchoolID > n);
SELECT r.LastName FROM fx.Roster AS r JOIN {ds}.schools_over(51) AS s ON s.SchoolID = r.SchoolID ORDER BY r.LastName
-- ordered
-- expect: [{"LastName": "Buchanan"}, {"LastName": "Coolidge"}, {"LastName": "Eisenhower"}]

-- case: table_function_with_declared_columns
CREATE TABLE FUNCTION {ds}.counted(n INT64) RETURNS TABLE<school INT64, players INT64>
AS (SELECT SchoolID, COUNT(*) FROM fx.Roster WHERE SchoolID >= n GROUP BY SchoolID);
SELECT school, players FROM {ds}.counted(52) ORDER BY school
-- ordered
-- expect: [{"school": 52, "players": 2}, {"school": 77, "players": 1}]

-- case: table_function_parameter_shadowed_by_a_column
-- As the page warns, a column of the same name wins over the parameter.
CREATE TABLE FUNCTION {ds}.shadowed(SchoolID INT64) AS (SELECT LastName FROM fx.Roster WHERE SchoolID = SchoolID);
SELECT COUNT(*) AS n FROM {ds}.shadowed(0)
-- expect: [{"n": 5}]
