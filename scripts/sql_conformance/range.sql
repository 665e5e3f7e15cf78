-- The RANGE type and the range functions.
-- Cases from BigQuery's GoogleSQL reference and its examples:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/range-functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#range_type
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions#cast_range

-- case: range_constructor_date
SELECT RANGE(DATE '2022-12-01', DATE '2022-12-31') AS results
-- expect: [{"results": "[2022-12-01, 2022-12-31)"}]

-- case: range_constructor_datetime
SELECT RANGE(DATETIME '2022-10-01 14:53:27', DATETIME '2022-10-01 16:00:00') AS results
-- expect: [{"results": "[2022-10-01T14:53:27, 2022-10-01T16:00:00)"}]

-- case: range_constructor_timestamp
SELECT RANGE(TIMESTAMP '2022-10-01 14:53:27 America/Los_Angeles', TIMESTAMP '2022-10-01 16:00:00 America/Los_Angeles') AS results
-- expect: [{"results": "[2022-10-01 21:53:27.000000+00, 2022-10-01 23:00:00.000000+00)"}]

-- case: range_constructor_without_lower_bound
SELECT RANGE(NULL, DATE '2022-12-31') AS results
-- expect: [{"results": "[UNBOUNDED, 2022-12-31)"}]

-- case: range_constructor_without_upper_bound
SELECT RANGE(DATE '2022-10-01', NULL) AS results
-- expect: [{"results": "[2022-10-01, UNBOUNDED)"}]

-- case: range_constructor_lower_not_below_upper_fails
SELECT RANGE(DATE '2022-12-31', DATE '2022-12-01') AS results
-- error: lower bound

-- case: range_literals
SELECT RANGE<DATE> '[2020-01-01, 2020-12-31)' AS a, RANGE<DATETIME> '[2020-01-01 12:00:00, 2020-12-31 12:00:00)' AS b,
  RANGE<TIMESTAMP> '[2020-10-01 12:00:00+08, 2020-12-31 12:00:00+08)' AS c, RANGE<DATE> '[NULL, 2020-12-31)' AS d,
  RANGE<DATE> '[2020-01-01, UNBOUNDED)' AS e, RANGE<DATE> '[UNBOUNDED, UNBOUNDED)' AS f
-- expect: [{"a": "[2020-01-01, 2020-12-31)", "b": "[2020-01-01T12:00:00, 2020-12-31T12:00:00)", "c": "[2020-10-01 04:00:00+00, 2020-12-31 04:00:00+00)", "d": "[UNBOUNDED, 2020-12-31)", "e": "[2020-01-01, UNBOUNDED)", "f": "[UNBOUNDED, UNBOUNDED)"}]

-- case: range_literal_needs_one_space_after_the_comma
SELECT RANGE<DATE> '[2020-01-01,2020-12-31)' AS r
-- error: RANGE

-- case: cast_string_to_range
SELECT CAST('[2020-01-01, 2020-01-02)' AS RANGE<DATE>) AS a,
  CAST('[2014-09-27 12:30:00.45, 2016-10-17 11:15:00.33)' AS RANGE<DATETIME>) AS b,
  CAST('[UNBOUNDED, 2020-01-02)' AS RANGE<DATE>) AS c
-- expect: [{"a": "[2020-01-01, 2020-01-02)", "b": "[2014-09-27T12:30:00.450, 2016-10-17T11:15:00.330)", "c": "[UNBOUNDED, 2020-01-02)"}]

-- case: generate_range_array_one_day
SELECT GENERATE_RANGE_ARRAY(RANGE(DATE '2020-01-01', DATE '2020-01-06'), INTERVAL 1 DAY) AS results
-- expect: [{"results": ["[2020-01-01, 2020-01-02)", "[2020-01-02, 2020-01-03)", "[2020-01-03, 2020-01-04)", "[2020-01-04, 2020-01-05)", "[2020-01-05, 2020-01-06)"]}]

-- case: generate_range_array_two_days
SELECT GENERATE_RANGE_ARRAY(RANGE(DATE '2020-01-01', DATE '2020-01-06'), INTERVAL 2 DAY) AS results
-- expect: [{"results": ["[2020-01-01, 2020-01-03)", "[2020-01-03, 2020-01-05)", "[2020-01-05, 2020-01-06)"]}]

-- case: generate_range_array_including_the_partial_range
SELECT GENERATE_RANGE_ARRAY(RANGE(DATE '2020-01-01', DATE '2020-01-06'), INTERVAL 2 DAY, TRUE) AS results
-- expect: [{"results": ["[2020-01-01, 2020-01-03)", "[2020-01-03, 2020-01-05)", "[2020-01-05, 2020-01-06)"]}]

-- case: generate_range_array_excluding_the_partial_range
SELECT GENERATE_RANGE_ARRAY(RANGE(DATE '2020-01-01', DATE '2020-01-06'), INTERVAL 2 DAY, FALSE) AS results
-- expect: [{"results": ["[2020-01-01, 2020-01-03)", "[2020-01-03, 2020-01-05)"]}]

-- case: range_contains_inner_range
SELECT RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', RANGE<DATE> '[2022-04-01, 2022-07-01)') AS results
-- expect: [{"results": true}]

-- case: range_contains_range_outside
SELECT RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', RANGE<DATE> '[2023-01-01, 2023-04-01)') AS results
-- expect: [{"results": false}]

-- case: range_contains_value
SELECT RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', DATE '2022-04-01') AS results
-- expect: [{"results": true}]

-- case: range_contains_value_outside
SELECT RANGE_CONTAINS(RANGE<DATE> '[2022-01-01, 2023-01-01)', DATE '2023-04-01') AS results
-- expect: [{"results": false}]

-- case: range_end
SELECT RANGE_END(RANGE<DATE> '[2022-12-01, 2022-12-31)') AS results
-- expect: [{"results": "2022-12-31"}]

-- case: range_end_unbounded
SELECT RANGE_END(RANGE<DATE> '[2022-12-01, UNBOUNDED)') AS results
-- expect: [{"results": null}]

-- case: range_intersect
SELECT RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, 2022-09-01)', RANGE<DATE> '[2021-06-15, 2022-04-15)') AS results
-- expect: [{"results": "[2022-02-01, 2022-04-15)"}]

-- case: range_intersect_one_unbounded
SELECT RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, UNBOUNDED)', RANGE<DATE> '[2021-06-15, 2022-04-15)') AS results
-- expect: [{"results": "[2022-02-01, 2022-04-15)"}]

-- case: range_intersect_both_unbounded
SELECT RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, UNBOUNDED)', RANGE<DATE> '[2021-06-15, UNBOUNDED)') AS results
-- expect: [{"results": "[2022-02-01, UNBOUNDED)"}]

-- case: range_intersect_of_ranges_apart_fails
SELECT RANGE_INTERSECT(RANGE<DATE> '[2020-02-01, 2020-09-01)', RANGE<DATE> '[2021-06-15, 2022-04-15)') AS results
-- error: overlap

-- case: range_overlaps
SELECT RANGE_OVERLAPS(RANGE<DATE> '[2022-02-01, 2022-09-01)', RANGE<DATE> '[2021-06-15, 2022-04-15)') AS results
-- expect: [{"results": true}]

-- case: range_overlaps_apart
SELECT RANGE_OVERLAPS(RANGE<DATE> '[2020-02-01, 2020-09-01)', RANGE<DATE> '[2021-06-15, 2022-04-15)') AS results
-- expect: [{"results": false}]

-- case: range_overlaps_unbounded
SELECT RANGE_OVERLAPS(RANGE<DATE> '[2022-02-01, UNBOUNDED)', RANGE<DATE> '[2021-06-15, UNBOUNDED)') AS results
-- expect: [{"results": true}]

-- case: range_start
SELECT RANGE_START(RANGE<DATE> '[2022-12-01, 2022-12-31)') AS results
-- expect: [{"results": "2022-12-01"}]

-- case: range_start_unbounded
SELECT RANGE_START(RANGE<DATE> '[UNBOUNDED, 2022-12-31)') AS results
-- expect: [{"results": null}]

-- case: ranges_order_by_lower_then_upper_bound
SELECT r FROM UNNEST([RANGE<DATE> '[2022-01-01, UNBOUNDED)', RANGE<DATE> '[UNBOUNDED, 2022-01-01)',
  RANGE<DATE> '[2022-01-01, 2022-02-01)', RANGE<DATE> '[UNBOUNDED, UNBOUNDED)']) AS r ORDER BY r
-- ordered
-- expect: [{"r": "[UNBOUNDED, 2022-01-01)"}, {"r": "[UNBOUNDED, UNBOUNDED)"}, {"r": "[2022-01-01, 2022-02-01)"}, {"r": "[2022-01-01, UNBOUNDED)"}]

-- case: range_sessionize_meets
CREATE TABLE {ds}.my_sessionized_range_table (emp_id INT64, dept_id INT64, duration RANGE<DATE>);
INSERT {ds}.my_sessionized_range_table (emp_id, dept_id, duration)
VALUES(10, 1000, RANGE<DATE> '[2010-01-10, 2010-03-10)'),
      (10, 2000, RANGE<DATE> '[2010-03-10, 2010-07-15)'),
      (10, 2000, RANGE<DATE> '[2010-06-15, 2010-08-18)'),
      (20, 2000, RANGE<DATE> '[2010-03-10, 2010-07-20)'),
      (20, 1000, RANGE<DATE> '[2020-05-10, 2020-09-20)');
SELECT emp_id, duration, session_range
FROM RANGE_SESSIONIZE(TABLE {ds}.my_sessionized_range_table, 'duration', ['emp_id'])
ORDER BY emp_id
-- expect: [{"emp_id": 10, "duration": "[2010-01-10, 2010-03-10)", "session_range": "[2010-01-10, 2010-08-18)"}, {"emp_id": 10, "duration": "[2010-03-10, 2010-07-15)", "session_range": "[2010-01-10, 2010-08-18)"}, {"emp_id": 10, "duration": "[2010-06-15, 2010-08-18)", "session_range": "[2010-01-10, 2010-08-18)"}, {"emp_id": 20, "duration": "[2010-03-10, 2010-07-20)", "session_range": "[2010-03-10, 2010-07-20)"}, {"emp_id": 20, "duration": "[2020-05-10, 2020-09-20)", "session_range": "[2020-05-10, 2020-09-20)"}]

-- case: range_sessionize_overlaps
CREATE TABLE {ds}.my_sessionized_range_table (emp_id INT64, dept_id INT64, duration RANGE<DATE>);
INSERT {ds}.my_sessionized_range_table (emp_id, dept_id, duration)
VALUES(10, 1000, RANGE<DATE> '[2010-01-10, 2010-03-10)'),
      (10, 2000, RANGE<DATE> '[2010-03-10, 2010-07-15)'),
      (10, 2000, RANGE<DATE> '[2010-06-15, 2010-08-18)'),
      (20, 2000, RANGE<DATE> '[2010-03-10, 2010-07-20)'),
      (20, 1000, RANGE<DATE> '[2020-05-10, 2020-09-20)');
SELECT emp_id, duration, session_range
FROM RANGE_SESSIONIZE(TABLE {ds}.my_sessionized_range_table, 'duration', ['emp_id'], 'OVERLAPS')
ORDER BY emp_id
-- expect: [{"emp_id": 10, "duration": "[2010-03-10, 2010-07-15)", "session_range": "[2010-03-10, 2010-08-18)"}, {"emp_id": 10, "duration": "[2010-06-15, 2010-08-18)", "session_range": "[2010-03-10, 2010-08-18)"}, {"emp_id": 10, "duration": "[2010-01-10, 2010-03-10)", "session_range": "[2010-01-10, 2010-03-10)"}, {"emp_id": 20, "duration": "[2020-05-10, 2020-09-20)", "session_range": "[2020-05-10, 2020-09-20)"}, {"emp_id": 20, "duration": "[2010-03-10, 2010-07-20)", "session_range": "[2010-03-10, 2010-07-20)"}]

-- case: range_sessionize_normalized
CREATE TABLE {ds}.my_sessionized_range_table (emp_id INT64, dept_id INT64, duration RANGE<DATE>);
INSERT {ds}.my_sessionized_range_table (emp_id, dept_id, duration)
VALUES(10, 1000, RANGE<DATE> '[2010-01-10, 2010-03-10)'),
      (10, 2000, RANGE<DATE> '[2010-03-10, 2010-07-15)'),
      (10, 2000, RANGE<DATE> '[2010-06-15, 2010-08-18)'),
      (20, 2000, RANGE<DATE> '[2010-03-10, 2010-07-20)'),
      (20, 1000, RANGE<DATE> '[2020-05-10, 2020-09-20)');
SELECT emp_id, session_range AS normalized FROM (
  SELECT emp_id, session_range
  FROM RANGE_SESSIONIZE(TABLE {ds}.my_sessionized_range_table, 'duration', ['emp_id'], 'MEETS')
)
GROUP BY emp_id, normalized
-- expect: [{"emp_id": 20, "normalized": "[2010-03-10, 2010-07-20)"}, {"emp_id": 10, "normalized": "[2010-01-10, 2010-08-18)"}, {"emp_id": 20, "normalized": "[2020-05-10, 2020-09-20)"}]
