-- Mathematical functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: cbrt_1
SELECT CBRT(27) AS cube_root
-- expect: [{"cube_root": 3.0000000000000004}]

-- case: cot_1
SELECT COT(1) AS a, SAFE.COT(0) AS b
-- expect: [{"a": 0.6420926159343306, "b": null}]

-- case: coth_1
SELECT COTH(1) AS a, SAFE.COTH(0) AS b
-- expect: [{"a": 1.313035285499, "b": null}]

-- case: csc_1
SELECT CSC(100) AS a, CSC(-1) AS b, SAFE.CSC(0) AS c
-- expect: [{"a": -1.97485753142, "b": -1.188395105778, "c": null}]

-- case: csch_1
SELECT CSCH(0.5) AS a, CSCH(-2) AS b, SAFE.CSCH(0) AS c
-- expect: [{"a": 1.919034751334, "b": -0.27572056477, "c": null}]

-- case: pi_1
SELECT PI() AS pi
-- expect: [{"pi": 3.141592653589793}]

-- case: range_bucket_1
WITH students AS
(
  SELECT 9 AS age UNION ALL
  SELECT 20 AS age UNION ALL
  SELECT 25 AS age UNION ALL
  SELECT 31 AS age UNION ALL
  SELECT 32 AS age UNION ALL
  SELECT 33 AS age
)
SELECT RANGE_BUCKET(age, [10, 20, 30]) AS age_group, COUNT(*) AS count
FROM students
GROUP BY 1
-- expect: [{"age_group": 0, "count": 1}, {"age_group": 2, "count": 2}, {"age_group": 3, "count": 3}]

-- case: sec_1
SELECT SEC(100) AS a, SEC(-1) AS b
-- expect: [{"a": 1.159663822905, "b": 1.85081571768}]

-- case: sech_1
SELECT SECH(0.5) AS a, SECH(-2) AS b, SECH(100) AS c
-- expect: [{"a": 0.88681888397, "b": 0.265802228834, "c": 7.4401519520417e-44}]

-- Results as the mathematical functions page documents them (its tables of X / result), and the
-- arithmetic operators page (operators#arithmetic_operators): `/` is FLOAT64 division; division by
-- zero and INT64 overflow are errors; SAFE_ functions give NULL instead.

-- case: abs_sign
SELECT ABS(-25) AS a, ABS(25) AS b, SIGN(-3) AS c, SIGN(0) AS d, SIGN(4.5) AS e
-- expect: [{"a": 25, "b": 25, "c": -1, "d": 0, "e": 1.0}]

-- case: div_integer
SELECT DIV(20, 4) AS a, DIV(12, -7) AS b, DIV(20, 3) AS c, DIV(0, 20) AS d
-- expect: [{"a": 5, "b": -1, "c": 6, "d": 0}]

-- case: div_by_zero_fails
SELECT DIV(20, 0) AS n
-- error: division by zero

-- case: slash_by_zero_fails
SELECT 1 / 0 AS n
-- error: division by zero

-- case: slash_is_float_division
SELECT 10 / 4 AS n
-- expect: [{"n": 2.5}]

-- case: mod_sign_follows_dividend
SELECT MOD(25, 12) AS a, MOD(-25, 12) AS b, MOD(25, -12) AS c
-- expect: [{"a": 1, "b": -1, "c": 1}]

-- case: mod_by_zero_fails
SELECT MOD(25, 0) AS n
-- error: division by zero

-- case: safe_divide
SELECT SAFE_DIVIDE(20, 4) AS a, SAFE_DIVIDE(20, 0) AS b, SAFE_DIVIDE(0, 20) AS c
-- expect: [{"a": 5.0, "b": null, "c": 0.0}]

-- case: ieee_divide
SELECT IEEE_DIVIDE(20.0, 4.0) AS a, IEEE_DIVIDE(25.0, 0.0) AS b, IEEE_DIVIDE(-25.0, 0.0) AS c, IS_NAN(IEEE_DIVIDE(0.0, 0.0)) AS d
-- expect: [{"a": 5.0, "b": "Infinity", "c": "-Infinity", "d": true}]

-- case: is_inf_is_nan
SELECT IS_INF(IEEE_DIVIDE(1, 0)) AS a, IS_INF(25.0) AS b, IS_NAN(25.0) AS c
-- expect: [{"a": true, "b": false, "c": false}]

-- case: round_half_away_from_zero
SELECT ROUND(2.0) AS a, ROUND(2.3) AS b, ROUND(2.8) AS c, ROUND(2.5) AS d, ROUND(-2.3) AS e, ROUND(-2.8) AS f, ROUND(-2.5) AS g, ROUND(0) AS h
-- expect: [{"a": 2.0, "b": 2.0, "c": 3.0, "d": 3.0, "e": -2.0, "f": -3.0, "g": -3.0, "h": 0}]

-- case: round_negative_places
SELECT ROUND(123.7, -1) AS a, ROUND(123.7, -2) AS b
-- expect: [{"a": 120.0, "b": 100.0}]

-- case: round_numeric_half_even
SELECT ROUND(NUMERIC '2.25', 1, 'ROUND_HALF_EVEN') AS a, ROUND(NUMERIC '2.35', 1, 'ROUND_HALF_EVEN') AS b, ROUND(NUMERIC '2.25', 1) AS c
-- expect: [{"a": "2.2", "b": "2.4", "c": "2.3"}]

-- case: trunc
SELECT TRUNC(2.0) AS a, TRUNC(2.3) AS b, TRUNC(2.8) AS c, TRUNC(-2.3) AS d, TRUNC(-2.8) AS e, TRUNC(123.456, 1) AS f
-- expect: [{"a": 2.0, "b": 2.0, "c": 2.0, "d": -2.0, "e": -2.0, "f": 123.4}]

-- case: ceil_floor
SELECT CEIL(2.3) AS a, CEILING(-2.3) AS b, FLOOR(2.8) AS c, FLOOR(-2.3) AS d
-- expect: [{"a": 3.0, "b": -2.0, "c": 2.0, "d": -3.0}]

-- case: sqrt_pow
SELECT SQRT(25.0) AS a, POW(2, 10) AS b, POWER(2.0, -2) AS c, POW(0, 0) AS d
-- expect: [{"a": 5.0, "b": 1024.0, "c": 0.25, "d": 1.0}]

-- case: sqrt_negative_fails
SELECT SQRT(-1.0) AS n
-- error:

-- case: exp_ln_log
SELECT EXP(0.0) AS a, LN(1.0) AS b, LOG(100.0, 10.0) AS c, LOG10(1000.0) AS d, LN(EXP(2.0)) AS e
-- expect: [{"a": 1.0, "b": 0.0, "c": 2.0, "d": 3.0, "e": 2.0}]

-- case: greatest_least
SELECT GREATEST(1, 5, 3) AS g, LEAST(4, 2, 9) AS l, GREATEST('a', 'c', 'b') AS s
-- expect: [{"g": 5, "l": 2, "s": "c"}]

-- case: greatest_with_null_is_null
SELECT GREATEST(1, NULL, 3) AS g, LEAST(NULL, 2) AS l
-- expect: [{"g": null, "l": null}]

-- case: int64_overflow_fails
SELECT 9223372036854775807 + 1 AS n
-- error: overflow

-- case: safe_add_overflow_is_null
SELECT SAFE_ADD(9223372036854775807, 1) AS a, SAFE_ADD(5, 4) AS b
-- expect: [{"a": null, "b": 9}]

-- case: safe_subtract_multiply_negate
SELECT SAFE_SUBTRACT(5, 3) AS a, SAFE_MULTIPLY(20, 4) AS b, SAFE_NEGATE(1) AS c, SAFE_MULTIPLY(9223372036854775807, 2) AS d
-- expect: [{"a": 2, "b": 80, "c": -1, "d": null}]

-- case: trig_functions
-- No reserved keyword as an alias (NO and AT are reserved in GoogleSQL).
SELECT COS(0.0) AS c, SIN(0.0) AS s, TAN(0.0) AS t, ACOS(1.0) AS ac, ASIN(0.0) AS asn, ATAN(0.0) AS atn
-- expect: [{"c": 1.0, "s": 0.0, "t": 0.0, "ac": 0.0, "asn": 0.0, "atn": 0.0}]

-- case: atan2
SELECT ATAN2(1.0, 1.0) AS a
-- expect: [{"a": 0.7853981633974483}]

-- case: hyperbolic_functions
SELECT COSH(0.0) AS c, SINH(0.0) AS s, TANH(0.0) AS t
-- expect: [{"c": 1.0, "s": 0.0, "t": 0.0}]

-- case: acos_out_of_range_fails
SELECT ACOS(2.0) AS n
-- error:

-- case: inverse_hyperbolic_functions
SELECT ACOSH(1.0) AS ac, ASINH(0.0) AS asn, ATANH(0.0) AS atn
-- expect: [{"ac": 0.0, "asn": 0.0, "atn": 0.0}]

-- case: acosh_below_one_fails
SELECT ACOSH(0.5) AS n
-- error:

-- case: cosine_distance_dense_and_sparse
SELECT ROUND(COSINE_DISTANCE([1.0, 2.0], [3.0, 4.0]), 6) AS dense,
       ROUND(COSINE_DISTANCE([(1, 1.0), (2, 2.0)], [(2, 4.0), (1, 3.0)]), 6) AS sparse
-- expect: [{"dense": 0.01613, "sparse": 0.01613}]

-- case: cosine_distance_of_zero_vector_fails
SELECT COSINE_DISTANCE([0.0, 0.0], [3.0, 4.0]) AS results
-- error:

-- case: euclidean_distance_dense_and_sparse
SELECT ROUND(EUCLIDEAN_DISTANCE([1.0, 2.0], [3.0, 4.0]), 3) AS dense,
       ROUND(EUCLIDEAN_DISTANCE([(1, 1.0), (2, 2.0)], [(2, 4.0), (1, 3.0)]), 3) AS sparse
-- expect: [{"dense": 2.828, "sparse": 2.828}]

-- case: rand_in_unit_interval
SELECT LOGICAL_AND(r >= 0 AND r < 1) AS ok FROM (SELECT RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 100)))
-- expect: [{"ok": true}]

-- case: numeric_exact_arithmetic
SELECT NUMERIC '1.1' + NUMERIC '2.2' AS s, NUMERIC '1.1' + NUMERIC '2.2' = NUMERIC '3.3' AS exact
-- expect: [{"s": "3.3", "exact": true}]

-- case: numeric_fixture_sum_avg
SELECT SUM(price) AS total, AVG(price) AS mean FROM fx.items
-- expect: [{"total": "16.65", "mean": "3.33"}]

-- case: float_fixture_sum
SELECT SUM(weight) AS w FROM fx.items
-- expect: [{"w": 3.35}]

-- case: unary_minus_and_precedence
SELECT -2 * 3 + 10 / 5 AS n
-- expect: [{"n": -4.0}]

-- case: integer_multiplication
SELECT 7 * 6 AS n, 7 - 10 AS m
-- expect: [{"n": 42, "m": -3}]

-- case: bignumeric_arithmetic
SELECT BIGNUMERIC '1.000000000000000000000000000001' * 2 AS b
-- expect: [{"b": "2.000000000000000000000000000002"}]

-- case: cbrt_and_pi
SELECT CBRT(27.0) AS c, ROUND(ACOS(-1.0), 6) AS p
-- expect: [{"c": 3.0, "p": 3.141593}]

-- Decimal arguments keep the decimal type (BigQuery's signatures for NUMERIC and BIGNUMERIC); the
-- expected values are the exact results rounded half away from zero to the type's scale.

-- case: sqrt_exp_ln_of_numeric
SELECT SQRT(NUMERIC '2') AS s, EXP(NUMERIC '1') AS e, LN(NUMERIC '10') AS l, LOG10(NUMERIC '2') AS l10
-- expect: [{"s": "1.414213562", "e": "2.718281828", "l": "2.302585093", "l10": "0.301029996"}]

-- case: pow_and_log_of_bignumeric
SELECT POW(BIGNUMERIC '3', 0.25) AS p, LOG(BIGNUMERIC '1000', 10) AS l
-- expect: [{"p": "1.31607401295249246081921890179699905516", "l": "3"}]

-- case: mod_of_numeric
SELECT MOD(NUMERIC '5.5', 2) AS a, MOD(NUMERIC '-7', 3) AS b
-- expect: [{"a": "1.5", "b": "-1"}]

-- case: numeric_times_float_literal_stays_numeric
SELECT NUMERIC '1.1' * 3.3 AS product, NUMERIC '0.1' + 0.2 = 0.3 AS exact
-- expect: [{"product": "3.63", "exact": true}]

-- case: sqrt_of_negative_numeric_fails
SELECT SQRT(NUMERIC '-1') AS s
-- error: SQRT is undefined for negative value
