-- DDL: CREATE / DROP TABLE and VIEW, each in its own dataset {ds}.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: create_table_then_select
CREATE TABLE {ds}.t (x INT64, y STRING);
SELECT COUNT(*) AS n FROM {ds}.t
-- expect: [{"n": 0}]

-- case: create_table_as_select
CREATE TABLE {ds}.t AS SELECT 1 AS x, 'a' AS y UNION ALL SELECT 2, 'b';
SELECT x, y FROM {ds}.t ORDER BY x
-- ordered
-- expect: [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}]

-- case: create_or_replace_table
CREATE TABLE {ds}.t AS SELECT 1 AS x;
CREATE OR REPLACE TABLE {ds}.t AS SELECT 5 AS x UNION ALL SELECT 6;
SELECT SUM(x) AS s FROM {ds}.t
-- expect: [{"s": 11}]

-- case: create_table_if_not_exists_keeps_rows
CREATE TABLE {ds}.t AS SELECT 1 AS x;
CREATE TABLE IF NOT EXISTS {ds}.t (x INT64);
SELECT COUNT(*) AS n FROM {ds}.t
-- expect: [{"n": 1}]

-- case: create_existing_table_fails
CREATE TABLE {ds}.t (x INT64);
CREATE TABLE {ds}.t (x INT64)
-- error 409: already exists

-- case: drop_table
CREATE TABLE {ds}.t (x INT64);
DROP TABLE {ds}.t;
SELECT 1 AS ok
-- expect: [{"ok": 1}]

-- case: drop_table_if_exists_missing
DROP TABLE IF EXISTS {ds}.missing;
SELECT 1 AS ok
-- expect: [{"ok": 1}]

-- case: select_from_dropped_table_fails
CREATE TABLE {ds}.t (x INT64);
DROP TABLE {ds}.t;
SELECT * FROM {ds}.t
-- error 404: not found

-- case: drop_missing_table_fails
DROP TABLE {ds}.missing
-- error 404: not found

-- case: create_table_with_struct_and_array_columns
CREATE TABLE {ds}.t (id INT64, info STRUCT<a STRING, b INT64>, tags ARRAY<STRING>);
INSERT INTO {ds}.t (id, info, tags) VALUES (1, STRUCT('x', 2), ['p', 'q']);
SELECT id, info.a AS a, info.b AS b, ARRAY_LENGTH(tags) AS n FROM {ds}.t
-- expect: [{"id": 1, "a": "x", "b": 2, "n": 2}]

-- case: create_table_with_options_and_not_null
CREATE TABLE {ds}.t (x INT64 NOT NULL, y STRING OPTIONS(description = 'a column'))
OPTIONS(description = 'a table');
INSERT INTO {ds}.t (x, y) VALUES (1, 'a');
SELECT x, y FROM {ds}.t
-- expect: [{"x": 1, "y": "a"}]

-- case: create_table_partition_by_date
CREATE TABLE {ds}.t (d DATE, v INT64) PARTITION BY d;
INSERT INTO {ds}.t (d, v) VALUES (DATE '2024-01-01', 1), (DATE '2024-01-02', 2);
SELECT SUM(v) AS s FROM {ds}.t WHERE d = DATE '2024-01-02'
-- expect: [{"s": 2}]

-- case: create_table_cluster_by
CREATE TABLE {ds}.t (k STRING, v INT64) CLUSTER BY k;
INSERT INTO {ds}.t (k, v) VALUES ('a', 1), ('b', 2);
SELECT k FROM {ds}.t WHERE v = 2
-- expect: [{"k": "b"}]

-- case: create_view_then_select
CREATE TABLE {ds}.t AS SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3;
CREATE VIEW {ds}.v AS SELECT x * 10 AS y FROM {ds}.t WHERE x > 1;
SELECT y FROM {ds}.v ORDER BY y
-- ordered
-- expect: [{"y": 20}, {"y": 30}]

-- case: view_sees_later_rows
CREATE TABLE {ds}.t (x INT64);
CREATE VIEW {ds}.v AS SELECT COUNT(*) AS n FROM {ds}.t;
INSERT INTO {ds}.t (x) VALUES (1), (2);
SELECT n FROM {ds}.v
-- expect: [{"n": 2}]

-- case: create_or_replace_view
CREATE VIEW {ds}.v AS SELECT 1 AS x;
CREATE OR REPLACE VIEW {ds}.v AS SELECT 2 AS x;
SELECT x FROM {ds}.v
-- expect: [{"x": 2}]

-- case: drop_view
CREATE VIEW {ds}.v AS SELECT 1 AS x;
DROP VIEW {ds}.v;
SELECT 1 AS ok
-- expect: [{"ok": 1}]

-- case: drop_view_if_exists_missing
DROP VIEW IF EXISTS {ds}.missing_view;
SELECT 1 AS ok
-- expect: [{"ok": 1}]

-- case: create_view_if_not_exists
CREATE VIEW {ds}.v AS SELECT 1 AS x;
CREATE VIEW IF NOT EXISTS {ds}.v AS SELECT 2 AS x;
SELECT x FROM {ds}.v
-- expect: [{"x": 1}]

-- case: ctas_keeps_types
-- No reserved keyword as an alias (BY is reserved in GoogleSQL).
CREATE TABLE {ds}.t AS
SELECT DATE '2024-01-02' AS d, NUMERIC '1.25' AS n, TIMESTAMP '2024-01-02 03:04:05 UTC' AS ts, b'\x01' AS bytes_value;
SELECT d, n, ts, bytes_value FROM {ds}.t
-- expect: [{"d": "2024-01-02", "n": "1.25", "ts": "2024-01-02 03:04:05 UTC", "bytes_value": "AQ=="}]

-- case: create_temp_table_in_script
CREATE TEMP TABLE tmp AS SELECT 1 AS x UNION ALL SELECT 2;
SELECT SUM(x) AS s FROM tmp
-- expect: [{"s": 3}]

-- case: alter_table_add_column
CREATE TABLE {ds}.t (x INT64);
ALTER TABLE {ds}.t ADD COLUMN y STRING;
INSERT INTO {ds}.t (x, y) VALUES (1, 'a');
SELECT x, y FROM {ds}.t
-- expect: [{"x": 1, "y": "a"}]

-- case: truncate_table
CREATE TABLE {ds}.t AS SELECT 1 AS x UNION ALL SELECT 2;
TRUNCATE TABLE {ds}.t;
SELECT COUNT(*) AS n FROM {ds}.t
-- expect: [{"n": 0}]

-- case: create_schema_then_table_in_it
CREATE SCHEMA {ds}_extra OPTIONS(description = 'made by DDL', labels = [('team', 'data')]);
CREATE TABLE {ds}_extra.t (x INT64);
INSERT {ds}_extra.t (x) VALUES (1), (2);
SELECT SUM(x) AS s FROM {ds}_extra.t
-- expect: [{"s": 3}]

-- case: create_schema_if_not_exists_keeps_tables
CREATE SCHEMA {ds}_kept;
CREATE TABLE {ds}_kept.t AS SELECT 1 AS x;
CREATE SCHEMA IF NOT EXISTS {ds}_kept;
SELECT COUNT(*) AS n FROM {ds}_kept.t
-- expect: [{"n": 1}]

-- case: drop_schema_with_tables_needs_cascade
CREATE SCHEMA {ds}_full;
CREATE TABLE {ds}_full.t (x INT64);
DROP SCHEMA {ds}_full
-- error: in use

-- case: drop_schema_cascade_removes_its_tables
CREATE SCHEMA {ds}_gone;
CREATE TABLE {ds}_gone.t (x INT64);
DROP SCHEMA {ds}_gone CASCADE;
SELECT COUNT(*) AS n FROM {ds}_gone.t
-- error 404: not found

-- case: alter_table_set_data_type_widens
CREATE TABLE {ds}.t (x INT64, n NUMERIC);
INSERT {ds}.t (x, n) VALUES (9007199254740993, 1.25);
ALTER TABLE {ds}.t ALTER COLUMN x SET DATA TYPE NUMERIC, ALTER COLUMN n SET DATA TYPE BIGNUMERIC;
SELECT x + 1 AS x, n / 3 AS n FROM {ds}.t
-- expect: [{"x": "9007199254740994", "n": "0.41666666666666666666666666666666666667"}]

-- case: alter_table_set_data_type_refuses_narrowing
CREATE TABLE {ds}.t (n NUMERIC);
ALTER TABLE {ds}.t ALTER COLUMN n SET DATA TYPE INT64
-- error: assignable

-- case: alter_table_rename_and_drop_column
CREATE TABLE {ds}.t AS SELECT 1 AS a, 'x' AS b, 2.5 AS c;
ALTER TABLE {ds}.t RENAME COLUMN b TO label, DROP COLUMN c;
SELECT * FROM {ds}.t
-- expect: [{"a": 1, "label": "x"}]

-- case: alter_table_rename_to
CREATE TABLE {ds}.t AS SELECT 1 AS a;
ALTER TABLE {ds}.t RENAME TO renamed;
SELECT a FROM {ds}.renamed
-- expect: [{"a": 1}]

-- case: information_schema_tables_and_columns
CREATE TABLE {ds}.t (id INT64 NOT NULL, name STRING(10));
CREATE VIEW {ds}.v AS SELECT id FROM {ds}.t;
SELECT t.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable
FROM {ds}.INFORMATION_SCHEMA.TABLES AS t JOIN {ds}.INFORMATION_SCHEMA.COLUMNS AS c USING (table_name)
ORDER BY t.table_name, c.ordinal_position
-- ordered
-- expect: [{"table_name": "t", "table_type": "BASE TABLE", "column_name": "id", "data_type": "INT64", "is_nullable": "NO"}, {"table_name": "t", "table_type": "BASE TABLE", "column_name": "name", "data_type": "STRING(10)", "is_nullable": "YES"}, {"table_name": "v", "table_type": "VIEW", "column_name": "id", "data_type": "INT64", "is_nullable": "YES"}]

-- case: create_table_like_takes_the_schema_not_the_rows
CREATE TABLE {ds}.src AS SELECT 1 AS x, 'a' AS y;
CREATE TABLE {ds}.t LIKE {ds}.src;
SELECT COUNT(*) AS n FROM {ds}.t
-- expect: [{"n": 0}]

-- case: create_table_copy_takes_the_rows
CREATE TABLE {ds}.src AS SELECT 1 AS x, 'a' AS y UNION ALL SELECT 2, 'b';
CREATE TABLE {ds}.t COPY {ds}.src;
SELECT x, y FROM {ds}.t ORDER BY x
-- ordered
-- expect: [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}]

-- case: create_table_clone_takes_the_rows
CREATE TABLE {ds}.src AS SELECT 1 AS x;
CREATE TABLE {ds}.t CLONE {ds}.src;
SELECT SUM(x) AS s FROM {ds}.t
-- expect: [{"s": 1}]

-- case: column_default_value_fills_omitted_columns
-- "Specify default column values": simple_table.
CREATE TABLE {ds}.simple_table (a STRING, b STRING DEFAULT 'hello');
INSERT {ds}.simple_table (a) VALUES ('val1'), ('val2');
SELECT a, b FROM {ds}.simple_table ORDER BY a
-- ordered
-- expect: [{"a": "val1", "b": "hello"}, {"a": "val2", "b": "hello"}]

-- case: column_default_value_by_the_default_keyword
CREATE TABLE {ds}.t (a STRING, b INT64 DEFAULT 7);
INSERT {ds}.t VALUES ('x', DEFAULT);
SELECT a, b FROM {ds}.t
-- expect: [{"a": "x", "b": 7}]
