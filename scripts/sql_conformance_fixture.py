"""The fixture tables that conformance cases read as `fx.<table>`, built here through Google's client.

Small on purpose: an expected result over them is worked out by hand from the rows below. Every
column type the cases need is here, NULLs included (a REPEATED column has no NULL: it is empty).
"""
FIXTURE_DATASET = "fx"

ITEMS_SCHEMA = [
    ("id", "INT64", "REQUIRED"), ("name", "STRING", "NULLABLE"), ("category", "STRING", "NULLABLE"),
    ("price", "NUMERIC", "NULLABLE"), ("weight", "FLOAT64", "NULLABLE"), ("qty", "INT64", "NULLABLE"),
    ("in_stock", "BOOL", "NULLABLE"), ("added", "DATE", "NULLABLE"), ("updated", "DATETIME", "NULLABLE"),
    ("created", "TIMESTAMP", "NULLABLE"), ("opens", "TIME", "NULLABLE"), ("code", "BYTES", "NULLABLE"),
    ("tags", "STRING", "REPEATED"), ("dims", [("w", "INT64", "NULLABLE"), ("h", "INT64", "NULLABLE")], "NULLABLE"),
]
# code: base64 of b"abc", b"ban", b"egg", b"".
ITEMS = [
    dict(id=1, name="apple", category="fruit", price="1.50", weight=0.2, qty=10, in_stock=True,
         added="2024-01-15", updated="2024-01-15T10:00:00", created="2024-01-15 10:00:00 UTC",
         opens="08:00:00", code="YWJj", tags=["red", "sweet"], dims=dict(w=3, h=4)),
    dict(id=2, name="banana", category="fruit", price="0.25", weight=0.15, qty=25, in_stock=True,
         added="2024-02-01", updated="2024-02-01T09:30:00", created="2024-02-01 09:30:00 UTC",
         opens="09:00:00", code="YmFu", tags=["yellow"], dims=dict(w=2, h=8)),
    dict(id=3, name="carrot", category="vegetable", price="0.80", weight=0.1, qty=0, in_stock=False,
         added="2024-02-20", updated="2024-02-20T18:00:00", created="2024-02-20 18:00:00 UTC",
         opens="07:30:00", code=None, tags=[], dims=dict(w=1, h=6)),
    dict(id=4, name="durian", category="fruit", price="12.00", weight=2.5, qty=None, in_stock=None,
         added=None, updated=None, created=None, opens=None, code=None, tags=["spiky", "smelly"], dims=None),
    dict(id=5, name="eggplant", category="vegetable", price="2.10", weight=0.4, qty=7, in_stock=True,
         added="2024-03-05", updated="2024-03-05T14:45:30.500000", created="2024-03-05 14:45:30.500000 UTC",
         opens="10:15:00", code="ZWdn", tags=["purple"], dims=dict(w=5, h=15)),
    dict(id=6, name="fig", category=None, price=None, weight=None, qty=3, in_stock=False,
         added="2023-12-31", updated="2023-12-31T23:59:59", created="2023-12-31 23:59:59 UTC",
         opens=None, code="", tags=[], dims=dict(w=None, h=2)),
]

ORDERS_SCHEMA = [("order_id", "INT64", "REQUIRED"), ("item_id", "INT64", "NULLABLE"),
                 ("customer", "STRING", "NULLABLE"), ("quantity", "INT64", "NULLABLE"),
                 ("order_date", "DATE", "NULLABLE")]
ORDERS = [
    dict(order_id=101, item_id=1, customer="ann", quantity=3, order_date="2024-03-01"),
    dict(order_id=102, item_id=2, customer="bob", quantity=12, order_date="2024-03-01"),
    dict(order_id=103, item_id=1, customer="bob", quantity=1, order_date="2024-03-02"),
    dict(order_id=104, item_id=5, customer="cy", quantity=2, order_date="2024-03-03"),
    dict(order_id=105, item_id=9, customer="ann", quantity=1, order_date="2024-03-04"),
    dict(order_id=106, item_id=None, customer="dee", quantity=4, order_date="2024-03-05"),
]

CUSTOMERS_SCHEMA = [("name", "STRING", "REQUIRED"), ("city", "STRING", "NULLABLE")]
CUSTOMERS = [dict(name="ann", city="Paris"), dict(name="bob", city="Oslo"), dict(name="cy", city=None),
             dict(name="eve", city="Rome")]


def _table(columns, *rows):
    """A table from the reference's sample data: columns as (name, type), rows as tuples."""
    return [(name, kind, "NULLABLE") for name, kind in columns], [dict(zip([c[0] for c in columns], r)) for r in rows]


# The sample tables that the reference's examples query by name, with the reference's rows:
# Produce, Employees, Farm (window function calls page); Players, Mascots, NPCs (subqueries page);
# Roster, PlayerStats, TeamMascot (query syntax page, appendix A).
DOC_TABLES = {
    "Produce": _table([("item", "STRING"), ("purchases", "INT64"), ("category", "STRING")],
                      ("kale", 23, "vegetable"), ("banana", 2, "fruit"), ("cabbage", 9, "vegetable"),
                      ("apple", 8, "fruit"), ("leek", 2, "vegetable"), ("lettuce", 10, "vegetable")),
    "Employees": _table([("name", "STRING"), ("department", "INT64"), ("start_date", "DATE")],
                        ("Isabella", 2, "1997-09-28"), ("Anthony", 1, "1995-11-29"), ("Daniel", 2, "2004-06-24"),
                        ("Andrew", 1, "1999-01-23"), ("Jacob", 1, "1990-07-11"), ("Jose", 2, "2013-03-17")),
    "Farm": _table([("animal", "STRING"), ("population", "INT64"), ("category", "STRING")],
                   ("cat", 23, "mammal"), ("duck", 3, "bird"), ("dog", 2, "mammal"), ("goose", 1, "bird"),
                   ("ox", 2, "mammal"), ("goat", 2, "mammal")),
    "Players": _table([("username", "STRING"), ("level", "INT64"), ("team", "STRING")],
                      ("gorbie", 29, "red"), ("junelyn", 2, "blue"), ("corba", 43, "green")),
    "NPCs": _table([("username", "STRING"), ("team", "STRING")],
                   ("niles", "red"), ("jujul", "red"), ("effren", "blue")),
    "Mascots": _table([("mascot", "STRING"), ("team", "STRING")],
                      ("cardinal", "red"), ("parrot", "green"), ("finch", "blue"), ("sparrow", "yellow")),
    "Roster": _table([("LastName", "STRING"), ("SchoolID", "INT64")],
                     ("Adams", 50), ("Buchanan", 52), ("Coolidge", 52), ("Davis", 51), ("Eisenhower", 77)),
    "PlayerStats": _table([("LastName", "STRING"), ("OpponentID", "INT64"), ("PointsScored", "INT64")],
                          ("Adams", 51, 3), ("Buchanan", 77, 0), ("Coolidge", 77, 1), ("Adams", 52, 4),
                          ("Buchanan", 50, 13)),
    "TeamMascot": _table([("SchoolID", "INT64"), ("Mascot", "STRING")],
                         (50, "Jaguars"), (51, "Knights"), (52, "Lakers"), (53, "Mustangs")),
}

# Nested repeated records, the shape of analytics exports (sessions holding hits holding params).
SESSIONS_SCHEMA = [
    ("session_id", "INT64", "REQUIRED"),
    ("hits", [("page", "STRING", "NULLABLE"),
              ("params", [("key", "STRING", "NULLABLE"), ("value", "INT64", "NULLABLE")], "REPEATED")], "REPEATED"),
]
SESSIONS = [
    dict(session_id=1, hits=[dict(page="home", params=[dict(key="a", value=1), dict(key="b", value=2)]),
                             dict(page="cart", params=[])]),
    dict(session_id=2, hits=[dict(page="home", params=[dict(key="a", value=3)])]),
    dict(session_id=3, hits=[]),
]

TABLES = dict({"items": (ITEMS_SCHEMA, ITEMS), "orders": (ORDERS_SCHEMA, ORDERS),
               "customers": (CUSTOMERS_SCHEMA, CUSTOMERS), "sessions": (SESSIONS_SCHEMA, SESSIONS)}, **DOC_TABLES)


def _fields(bigquery, spec):
    fields = []
    for name, kind, mode in spec:
        if isinstance(kind, list):
            fields.append(bigquery.SchemaField(name, "RECORD", mode=mode, fields=_fields(bigquery, kind)))
        else:
            fields.append(bigquery.SchemaField(name, kind, mode=mode))
    return fields


def create_fixture(client, project):
    from google.cloud import bigquery
    client.create_dataset(f"{project}.{FIXTURE_DATASET}", exists_ok=True)
    for name, (schema, rows) in TABLES.items():
        table_id = f"{project}.{FIXTURE_DATASET}.{name}"
        client.create_table(bigquery.Table(table_id, schema=_fields(bigquery, schema)), exists_ok=True)
        errors = client.insert_rows_json(table_id, rows, row_ids=[None] * len(rows))
        if errors:
            raise RuntimeError(f"fixture rows for {name} were refused: {errors[:2]}")
