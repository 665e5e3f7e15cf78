#!/usr/bin/env python3
"""Load jobs through Google's official Python client: the same rows as CSV, newline-delimited JSON and
Parquet (pyarrow, Snappy), each uploaded with load_table_from_file into a table, against insertAll of
those rows in batches of 500 as the baseline; ours and, with --peer, the DuckDB-based bqemulator from
PyPI the same way in the same run (a way in a peer cannot take is reported with its error).

Reports, per way in: rows/s end to end (upload + load + the client's polling), the emulator's own time
for the job (statistics.startTime to endTime), and the file's size; then the emulator's peak RSS. Every
load is checked (row count and SUM(amount)) before its time counts. Loopback only.
"""
import argparse
import datetime
import io
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "bench", "bigquery"))
from emulator_process import EmulatorProcess  # noqa: E402

PROJECT = "bench-project"
DATASET = "bench"
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
KINDS = ["click", "view", "purchase", "signup"]


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_rows(count):
    return [{
        "event_id": f"evt-{i:08d}",
        "event_type": KINDS[i % len(KINDS)],
        "user_id": f"user-{i % 997}",
        "amount": i % 1000,
        "price": f"{i % 10_000}.{i % 100:02d}",
        "occurred_at": (START + datetime.timedelta(seconds=i)).strftime("%Y-%m-%d %H:%M:%S.%f UTC"),
        "day": (START + datetime.timedelta(days=i % 365)).strftime("%Y-%m-%d"),
    } for i in range(count)]


def schema(bq):
    return [bq.SchemaField("event_id", "STRING"), bq.SchemaField("event_type", "STRING"),
            bq.SchemaField("user_id", "STRING"), bq.SchemaField("amount", "INT64"),
            bq.SchemaField("price", "NUMERIC"), bq.SchemaField("occurred_at", "TIMESTAMP"),
            bq.SchemaField("day", "DATE")]


def files(rows):
    import decimal

    import pyarrow as pa
    import pyarrow.parquet as pq
    columns = list(rows[0].keys())
    csv = io.StringIO()
    csv.write(",".join(columns) + "\n")
    for row in rows:
        csv.write(",".join(str(row[c]) for c in columns) + "\n")
    ndjson = "".join(json.dumps(row) + "\n" for row in rows)
    table = pa.table({
        "event_id": pa.array([r["event_id"] for r in rows]),
        "event_type": pa.array([r["event_type"] for r in rows]),
        "user_id": pa.array([r["user_id"] for r in rows]),
        "amount": pa.array([r["amount"] for r in rows], pa.int64()),
        "price": pa.array([decimal.Decimal(r["price"]) for r in rows], pa.decimal128(38, 9)),
        "occurred_at": pa.array([START + datetime.timedelta(seconds=i) for i in range(len(rows))], pa.timestamp("us", tz="UTC")),
        "day": pa.array([datetime.date.fromisoformat(r["day"]) for r in rows], pa.date32()),
    })
    parquet = io.BytesIO()
    pq.write_table(table, parquet, compression="snappy")
    return {"CSV": csv.getvalue().encode(), "NEWLINE_DELIMITED_JSON": ndjson.encode(), "PARQUET": parquet.getvalue()}


def check(client, table, rows):
    got = list(client.query_and_wait(f"SELECT COUNT(*) AS n, SUM(amount) AS s FROM {DATASET}.{table}"))[0]
    expected = (len(rows), sum(r["amount"] for r in rows))
    assert (got.n, got.s) == expected, (table, tuple(got.values()), expected)


def load(client, bq, fmt, data, table):
    config = bq.LoadJobConfig(source_format=fmt, schema=schema(bq), write_disposition="WRITE_TRUNCATE")
    if fmt == "CSV":
        config.skip_leading_rows = 1
    begun = time.perf_counter()
    job = client.load_table_from_file(io.BytesIO(data), f"{PROJECT}.{DATASET}.{table}", job_config=config)
    job.result()
    elapsed = time.perf_counter() - begun
    # A peer may leave the job's times out.
    server = (job.ended - job.started).total_seconds() if job.ended and job.started else float("nan")
    return elapsed, server


def insert_all(client, rows, table, batch):
    from google.cloud import bigquery as bq
    client.delete_table(f"{PROJECT}.{DATASET}.{table}", not_found_ok=True)
    client.create_table(bq.Table(f"{PROJECT}.{DATASET}.{table}", schema=schema(bq)))
    begun = time.perf_counter()
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        errors = client.insert_rows_json(f"{PROJECT}.{DATASET}.{table}", chunk, row_ids=[r["event_id"] for r in chunk])
        assert not errors, errors[:3]
    return time.perf_counter() - begun


def run_rounds(url, rows, payloads, args, label):
    """Every way in, `args.rounds` times; a way the emulator refuses is recorded once, with its error."""
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery as bq
    os.environ["BIGQUERY_EMULATOR_HOST"] = url
    client = bq.Client(project=PROJECT, credentials=AnonymousCredentials())
    client.create_dataset(DATASET, exists_ok=True)
    results, failures = {}, {}
    for round_index in range(args.rounds):
        for fmt, data in payloads.items():
            if fmt in failures:
                continue
            table = f"load_{fmt.lower()}"
            try:
                elapsed, server = load(client, bq, fmt, data, table)
                check(client, table, rows)
            except Exception as error:  # noqa: BLE001 - a peer's refusal is a result, not a crash
                failures[fmt] = str(error).splitlines()[0][:160]
                print(f"{label} {fmt}: not run: {failures[fmt]}", flush=True)
                continue
            results.setdefault(fmt, []).append((elapsed, server))
            print(f"{label} round {round_index + 1} {fmt:<23} {args.rows / elapsed:>10,.0f} rows/s  "
                  f"(emulator {server:.2f} s of {elapsed:.2f} s)", flush=True)
        if "insertAll" not in args.ways:
            continue
        elapsed = insert_all(client, rows, "inserted", args.batch)
        check(client, "inserted", rows)
        results.setdefault("insertAll", []).append((elapsed, float("nan")))
        print(f"{label} round {round_index + 1} {'insertAll':<23} {args.rows / elapsed:>10,.0f} rows/s", flush=True)
    return results, failures


def summarize(results, failures, rows):
    ways = {}
    for way, runs in results.items():
        elapsed = statistics.median(e for e, _ in runs)
        ways[way] = {"seconds": elapsed, "server_seconds": statistics.median(s for _, s in runs),
                     "rows_per_second": rows / elapsed}
    for way, error in failures.items():
        ways[way] = {"not_run": error}
    return ways


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "warehouse"))
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--peer", action="store_true", help="run the same against bqemulator (PyPI) after ours")
    parser.add_argument("--output", help="write the results as JSON here")
    ways = ["CSV", "NEWLINE_DELIMITED_JSON", "PARQUET", "insertAll"]
    parser.add_argument("--ways", default=",".join(ways),
                        help="comma-separated ways in to measure (e.g. PARQUET alone, to compare two builds)")
    args = parser.parse_args()
    args.ways = args.ways.split(",")
    unknown = set(args.ways) - set(ways)
    if unknown:
        parser.error(f"unknown ways {sorted(unknown)}; choose from {ways}")

    rows = make_rows(args.rows)
    payloads = {fmt: data for fmt, data in files(rows).items() if fmt in args.ways}
    systems = {}
    with EmulatorProcess(args.binary) as emulator:
        results, failures = run_rounds(emulator.url, rows, payloads, args, "ours")
        systems["ours"] = {"ways": summarize(results, failures, args.rows), "peak_rss_mb": peak_rss_mb(emulator.pid)}
    if args.peer:
        import emulator_bench
        venv = emulator_bench.bqemulator_venv(ROOT)
        with tempfile.TemporaryDirectory() as home:
            process, url = emulator_bench.start_bqemulator(venv, home)
            try:
                results, failures = run_rounds(url, rows, payloads, args, "bqemulator")
                systems["bqemulator"] = {"ways": summarize(results, failures, args.rows), "peak_rss_mb": peak_rss_mb(process.pid)}
            finally:
                process.terminate()
                process.wait(timeout=20)

    print(f"\n{args.rows:,} rows; median of {args.rounds} rounds; rows/s end to end (the emulator's own time for the job)\n")
    names = list(systems)
    print("| way in | file | " + " | ".join(names) + (" | ours / peer |" if len(names) > 1 else " |"))
    print("|---|---:|" + "---:|" * len(names) + ("---:|" if len(names) > 1 else ""))
    for way in list(payloads) + [way for way in ["insertAll"] if way in args.ways]:
        size = f"{len(payloads[way]) / 1e6:.1f} MB" if way in payloads else ""
        cells = []
        for name in names:
            figure = systems[name]["ways"].get(way, {"not_run": "missing"})
            if "not_run" in figure:
                cells.append(f"not run: {figure['not_run'][:60]}")
            else:
                server = figure["server_seconds"]
                cells.append(f"{figure['rows_per_second']:,.0f}" + ("" if server != server else f" ({server:.2f} s)"))
        ratio = ""
        if len(names) > 1:
            ours, peer = (systems[n]["ways"].get(way, {}) for n in names[:2])
            if "rows_per_second" in ours and "rows_per_second" in peer:
                ratio = f" {ours['rows_per_second'] / peer['rows_per_second']:.1f}x |"
            else:
                ratio = " |"
        print(f"| {way} | {size} | " + " | ".join(cells) + " |" + ratio)
    print("\npeak RSS: " + ", ".join(f"{n} {systems[n]['peak_rss_mb']:.0f} MB" for n in names))
    if args.output:
        with open(args.output, "w") as out:
            json.dump({"rows": args.rows, "rounds": args.rounds, "systems": systems}, out, indent=2)


if __name__ == "__main__":
    main()
