-- DATE, DATETIME, TIME and TIMESTAMP functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/datetime_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/time_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/timestamp_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: date_1
SELECT
  DATE(2016, 12, 25) AS date_ymd,
  DATE(DATETIME '2016-12-25 23:59:59') AS date_dt,
  DATE(TIMESTAMP '2016-12-25 05:30:00+07', 'America/Los_Angeles') AS date_tstz
-- expect: [{"date_ymd": "2016-12-25", "date_dt": "2016-12-25", "date_tstz": "2016-12-24"}]

-- case: date_add_1
SELECT DATE_ADD(DATE '2008-12-25', INTERVAL 5 DAY) AS five_days_later
-- expect: [{"five_days_later": "2008-12-30"}]

-- case: date_diff_1
SELECT DATE_DIFF(DATE '2010-07-07', DATE '2008-12-25', DAY) AS days_diff
-- expect: [{"days_diff": 559}]

-- case: date_diff_2
SELECT
  DATE_DIFF(DATE '2017-10-15', DATE '2017-10-14', DAY) AS days_diff,
  DATE_DIFF(DATE '2017-10-15', DATE '2017-10-14', WEEK) AS weeks_diff
-- expect: [{"days_diff": 1, "weeks_diff": 1}]

-- case: date_diff_3
SELECT
  DATE_DIFF('2017-12-30', '2014-12-30', YEAR) AS year_diff,
  DATE_DIFF('2017-12-30', '2014-12-30', ISOYEAR) AS isoyear_diff
-- expect: [{"year_diff": 3, "isoyear_diff": 2}]

-- case: date_diff_4
SELECT
  DATE_DIFF('2017-12-18', '2017-12-17', WEEK) AS week_diff,
  DATE_DIFF('2017-12-18', '2017-12-17', WEEK(MONDAY)) AS week_weekday_diff,
  DATE_DIFF('2017-12-18', '2017-12-17', ISOWEEK) AS isoweek_diff
-- expect: [{"week_diff": 0, "week_weekday_diff": 1, "isoweek_diff": 1}]

-- case: date_from_unix_date_1
SELECT DATE_FROM_UNIX_DATE(14238) AS date_from_epoch
-- expect: [{"date_from_epoch": "2008-12-25"}]

-- case: date_sub_1
SELECT DATE_SUB(DATE '2008-12-25', INTERVAL 5 DAY) AS five_days_ago
-- expect: [{"five_days_ago": "2008-12-20"}]

-- case: date_trunc_1
SELECT DATE_TRUNC(DATE '2008-12-25', MONTH) AS month
-- expect: [{"month": "2008-12-01"}]

-- case: date_trunc_2
SELECT date AS original, DATE_TRUNC(date, WEEK(MONDAY)) AS truncated
FROM (SELECT DATE('2017-11-05') AS date)
-- expect: [{"original": "2017-11-05", "truncated": "2017-10-30"}]

-- case: date_trunc_3
SELECT
  DATE_TRUNC('2015-06-15', ISOYEAR) AS isoyear_boundary,
  EXTRACT(ISOYEAR FROM DATE '2015-06-15') AS isoyear_number
-- expect: [{"isoyear_boundary": "2014-12-29", "isoyear_number": 2015}]

-- case: extract_1
SELECT EXTRACT(DAY FROM DATE '2013-12-25') AS the_day
-- expect: [{"the_day": 25}]

-- case: extract_2
SELECT
  date,
  EXTRACT(ISOYEAR FROM date) AS isoyear,
  EXTRACT(ISOWEEK FROM date) AS isoweek,
  EXTRACT(YEAR FROM date) AS year,
  EXTRACT(WEEK FROM date) AS week
FROM UNNEST(GENERATE_DATE_ARRAY('2015-12-23', '2016-01-09')) AS date
ORDER BY date
-- expect: [{"date": "2015-12-23", "isoyear": 2015, "isoweek": 52, "year": 2015, "week": 51}, {"date": "2015-12-24", "isoyear": 2015, "isoweek": 52, "year": 2015, "week": 51}, {"date": "2015-12-25", "isoyear": 2015, "isoweek": 52, "year": 2015, "week": 51}, {"date": "2015-12-26", "isoyear": 2015, "isoweek": 52, "year": 2015, "week": 51}, {"date": "2015-12-27", "isoyear": 2015, "isoweek": 52, "year": 2015, "week": 52}, {"date": "2015-12-28", "isoyear": 2015, "isoweek": 53, "year": 2015, "week": 52}, {"date": "2015-12-29", "isoyear": 2015, "isoweek": 53, "year": 2015, "week": 52}, {"date": "2015-12-30", "isoyear": 2015, "isoweek": 53, "year": 2015, "week": 52}, {"date": "2015-12-31", "isoyear": 2015, "isoweek": 53, "year": 2015, "week": 52}, {"date": "2016-01-01", "isoyear": 2015, "isoweek": 53, "year": 2016, "week": 0}, {"date": "2016-01-02", "isoyear": 2015, "isoweek": 53, "year": 2016, "week": 0}, {"date": "2016-01-03", "isoyear": 2015, "isoweek": 53, "year": 2016, "week": 1}, {"date": "2016-01-04", "isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}, {"date": "2016-01-05", "isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}, {"date": "2016-01-06", "isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}, {"date": "2016-01-07", "isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}, {"date": "2016-01-08", "isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}, {"date": "2016-01-09", "isoyear": 2016, "isoweek": 1, "year": 2016, "week": 1}]

-- case: extract_3
WITH table AS (SELECT DATE('2017-11-05') AS date)
SELECT
  date,
  EXTRACT(WEEK(SUNDAY) FROM date) AS week_sunday,
  EXTRACT(WEEK(MONDAY) FROM date) AS week_monday FROM table
-- expect: [{"date": "2017-11-05", "week_sunday": 45, "week_monday": 44}]

-- case: format_date_1
SELECT FORMAT_DATE('%x', DATE '2008-12-25') AS US_format
-- expect: [{"US_format": "12/25/08"}]

-- case: format_date_2
SELECT FORMAT_DATE('%b-%d-%Y', DATE '2008-12-25') AS formatted
-- expect: [{"formatted": "Dec-25-2008"}]

-- case: format_date_3
SELECT FORMAT_DATE('%b %Y', DATE '2008-12-25') AS formatted
-- expect: [{"formatted": "Dec 2008"}]

-- case: last_day_1
SELECT LAST_DAY(DATE '2008-11-25', MONTH) AS last_day
-- expect: [{"last_day": "2008-11-30"}]

-- case: last_day_2
SELECT LAST_DAY(DATE '2008-11-25') AS last_day
-- expect: [{"last_day": "2008-11-30"}]

-- case: last_day_3
SELECT LAST_DAY(DATE '2008-11-25', YEAR) AS last_day
-- expect: [{"last_day": "2008-12-31"}]

-- case: last_day_4
SELECT LAST_DAY(DATE '2008-11-10', WEEK(SUNDAY)) AS last_day
-- expect: [{"last_day": "2008-11-15"}]

-- case: last_day_5
SELECT LAST_DAY(DATE '2008-11-10', WEEK(MONDAY)) AS last_day
-- expect: [{"last_day": "2008-11-16"}]

-- case: parse_date_1
SELECT PARSE_DATE('%x', '12/25/08') AS parsed
-- expect: [{"parsed": "2008-12-25"}]

-- case: parse_date_2
SELECT PARSE_DATE('%Y%m%d', '20081225') AS parsed
-- expect: [{"parsed": "2008-12-25"}]

-- case: unix_date_1
SELECT UNIX_DATE(DATE '2008-12-25') AS days_from_epoch
-- expect: [{"days_from_epoch": 14238}]

-- case: datetime_1
SELECT
  DATETIME(2008, 12, 25, 05, 30, 00) as datetime_ymdhms,
  DATETIME(TIMESTAMP "2008-12-25 05:30:00+00", "America/Los_Angeles") as datetime_tstz
-- expect: [{"datetime_ymdhms": "2008-12-25 05:30:00", "datetime_tstz": "2008-12-24 21:30:00"}]

-- case: datetime_add_1
SELECT
  DATETIME "2008-12-25 15:30:00" as original_date,
  DATETIME_ADD(DATETIME "2008-12-25 15:30:00", INTERVAL 10 MINUTE) as later
-- expect: [{"original_date": "2008-12-25 15:30:00", "later": "2008-12-25 15:40:00"}]

-- case: datetime_diff_1
SELECT
  DATETIME "2010-07-07 10:20:00" as first_datetime,
  DATETIME "2008-12-25 15:30:00" as second_datetime,
  DATETIME_DIFF(DATETIME "2010-07-07 10:20:00",
    DATETIME "2008-12-25 15:30:00", DAY) as difference
-- expect: [{"first_datetime": "2010-07-07 10:20:00", "second_datetime": "2008-12-25 15:30:00", "difference": 559}]

-- case: datetime_diff_2
SELECT
  DATETIME_DIFF(DATETIME '2017-10-15 00:00:00',
    DATETIME '2017-10-14 00:00:00', DAY) as days_diff,
  DATETIME_DIFF(DATETIME '2017-10-15 00:00:00',
    DATETIME '2017-10-14 00:00:00', WEEK) as weeks_diff
-- expect: [{"days_diff": 1, "weeks_diff": 1}]

-- case: datetime_diff_3
SELECT
  DATETIME_DIFF('2017-12-30 00:00:00',
    '2014-12-30 00:00:00', YEAR) AS year_diff,
  DATETIME_DIFF('2017-12-30 00:00:00',
    '2014-12-30 00:00:00', ISOYEAR) AS isoyear_diff
-- expect: [{"year_diff": 3, "isoyear_diff": 2}]

-- case: datetime_diff_4
SELECT
  DATETIME_DIFF('2017-12-18', '2017-12-17', WEEK) AS week_diff,
  DATETIME_DIFF('2017-12-18', '2017-12-17', WEEK(MONDAY)) AS week_weekday_diff,
  DATETIME_DIFF('2017-12-18', '2017-12-17', ISOWEEK) AS isoweek_diff
-- expect: [{"week_diff": 0, "week_weekday_diff": 1, "isoweek_diff": 1}]

-- case: datetime_sub_1
SELECT
  DATETIME "2008-12-25 15:30:00" as original_date,
  DATETIME_SUB(DATETIME "2008-12-25 15:30:00", INTERVAL 10 MINUTE) as earlier
-- expect: [{"original_date": "2008-12-25 15:30:00", "earlier": "2008-12-25 15:20:00"}]

-- case: datetime_trunc_1
SELECT
  DATETIME "2008-12-25 15:30:00" as original,
  DATETIME_TRUNC(DATETIME "2008-12-25 15:30:00", DAY) as truncated
-- expect: [{"original": "2008-12-25 15:30:00", "truncated": "2008-12-25 00:00:00"}]

-- case: datetime_trunc_2
SELECT
 datetime AS original,
 DATETIME_TRUNC(datetime, WEEK(MONDAY)) AS truncated
FROM (SELECT DATETIME(TIMESTAMP "2017-11-05 00:00:00+00", "UTC") AS datetime)
-- expect: [{"original": "2017-11-05 00:00:00", "truncated": "2017-10-30 00:00:00"}]

-- case: datetime_trunc_3
SELECT
  DATETIME_TRUNC('2015-06-15 00:00:00', ISOYEAR) AS isoyear_boundary,
  EXTRACT(ISOYEAR FROM DATETIME '2015-06-15 00:00:00') AS isoyear_number
-- expect: [{"isoyear_boundary": "2014-12-29 00:00:00", "isoyear_number": 2015}]

-- case: datetime_extract_1
SELECT EXTRACT(HOUR FROM DATETIME(2008, 12, 25, 15, 30, 00)) as hour
-- expect: [{"hour": 15}]

-- case: datetime_extract_2
WITH Datetimes AS (
  SELECT DATETIME '2005-01-03 12:34:56' AS datetime UNION ALL
  SELECT DATETIME '2007-12-31' UNION ALL
  SELECT DATETIME '2009-01-01' UNION ALL
  SELECT DATETIME '2009-12-31' UNION ALL
  SELECT DATETIME '2017-01-02' UNION ALL
  SELECT DATETIME '2017-05-26'
)
SELECT
  datetime,
  EXTRACT(ISOYEAR FROM datetime) AS isoyear,
  EXTRACT(ISOWEEK FROM datetime) AS isoweek,
  EXTRACT(YEAR FROM datetime) AS year,
  EXTRACT(WEEK FROM datetime) AS week
FROM Datetimes
ORDER BY datetime
-- expect: [{"datetime": "2005-01-03 12:34:56", "isoyear": 2005, "isoweek": 1, "year": 2005, "week": 1}, {"datetime": "2007-12-31 00:00:00", "isoyear": 2008, "isoweek": 1, "year": 2007, "week": 52}, {"datetime": "2009-01-01 00:00:00", "isoyear": 2009, "isoweek": 1, "year": 2009, "week": 0}, {"datetime": "2009-12-31 00:00:00", "isoyear": 2009, "isoweek": 53, "year": 2009, "week": 52}, {"datetime": "2017-01-02 00:00:00", "isoyear": 2017, "isoweek": 1, "year": 2017, "week": 1}, {"datetime": "2017-05-26 00:00:00", "isoyear": 2017, "isoweek": 21, "year": 2017, "week": 21}]

-- case: datetime_extract_3
WITH table AS (SELECT DATETIME(TIMESTAMP "2017-11-05 00:00:00+00", "UTC") AS datetime)
SELECT
  datetime,
  EXTRACT(WEEK(SUNDAY) FROM datetime) AS week_sunday,
  EXTRACT(WEEK(MONDAY) FROM datetime) AS week_monday
FROM table
-- expect: [{"datetime": "2017-11-05 00:00:00", "week_sunday": 45, "week_monday": 44}]

-- case: format_datetime_1
SELECT
  FORMAT_DATETIME("%c", DATETIME "2008-12-25 15:30:00")
  AS formatted
-- expect: [{"formatted": "Thu Dec 25 15:30:00 2008"}]

-- case: format_datetime_2
SELECT
  FORMAT_DATETIME("%b-%d-%Y", DATETIME "2008-12-25 15:30:00")
  AS formatted
-- expect: [{"formatted": "Dec-25-2008"}]

-- case: format_datetime_3
SELECT
  FORMAT_DATETIME("%b %Y", DATETIME "2008-12-25 15:30:00")
  AS formatted
-- expect: [{"formatted": "Dec 2008"}]

-- case: datetime_last_day_1
SELECT LAST_DAY(DATETIME '2008-11-25', MONTH) AS last_day
-- expect: [{"last_day": "2008-11-30"}]

-- case: datetime_last_day_2
SELECT LAST_DAY(DATETIME '2008-11-25') AS last_day
-- expect: [{"last_day": "2008-11-30"}]

-- case: datetime_last_day_3
SELECT LAST_DAY(DATETIME '2008-11-25 15:30:00', YEAR) AS last_day
-- expect: [{"last_day": "2008-12-31"}]

-- case: datetime_last_day_4
SELECT LAST_DAY(DATETIME '2008-11-10 15:30:00', WEEK(SUNDAY)) AS last_day
-- expect: [{"last_day": "2008-11-15"}]

-- case: datetime_last_day_5
SELECT LAST_DAY(DATETIME '2008-11-10 15:30:00', WEEK(MONDAY)) AS last_day
-- expect: [{"last_day": "2008-11-16"}]

-- case: parse_datetime_1
SELECT PARSE_DATETIME('%Y-%m-%d %H:%M:%S', '1998-10-18 13:45:55') AS datetime
-- expect: [{"datetime": "1998-10-18 13:45:55"}]

-- case: parse_datetime_2
SELECT PARSE_DATETIME('%m/%d/%Y %I:%M:%S %p', '8/30/2018 2:23:38 pm') AS datetime
-- expect: [{"datetime": "2018-08-30 14:23:38"}]

-- case: parse_datetime_3
SELECT PARSE_DATETIME('%A, %B %e, %Y','Wednesday, December 19, 2018')
  AS datetime
-- expect: [{"datetime": "2018-12-19 00:00:00"}]

-- case: time_extract_1
SELECT EXTRACT(HOUR FROM TIME "15:30:00") as hour
-- expect: [{"hour": 15}]

-- case: format_time_1
SELECT FORMAT_TIME("%R", TIME "15:30:00") as formatted_time
-- expect: [{"formatted_time": "15:30"}]

-- case: parse_time_1
SELECT PARSE_TIME("%H", "15") as parsed_time
-- expect: [{"parsed_time": "15:00:00"}]

-- case: parse_time_2
SELECT PARSE_TIME('%I:%M:%S %p', '2:23:38 pm') AS parsed_time
-- expect: [{"parsed_time": "14:23:38"}]

-- case: time_1
SELECT
  TIME(15, 30, 00) as time_hms,
  TIME(TIMESTAMP "2008-12-25 15:30:00+08", "America/Los_Angeles") as time_tstz
-- expect: [{"time_hms": "15:30:00", "time_tstz": "23:30:00"}]

-- case: time_2
SELECT TIME(DATETIME "2008-12-25 15:30:00.000000") AS time_dt
-- expect: [{"time_dt": "15:30:00"}]

-- case: time_add_1
SELECT
  TIME "15:30:00" as original_time,
  TIME_ADD(TIME "15:30:00", INTERVAL 10 MINUTE) as later
-- expect: [{"original_time": "15:30:00", "later": "15:40:00"}]

-- case: time_diff_1
SELECT
  TIME "15:30:00" as first_time,
  TIME "14:35:00" as second_time,
  TIME_DIFF(TIME "15:30:00", TIME "14:35:00", MINUTE) as difference
-- expect: [{"first_time": "15:30:00", "second_time": "14:35:00", "difference": 55}]

-- case: time_sub_1
SELECT
  TIME "15:30:00" as original_date,
  TIME_SUB(TIME "15:30:00", INTERVAL 10 MINUTE) as earlier
-- expect: [{"original_date": "15:30:00", "earlier": "15:20:00"}]

-- case: time_trunc_1
SELECT
  TIME "15:30:00" as original,
  TIME_TRUNC(TIME "15:30:00", HOUR) as truncated
-- expect: [{"original": "15:30:00", "truncated": "15:00:00"}]

-- case: timestamp_extract_1
SELECT
  EXTRACT(
    DAY
    FROM TIMESTAMP('2008-12-25 05:30:00+00') AT TIME ZONE 'UTC')
    AS the_day_utc,
  EXTRACT(
    DAY
    FROM TIMESTAMP('2008-12-25 05:30:00+00') AT TIME ZONE 'America/Los_Angeles')
    AS the_day_california
-- expect: [{"the_day_utc": 25, "the_day_california": 24}]

-- case: timestamp_extract_2
SELECT
  EXTRACT(ISOYEAR FROM TIMESTAMP("2005-01-03 12:34:56+00")) AS isoyear,
  EXTRACT(ISOWEEK FROM TIMESTAMP("2005-01-03 12:34:56+00")) AS isoweek,
  EXTRACT(YEAR FROM TIMESTAMP("2005-01-03 12:34:56+00")) AS year,
  EXTRACT(WEEK FROM TIMESTAMP("2005-01-03 12:34:56+00")) AS week
-- expect: [{"isoyear": 2005, "isoweek": 1, "year": 2005, "week": 1}]

-- case: timestamp_extract_3
SELECT
  EXTRACT(ISOYEAR FROM TIMESTAMP("2007-12-31 12:00:00+00")) AS isoyear,
  EXTRACT(ISOWEEK FROM TIMESTAMP("2007-12-31 12:00:00+00")) AS isoweek,
  EXTRACT(YEAR FROM TIMESTAMP("2007-12-31 12:00:00+00")) AS year,
  EXTRACT(WEEK FROM TIMESTAMP("2007-12-31 12:00:00+00")) AS week
-- expect: [{"isoyear": 2008, "isoweek": 1, "year": 2007, "week": 52}]

-- case: extract_4
SELECT
  EXTRACT(ISOYEAR FROM TIMESTAMP("2009-01-01 12:00:00+00")) AS isoyear,
  EXTRACT(ISOWEEK FROM TIMESTAMP("2009-01-01 12:00:00+00")) AS isoweek,
  EXTRACT(YEAR FROM TIMESTAMP("2009-01-01 12:00:00+00")) AS year,
  EXTRACT(WEEK FROM TIMESTAMP("2009-01-01 12:00:00+00")) AS week
-- expect: [{"isoyear": 2009, "isoweek": 1, "year": 2009, "week": 0}]

-- case: extract_5
SELECT
  EXTRACT(ISOYEAR FROM TIMESTAMP("2009-12-31 12:00:00+00")) AS isoyear,
  EXTRACT(ISOWEEK FROM TIMESTAMP("2009-12-31 12:00:00+00")) AS isoweek,
  EXTRACT(YEAR FROM TIMESTAMP("2009-12-31 12:00:00+00")) AS year,
  EXTRACT(WEEK FROM TIMESTAMP("2009-12-31 12:00:00+00")) AS week
-- expect: [{"isoyear": 2009, "isoweek": 53, "year": 2009, "week": 52}]

-- case: extract_6
SELECT
  EXTRACT(ISOYEAR FROM TIMESTAMP("2017-01-02 12:00:00+00")) AS isoyear,
  EXTRACT(ISOWEEK FROM TIMESTAMP("2017-01-02 12:00:00+00")) AS isoweek,
  EXTRACT(YEAR FROM TIMESTAMP("2017-01-02 12:00:00+00")) AS year,
  EXTRACT(WEEK FROM TIMESTAMP("2017-01-02 12:00:00+00")) AS week
-- expect: [{"isoyear": 2017, "isoweek": 1, "year": 2017, "week": 1}]

-- case: extract_7
SELECT
  EXTRACT(ISOYEAR FROM TIMESTAMP("2017-05-26 12:00:00+00")) AS isoyear,
  EXTRACT(ISOWEEK FROM TIMESTAMP("2017-05-26 12:00:00+00")) AS isoweek,
  EXTRACT(YEAR FROM TIMESTAMP("2017-05-26 12:00:00+00")) AS year,
  EXTRACT(WEEK FROM TIMESTAMP("2017-05-26 12:00:00+00")) AS week
-- expect: [{"isoyear": 2017, "isoweek": 21, "year": 2017, "week": 21}]

-- case: extract_8
SELECT
  EXTRACT(WEEK(SUNDAY) FROM TIMESTAMP("2017-11-06 00:00:00+00")) AS week_sunday,
  EXTRACT(WEEK(MONDAY) FROM TIMESTAMP("2017-11-06 00:00:00+00")) AS week_monday
-- expect: [{"week_sunday": 45, "week_monday": 44}]

-- case: format_timestamp_1
SELECT FORMAT_TIMESTAMP("%c", TIMESTAMP "2050-12-25 15:30:55+00", "UTC")
  AS formatted
-- expect: [{"formatted": "Sun Dec 25 15:30:55 2050"}]

-- case: format_timestamp_2
SELECT FORMAT_TIMESTAMP("%b-%d-%Y", TIMESTAMP "2050-12-25 15:30:55+00")
  AS formatted
-- expect: [{"formatted": "Dec-25-2050"}]

-- case: format_timestamp_3
SELECT FORMAT_TIMESTAMP("%b %Y", TIMESTAMP "2050-12-25 15:30:55+00")
  AS formatted
-- expect: [{"formatted": "Dec 2050"}]

-- case: string_1
SELECT STRING(TIMESTAMP "2008-12-25 15:30:00+00", "UTC") AS string
-- expect: [{"string": "2008-12-25 15:30:00+00"}]

-- case: timestamp_1
SELECT TIMESTAMP("2008-12-25 15:30:00+00") AS timestamp_str
-- expect: [{"timestamp_str": "2008-12-25 15:30:00.000+00"}]

-- case: timestamp_2
SELECT TIMESTAMP("2008-12-25 15:30:00", "America/Los_Angeles") AS timestamp_str
-- expect: [{"timestamp_str": "2008-12-25 23:30:00.000+00"}]

-- case: timestamp_3
SELECT TIMESTAMP("2008-12-25 15:30:00 UTC") AS timestamp_str
-- expect: [{"timestamp_str": "2008-12-25 15:30:00.000+00"}]

-- case: timestamp_add_1
SELECT
  TIMESTAMP("2008-12-25 15:30:00+00") AS original,
  TIMESTAMP_ADD(TIMESTAMP "2008-12-25 15:30:00+00", INTERVAL 10 MINUTE) AS later
-- expect: [{"original": "2008-12-25 15:30:00.000+00", "later": "2008-12-25 15:40:00.000+00"}]

-- case: timestamp_diff_1
SELECT
  TIMESTAMP("2010-07-07 10:20:00+00") AS later_timestamp,
  TIMESTAMP("2008-12-25 15:30:00+00") AS earlier_timestamp,
  TIMESTAMP_DIFF(TIMESTAMP "2010-07-07 10:20:00+00", TIMESTAMP "2008-12-25 15:30:00+00", HOUR) AS hours
-- expect: [{"later_timestamp": "2010-07-07 10:20:00.000+00", "earlier_timestamp": "2008-12-25 15:30:00.000+00", "hours": 13410}]

-- case: timestamp_diff_2
SELECT TIMESTAMP_DIFF(TIMESTAMP "2018-08-14", TIMESTAMP "2018-10-14", DAY) AS negative_diff
-- expect: [{"negative_diff": -61}]

-- case: timestamp_diff_3
SELECT TIMESTAMP_DIFF("2001-02-01 01:00:00", "2001-02-01 00:00:01", HOUR) AS diff
-- expect: [{"diff": 0}]

-- case: timestamp_from_unix_micros_1
SELECT TIMESTAMP_FROM_UNIX_MICROS(1230219000000000) AS timestamp_value
-- expect: [{"timestamp_value": "2008-12-25 15:30:00+00"}]

-- case: timestamp_from_unix_millis_1
SELECT TIMESTAMP_FROM_UNIX_MILLIS(1230219000000) AS timestamp_value
-- expect: [{"timestamp_value": "2008-12-25 15:30:00+00"}]

-- case: timestamp_from_unix_seconds_1
SELECT TIMESTAMP_FROM_UNIX_SECONDS(1230219000) AS timestamp_value
-- expect: [{"timestamp_value": "2008-12-25 15:30:00+00"}]

-- case: timestamp_micros_1
SELECT TIMESTAMP_MICROS(1230219000000000) AS timestamp_value
-- expect: [{"timestamp_value": "2008-12-25 15:30:00+00"}]

-- case: timestamp_millis_1
SELECT TIMESTAMP_MILLIS(1230219000000) AS timestamp_value
-- expect: [{"timestamp_value": "2008-12-25 15:30:00+00"}]

-- case: timestamp_seconds_1
SELECT TIMESTAMP_SECONDS(1230219000) AS timestamp_value
-- expect: [{"timestamp_value": "2008-12-25 15:30:00+00"}]

-- case: timestamp_sub_1
SELECT
  TIMESTAMP("2008-12-25 15:30:00+00") AS original,
  TIMESTAMP_SUB(TIMESTAMP "2008-12-25 15:30:00+00", INTERVAL 10 MINUTE) AS earlier
-- expect: [{"original": "2008-12-25 15:30:00.000+00", "earlier": "2008-12-25 15:20:00.000+00"}]

-- case: timestamp_trunc_1
SELECT
  TIMESTAMP_TRUNC(TIMESTAMP "2008-12-25 15:30:00+00", DAY, "UTC") AS utc,
  TIMESTAMP_TRUNC(TIMESTAMP "2008-12-25 15:30:00+00", DAY, "America/Los_Angeles") AS la
-- expect: [{"utc": "2008-12-25 00:00:00.000+00", "la": "2008-12-25 08:00:00.000+00"}]

-- case: timestamp_trunc_2
SELECT
  timestamp_value AS timestamp_value,
  TIMESTAMP_TRUNC(timestamp_value, WEEK(MONDAY), "UTC") AS utc_truncated,
  TIMESTAMP_TRUNC(timestamp_value, WEEK(MONDAY), "Pacific/Auckland") AS nzdt_truncated
FROM (SELECT TIMESTAMP("2017-11-06 00:00:00+12") AS timestamp_value)
-- expect: [{"timestamp_value": "2017-11-05 12:00:00.000+00", "utc_truncated": "2017-10-30 00:00:00.000+00", "nzdt_truncated": "2017-11-05 11:00:00.000+00"}]

-- case: timestamp_trunc_3
SELECT
  TIMESTAMP_TRUNC("2015-06-15 00:00:00+00", ISOYEAR) AS isoyear_boundary,
  EXTRACT(ISOYEAR FROM TIMESTAMP "2015-06-15 00:00:00+00") AS isoyear_number
-- expect: [{"isoyear_boundary": "2014-12-29 08:00:00.000+00", "isoyear_number": 2015}]

-- case: unix_micros_1
SELECT UNIX_MICROS(TIMESTAMP "2008-12-25 15:30:00+00") AS micros
-- expect: [{"micros": 1230219000000000}]

-- case: unix_micros_2
SELECT UNIX_MICROS(TIMESTAMP "1970-01-01 00:00:00.0000018+00") AS micros
-- expect: [{"micros": 1}]

-- case: unix_millis_1
SELECT UNIX_MILLIS(TIMESTAMP "2008-12-25 15:30:00+00") AS millis
-- expect: [{"millis": 1230219000000}]

-- case: unix_millis_2
SELECT UNIX_MILLIS(TIMESTAMP "1970-01-01 00:00:00.0018+00") AS millis
-- expect: [{"millis": 1}]

-- case: unix_seconds_1
SELECT UNIX_SECONDS(TIMESTAMP "2008-12-25 15:30:00+00") AS seconds
-- expect: [{"seconds": 1230219000}]

-- case: unix_seconds_2
SELECT UNIX_SECONDS(TIMESTAMP "1970-01-01 00:00:01.8+00") AS seconds
-- expect: [{"seconds": 1}]

-- Over the fixture's DATE, DATETIME, TIMESTAMP and TIME columns, with the documented behaviours
-- (TIMESTAMP literals without a zone are UTC; month arithmetic clamps to the month's last day).

-- case: date_column_values
SELECT id, added FROM fx.items WHERE id IN (1, 4)
-- expect: [[1, "2024-01-15"], [4, null]]

-- case: datetime_column_with_fraction
SELECT updated FROM fx.items WHERE id = 5
-- expect: [{"updated": "2024-03-05T14:45:30.5"}]

-- case: timestamp_column
SELECT created FROM fx.items WHERE id = 1
-- expect: [{"created": "2024-01-15 10:00:00 UTC"}]

-- case: time_column
SELECT opens FROM fx.items WHERE id = 5
-- expect: [{"opens": "10:15:00"}]

-- case: date_add_clamps_to_month_end
SELECT DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH) AS d
-- expect: [{"d": "2024-02-29"}]

-- case: date_sub_year_from_leap_day
SELECT DATE_SUB(DATE '2024-02-29', INTERVAL 1 YEAR) AS d
-- expect: [{"d": "2023-02-28"}]

-- case: date_diff_fixture
SELECT name, DATE_DIFF(DATE '2024-03-01', added, DAY) AS days FROM fx.items WHERE added IS NOT NULL
-- expect: [["apple", 46], ["banana", 29], ["carrot", 10], ["eggplant", -4], ["fig", 61]]

-- case: date_trunc_month_fixture
SELECT DATE_TRUNC(added, MONTH) AS m, COUNT(*) AS n FROM fx.items WHERE added IS NOT NULL GROUP BY m
-- expect: [["2024-01-01", 1], ["2024-02-01", 2], ["2024-03-01", 1], ["2023-12-01", 1]]

-- case: extract_from_timestamp_fixture
SELECT EXTRACT(HOUR FROM created) AS h, EXTRACT(DAYOFWEEK FROM created) AS dow FROM fx.items WHERE id = 1
-- expect: [{"h": 10, "dow": 2}]

-- case: timestamp_diff_fixture
SELECT TIMESTAMP_DIFF(created, TIMESTAMP '2024-01-15 00:00:00', MINUTE) AS m FROM fx.items WHERE id = 1
-- expect: [{"m": 600}]

-- case: timestamp_trunc_day
SELECT TIMESTAMP_TRUNC(created, DAY) AS d FROM fx.items WHERE id = 5
-- expect: [{"d": "2024-03-05 00:00:00 UTC"}]

-- case: timestamp_with_time_zone_name
SELECT TIMESTAMP('2024-06-01 12:00:00', 'America/New_York') AS ts
-- expect: [{"ts": "2024-06-01 16:00:00 UTC"}]

-- case: datetime_from_timestamp_in_zone
SELECT DATETIME(TIMESTAMP '2024-01-15 10:00:00 UTC', 'Asia/Tokyo') AS dt
-- expect: [{"dt": "2024-01-15T19:00:00"}]

-- case: date_from_timestamp_in_zone
SELECT DATE(TIMESTAMP '2024-01-15 20:00:00 UTC', 'Asia/Tokyo') AS d
-- expect: [{"d": "2024-01-16"}]

-- case: format_date_fixture
SELECT FORMAT_DATE('%Y/%m/%d', added) AS s FROM fx.items WHERE id = 2
-- expect: [{"s": "2024/02/01"}]

-- case: format_timestamp_default_utc
SELECT FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%S %Z', created) AS s FROM fx.items WHERE id = 1
-- expect: [{"s": "2024-01-15 10:00:00 UTC"}]

-- case: parse_date_format
SELECT PARSE_DATE('%d/%m/%Y', '25/12/2008') AS d
-- expect: [{"d": "2008-12-25"}]

-- case: parse_timestamp_format
SELECT PARSE_TIMESTAMP('%Y-%m-%d %H:%M', '2024-01-02 03:04') AS ts
-- expect: [{"ts": "2024-01-02 03:04:00 UTC"}]

-- case: time_add_wraps
SELECT TIME_ADD(TIME '23:30:00', INTERVAL 45 MINUTE) AS t
-- expect: [{"t": "00:15:00"}]

-- case: time_diff_fixture
SELECT TIME_DIFF(opens, TIME '07:00:00', MINUTE) AS m FROM fx.items WHERE id = 3
-- expect: [{"m": 30}]

-- case: date_comparison_filter
SELECT name FROM fx.items WHERE added BETWEEN DATE '2024-02-01' AND DATE '2024-02-29'
-- expect: [["banana"], ["carrot"]]

-- case: timestamp_comparison_filter
SELECT name FROM fx.items WHERE created >= TIMESTAMP '2024-02-01'
-- expect: [["banana"], ["carrot"], ["eggplant"]]

-- case: order_by_date_nulls_first
-- ordered
SELECT id FROM fx.items ORDER BY added, id
-- expect: [[4], [6], [1], [2], [3], [5]]

-- case: order_by_date_desc_nulls_last
-- ordered
SELECT id FROM fx.items ORDER BY added DESC, id
-- expect: [[5], [3], [2], [1], [6], [4]]

-- case: unix_seconds_fixture
SELECT UNIX_SECONDS(created) AS s FROM fx.items WHERE id = 1
-- expect: [{"s": 1705312800}]

-- case: timestamp_micros_precision
SELECT TIMESTAMP_ADD(TIMESTAMP '2024-01-01 00:00:00 UTC', INTERVAL 1 MICROSECOND) AS ts
-- expect: [{"ts": "2024-01-01 00:00:00.000001 UTC"}]

-- case: date_constructor_and_last_day
SELECT DATE(2024, 2, 1) AS d, LAST_DAY(DATE '2024-02-10') AS l
-- expect: [{"d": "2024-02-01", "l": "2024-02-29"}]

-- case: invalid_date_literal_fails
SELECT DATE '2024-13-01' AS d
-- error:

-- case: current_date_is_a_date
SELECT CURRENT_DATE() >= DATE '2024-01-01' AS ok, CURRENT_TIMESTAMP() > TIMESTAMP '2024-01-01' AS ok2
-- expect: [{"ok": true, "ok2": true}]

-- case: extract_isoweek_and_week
SELECT EXTRACT(ISOWEEK FROM DATE '2024-01-01') AS iw, EXTRACT(WEEK FROM DATE '2024-01-07') AS w, EXTRACT(DAYOFYEAR FROM DATE '2024-12-31') AS doy
-- expect: [{"iw": 1, "w": 1, "doy": 366}]

-- Time series functions (time-series-functions reference).

-- case: date_bucket_1
WITH some_dates AS (
  SELECT DATE '1949-12-29' AS my_date UNION ALL
  SELECT DATE '1949-12-30' UNION ALL
  SELECT DATE '1949-12-31' UNION ALL
  SELECT DATE '1950-01-01' UNION ALL
  SELECT DATE '1950-01-02' UNION ALL
  SELECT DATE '1950-01-03'
)
SELECT DATE_BUCKET(my_date, INTERVAL 2 DAY) AS bucket_lower_bound
FROM some_dates
-- expect: [["1949-12-28"], ["1949-12-30"], ["1949-12-30"], ["1950-01-01"], ["1950-01-01"], ["1950-01-03"]]

-- case: date_bucket_2
WITH some_dates AS (
  SELECT DATE '2000-12-20' AS my_date UNION ALL
  SELECT DATE '2000-12-21' UNION ALL
  SELECT DATE '2000-12-22' UNION ALL
  SELECT DATE '2000-12-23' UNION ALL
  SELECT DATE '2000-12-24' UNION ALL
  SELECT DATE '2000-12-25'
)
SELECT DATE_BUCKET(
  my_date,
  INTERVAL 7 DAY,
  DATE '2000-12-24') AS bucket_lower_bound
FROM some_dates
-- expect: [["2000-12-17"], ["2000-12-17"], ["2000-12-17"], ["2000-12-17"], ["2000-12-24"], ["2000-12-24"]]

-- case: datetime_bucket_1
WITH some_datetimes AS (
  SELECT DATETIME '1949-12-30 13:00:00' AS my_datetime UNION ALL
  SELECT DATETIME '1949-12-31 00:00:00' UNION ALL
  SELECT DATETIME '1949-12-31 13:00:00' UNION ALL
  SELECT DATETIME '1950-01-01 00:00:00' UNION ALL
  SELECT DATETIME '1950-01-01 13:00:00' UNION ALL
  SELECT DATETIME '1950-01-02 00:00:00'
)
SELECT DATETIME_BUCKET(my_datetime, INTERVAL 12 HOUR) AS bucket_lower_bound
FROM some_datetimes
-- expect: [["1949-12-30T12:00:00"], ["1949-12-31T00:00:00"], ["1949-12-31T12:00:00"], ["1950-01-01T00:00:00"], ["1950-01-01T12:00:00"], ["1950-01-02T00:00:00"]]

-- case: datetime_bucket_2
WITH some_datetimes AS (
  SELECT DATETIME '2000-12-20 00:00:00' AS my_datetime UNION ALL
  SELECT DATETIME '2000-12-21 00:00:00' UNION ALL
  SELECT DATETIME '2000-12-22 00:00:00' UNION ALL
  SELECT DATETIME '2000-12-23 00:00:00' UNION ALL
  SELECT DATETIME '2000-12-24 00:00:00' UNION ALL
  SELECT DATETIME '2000-12-25 00:00:00'
)
SELECT DATETIME_BUCKET(
  my_datetime,
  INTERVAL 7 DAY,
  DATETIME '2000-12-22 12:00:00') AS bucket_lower_bound
FROM some_datetimes
-- expect: [["2000-12-15T12:00:00"], ["2000-12-15T12:00:00"], ["2000-12-15T12:00:00"], ["2000-12-22T12:00:00"], ["2000-12-22T12:00:00"], ["2000-12-22T12:00:00"]]

-- case: timestamp_bucket_2
WITH some_timestamps AS (
  SELECT TIMESTAMP '2000-12-20 00:00:00.00' AS my_timestamp UNION ALL
  SELECT TIMESTAMP '2000-12-21 00:00:00.00' UNION ALL
  SELECT TIMESTAMP '2000-12-22 00:00:00.00' UNION ALL
  SELECT TIMESTAMP '2000-12-23 00:00:00.00' UNION ALL
  SELECT TIMESTAMP '2000-12-24 00:00:00.00' UNION ALL
  SELECT TIMESTAMP '2000-12-25 00:00:00.00'
)
SELECT STRING(TIMESTAMP_BUCKET(
  my_timestamp,
  INTERVAL 7 DAY,
  TIMESTAMP '2000-12-22 12:00:00.00')) AS bucket_lower_bound
FROM some_timestamps
-- expect: [["2000-12-15 12:00:00+00"], ["2000-12-15 12:00:00+00"], ["2000-12-15 12:00:00+00"], ["2000-12-22 12:00:00+00"], ["2000-12-22 12:00:00+00"], ["2000-12-22 12:00:00+00"]]

-- case: timestamp_literal_with_a_time_zone_name
-- From the reference's lexical structure page: a TIMESTAMP literal may end with a time zone name.
SELECT TIMESTAMP '2014-09-27 12:30:00.45 America/Los_Angeles' AS ts
-- expect: [{"ts": "2014-09-27 19:30:00.45+00"}]
