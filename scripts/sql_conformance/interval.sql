-- INTERVAL values, functions and arithmetic.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/interval_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#interval_arithmetic_operators
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: extract_1
SELECT
  EXTRACT(YEAR FROM i) AS year,
  EXTRACT(MONTH FROM i) AS month,
  EXTRACT(DAY FROM i) AS day,
  EXTRACT(HOUR FROM i) AS hour,
  EXTRACT(MINUTE FROM i) AS minute,
  EXTRACT(SECOND FROM i) AS second,
  EXTRACT(MILLISECOND FROM i) AS milli,
  EXTRACT(MICROSECOND FROM i) AS micro
FROM
  UNNEST([INTERVAL '1-2 3 4:5:6.789999' YEAR TO SECOND,
          INTERVAL '0-13 370 48:61:61' YEAR TO SECOND]) AS i
-- expect: [{"year": 1, "month": 2, "day": 3, "hour": 4, "minute": 5, "second": 6, "milli": 789, "micro": 789999}, {"year": 1, "month": 1, "day": 370, "hour": 49, "minute": 2, "second": 1, "milli": 0, "micro": 0}]

-- case: extract_2
SELECT
  EXTRACT(HOUR FROM i) AS hour,
  EXTRACT(MINUTE FROM i) AS minute
FROM
  UNNEST([INTERVAL '10 -12:30' DAY TO MINUTE]) AS i
-- expect: [{"hour": -12, "minute": -30}]

-- case: extract_3
SELECT
  EXTRACT(YEAR FROM i) AS year,
  EXTRACT(MONTH FROM i) AS month
FROM
  UNNEST([INTERVAL '-22-6 10 -12:30' YEAR TO MINUTE]) AS i
-- expect: [{"year": -22, "month": -6}]

-- case: justify_days_1
SELECT
  JUSTIFY_DAYS(INTERVAL 29 DAY) AS i1,
  JUSTIFY_DAYS(INTERVAL -30 DAY) AS i2,
  JUSTIFY_DAYS(INTERVAL 31 DAY) AS i3,
  JUSTIFY_DAYS(INTERVAL -65 DAY) AS i4,
  JUSTIFY_DAYS(INTERVAL 370 DAY) AS i5
-- expect: [{"i1": "0-0 29 0:0:0", "i2": "-0-1 0 0:0:0", "i3": "0-1 1 0:0:0", "i4": "-0-2 -5 0:0:0", "i5": "1-0 10 0:0:0"}]

-- case: justify_hours_1
SELECT
  JUSTIFY_HOURS(INTERVAL 23 HOUR) AS i1,
  JUSTIFY_HOURS(INTERVAL -24 HOUR) AS i2,
  JUSTIFY_HOURS(INTERVAL 47 HOUR) AS i3,
  JUSTIFY_HOURS(INTERVAL -12345 MINUTE) AS i4
-- expect: [{"i1": "0-0 0 23:0:0", "i2": "0-0 -1 0:0:0", "i3": "0-0 1 23:0:0", "i4": "0-0 -8 -13:45:0"}]

-- case: justify_interval_1
SELECT JUSTIFY_INTERVAL(INTERVAL '29 49:00:00' DAY TO SECOND) AS i
-- expect: [{"i": "0-1 1 1:0:0"}]

-- case: make_interval_1
SELECT
  MAKE_INTERVAL(1, 6, 15) AS i1,
  MAKE_INTERVAL(hour => 10, second => 20) AS i2,
  MAKE_INTERVAL(1, minute => 5, day => 2) AS i3
-- expect: [{"i1": "1-6 15 0:0:0", "i2": "0-0 0 10:0:20", "i3": "1-0 2 0:5:0"}]

-- case: date_arithmetics_operators_1
SELECT DATE "2020-09-22" + 1 AS day_later, DATE "2020-09-22" - 7 AS week_ago
-- expect: [{"day_later": "2020-09-23", "week_ago": "2020-09-15"}]

-- case: datetime_subtraction_1
SELECT
  DATE "2021-05-20" - DATE "2020-04-19" AS date_diff,
  TIMESTAMP "2021-06-01 12:34:56.789" - TIMESTAMP "2021-05-31 00:00:00" AS time_diff
-- expect: [{"date_diff": "0-0 396 0:0:0", "time_diff": "0-0 0 36:34:56.789"}]

-- case: interval_arithmetic_operators_1
SELECT
  DATE "2021-04-20" + INTERVAL 25 HOUR AS date_plus,
  TIMESTAMP "2021-05-02 00:01:02.345" - INTERVAL 10 SECOND AS time_minus
-- expect: [{"date_plus": "2021-04-21 01:00:00", "time_minus": "2021-05-02 00:00:52.345+00"}]

-- case: interval_arithmetic_operators_2
SELECT
  INTERVAL '1:2:3' HOUR TO SECOND * 10 AS mul1,
  INTERVAL 35 SECOND * 4 AS mul2,
  INTERVAL 10 YEAR / 3 AS div1,
  INTERVAL 1 MONTH / 12 AS div2
-- expect: [{"mul1": "0-0 0 10:20:30", "mul2": "0-0 0 0:2:20", "div1": "3-4 0 0:0:0", "div2": "0-0 2 12:0:0"}]

-- More INTERVAL semantics (data-types#interval_type, operators#interval_arithmetic_operators): an
-- INTERVAL prints as `Y-M D H:M:S`; DATE + INTERVAL is a DATETIME; month arithmetic clamps to the
-- month's last day; TIMESTAMP - TIMESTAMP is an INTERVAL in hours.

-- case: interval_day_literal
SELECT INTERVAL 1 DAY AS i
-- expect: [{"i": "0-0 1 0:0:0"}]

-- case: interval_year_to_month_literal
SELECT INTERVAL '1-2' YEAR TO MONTH AS i
-- expect: [{"i": "1-2 0 0:0:0"}]

-- case: interval_hour_literal
SELECT INTERVAL 36 HOUR AS i
-- expect: [{"i": "0-0 0 36:0:0"}]

-- case: date_plus_interval_is_datetime
SELECT DATE '2024-01-31' + INTERVAL 1 MONTH AS d
-- expect: [{"d": "2024-02-29T00:00:00"}]

-- case: timestamp_plus_interval
SELECT TIMESTAMP '2024-01-01 00:00:00 UTC' + INTERVAL 36 HOUR AS ts
-- expect: [{"ts": "2024-01-02 12:00:00 UTC"}]

-- case: timestamp_minus_timestamp
SELECT TIMESTAMP '2024-01-02 00:00:00 UTC' - TIMESTAMP '2024-01-01 00:00:00 UTC' AS i
-- expect: [{"i": "0-0 0 24:0:0"}]

-- case: date_minus_date_is_interval
SELECT DATE '2024-03-01' - DATE '2024-02-01' AS i
-- expect: [{"i": "0-0 29 0:0:0"}]

-- case: interval_times_int
SELECT INTERVAL 3 DAY * 2 AS i
-- expect: [{"i": "0-0 6 0:0:0"}]

-- case: interval_negation
SELECT -INTERVAL 2 HOUR AS i
-- expect: [{"i": "0-0 0 -2:0:0"}]

-- case: datetime_minus_interval
SELECT DATETIME '2024-03-31 10:00:00' - INTERVAL 1 MONTH AS dt
-- expect: [{"dt": "2024-02-29T10:00:00"}]

-- case: interval_over_fixture
SELECT name, added + INTERVAL 10 DAY AS due FROM fx.items WHERE id = 1
-- expect: [["apple", "2024-01-25T00:00:00"]]

-- case: extract_day_from_interval
SELECT EXTRACT(DAY FROM INTERVAL '5 10:00:00' DAY TO SECOND) AS d, EXTRACT(HOUR FROM INTERVAL '5 10:00:00' DAY TO SECOND) AS h
-- expect: [{"d": 5, "h": 10}]

-- case: cast_interval_to_string
SELECT CAST(INTERVAL '1-2 3 4:5:6' YEAR TO SECOND AS STRING) AS s
-- expect: [{"s": "1-2 3 4:5:6"}]

-- case: cast_string_to_interval
SELECT CAST('0-0 3 0:0:0' AS INTERVAL) AS i
-- expect: [{"i": "0-0 3 0:0:0"}]
