-- Scripting: DECLARE / SET, multi-statement queries.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: declare_and_select
DECLARE x INT64 DEFAULT 5;
SELECT x * 2 AS y
-- expect: [{"y": 10}]

-- case: declare_then_set
DECLARE x INT64;
SET x = 7;
SELECT x AS x
-- expect: [{"x": 7}]

-- case: declare_without_default_is_null
DECLARE s STRING;
SELECT s IS NULL AS is_null
-- expect: [{"is_null": true}]

-- case: declare_several
DECLARE a, b INT64 DEFAULT 3;
SELECT a + b AS s
-- expect: [{"s": 6}]

-- case: set_from_subquery
DECLARE n INT64;
SET n = (SELECT COUNT(*) FROM fx.items);
SELECT n
-- expect: [{"n": 6}]

-- case: set_tuple
DECLARE a INT64;
DECLARE b STRING;
SET (a, b) = (1, 'one');
SELECT a, b
-- expect: [{"a": 1, "b": "one"}]

-- case: declare_type_from_default
DECLARE d DEFAULT DATE '2024-02-28';
SELECT DATE_ADD(d, INTERVAL 1 DAY) AS next_day
-- expect: [{"next_day": "2024-02-29"}]

-- case: declare_array
DECLARE arr ARRAY<INT64> DEFAULT [1, 2, 3];
SELECT ARRAY_LENGTH(arr) AS n
-- expect: [{"n": 3}]

-- case: variable_in_where
DECLARE wanted STRING DEFAULT 'vegetable';
SELECT name FROM fx.items WHERE category = wanted
-- expect: [{"name": "carrot"}, {"name": "eggplant"}]

-- case: last_statement_result
SELECT 1 AS first;
SELECT 2 AS second
-- expect: [{"second": 2}]

-- case: if_then_else
DECLARE x INT64 DEFAULT 3;
DECLARE r STRING;
IF x > 2 THEN
  SET r = 'big';
ELSE
  SET r = 'small';
END IF;
SELECT r
-- expect: [{"r": "big"}]

-- case: while_loop
DECLARE i INT64 DEFAULT 0;
DECLARE total INT64 DEFAULT 0;
WHILE i < 5 DO
  SET i = i + 1;
  SET total = total + i;
END WHILE;
SELECT total
-- expect: [{"total": 15}]

-- case: loop_with_leave
DECLARE i INT64 DEFAULT 0;
LOOP
  SET i = i + 1;
  IF i >= 4 THEN
    LEAVE;
  END IF;
END LOOP;
SELECT i
-- expect: [{"i": 4}]

-- case: begin_end_block
DECLARE x INT64 DEFAULT 1;
BEGIN
  SET x = x + 1;
END;
SELECT x
-- expect: [{"x": 2}]

-- case: for_in_loop
DECLARE total INT64 DEFAULT 0;
FOR row IN (SELECT qty FROM fx.items WHERE qty IS NOT NULL) DO
  SET total = total + row.qty;
END FOR;
SELECT total
-- expect: [{"total": 45}]

-- case: script_with_temp_table
CREATE TEMP TABLE picked AS SELECT name FROM fx.items WHERE in_stock;
SELECT COUNT(*) AS n FROM picked
-- expect: [{"n": 3}]

-- case: set_undeclared_variable_fails
SET missing_variable = 1
-- error:

-- case: execute_immediate
DECLARE y INT64;
EXECUTE IMMEDIATE 'SELECT 40 + 2' INTO y;
SELECT y
-- expect: [{"y": 42}]

-- case: execute_immediate_using
-- The reference's Books example: values by position (?) and by name (@name) through USING.
DECLARE book_name STRING DEFAULT 'Ulysses';
DECLARE book_year INT64 DEFAULT 1922;
DECLARE first_date INT64;
EXECUTE IMMEDIATE
  "CREATE TEMP TABLE Books (title STRING, publish_date INT64)";
EXECUTE IMMEDIATE
  "INSERT INTO Books (title, publish_date) VALUES('Hamlet', 1599)";
EXECUTE IMMEDIATE
  "INSERT INTO Books (title, publish_date) VALUES(?, ?)"
  USING book_name, book_year;
EXECUTE IMMEDIATE
  "INSERT INTO Books (title, publish_date) VALUES(@name, @year)"
  USING 1815 as year, "Emma" as name;
EXECUTE IMMEDIATE
  CONCAT(
    "INSERT INTO Books (title, publish_date)", "VALUES('Middlemarch', 1871)"
  );
EXECUTE IMMEDIATE "SELECT publish_date FROM Books LIMIT 1" INTO first_date;
SELECT title, publish_date, first_date FROM Books ORDER BY publish_date
-- expect: [["Hamlet", 1599, 1599], ["Emma", 1815, 1599], ["Middlemarch", 1871, 1599], ["Ulysses", 1922, 1599]]

-- case: execute_immediate_using_positional_into
DECLARE y INT64;
EXECUTE IMMEDIATE 'SELECT ? * ?' INTO y USING 6, 7;
SELECT y
-- expect: [{"y": 42}]

-- case: execute_immediate_using_mixed_fails
EXECUTE IMMEDIATE 'SELECT @a + ?' USING 1 AS a, 2
-- error: mix

-- case: raise_error
SELECT ERROR('boom') AS never
-- error: boom

-- case: case_statement
DECLARE x INT64 DEFAULT 2;
DECLARE r STRING;
CASE x
  WHEN 1 THEN SET r = 'one';
  WHEN 2 THEN SET r = 'two';
  ELSE SET r = 'many';
END CASE;
SELECT r
-- expect: [{"r": "two"}]

-- Stored procedures (https://cloud.google.com/bigquery/docs/procedures).

-- case: procedure_with_an_out_argument
-- The procedures page's create_customer with an OUT argument, with a fixed id for a fixed answer.
DECLARE id STRING;
CREATE TABLE {ds}.customers (customer_id STRING, name STRING);
CREATE OR REPLACE PROCEDURE {ds}.create_customer(name STRING, OUT id STRING)
BEGIN
  SET id = CONCAT('c-', name);
  INSERT INTO {ds}.customers (customer_id, name) VALUES(id, name);
  SELECT FORMAT("Created customer %s (%s)", id, name);
END;
CALL {ds}.create_customer("alice", id);
SELECT customer_id, name FROM {ds}.customers WHERE customer_id = id
-- expect: [{"customer_id": "c-alice", "name": "alice"}]

-- case: procedure_inout_argument_and_loop
DECLARE v INT64 DEFAULT 14;
CREATE PROCEDURE {ds}.triple(INOUT x INT64)
BEGIN
  DECLARE i INT64 DEFAULT 0;
  DECLARE start INT64 DEFAULT x;
  WHILE i < 2 DO
    SET x = x + start;
    SET i = i + 1;
  END WHILE;
END;
CALL {ds}.triple(v);
SELECT v
-- expect: [{"v": 42}]

-- case: call_of_a_missing_procedure
CALL {ds}.no_such_procedure()
-- error 404: not found

-- Debugging statements (https://cloud.google.com/bigquery/docs/reference/standard-sql/debugging-statements).

-- case: assert_that_holds
ASSERT ((SELECT COUNT(*) > 5 FROM UNNEST([1, 2, 3, 4, 5, 6]))) AS 'Table must contain more than 5 rows.';
SELECT 1 AS ok
-- expect: [{"ok": 1}]

-- case: assert_that_fails_with_its_description
ASSERT EXISTS((SELECT X FROM UNNEST([7877, 7879, 7883, 7901, 7907]) AS X WHERE X = 7919)) AS 'Column X must contain the value 7919'
-- error: Column X must contain the value 7919

-- case: system_variables_in_a_single_query
SELECT @@project_id IS NOT NULL AS has_project, @@time_zone AS tz
-- expect: [{"has_project": true, "tz": "UTC"}]

-- case: set_dataset_id_names_bare_tables
SET @@dataset_id = '{ds}';
CREATE TABLE t (x INT64);
INSERT t VALUES (3);
SELECT x FROM t
-- expect: [{"x": 3}]

-- case: set_time_zone_is_the_default_zone_after_it
SET @@time_zone = 'America/Los_Angeles';
SELECT
  @@time_zone AS tz,
  EXTRACT(HOUR FROM TIMESTAMP '2024-01-15 05:00:00+00') AS local_hour,
  CAST(DATE(TIMESTAMP '2024-01-15 05:00:00+00') AS STRING) AS local_date,
  UNIX_SECONDS(TIMESTAMP '2024-01-15 00:00:00') AS midnight_there
-- expect: [{"tz": "America/Los_Angeles", "local_hour": 21, "local_date": "2024-01-14", "midnight_there": 1705305600}]
