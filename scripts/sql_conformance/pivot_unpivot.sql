-- PIVOT and UNPIVOT.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#pivot_operator
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#unpivot_operator
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: pivot_operator_2
WITH Produce AS (
  SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
  SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
  SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
  SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
  SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
  SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
  SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
  SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
  SELECT 'Apple', 1, 'Q1', 2021)
SELECT * FROM Produce
-- expect: [{"product": "Kale", "sales": 51, "quarter": "Q1", "year": 2020}, {"product": "Kale", "sales": 23, "quarter": "Q2", "year": 2020}, {"product": "Kale", "sales": 45, "quarter": "Q3", "year": 2020}, {"product": "Kale", "sales": 3, "quarter": "Q4", "year": 2020}, {"product": "Kale", "sales": 70, "quarter": "Q1", "year": 2021}, {"product": "Kale", "sales": 85, "quarter": "Q2", "year": 2021}, {"product": "Apple", "sales": 77, "quarter": "Q1", "year": 2020}, {"product": "Apple", "sales": 0, "quarter": "Q2", "year": 2020}, {"product": "Apple", "sales": 1, "quarter": "Q1", "year": 2021}]

-- case: pivot_operator_3
WITH Produce AS (
  SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
  SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
  SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
  SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
  SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
  SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
  SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
  SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
  SELECT 'Apple', 1, 'Q1', 2021)
SELECT * FROM
  Produce
  PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3', 'Q4'))
-- expect: [{"product": "Apple", "year": 2020, "Q1": 77, "Q2": 0, "Q3": null, "Q4": null}, {"product": "Apple", "year": 2021, "Q1": 1, "Q2": null, "Q3": null, "Q4": null}, {"product": "Kale", "year": 2020, "Q1": 51, "Q2": 23, "Q3": 45, "Q4": 3}, {"product": "Kale", "year": 2021, "Q1": 70, "Q2": 85, "Q3": null, "Q4": null}]

-- case: pivot_operator_4
WITH Produce AS (
  SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
  SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
  SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
  SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
  SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
  SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
  SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
  SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
  SELECT 'Apple', 1, 'Q1', 2021)
SELECT * FROM
  (SELECT product, sales, quarter FROM Produce)
  PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3', 'Q4'))
-- expect: [{"product": "Apple", "Q1": 78, "Q2": 0, "Q3": null, "Q4": null}, {"product": "Kale", "Q1": 121, "Q2": 108, "Q3": 45, "Q4": 3}]

-- case: pivot_operator_5
WITH Produce AS (
  SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
  SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
  SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
  SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
  SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
  SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
  SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
  SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
  SELECT 'Apple', 1, 'Q1', 2021)
SELECT * FROM
  (SELECT product, sales, quarter FROM Produce)
  PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3'))
-- expect: [{"product": "Apple", "Q1": 78, "Q2": 0, "Q3": null}, {"product": "Kale", "Q1": 121, "Q2": 108, "Q3": 45}]

-- case: pivot_operator_6
WITH Produce AS (
  SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
  SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
  SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
  SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
  SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
  SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
  SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
  SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
  SELECT 'Apple', 1, 'Q1', 2021)
SELECT * FROM
  (SELECT sales, quarter FROM Produce)
  PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3'))
-- expect: [{"Q1": 199, "Q2": 108, "Q3": 45}]

-- case: pivot_operator_7
WITH Produce AS (
  SELECT 'Kale' as product, 51 as sales, 'Q1' as quarter, 2020 as year UNION ALL
  SELECT 'Kale', 23, 'Q2', 2020 UNION ALL
  SELECT 'Kale', 45, 'Q3', 2020 UNION ALL
  SELECT 'Kale', 3, 'Q4', 2020 UNION ALL
  SELECT 'Kale', 70, 'Q1', 2021 UNION ALL
  SELECT 'Kale', 85, 'Q2', 2021 UNION ALL
  SELECT 'Apple', 77, 'Q1', 2020 UNION ALL
  SELECT 'Apple', 0, 'Q2', 2020 UNION ALL
  SELECT 'Apple', 1, 'Q1', 2021)
SELECT * FROM
  (SELECT product, sales, quarter FROM Produce)
  PIVOT(SUM(sales) AS total_sales, COUNT(*) AS num_records FOR quarter IN ('Q1', 'Q2'))
-- expect: [{"product": "Kale", "total_sales_Q1": 121, "num_records_Q1": 2, "total_sales_Q2": 108, "num_records_Q2": 2}, {"product": "Apple", "total_sales_Q1": 78, "num_records_Q1": 2, "total_sales_Q2": 0, "num_records_Q2": 1}]

-- case: unpivot_operator_2
WITH Produce AS (
  SELECT 'Kale' as product, 51 as Q1, 23 as Q2, 45 as Q3, 3 as Q4 UNION ALL
  SELECT 'Apple', 77, 0, 25, 2)
SELECT * FROM Produce
-- expect: [{"product": "Kale", "Q1": 51, "Q2": 23, "Q3": 45, "Q4": 3}, {"product": "Apple", "Q1": 77, "Q2": 0, "Q3": 25, "Q4": 2}]

-- case: unpivot_operator_3
WITH Produce AS (
  SELECT 'Kale' as product, 51 as Q1, 23 as Q2, 45 as Q3, 3 as Q4 UNION ALL
  SELECT 'Apple', 77, 0, 25, 2)
SELECT * FROM Produce
UNPIVOT(sales FOR quarter IN (Q1, Q2, Q3, Q4))
-- expect: [{"product": "Kale", "sales": 51, "quarter": "Q1"}, {"product": "Kale", "sales": 23, "quarter": "Q2"}, {"product": "Kale", "sales": 45, "quarter": "Q3"}, {"product": "Kale", "sales": 3, "quarter": "Q4"}, {"product": "Apple", "sales": 77, "quarter": "Q1"}, {"product": "Apple", "sales": 0, "quarter": "Q2"}, {"product": "Apple", "sales": 25, "quarter": "Q3"}, {"product": "Apple", "sales": 2, "quarter": "Q4"}]

-- case: unpivot_operator_4
WITH Produce AS (
  SELECT 'Kale' as product, 51 as Q1, 23 as Q2, 45 as Q3, 3 as Q4 UNION ALL
  SELECT 'Apple', 77, 0, 25, 2)
SELECT * FROM Produce
UNPIVOT(
  (first_half_sales, second_half_sales)
  FOR semesters
  IN ((Q1, Q2) AS 'semester_1', (Q3, Q4) AS 'semester_2'))
-- expect: [{"product": "Kale", "first_half_sales": 51, "second_half_sales": 23, "semesters": "semester_1"}, {"product": "Kale", "first_half_sales": 45, "second_half_sales": 3, "semesters": "semester_2"}, {"product": "Apple", "first_half_sales": 77, "second_half_sales": 0, "semesters": "semester_1"}, {"product": "Apple", "first_half_sales": 25, "second_half_sales": 2, "semesters": "semester_2"}]

-- Over the fixture tables (query-syntax#pivot_operator, #unpivot_operator).

-- case: pivot_fixture_sum_by_customer
SELECT * FROM (SELECT customer, quantity FROM fx.orders) PIVOT(SUM(quantity) FOR customer IN ('ann', 'bob', 'cy'))
-- expect: [{"ann": 4, "bob": 13, "cy": 2}]

-- case: pivot_fixture_grouped
SELECT * FROM (SELECT order_date, customer, quantity FROM fx.orders WHERE customer IN ('ann', 'bob'))
PIVOT(SUM(quantity) FOR customer IN ('ann', 'bob'))
-- expect: [{"order_date": "2024-03-01", "ann": 3, "bob": 12}, {"order_date": "2024-03-02", "ann": null, "bob": 1}, {"order_date": "2024-03-04", "ann": 1, "bob": null}]

-- case: pivot_with_alias
SELECT * FROM (SELECT customer FROM fx.orders) PIVOT(COUNT(*) FOR customer IN ('ann' AS a, 'bob' AS b))
-- expect: [{"a": 2, "b": 2}]

-- case: pivot_count_of_produce
SELECT * FROM (SELECT category, purchases FROM fx.Produce) PIVOT(MAX(purchases) FOR category IN ('fruit', 'vegetable'))
-- expect: [{"fruit": 8, "vegetable": 23}]

-- case: unpivot_fixture_struct_fields
SELECT id, side, v FROM (SELECT id, dims.w AS w, dims.h AS h FROM fx.items WHERE id IN (1, 2))
UNPIVOT(v FOR side IN (w, h))
-- expect: [[1, "w", 3], [1, "h", 4], [2, "w", 2], [2, "h", 8]]

-- case: unpivot_excludes_nulls
SELECT id, side, v FROM (SELECT id, dims.w AS w, dims.h AS h FROM fx.items WHERE id = 6)
UNPIVOT(v FOR side IN (w, h))
-- expect: [[6, "h", 2]]

-- case: unpivot_include_nulls
SELECT id, side, v FROM (SELECT id, dims.w AS w, dims.h AS h FROM fx.items WHERE id = 6)
UNPIVOT INCLUDE NULLS (v FOR side IN (w, h))
-- expect: [[6, "w", null], [6, "h", 2]]

-- case: pivot_value_not_in_list_dropped
SELECT * FROM (SELECT customer, quantity FROM fx.orders) PIVOT(SUM(quantity) FOR customer IN ('zed'))
-- expect: [{"zed": null}]
