#!/usr/bin/env python3
"""Drives the local emulator with Google's official BigQuery client (google-cloud-bigquery),
unchanged, through BIGQUERY_EMULATOR_HOST. Every check here is something a user's code does."""
import argparse
import datetime
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulator_process import EmulatorProcess, default_binary  # noqa: E402

PROJECT = "conformance-project"
DATASET = "analytics"
SCHEMA_FIELDS = [
    ("event_id", "STRING", "REQUIRED"),
    ("event_type", "STRING", "NULLABLE"),
    ("user_id", "STRING", "NULLABLE"),
    ("amount", "INT64", "NULLABLE"),
    ("price", "NUMERIC", "NULLABLE"),
    ("occurred_at", "TIMESTAMP", "REQUIRED"),
    ("tags", "STRING", "REPEATED"),
]
DAY = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def make_client():
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery
    return bigquery.Client(project=PROJECT, credentials=AnonymousCredentials())


class Checks:
    def __init__(self, client):
        from google.cloud import bigquery
        self.bq = bigquery
        self.client = client
        self.table_id = f"{PROJECT}.{DATASET}.events"

    def schema(self):
        return [self.bq.SchemaField(name, kind, mode=mode) for name, kind, mode in SCHEMA_FIELDS]

    def row(self, index, day_offset=0, event_type="click"):
        at = DAY + datetime.timedelta(days=day_offset, minutes=index)
        return {"event_id": f"e{day_offset}-{index}", "event_type": event_type, "user_id": f"u{index % 3}",
                "amount": index, "price": "1.25", "occurred_at": at.isoformat(), "tags": ["a", "b"]}

    def check_datasets(self):
        from google.api_core import exceptions
        dataset = self.client.create_dataset(f"{PROJECT}.{DATASET}")
        assert dataset.dataset_id == DATASET
        assert self.client.get_dataset(DATASET).location == "US"
        assert DATASET in [d.dataset_id for d in self.client.list_datasets()]
        try:
            self.client.create_dataset(f"{PROJECT}.{DATASET}")
            raise AssertionError("re-creating a dataset must be a Conflict")
        except exceptions.Conflict:
            pass
        self.client.create_dataset(f"{PROJECT}.{DATASET}", exists_ok=True)

    def check_partitioned_clustered_table(self):
        table = self.bq.Table(self.table_id, schema=self.schema())
        table.time_partitioning = self.bq.TimePartitioning(type_=self.bq.TimePartitioningType.DAY, field="occurred_at")
        table.clustering_fields = ["event_type", "user_id"]
        table.require_partition_filter = True
        self.client.create_table(table)
        fetched = self.client.get_table(self.table_id)
        assert fetched.time_partitioning.type_ == "DAY"
        assert fetched.time_partitioning.field == "occurred_at"
        assert fetched.clustering_fields == ["event_type", "user_id"]
        assert fetched.require_partition_filter is True
        assert [f.field_type for f in fetched.schema][:4] == ["STRING", "STRING", "STRING", "INTEGER"]
        assert [t.table_id for t in self.client.list_tables(DATASET)] == ["events"]

    def check_insert_with_insert_ids(self):
        rows = [self.row(i, day) for day in range(30) for i in range(10)]
        ids = [r["event_id"] for r in rows]
        assert self.client.insert_rows_json(self.table_id, rows, row_ids=ids) == []
        # A retried batch with the same insertIds stores nothing new.
        assert self.client.insert_rows_json(self.table_id, rows[:50], row_ids=ids[:50]) == []
        assert self.client.get_table(self.table_id).num_rows == 300

    def check_bad_rows_are_reported(self):
        good, bad = self.row(0, 40), dict(self.row(1, 40), amount="lots")
        errors = self.client.insert_rows_json(self.table_id, [good, bad])
        assert [e["index"] for e in errors] == [0, 1], errors
        assert errors[0]["errors"][0]["reason"] == "stopped"
        assert errors[1]["errors"][0]["reason"] == "invalid"
        assert errors[1]["errors"][0]["location"] == "amount"
        unknown = dict(self.row(2, 40), mystery=1)
        errors = self.client.insert_rows_json(self.table_id, [unknown])
        assert errors and errors[0]["errors"][0]["location"] == "mystery", errors
        assert self.client.insert_rows_json(self.table_id, [unknown], ignore_unknown_values=True) == []

    def query_config(self, *params, **kwargs):
        return self.bq.QueryJobConfig(query_parameters=list(params), **kwargs)

    def check_parameterized_query_with_limit(self):
        sql = (f"SELECT event_id, amount, occurred_at FROM `{self.table_id}` "
               "WHERE occurred_at >= @start AND occurred_at < @end AND user_id = @user "
               "ORDER BY amount DESC LIMIT @lim")
        config = self.query_config(
            self.bq.ScalarQueryParameter("start", "TIMESTAMP", DAY),
            self.bq.ScalarQueryParameter("end", "TIMESTAMP", DAY + datetime.timedelta(days=1)),
            self.bq.ScalarQueryParameter("user", "STRING", "u1"),
            self.bq.ScalarQueryParameter("lim", "INT64", 2))
        rows = list(self.client.query(sql, job_config=config).result())
        assert [r.event_id for r in rows] == ["e0-7", "e0-4"], rows
        assert rows[0].amount == 7
        assert rows[0].occurred_at == DAY + datetime.timedelta(minutes=7)
        # query_and_wait goes through jobs.query instead of jobs.insert.
        again = list(self.client.query_and_wait(sql, job_config=config))
        assert [r.event_id for r in again] == ["e0-7", "e0-4"]

    def check_injection_string_is_data(self):
        evil = "x' OR '1'='1'; DROP TABLE events; --"
        config = self.query_config(self.bq.ScalarQueryParameter("evil", "STRING", evil),
                                   self.bq.ScalarQueryParameter("start", "TIMESTAMP", DAY))
        rows = list(self.client.query_and_wait(
            f"SELECT @evil AS echoed, COUNT(*) AS n FROM `{self.table_id}` WHERE occurred_at >= @start AND event_type = @evil",
            job_config=config))
        assert rows[0].echoed == evil and rows[0].n == 0
        assert self.client.get_table(self.table_id).num_rows > 0

    def check_array_parameter_and_aggregates(self):
        config = self.query_config(self.bq.ArrayQueryParameter("users", "STRING", ["u0", "u2"]),
                                   self.bq.ScalarQueryParameter("start", "TIMESTAMP", DAY))
        rows = list(self.client.query_and_wait(
            f"SELECT user_id, COUNT(*) AS n, SUM(amount) AS total FROM `{self.table_id}` "
            "WHERE occurred_at >= @start AND user_id IN UNNEST(@users) GROUP BY user_id ORDER BY user_id",
            job_config=config))
        assert [(r.user_id, r.n) for r in rows] == [("u0", 120), ("u2", 91)], rows

    def check_result_paging(self):
        rows = self.client.list_rows(self.table_id, page_size=7, max_results=30)
        pages = list(rows.pages)
        assert [len(list(p)) for p in pages][:2] == [7, 7], "tabledata.list pages"
        assert sum(1 for _ in self.client.list_rows(self.table_id, page_size=50)) == 301
        job = self.client.query(f"SELECT event_id FROM `{self.table_id}` WHERE occurred_at >= '2026-01-01' ORDER BY event_id",
                                job_config=self.query_config())
        result = job.result(page_size=40)
        assert sum(1 for _ in result) == 301
        assert result.total_rows == 301

    def check_partition_pruning_in_bytes_processed(self):
        def dry_run(where):
            config = self.query_config(dry_run=True, use_query_cache=False)
            return self.client.query(f"SELECT * FROM `{self.table_id}` WHERE {where}", job_config=config).total_bytes_processed
        whole = dry_run("occurred_at >= '2025-01-01'")
        one_day = dry_run("occurred_at >= '2026-01-05' AND occurred_at < '2026-01-06'")
        assert whole > 0 and one_day > 0, (whole, one_day)
        assert 20 < whole / one_day < 40, (whole, one_day)

    def check_errors_are_exceptions(self):
        from google.api_core import exceptions
        for sql, expected in [
            (f"SELECT * FROM `{PROJECT}.{DATASET}.missing`", exceptions.NotFound),
            ("SELEC 1", exceptions.BadRequest),
            (f"SELECT * FROM `{self.table_id}`", exceptions.BadRequest),  # no partition filter
        ]:
            try:
                self.client.query_and_wait(sql)
                raise AssertionError(f"{sql!r} should fail")
            except expected:
                pass
        try:
            self.client.get_table(f"{PROJECT}.{DATASET}.nope")
            raise AssertionError("missing table")
        except exceptions.NotFound:
            pass

    def check_parameterized_column_types(self):
        table_id = f"{PROJECT}.{DATASET}.accounts"
        schema = [self.bq.SchemaField("code", "STRING", max_length=4),
                  self.bq.SchemaField("balance", "NUMERIC", precision=6, scale=2, rounding_mode="ROUND_HALF_EVEN")]
        self.client.create_table(self.bq.Table(table_id, schema=schema))
        fetched = self.client.get_table(table_id).schema
        assert (fetched[0].max_length, fetched[1].precision, fetched[1].scale) == (4, 6, 2), fetched
        assert fetched[1].rounding_mode == "ROUND_HALF_EVEN", fetched
        errors = self.client.insert_rows_json(table_id, [{"code": "abcd", "balance": "1.125"}, {"code": "abcde"}],
                                              skip_invalid_rows=True)
        assert [e["index"] for e in errors] == [1] and errors[0]["errors"][0]["location"] == "code", errors
        rows = list(self.client.query_and_wait(f"SELECT code, balance FROM `{table_id}`"))
        assert [(r.code, str(r.balance)) for r in rows] == [("abcd", "1.12")], rows

    def check_information_schema(self):
        # What dbt and similar tools read to learn a dataset's tables and columns.
        tables = {r.table_name: r.table_type for r in self.client.query_and_wait(
            f"SELECT table_name, table_type FROM `{PROJECT}.{DATASET}.INFORMATION_SCHEMA.TABLES`")}
        assert tables.get("events") == "BASE TABLE", tables
        columns = [(r.column_name, r.data_type) for r in self.client.query_and_wait(
            f"SELECT column_name, data_type FROM `{PROJECT}`.{DATASET}.INFORMATION_SCHEMA.COLUMNS "
            "WHERE table_name = @table ORDER BY ordinal_position",
            job_config=self.query_config(self.bq.ScalarQueryParameter("table", "STRING", "accounts")))]
        assert columns == [("code", "STRING(4)"), ("balance", "NUMERIC(6, 2)")], columns

    def check_views(self):
        # client.create_table with view_query, as an application makes a view.
        view = self.bq.Table(f"{PROJECT}.{DATASET}.big_events")
        view.view_query = (f"SELECT event_id, amount FROM `{self.table_id}` "
                           "WHERE occurred_at >= TIMESTAMP '2026-01-01' AND amount > 1")
        created = self.client.create_table(view)
        assert created.table_type == "VIEW" and created.view_use_legacy_sql is False, created
        rows = list(self.client.query_and_wait(f"SELECT COUNT(*) AS n FROM `{PROJECT}.{DATASET}.big_events`"))
        assert rows[0].n >= 1, rows
        self.client.delete_table(view)

    def check_geography(self):
        # A GEOGRAPHY column made with the client, streamed as WKT and GeoJSON, read back as WKT.
        table = self.bq.Table(f"{PROJECT}.{DATASET}.places", schema=[
            self.bq.SchemaField("name", "STRING"), self.bq.SchemaField("location", "GEOGRAPHY")])
        self.client.create_table(table)
        errors = self.client.insert_rows_json(table, [
            {"name": "a", "location": "POINT(-122.35 47.62)"},
            {"name": "b", "location": '{"type": "Point", "coordinates": [139.7454316, 35.658584]}'}])
        assert errors == [], errors
        rows = list(self.client.query_and_wait(
            f"SELECT name, location, ROUND(ST_DISTANCE(location, ST_GEOGPOINT(139.8108103, 35.7100069)), 3) AS d "
            f"FROM `{PROJECT}.{DATASET}.places` ORDER BY name"))
        assert [(r.name, r.location) for r in rows] == [("a", "POINT(-122.35 47.62)"), ("b", "POINT(139.7454316 35.658584)")], rows
        assert rows[1].d == 8219.633, rows
        self.client.delete_table(table)

    def check_jobs_view(self):
        # A labelled query job (jobs.insert, as the client sends it) read back from INFORMATION_SCHEMA.JOBS.
        config = self.bq.QueryJobConfig(labels={"team": "warehouse"})
        job = self.client.query(f"SELECT COUNT(*) AS n FROM `{self.table_id}` WHERE occurred_at >= '{DAY.isoformat()}'", job_config=config)
        job.result()
        assert self.client.get_job(job.job_id).labels == {"team": "warehouse"}
        rows = list(self.client.query_and_wait(
            "SELECT statement_type, state, total_bytes_processed, labels, referenced_tables "
            "FROM `region-us`.INFORMATION_SCHEMA.JOBS WHERE job_id = @job",
            job_config=self.bq.QueryJobConfig(query_parameters=[self.bq.ScalarQueryParameter("job", "STRING", job.job_id)])))
        assert len(rows) == 1, rows
        row = rows[0]
        assert (row.statement_type, row.state) == ("SELECT", "DONE"), row
        assert row.total_bytes_processed == job.total_bytes_processed, (row, job.total_bytes_processed)
        assert row.labels == [{"key": "team", "value": "warehouse"}], row.labels
        assert [t["table_id"] for t in row.referenced_tables] == ["events"], row.referenced_tables
        # A label is cleared the client's way: set to None, then update_dataset with "labels".
        dataset = self.client.get_dataset(f"{PROJECT}.{DATASET}")
        dataset.labels = {"team": "warehouse", "env": "test"}
        dataset = self.client.update_dataset(dataset, ["labels"])
        dataset.labels["env"] = None
        assert self.client.update_dataset(dataset, ["labels"]).labels == {"team": "warehouse"}
        assert self.client.get_dataset(f"{PROJECT}.{DATASET}").labels == {"team": "warehouse"}

    def check_routines(self):
        # A dataset's SQL function, made with the client's Routine API and with DDL, called from queries.
        from google.api_core import exceptions
        from google.cloud.bigquery import (RoutineArgument, StandardSqlDataType, StandardSqlField,
                                           StandardSqlTableType, StandardSqlTypeNames)
        routine_id = f"{PROJECT}.{DATASET}.tax"
        routine = self.bq.Routine(
            routine_id, type_="SCALAR_FUNCTION", language="SQL", body="price * rate",
            arguments=[RoutineArgument(name="price", data_type=StandardSqlDataType(StandardSqlTypeNames.NUMERIC)),
                       RoutineArgument(name="rate", kind="ANY_TYPE")],
            return_type=StandardSqlDataType(StandardSqlTypeNames.NUMERIC), description="price times rate")
        created = self.client.create_routine(routine)
        assert created.etag and created.created and created.language == "SQL", created
        fetched = self.client.get_routine(routine_id)
        assert [a.name for a in fetched.arguments] == ["price", "rate"] and fetched.arguments[1].kind == "ANY_TYPE", fetched
        assert fetched.return_type.type_kind == StandardSqlTypeNames.NUMERIC and fetched.body == "price * rate", fetched
        try:
            self.client.create_routine(routine)
            raise AssertionError("re-creating a routine must be a Conflict")
        except exceptions.Conflict:
            pass
        rows = list(self.client.query_and_wait(f"SELECT `{routine_id}`(NUMERIC '10', 2) AS t"))
        assert str(rows[0].t) == "20", rows
        self.client.query_and_wait(f"CREATE FUNCTION {DATASET}.gross(p NUMERIC) AS (p + {DATASET}.tax(p, 0.25))")
        assert sorted(r.routine_id for r in self.client.list_routines(DATASET)) == ["gross", "tax"]
        fetched.body = "price * rate * 2"
        self.client.update_routine(fetched, ["body", "arguments", "return_type", "type_", "language"])
        rows = list(self.client.query_and_wait(f"SELECT {DATASET}.gross(NUMERIC '4') AS g"))
        assert str(rows[0].g) == "6", rows
        procedure = self.bq.Routine(
            f"{PROJECT}.{DATASET}.add_tax_in_place", type_="PROCEDURE", language="SQL",
            body=f"SET amount = {DATASET}.gross(amount);",
            arguments=[RoutineArgument(name="amount", mode="INOUT",
                                       data_type=StandardSqlDataType(StandardSqlTypeNames.NUMERIC))])
        self.client.create_routine(procedure)
        rows = list(self.client.query_and_wait(
            f"DECLARE v NUMERIC DEFAULT 4; CALL {DATASET}.add_tax_in_place(v); SELECT v"))
        assert str(rows[0].v) == "6", rows
        self.client.delete_routine(procedure)
        table_function = self.bq.Routine(
            f"{PROJECT}.{DATASET}.priced", type_="TABLE_VALUED_FUNCTION", language="SQL",
            body=f"SELECT {DATASET}.tax(NUMERIC '10', n) AS price FROM UNNEST(GENERATE_ARRAY(1, top)) AS n",
            arguments=[RoutineArgument(name="top", data_type=StandardSqlDataType(StandardSqlTypeNames.INT64))],
            return_table_type=StandardSqlTableType(
                [StandardSqlField("price", StandardSqlDataType(StandardSqlTypeNames.NUMERIC))]))
        self.client.create_routine(table_function)
        assert self.client.get_routine(table_function.reference).return_table_type.columns[0].name == "price"
        rows = list(self.client.query_and_wait(f"SELECT SUM(price) AS s FROM {DATASET}.priced(3)"))
        assert str(rows[0].s) == "120", rows
        self.client.delete_routine(f"{PROJECT}.{DATASET}.gross")
        self.client.delete_routine(f"{PROJECT}.{DATASET}.gross", not_found_ok=True)
        try:
            self.client.query_and_wait(f"SELECT {DATASET}.gross(1)")
            raise AssertionError("a deleted routine must not be callable")
        except exceptions.BadRequest:
            pass

    def check_time_zone(self):
        # The job's default time zone, as the client sends it (a connection property), then as a script sets it.
        config = self.bq.QueryJobConfig(connection_properties=[self.bq.ConnectionProperty("time_zone", "Asia/Tokyo")])
        rows = list(self.client.query_and_wait(
            "SELECT @@time_zone AS tz, EXTRACT(HOUR FROM TIMESTAMP '2024-01-15 05:00:00+00') AS h", job_config=config))
        assert (rows[0].tz, rows[0].h) == ("Asia/Tokyo", 14), rows
        rows = list(self.client.query_and_wait(
            "SET @@time_zone = 'America/Los_Angeles'; SELECT DATE(TIMESTAMP '2024-01-15 05:00:00+00') AS d"))
        assert rows[0].d == datetime.date(2024, 1, 14), rows

    def check_encryption_interoperates_with_tink(self):
        # Keysets and ciphertexts cross between the emulator and Google's Tink library both ways:
        # Tink opens what AEAD.ENCRYPT and DETERMINISTIC_ENCRYPT sealed, and the emulator opens what Tink sealed.
        from google.api_core import exceptions
        from tink import aead, daead, proto_keyset_format, secret_key_access
        aead.register()
        daead.register()
        row = list(self.client.query_and_wait(
            "SELECT k, d, AEAD.ENCRYPT(k, 'from sql', 'ctx') AS sealed, DETERMINISTIC_ENCRYPT(d, '', 'ctx') AS fixed FROM "
            "(SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k, KEYS.NEW_KEYSET('DETERMINISTIC_AEAD_AES_SIV_CMAC_256') AS d)"))[0]
        gcm = proto_keyset_format.parse(row.k, secret_key_access.TOKEN).primitive(aead.Aead)
        siv = proto_keyset_format.parse(row.d, secret_key_access.TOKEN).primitive(daead.DeterministicAead)
        assert gcm.decrypt(row.sealed, b"ctx") == b"from sql"
        assert siv.encrypt_deterministically(b"", b"ctx") == row.fixed
        params = [self.bq.ScalarQueryParameter("k", "BYTES", row.k), self.bq.ScalarQueryParameter("d", "BYTES", row.d),
                  self.bq.ScalarQueryParameter("a", "BYTES", gcm.encrypt("from tink ✓".encode(), b"ctx")),
                  self.bq.ScalarQueryParameter("b", "BYTES", siv.encrypt_deterministically(b"\x00\xff", b""))]
        opened = list(self.client.query_and_wait(
            "SELECT AEAD.DECRYPT_STRING(@k, @a, 'ctx') AS a, DETERMINISTIC_DECRYPT_BYTES(@d, @b, b'') AS b",
            job_config=self.query_config(*params)))[0]
        assert (opened.a, opened.b) == ("from tink ✓", b"\x00\xff"), opened
        try:
            self.client.query_and_wait("SELECT AEAD.DECRYPT_STRING(@k, @a, 'other')", job_config=self.query_config(*params))
            raise AssertionError("a ciphertext must not open under other associated data")
        except exceptions.BadRequest as error:
            assert "decryption failed" in str(error), error

    def check_range_columns_and_parameters(self):
        # RANGE columns (the schema's rangeElementType), rows in both forms the client sends, the
        # cells it reads back into {"start", "end"}, and RangeQueryParameter.
        table_id = f"{PROJECT}.{DATASET}.stays"
        table = self.bq.Table(table_id, schema=[
            self.bq.SchemaField("guest", "STRING"),
            self.bq.SchemaField("nights", "RANGE", range_element_type="DATE"),
            self.bq.SchemaField("visit", "RANGE", range_element_type="TIMESTAMP"),
            self.bq.SchemaField("slot", "RANGE", range_element_type="DATETIME")])
        self.client.create_table(table)
        fetched = self.client.get_table(table_id)
        assert [(f.field_type, f.range_element_type and f.range_element_type.element_type) for f in fetched.schema] == [
            ("STRING", None), ("RANGE", "DATE"), ("RANGE", "TIMESTAMP"), ("RANGE", "DATETIME")], fetched.schema
        noon = datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.timezone.utc)
        assert self.client.insert_rows(fetched, [
            {"guest": "ann", "nights": {"start": datetime.date(2024, 3, 1), "end": datetime.date(2024, 3, 4)},
             "visit": {"start": noon, "end": None}, "slot": "[2024-03-01 09:00:00, 2024-03-01 10:30:00)"},
            {"guest": "bob", "nights": "[2024-03-03, UNBOUNDED)", "visit": None, "slot": None}]) == []
        errors = self.client.insert_rows_json(table_id, [{"guest": "eve", "nights": "[2024-03-04, 2024-03-01)"}])
        assert errors and errors[0]["errors"][0]["location"] == "nights", errors
        rows = {row.guest: row for row in self.client.list_rows(fetched)}
        assert rows["ann"].nights == {"start": datetime.date(2024, 3, 1), "end": datetime.date(2024, 3, 4)}, rows["ann"]
        assert rows["ann"].visit == {"start": noon, "end": None}, rows["ann"]
        assert rows["ann"].slot == {"start": datetime.datetime(2024, 3, 1, 9), "end": datetime.datetime(2024, 3, 1, 10, 30)}
        assert rows["bob"].nights == {"start": datetime.date(2024, 3, 3), "end": None} and rows["bob"].visit is None
        param = self.bq.RangeQueryParameter("DATE", start="2024-03-02", end="2024-03-09", name="week")
        found = list(self.client.query_and_wait(
            f"SELECT guest, RANGE_INTERSECT(nights, @week) AS stay, @week AS week FROM {DATASET}.stays "
            "WHERE RANGE_OVERLAPS(nights, @week) ORDER BY nights", job_config=self.query_config(param)))
        assert [(r.guest, r.stay["start"], r.stay["end"]) for r in found] == [
            ("ann", datetime.date(2024, 3, 2), datetime.date(2024, 3, 4)),
            ("bob", datetime.date(2024, 3, 3), datetime.date(2024, 3, 9))], found
        assert found[0].week == {"start": datetime.date(2024, 3, 2), "end": datetime.date(2024, 3, 9)}, found[0]
        self.client.delete_table(table_id)

    def check_copy_jobs(self):
        # client.copy_table: a copy job, its write dispositions, and a failed copy raising as the client raises.
        from google.api_core import exceptions
        source, target = f"{PROJECT}.{DATASET}.copy_source", f"{PROJECT}.{DATASET}.copy_target"
        self.client.query_and_wait(f"CREATE TABLE {DATASET}.copy_source AS SELECT x FROM UNNEST([1, 2, 3]) AS x")
        job = self.client.copy_table(source, target)
        job.result()
        assert job.state == "DONE" and job.job_type == "copy", job
        assert self.client.get_table(target).num_rows == 3
        try:
            self.client.copy_table(source, target).result()
            raise AssertionError("a WRITE_EMPTY copy into a table with rows must fail")
        except exceptions.Conflict:
            pass
        append = self.bq.CopyJobConfig(write_disposition=self.bq.WriteDisposition.WRITE_APPEND)
        self.client.copy_table([source, source], target, job_config=append).result()
        rows = list(self.client.query_and_wait(f"SELECT COUNT(*) AS n, SUM(x) AS s FROM {DATASET}.copy_target"))
        assert (rows[0].n, rows[0].s) == (9, 18), rows
        fetched = self.client.get_job(job.job_id)
        assert fetched.job_type == "copy" and fetched.destination.table_id == "copy_target", fetched
        try:
            self.client.copy_table(f"{PROJECT}.{DATASET}.missing", target).result()
            raise AssertionError("copying a missing table must fail")
        except exceptions.NotFound:
            pass
        self.client.delete_table(target)
        self.client.delete_table(source)

    def check_load_jobs(self):
        # load_table_from_json (a multipart upload) with and without a schema, and load_table_from_file
        # of a CSV over 5 MiB (a resumable upload); bad rows fail the job unless max_bad_records allows them.
        import io
        from google.api_core import exceptions
        bq = self.bq
        target = f"{PROJECT}.{DATASET}.loaded"
        rows = [{"name": "ada", "n": 1, "at": "2024-05-01 10:00:00", "tags": ["a", "b"]}, {"name": "bob", "n": 2.5}]
        job = self.client.load_table_from_json(rows, target)
        job.result()
        assert job.state == "DONE" and job.job_type == "load" and job.output_rows == 2, job
        schema = {f.name: (f.field_type, f.mode) for f in self.client.get_table(target).schema}
        assert schema == {"name": ("STRING", "NULLABLE"), "n": ("FLOAT", "NULLABLE"), "at": ("TIMESTAMP", "NULLABLE"),
                          "tags": ("STRING", "REPEATED")}, schema
        got = list(self.client.query_and_wait(f"SELECT name, n, ARRAY_LENGTH(tags) AS t FROM {DATASET}.loaded ORDER BY name"))
        assert [(r.name, r.n, r.t) for r in got] == [("ada", 1.0, 2), ("bob", 2.5, 0)], got
        # Appending to the table: its schema, not a detected one.
        self.client.load_table_from_json([{"name": "cy", "n": 3}], target).result()
        assert self.client.get_table(target).num_rows == 3
        bad = [{"name": "dee", "n": "not a number"}]
        try:
            self.client.load_table_from_json(bad, target).result()
            raise AssertionError("a bad row must fail the load")
        except exceptions.BadRequest as error:
            assert "too many errors" in str(error), error
        config = bq.LoadJobConfig(max_bad_records=1)
        skipped = self.client.load_table_from_json(bad + [{"name": "eve", "n": 4}], target, job_config=config)
        skipped.result()
        assert skipped.output_rows == 1 and self.client.get_table(target).num_rows == 4, skipped._properties
        # A new field with ALLOW_FIELD_ADDITION joins the table's schema.
        grow = bq.LoadJobConfig(
            schema=[bq.SchemaField("name", "STRING"), bq.SchemaField("level", "INT64")],
            schema_update_options=[bq.SchemaUpdateOption.ALLOW_FIELD_ADDITION])
        self.client.load_table_from_json([{"name": "fay", "level": 3}], target, job_config=grow).result()
        assert [f.name for f in self.client.get_table(target).schema][-1] == "level"
        # A CSV over 5 MiB goes up in a resumable session.
        lines = ["id,label,amount,day"] + [f"{i},row {i},{i * 0.5},2024-01-{i % 28 + 1:02d}" for i in range(200_000)]
        data = ("\n".join(lines) + "\n").encode()
        assert len(data) > 5 * 1024 * 1024
        csv_config = bq.LoadJobConfig(
            source_format=bq.SourceFormat.CSV, skip_leading_rows=1,
            schema=[bq.SchemaField("id", "INT64"), bq.SchemaField("label", "STRING"),
                    bq.SchemaField("amount", "NUMERIC"), bq.SchemaField("day", "DATE")],
            time_partitioning=bq.TimePartitioning(field="day"), write_disposition="WRITE_TRUNCATE")
        csv_target = f"{PROJECT}.{DATASET}.loaded_csv"
        job = self.client.load_table_from_file(io.BytesIO(data), csv_target, job_config=csv_config)
        job.result()
        assert job.output_rows == 200_000 and job.input_file_bytes == len(data), job._properties
        total = list(self.client.query_and_wait(
            f"SELECT COUNT(*) AS n, SUM(amount) AS s FROM {DATASET}.loaded_csv WHERE day = '2024-01-05'"))
        expected = [i for i in range(200_000) if i % 28 + 1 == 5]
        assert (total[0].n, float(total[0].s)) == (len(expected), sum(expected) * 0.5), total
        assert self.client.get_table(csv_target).time_partitioning.field == "day"
        fetched = self.client.get_job(job.job_id)
        assert fetched.job_type == "load" and fetched.destination.table_id == "loaded_csv", fetched
        self.client.delete_table(target)
        self.client.delete_table(csv_target)

    def check_parquet_loads(self):
        # load_table_from_dataframe: pandas and pyarrow write a Snappy-compressed Parquet file that the
        # emulator reads back into rows, into a new table (schema from the frame), then an existing one.
        import decimal
        import io
        import pandas as pd
        bq = self.bq
        target = f"{PROJECT}.{DATASET}.frames"
        frame = pd.DataFrame({
            "name": ["ada", "bob", None],
            "n": pd.array([1, None, -3], dtype="Int64"),
            "score": [1.5, None, -2.25],
            "seen_at": pd.to_datetime(["2024-05-01 10:00:00", "2024-05-02 11:30:00.123456", None], utc=True, format="ISO8601"),
            "local": pd.to_datetime(["2024-05-01 10:00:00", None, "1999-12-31 23:59:59"], format="ISO8601"),
            "ok": pd.array([True, False, None], dtype="boolean"),
        })
        # The client names the schema from the frame's dtypes: a naive datetime64[us] column is a TIMESTAMP
        # (pyarrow gives naive and zoned timestamps one type id), written as a naive Parquet timestamp.
        job = self.client.load_table_from_dataframe(frame, target)
        job.result()
        assert job.output_rows == 3 and job.source_format == "PARQUET", job._properties
        schema = {f.name: (f.field_type, f.mode) for f in self.client.get_table(target).schema}
        assert schema == {"name": ("STRING", "NULLABLE"), "n": ("INTEGER", "NULLABLE"), "score": ("FLOAT", "NULLABLE"),
                          "seen_at": ("TIMESTAMP", "NULLABLE"), "local": ("TIMESTAMP", "NULLABLE"),
                          "ok": ("BOOLEAN", "NULLABLE")}, schema
        got = [tuple(r.values()) for r in self.client.query_and_wait(
            f"SELECT name, n, score, seen_at, local, ok FROM {DATASET}.frames ORDER BY n")]
        utc = datetime.timezone.utc
        assert got == [
            ("bob", None, None, datetime.datetime(2024, 5, 2, 11, 30, 0, 123456, tzinfo=utc), None, False),
            (None, -3, -2.25, None, datetime.datetime(1999, 12, 31, 23, 59, 59, tzinfo=utc), None),
            ("ada", 1, 1.5, datetime.datetime(2024, 5, 1, 10, 0, tzinfo=utc), datetime.datetime(2024, 5, 1, 10, 0, tzinfo=utc), True),
        ], got
        # An explicit schema: DATE, NUMERIC, a REPEATED and a RECORD column, appended to the table it creates.
        rich = f"{PROJECT}.{DATASET}.frames_rich"
        config = bq.LoadJobConfig(schema=[
            bq.SchemaField("day", "DATE"), bq.SchemaField("price", "NUMERIC"),
            bq.SchemaField("tags", "STRING", mode="REPEATED"),
            bq.SchemaField("point", "RECORD", fields=[bq.SchemaField("x", "INT64"), bq.SchemaField("label", "STRING")]),
        ])
        rows = pd.DataFrame({
            "day": [datetime.date(2024, 2, 29), None],
            "price": [decimal.Decimal("12345678901234567890.123456789"), decimal.Decimal("-0.000000001")],
            "tags": [["a", "b"], []],
            "point": [{"x": 1, "label": "p"}, {"x": None, "label": None}],
        })
        # Appended twice: once as the client compresses by default (Snappy), once as ZSTD.
        for compression in ("SNAPPY", "ZSTD"):
            self.client.load_table_from_dataframe(rows, rich, job_config=config, parquet_compression=compression).result()
        got = [tuple(r.values()) for r in self.client.query_and_wait(
            f"SELECT day, price, ARRAY_TO_STRING(tags, ','), point.x, point.label FROM {DATASET}.frames_rich ORDER BY price")]
        low = (None, decimal.Decimal("-0.000000001"), "", None, None)
        high = (datetime.date(2024, 2, 29), decimal.Decimal("12345678901234567890.123456789"), "a,b", 1, "p")
        assert got == [low, low, high, high], got
        # A Parquet file from pyarrow directly, through load_table_from_file.
        import pyarrow as pa
        import pyarrow.parquet as pq
        buffer = io.BytesIO()
        pq.write_table(pa.table({"k": pa.array(range(10_000), pa.int64())}), buffer, row_group_size=3_000)
        buffer.seek(0)
        file_config = bq.LoadJobConfig(source_format=bq.SourceFormat.PARQUET)
        self.client.load_table_from_file(buffer, f"{PROJECT}.{DATASET}.frames_file", job_config=file_config).result()
        total = list(self.client.query_and_wait(f"SELECT COUNT(*) AS c, SUM(k) AS s FROM {DATASET}.frames_file"))
        assert (total[0].c, total[0].s) == (10_000, sum(range(10_000))), total
        # A gzip-compressed CSV through load_table_from_file, appended to the same table.
        import gzip
        csv = gzip.compress("".join(f"{k}\n" for k in range(10_000, 10_100)).encode())
        csv_config = bq.LoadJobConfig(source_format=bq.SourceFormat.CSV, write_disposition="WRITE_APPEND")
        self.client.load_table_from_file(io.BytesIO(csv), f"{PROJECT}.{DATASET}.frames_file", job_config=csv_config).result()
        total = list(self.client.query_and_wait(f"SELECT COUNT(*) AS c, SUM(k) AS s FROM {DATASET}.frames_file"))
        assert (total[0].c, total[0].s) == (10_100, sum(range(10_100))), total
        for table in (target, rich, f"{PROJECT}.{DATASET}.frames_file"):
            self.client.delete_table(table)

    def check_delete(self):
        from google.api_core import exceptions
        self.client.delete_table(self.table_id)
        self.client.delete_table(self.table_id, not_found_ok=True)
        self.client.delete_dataset(DATASET, delete_contents=True)
        try:
            self.client.get_dataset(DATASET)
            raise AssertionError("dataset should be gone")
        except exceptions.NotFound:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--url", help="use a running emulator instead of starting one")
    args = parser.parse_args()

    def run(url):
        os.environ["BIGQUERY_EMULATOR_HOST"] = url
        checks = Checks(make_client())
        names = [n for n in Checks.__dict__ if n.startswith("check_")]
        passed = failed = 0
        for name in names:
            try:
                getattr(checks, name)()
                passed += 1
                print(f"  ok    {name}")
            except Exception:  # noqa: BLE001 - report every failing check
                failed += 1
                print(f"  FAIL  {name}\n" + traceback.format_exc())
        print(f"conformance: {passed} passed, {failed} failed")
        return failed == 0

    if args.url:
        ok = run(args.url)
    else:
        with EmulatorProcess(args.binary) as emulator:
            ok = run(emulator.url)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
