-- Window function calls, navigation and numbering functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: first_value_1
-- The reference's subquery selects finish_time (the outer query reads it); restored here.
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  FORMAT_TIMESTAMP('%X', finish_time) AS finish_time,
  division,
  FORMAT_TIMESTAMP('%X', fastest_time) AS fastest_time,
  TIMESTAMP_DIFF(finish_time, fastest_time, SECOND) AS delta_in_seconds
FROM (
  SELECT name,
  finish_time,
  division,
  FIRST_VALUE(finish_time)
    OVER (PARTITION BY division ORDER BY finish_time ASC
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS fastest_time
  FROM finishers)
-- expect: [{"name": "Carly Forte", "finish_time": "03:08:58", "division": "F25-29", "fastest_time": "03:08:58", "delta_in_seconds": 0}, {"name": "Sophia Liu", "finish_time": "02:51:45", "division": "F30-34", "fastest_time": "02:51:45", "delta_in_seconds": 0}, {"name": "Nikki Leith", "finish_time": "02:59:01", "division": "F30-34", "fastest_time": "02:51:45", "delta_in_seconds": 436}, {"name": "Jen Edwards", "finish_time": "03:06:36", "division": "F30-34", "fastest_time": "02:51:45", "delta_in_seconds": 891}, {"name": "Meghan Lederer", "finish_time": "03:07:41", "division": "F30-34", "fastest_time": "02:51:45", "delta_in_seconds": 956}, {"name": "Lauren Reasoner", "finish_time": "03:10:14", "division": "F30-34", "fastest_time": "02:51:45", "delta_in_seconds": 1109}, {"name": "Lisa Stelzner", "finish_time": "02:54:11", "division": "F35-39", "fastest_time": "02:54:11", "delta_in_seconds": 0}, {"name": "Lauren Matthews", "finish_time": "03:01:17", "division": "F35-39", "fastest_time": "02:54:11", "delta_in_seconds": 426}, {"name": "Desiree Berry", "finish_time": "03:05:42", "division": "F35-39", "fastest_time": "02:54:11", "delta_in_seconds": 691}, {"name": "Suzy Slane", "finish_time": "03:06:24", "division": "F35-39", "fastest_time": "02:54:11", "delta_in_seconds": 733}]

-- case: lag_1
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  division,
  LAG(name)
    OVER (PARTITION BY division ORDER BY finish_time ASC) AS preceding_runner
FROM finishers
-- expect: [{"name": "Carly Forte", "division": "F25-29", "preceding_runner": null}, {"name": "Sophia Liu", "division": "F30-34", "preceding_runner": null}, {"name": "Nikki Leith", "division": "F30-34", "preceding_runner": "Sophia Liu"}, {"name": "Jen Edwards", "division": "F30-34", "preceding_runner": "Nikki Leith"}, {"name": "Meghan Lederer", "division": "F30-34", "preceding_runner": "Jen Edwards"}, {"name": "Lauren Reasoner", "division": "F30-34", "preceding_runner": "Meghan Lederer"}, {"name": "Lisa Stelzner", "division": "F35-39", "preceding_runner": null}, {"name": "Lauren Matthews", "division": "F35-39", "preceding_runner": "Lisa Stelzner"}, {"name": "Desiree Berry", "division": "F35-39", "preceding_runner": "Lauren Matthews"}, {"name": "Suzy Slane", "division": "F35-39", "preceding_runner": "Desiree Berry"}]

-- case: lag_2
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  division,
  LAG(name, 2)
    OVER (PARTITION BY division ORDER BY finish_time ASC) AS two_runners_ahead
FROM finishers
-- expect: [{"name": "Carly Forte", "division": "F25-29", "two_runners_ahead": null}, {"name": "Sophia Liu", "division": "F30-34", "two_runners_ahead": null}, {"name": "Nikki Leith", "division": "F30-34", "two_runners_ahead": null}, {"name": "Jen Edwards", "division": "F30-34", "two_runners_ahead": "Sophia Liu"}, {"name": "Meghan Lederer", "division": "F30-34", "two_runners_ahead": "Nikki Leith"}, {"name": "Lauren Reasoner", "division": "F30-34", "two_runners_ahead": "Jen Edwards"}, {"name": "Lisa Stelzner", "division": "F35-39", "two_runners_ahead": null}, {"name": "Lauren Matthews", "division": "F35-39", "two_runners_ahead": null}, {"name": "Desiree Berry", "division": "F35-39", "two_runners_ahead": "Lisa Stelzner"}, {"name": "Suzy Slane", "division": "F35-39", "two_runners_ahead": "Lauren Matthews"}]

-- case: lag_3
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  division,
  LAG(name, 2, 'Nobody')
    OVER (PARTITION BY division ORDER BY finish_time ASC) AS two_runners_ahead
FROM finishers
-- expect: [{"name": "Carly Forte", "division": "F25-29", "two_runners_ahead": "Nobody"}, {"name": "Sophia Liu", "division": "F30-34", "two_runners_ahead": "Nobody"}, {"name": "Nikki Leith", "division": "F30-34", "two_runners_ahead": "Nobody"}, {"name": "Jen Edwards", "division": "F30-34", "two_runners_ahead": "Sophia Liu"}, {"name": "Meghan Lederer", "division": "F30-34", "two_runners_ahead": "Nikki Leith"}, {"name": "Lauren Reasoner", "division": "F30-34", "two_runners_ahead": "Jen Edwards"}, {"name": "Lisa Stelzner", "division": "F35-39", "two_runners_ahead": "Nobody"}, {"name": "Lauren Matthews", "division": "F35-39", "two_runners_ahead": "Nobody"}, {"name": "Desiree Berry", "division": "F35-39", "two_runners_ahead": "Lisa Stelzner"}, {"name": "Suzy Slane", "division": "F35-39", "two_runners_ahead": "Lauren Matthews"}]

-- case: last_value_1
-- The reference's subquery selects finish_time (the outer query reads it); restored here.
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  FORMAT_TIMESTAMP('%X', finish_time) AS finish_time,
  division,
  FORMAT_TIMESTAMP('%X', slowest_time) AS slowest_time,
  TIMESTAMP_DIFF(slowest_time, finish_time, SECOND) AS delta_in_seconds
FROM (
  SELECT name,
  finish_time,
  division,
  LAST_VALUE(finish_time)
    OVER (PARTITION BY division ORDER BY finish_time ASC
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS slowest_time
  FROM finishers)
-- expect: [{"name": "Carly Forte", "finish_time": "03:08:58", "division": "F25-29", "slowest_time": "03:08:58", "delta_in_seconds": 0}, {"name": "Sophia Liu", "finish_time": "02:51:45", "division": "F30-34", "slowest_time": "03:10:14", "delta_in_seconds": 1109}, {"name": "Nikki Leith", "finish_time": "02:59:01", "division": "F30-34", "slowest_time": "03:10:14", "delta_in_seconds": 673}, {"name": "Jen Edwards", "finish_time": "03:06:36", "division": "F30-34", "slowest_time": "03:10:14", "delta_in_seconds": 218}, {"name": "Meghan Lederer", "finish_time": "03:07:41", "division": "F30-34", "slowest_time": "03:10:14", "delta_in_seconds": 153}, {"name": "Lauren Reasoner", "finish_time": "03:10:14", "division": "F30-34", "slowest_time": "03:10:14", "delta_in_seconds": 0}, {"name": "Lisa Stelzner", "finish_time": "02:54:11", "division": "F35-39", "slowest_time": "03:06:24", "delta_in_seconds": 733}, {"name": "Lauren Matthews", "finish_time": "03:01:17", "division": "F35-39", "slowest_time": "03:06:24", "delta_in_seconds": 307}, {"name": "Desiree Berry", "finish_time": "03:05:42", "division": "F35-39", "slowest_time": "03:06:24", "delta_in_seconds": 42}, {"name": "Suzy Slane", "finish_time": "03:06:24", "division": "F35-39", "slowest_time": "03:06:24", "delta_in_seconds": 0}]

-- case: lead_1
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  division,
  LEAD(name)
    OVER (PARTITION BY division ORDER BY finish_time ASC) AS followed_by
FROM finishers
-- expect: [{"name": "Carly Forte", "division": "F25-29", "followed_by": null}, {"name": "Sophia Liu", "division": "F30-34", "followed_by": "Nikki Leith"}, {"name": "Nikki Leith", "division": "F30-34", "followed_by": "Jen Edwards"}, {"name": "Jen Edwards", "division": "F30-34", "followed_by": "Meghan Lederer"}, {"name": "Meghan Lederer", "division": "F30-34", "followed_by": "Lauren Reasoner"}, {"name": "Lauren Reasoner", "division": "F30-34", "followed_by": null}, {"name": "Lisa Stelzner", "division": "F35-39", "followed_by": "Lauren Matthews"}, {"name": "Lauren Matthews", "division": "F35-39", "followed_by": "Desiree Berry"}, {"name": "Desiree Berry", "division": "F35-39", "followed_by": "Suzy Slane"}, {"name": "Suzy Slane", "division": "F35-39", "followed_by": null}]

-- case: lead_2
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  division,
  LEAD(name, 2)
    OVER (PARTITION BY division ORDER BY finish_time ASC) AS two_runners_back
FROM finishers
-- expect: [{"name": "Carly Forte", "division": "F25-29", "two_runners_back": null}, {"name": "Sophia Liu", "division": "F30-34", "two_runners_back": "Jen Edwards"}, {"name": "Nikki Leith", "division": "F30-34", "two_runners_back": "Meghan Lederer"}, {"name": "Jen Edwards", "division": "F30-34", "two_runners_back": "Lauren Reasoner"}, {"name": "Meghan Lederer", "division": "F30-34", "two_runners_back": null}, {"name": "Lauren Reasoner", "division": "F30-34", "two_runners_back": null}, {"name": "Lisa Stelzner", "division": "F35-39", "two_runners_back": "Desiree Berry"}, {"name": "Lauren Matthews", "division": "F35-39", "two_runners_back": "Suzy Slane"}, {"name": "Desiree Berry", "division": "F35-39", "two_runners_back": null}, {"name": "Suzy Slane", "division": "F35-39", "two_runners_back": null}]

-- case: lead_3
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  division,
  LEAD(name, 2, 'Nobody')
    OVER (PARTITION BY division ORDER BY finish_time ASC) AS two_runners_back
FROM finishers
-- expect: [{"name": "Carly Forte", "division": "F25-29", "two_runners_back": "Nobody"}, {"name": "Sophia Liu", "division": "F30-34", "two_runners_back": "Jen Edwards"}, {"name": "Nikki Leith", "division": "F30-34", "two_runners_back": "Meghan Lederer"}, {"name": "Jen Edwards", "division": "F30-34", "two_runners_back": "Lauren Reasoner"}, {"name": "Meghan Lederer", "division": "F30-34", "two_runners_back": "Nobody"}, {"name": "Lauren Reasoner", "division": "F30-34", "two_runners_back": "Nobody"}, {"name": "Lisa Stelzner", "division": "F35-39", "two_runners_back": "Desiree Berry"}, {"name": "Lauren Matthews", "division": "F35-39", "two_runners_back": "Suzy Slane"}, {"name": "Desiree Berry", "division": "F35-39", "two_runners_back": "Nobody"}, {"name": "Suzy Slane", "division": "F35-39", "two_runners_back": "Nobody"}]

-- case: nth_value_1
-- The reference's subquery selects finish_time (the outer query reads it); restored here.
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 3:07:41', 'F30-34'
  UNION ALL SELECT 'Carly Forte', TIMESTAMP '2016-10-18 3:08:58', 'F25-29'
  UNION ALL SELECT 'Lauren Reasoner', TIMESTAMP '2016-10-18 3:10:14', 'F30-34')
SELECT name,
  FORMAT_TIMESTAMP('%X', finish_time) AS finish_time,
  division,
  FORMAT_TIMESTAMP('%X', fastest_time) AS fastest_time,
  FORMAT_TIMESTAMP('%X', second_fastest) AS second_fastest
FROM (
  SELECT name,
  finish_time,
  division,finishers,
  FIRST_VALUE(finish_time)
    OVER w1 AS fastest_time,
  NTH_VALUE(finish_time, 2)
    OVER w1 as second_fastest
  FROM finishers
  WINDOW w1 AS (
    PARTITION BY division ORDER BY finish_time ASC
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
-- expect: [{"name": "Carly Forte", "finish_time": "03:08:58", "division": "F25-29", "fastest_time": "03:08:58", "second_fastest": null}, {"name": "Sophia Liu", "finish_time": "02:51:45", "division": "F30-34", "fastest_time": "02:51:45", "second_fastest": "02:59:01"}, {"name": "Nikki Leith", "finish_time": "02:59:01", "division": "F30-34", "fastest_time": "02:51:45", "second_fastest": "02:59:01"}, {"name": "Jen Edwards", "finish_time": "03:06:36", "division": "F30-34", "fastest_time": "02:51:45", "second_fastest": "02:59:01"}, {"name": "Meghan Lederer", "finish_time": "03:07:41", "division": "F30-34", "fastest_time": "02:51:45", "second_fastest": "02:59:01"}, {"name": "Lauren Reasoner", "finish_time": "03:10:14", "division": "F30-34", "fastest_time": "02:51:45", "second_fastest": "02:59:01"}, {"name": "Lisa Stelzner", "finish_time": "02:54:11", "division": "F35-39", "fastest_time": "02:54:11", "second_fastest": "03:01:17"}, {"name": "Lauren Matthews", "finish_time": "03:01:17", "division": "F35-39", "fastest_time": "02:54:11", "second_fastest": "03:01:17"}, {"name": "Desiree Berry", "finish_time": "03:05:42", "division": "F35-39", "fastest_time": "02:54:11", "second_fastest": "03:01:17"}, {"name": "Suzy Slane", "finish_time": "03:06:24", "division": "F35-39", "fastest_time": "02:54:11", "second_fastest": "03:01:17"}]

-- case: percentile_cont_1
SELECT
  PERCENTILE_CONT(x, 0) OVER() AS min,
  PERCENTILE_CONT(x, 0.01) OVER() AS percentile1,
  PERCENTILE_CONT(x, 0.5) OVER() AS median,
  PERCENTILE_CONT(x, 0.9) OVER() AS percentile90,
  PERCENTILE_CONT(x, 1) OVER() AS max
FROM UNNEST([0, 3, NULL, 1, 2]) AS x LIMIT 1
-- expect: [{"min": 0, "percentile1": 0.03, "median": 1.5, "percentile90": 2.7, "max": 3}]

-- case: percentile_cont_2
SELECT
  PERCENTILE_CONT(x, 0 RESPECT NULLS) OVER() AS min,
  PERCENTILE_CONT(x, 0.01 RESPECT NULLS) OVER() AS percentile1,
  PERCENTILE_CONT(x, 0.5 RESPECT NULLS) OVER() AS median,
  PERCENTILE_CONT(x, 0.9 RESPECT NULLS) OVER() AS percentile90,
  PERCENTILE_CONT(x, 1 RESPECT NULLS) OVER() AS max
FROM UNNEST([0, 3, NULL, 1, 2]) AS x LIMIT 1
-- expect: [{"min": null, "percentile1": 0, "median": 1, "percentile90": 2.6, "max": 3}]

-- case: percentile_disc_1
SELECT
  x,
  PERCENTILE_DISC(x, 0) OVER() AS min,
  PERCENTILE_DISC(x, 0.5) OVER() AS median,
  PERCENTILE_DISC(x, 1) OVER() AS max
FROM UNNEST(['c', NULL, 'b', 'a']) AS x
-- expect: [{"x": "c", "min": "a", "median": "b", "max": "c"}, {"x": null, "min": "a", "median": "b", "max": "c"}, {"x": "b", "min": "a", "median": "b", "max": "c"}, {"x": "a", "min": "a", "median": "b", "max": "c"}]

-- case: percentile_disc_2
SELECT
  x,
  PERCENTILE_DISC(x, 0 RESPECT NULLS) OVER() AS min,
  PERCENTILE_DISC(x, 0.5 RESPECT NULLS) OVER() AS median,
  PERCENTILE_DISC(x, 1 RESPECT NULLS) OVER() AS max
FROM UNNEST(['c', NULL, 'b', 'a']) AS x
-- expect: [{"x": "c", "min": null, "median": "a", "max": "c"}, {"x": null, "min": null, "median": "a", "max": "c"}, {"x": "b", "min": null, "median": "a", "max": "c"}, {"x": "a", "min": null, "median": "a", "max": "c"}]

-- case: cume_dist_1
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  CUME_DIST() OVER (PARTITION BY division ORDER BY finish_time ASC) AS finish_rank
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "finish_rank": 0.25}, {"name": "Meghan Lederer", "division": "F30-34", "finish_rank": 0.75}, {"name": "Nikki Leith", "division": "F30-34", "finish_rank": 0.75}, {"name": "Jen Edwards", "division": "F30-34", "finish_rank": 1}, {"name": "Lisa Stelzner", "division": "F35-39", "finish_rank": 0.25}, {"name": "Lauren Matthews", "division": "F35-39", "finish_rank": 0.5}, {"name": "Desiree Berry", "division": "F35-39", "finish_rank": 0.75}, {"name": "Suzy Slane", "division": "F35-39", "finish_rank": 1}]

-- case: dense_rank_1
WITH Numbers AS
 (SELECT 1 as x
  UNION ALL SELECT 2
  UNION ALL SELECT 2
  UNION ALL SELECT 5
  UNION ALL SELECT 8
  UNION ALL SELECT 10
  UNION ALL SELECT 10
)
SELECT x,
  DENSE_RANK() OVER (ORDER BY x ASC) AS dense_rank
FROM Numbers
-- expect: [{"x": 1, "dense_rank": 1}, {"x": 2, "dense_rank": 2}, {"x": 2, "dense_rank": 2}, {"x": 5, "dense_rank": 3}, {"x": 8, "dense_rank": 4}, {"x": 10, "dense_rank": 5}, {"x": 10, "dense_rank": 5}]

-- case: dense_rank_2
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  DENSE_RANK() OVER (PARTITION BY division ORDER BY finish_time ASC) AS finish_rank
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "finish_rank": 1}, {"name": "Meghan Lederer", "division": "F30-34", "finish_rank": 2}, {"name": "Nikki Leith", "division": "F30-34", "finish_rank": 2}, {"name": "Jen Edwards", "division": "F30-34", "finish_rank": 3}, {"name": "Lisa Stelzner", "division": "F35-39", "finish_rank": 1}, {"name": "Lauren Matthews", "division": "F35-39", "finish_rank": 2}, {"name": "Desiree Berry", "division": "F35-39", "finish_rank": 3}, {"name": "Suzy Slane", "division": "F35-39", "finish_rank": 4}]

-- case: is_first_1
WITH Numbers AS
 (SELECT 1 as x
  UNION ALL SELECT 2
  UNION ALL SELECT 2
  UNION ALL SELECT 5
  UNION ALL SELECT 8
  UNION ALL SELECT 10
  UNION ALL SELECT 10
)
SELECT x,
  IS_FIRST(2) OVER (ORDER BY x) AS is_first
FROM Numbers
-- expect: [{"x": 1, "is_first": true}, {"x": 2, "is_first": true}, {"x": 2, "is_first": false}, {"x": 5, "is_first": false}, {"x": 8, "is_first": false}, {"x": 10, "is_first": false}, {"x": 10, "is_first": false}]

-- case: is_first_2
-- Nikki Leith and Meghan Lederer tie on finish_time, so the reference's order is one of two
-- ("the result is non-deterministic"); `, name` makes it the one printed.
-- The column is is_first, as aliased (the reference's table header says finish_rank).
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  IS_FIRST(2) OVER (PARTITION BY division ORDER BY finish_time ASC, name) AS is_first
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "is_first": true}, {"name": "Meghan Lederer", "division": "F30-34", "is_first": true}, {"name": "Nikki Leith", "division": "F30-34", "is_first": false}, {"name": "Jen Edwards", "division": "F30-34", "is_first": false}, {"name": "Lisa Stelzner", "division": "F35-39", "is_first": true}, {"name": "Lauren Matthews", "division": "F35-39", "is_first": true}, {"name": "Desiree Berry", "division": "F35-39", "is_first": false}, {"name": "Suzy Slane", "division": "F35-39", "is_first": false}]

-- case: is_last_1
WITH Numbers AS
 (SELECT 1 as x
  UNION ALL SELECT 2
  UNION ALL SELECT 2
  UNION ALL SELECT 5
  UNION ALL SELECT 10
  UNION ALL SELECT 10
  UNION ALL SELECT 10
)
SELECT x,
  IS_LAST(2) OVER (ORDER BY x) AS is_last
FROM Numbers
-- expect: [{"x": 1, "is_last": false}, {"x": 2, "is_last": false}, {"x": 2, "is_last": false}, {"x": 5, "is_last": false}, {"x": 10, "is_last": false}, {"x": 10, "is_last": true}, {"x": 10, "is_last": true}]

-- case: is_last_2
-- Nikki Leith and Meghan Lederer tie on finish_time, so the reference's order is one of two
-- ("the result is non-deterministic"); `, name` makes it the one printed.
-- The column is is_last, as aliased (the reference's table header says finish_rank).
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  IS_LAST(2) OVER (PARTITION BY division ORDER BY finish_time ASC, name) AS is_last
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "is_last": false}, {"name": "Meghan Lederer", "division": "F30-34", "is_last": false}, {"name": "Nikki Leith", "division": "F30-34", "is_last": true}, {"name": "Jen Edwards", "division": "F30-34", "is_last": true}, {"name": "Lisa Stelzner", "division": "F35-39", "is_last": false}, {"name": "Lauren Matthews", "division": "F35-39", "is_last": false}, {"name": "Desiree Berry", "division": "F35-39", "is_last": true}, {"name": "Suzy Slane", "division": "F35-39", "is_last": true}]

-- case: ntile_1
-- Nikki Leith and Meghan Lederer tie on finish_time, so the reference's order is one of two
-- ("the result is non-deterministic"); `, name` makes it the one printed.
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  NTILE(3) OVER (PARTITION BY division ORDER BY finish_time ASC, name) AS finish_rank
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "finish_rank": 1}, {"name": "Meghan Lederer", "division": "F30-34", "finish_rank": 1}, {"name": "Nikki Leith", "division": "F30-34", "finish_rank": 2}, {"name": "Jen Edwards", "division": "F30-34", "finish_rank": 3}, {"name": "Lisa Stelzner", "division": "F35-39", "finish_rank": 1}, {"name": "Lauren Matthews", "division": "F35-39", "finish_rank": 1}, {"name": "Desiree Berry", "division": "F35-39", "finish_rank": 2}, {"name": "Suzy Slane", "division": "F35-39", "finish_rank": 3}]

-- case: percent_rank_1
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  PERCENT_RANK() OVER (PARTITION BY division ORDER BY finish_time ASC) AS finish_rank
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "finish_rank": 0}, {"name": "Meghan Lederer", "division": "F30-34", "finish_rank": 0.3333333333333333}, {"name": "Nikki Leith", "division": "F30-34", "finish_rank": 0.3333333333333333}, {"name": "Jen Edwards", "division": "F30-34", "finish_rank": 1}, {"name": "Lisa Stelzner", "division": "F35-39", "finish_rank": 0}, {"name": "Lauren Matthews", "division": "F35-39", "finish_rank": 0.3333333333333333}, {"name": "Desiree Berry", "division": "F35-39", "finish_rank": 0.6666666666666666}, {"name": "Suzy Slane", "division": "F35-39", "finish_rank": 1}]

-- case: rank_1
WITH Numbers AS
 (SELECT 1 as x
  UNION ALL SELECT 2
  UNION ALL SELECT 2
  UNION ALL SELECT 5
  UNION ALL SELECT 8
  UNION ALL SELECT 10
  UNION ALL SELECT 10
)
SELECT x,
  RANK() OVER (ORDER BY x ASC) AS rank
FROM Numbers
-- expect: [{"x": 1, "rank": 1}, {"x": 2, "rank": 2}, {"x": 2, "rank": 2}, {"x": 5, "rank": 4}, {"x": 8, "rank": 5}, {"x": 10, "rank": 6}, {"x": 10, "rank": 6}]

-- case: rank_2
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  RANK() OVER (PARTITION BY division ORDER BY finish_time ASC) AS finish_rank
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "finish_rank": 1}, {"name": "Meghan Lederer", "division": "F30-34", "finish_rank": 2}, {"name": "Nikki Leith", "division": "F30-34", "finish_rank": 2}, {"name": "Jen Edwards", "division": "F30-34", "finish_rank": 4}, {"name": "Lisa Stelzner", "division": "F35-39", "finish_rank": 1}, {"name": "Lauren Matthews", "division": "F35-39", "finish_rank": 2}, {"name": "Desiree Berry", "division": "F35-39", "finish_rank": 3}, {"name": "Suzy Slane", "division": "F35-39", "finish_rank": 4}]

-- case: row_number_1
WITH Numbers AS
 (SELECT 1 as x
  UNION ALL SELECT 2
  UNION ALL SELECT 2
  UNION ALL SELECT 5
  UNION ALL SELECT 8
  UNION ALL SELECT 10
  UNION ALL SELECT 10
)
SELECT x,
  ROW_NUMBER() OVER (ORDER BY x) AS row_num
FROM Numbers
-- expect: [{"x": 1, "row_num": 1}, {"x": 2, "row_num": 2}, {"x": 2, "row_num": 3}, {"x": 5, "row_num": 4}, {"x": 8, "row_num": 5}, {"x": 10, "row_num": 6}, {"x": 10, "row_num": 7}]

-- case: row_number_2
-- Nikki Leith and Meghan Lederer tie on finish_time, so the reference's order is one of two
-- ("the result is non-deterministic"); `, name` makes it the one printed.
WITH finishers AS
 (SELECT 'Sophia Liu' as name,
  TIMESTAMP '2016-10-18 2:51:45' as finish_time,
  'F30-34' as division
  UNION ALL SELECT 'Lisa Stelzner', TIMESTAMP '2016-10-18 2:54:11', 'F35-39'
  UNION ALL SELECT 'Nikki Leith', TIMESTAMP '2016-10-18 2:59:01', 'F30-34'
  UNION ALL SELECT 'Lauren Matthews', TIMESTAMP '2016-10-18 3:01:17', 'F35-39'
  UNION ALL SELECT 'Desiree Berry', TIMESTAMP '2016-10-18 3:05:42', 'F35-39'
  UNION ALL SELECT 'Suzy Slane', TIMESTAMP '2016-10-18 3:06:24', 'F35-39'
  UNION ALL SELECT 'Jen Edwards', TIMESTAMP '2016-10-18 3:06:36', 'F30-34'
  UNION ALL SELECT 'Meghan Lederer', TIMESTAMP '2016-10-18 2:59:01', 'F30-34')
SELECT name,
  division,
  ROW_NUMBER() OVER (PARTITION BY division ORDER BY finish_time ASC, name) AS finish_rank
FROM finishers
-- expect: [{"name": "Sophia Liu", "division": "F30-34", "finish_rank": 1}, {"name": "Meghan Lederer", "division": "F30-34", "finish_rank": 2}, {"name": "Nikki Leith", "division": "F30-34", "finish_rank": 3}, {"name": "Jen Edwards", "division": "F30-34", "finish_rank": 4}, {"name": "Lisa Stelzner", "division": "F35-39", "finish_rank": 1}, {"name": "Lauren Matthews", "division": "F35-39", "finish_rank": 2}, {"name": "Desiree Berry", "division": "F35-39", "finish_rank": 3}, {"name": "Suzy Slane", "division": "F35-39", "finish_rank": 4}]

-- Over the fixture tables (window-function-calls: frames, PARTITION BY, named windows).

-- case: row_number_per_customer
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY order_id) AS rn FROM fx.orders
-- expect: [[101, 1], [105, 2], [102, 1], [103, 2], [104, 1], [106, 1]]

-- case: running_sum
-- ordered
SELECT order_id, SUM(quantity) OVER (ORDER BY order_id) AS running FROM fx.orders ORDER BY order_id
-- expect: [[101, 3], [102, 15], [103, 16], [104, 18], [105, 19], [106, 23]]

-- case: range_frame_peers_share_value
SELECT order_id, SUM(quantity) OVER (ORDER BY order_date) AS s FROM fx.orders
-- expect: [[101, 15], [102, 15], [103, 16], [104, 18], [105, 19], [106, 23]]

-- case: rows_frame_moving_window
SELECT order_id, SUM(quantity) OVER (ORDER BY order_id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM fx.orders
-- expect: [[101, 15], [102, 16], [103, 15], [104, 4], [105, 7], [106, 5]]

-- case: lag_lead_defaults
SELECT order_id, LAG(order_id) OVER (ORDER BY order_id) AS prev, LEAD(order_id, 2, 0) OVER (ORDER BY order_id) AS next2 FROM fx.orders
-- expect: [[101, null, 103], [102, 101, 104], [103, 102, 105], [104, 103, 106], [105, 104, 0], [106, 105, 0]]

-- case: rank_with_ties
SELECT order_id, RANK() OVER (ORDER BY order_date) AS r, DENSE_RANK() OVER (ORDER BY order_date) AS dr FROM fx.orders
-- expect: [[101, 1, 1], [102, 1, 1], [103, 3, 2], [104, 4, 3], [105, 5, 4], [106, 6, 5]]

-- case: partition_total_and_share
SELECT order_id, quantity, SUM(quantity) OVER (PARTITION BY customer) AS cust_total FROM fx.orders WHERE customer IN ('ann', 'bob')
-- expect: [[101, 3, 4], [105, 1, 4], [102, 12, 13], [103, 1, 13]]

-- case: count_over_empty_window
SELECT COUNT(*) OVER () AS n FROM fx.customers
-- expect: [[4], [4], [4], [4]]

-- case: first_last_value_full_frame
SELECT customer, FIRST_VALUE(order_id) OVER w AS first_id, LAST_VALUE(order_id) OVER w AS last_id
FROM fx.orders WHERE customer = 'bob'
WINDOW w AS (PARTITION BY customer ORDER BY order_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
-- expect: [["bob", 102, 103], ["bob", 102, 103]]

-- case: ntile_fixture
SELECT order_id, NTILE(2) OVER (ORDER BY order_id) AS half FROM fx.orders
-- expect: [[101, 1], [102, 1], [103, 1], [104, 2], [105, 2], [106, 2]]

-- case: window_over_aggregate
SELECT customer, SUM(quantity) AS total, RANK() OVER (ORDER BY SUM(quantity) DESC) AS r FROM fx.orders GROUP BY customer
-- expect: [["bob", 13, 1], ["ann", 4, 2], ["dee", 4, 2], ["cy", 2, 4]]

-- case: avg_over_partition_float
SELECT category, AVG(weight) OVER (PARTITION BY category) AS w FROM fx.items WHERE category = 'vegetable'
-- expect: [["vegetable", 0.25], ["vegetable", 0.25]]

-- case: window_in_where_fails
SELECT name FROM fx.items WHERE ROW_NUMBER() OVER (ORDER BY id) = 1
-- error:

-- case: percent_rank_cume_dist
SELECT order_id, PERCENT_RANK() OVER (ORDER BY order_id) AS pr, CUME_DIST() OVER (ORDER BY order_id) AS cd FROM fx.orders WHERE order_id <= 103
-- expect: [[101, 0.0, 0.3333333333333333], [102, 0.5, 0.6666666666666666], [103, 1.0, 1.0]]

-- case: range_between_numeric_offsets
SELECT x, SUM(x) OVER (ORDER BY x RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM UNNEST([1, 2, 3, 6, 7]) AS x
-- expect: [[1, 1], [2, 3], [3, 6], [6, 6], [7, 13]]

-- case: nth_value_fixture
SELECT NTH_VALUE(order_id, 2) OVER (ORDER BY order_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second FROM fx.orders WHERE customer = 'ann'
-- expect: [[105], [105]]
