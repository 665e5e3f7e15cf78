#!/usr/bin/env python3
"""BigQuery emulator benchmark through Google's official Python client.

Measures, for each emulator in the same run:
  * insertAll of N rows (default 100k) in batches of 500 with insertIds -> rows/s
  * parameterized `... LIMIT @limit` queries (limit 10) via jobs.query -> p50 / p99 latency
  * peak resident memory of the emulator process (VmHWM)

Emulators: ours (`warehouse emulator`, in memory and with a WAL file) and, when installed,
the DuckDB-based `bqemulator` from PyPI. Loopback only; every loop is bounded.
"""
import argparse
import datetime
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from emulator_process import EmulatorProcess  # noqa: E402

PROJECT = "bench-project"
DATASET = "bench"
TABLE = f"{PROJECT}.{DATASET}.events"
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
QUERY = (f"SELECT event_id, event_type, user_id, amount, occurred_at FROM `{TABLE}` "
         "WHERE occurred_at >= @start AND occurred_at < @end AND event_type = @type "
         "ORDER BY occurred_at DESC LIMIT @limit")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def make_rows(count):
    kinds = ["click", "view", "purchase", "signup"]
    return [{
        "event_id": f"evt-{i:08d}",
        "event_type": kinds[i % len(kinds)],
        "user_id": f"user-{i % 997}",
        "amount": i % 1000,
        "occurred_at": (START + datetime.timedelta(seconds=i * 26)).isoformat(),
        "payload": json.dumps({"i": i, "note": "benchmark row"}),
    } for i in range(count)]


def run_workload(url, rows, batch, queries, warmup):
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    os.environ["BIGQUERY_EMULATOR_HOST"] = url
    client = bigquery.Client(project=PROJECT, credentials=AnonymousCredentials())
    client.create_dataset(f"{PROJECT}.{DATASET}", exists_ok=True)
    table = bigquery.Table(TABLE, schema=[
        bigquery.SchemaField("event_id", "STRING", mode="REQUIRED"),
        bigquery.SchemaField("event_type", "STRING"),
        bigquery.SchemaField("user_id", "STRING"),
        bigquery.SchemaField("amount", "INT64"),
        bigquery.SchemaField("occurred_at", "TIMESTAMP", mode="REQUIRED"),
        bigquery.SchemaField("payload", "STRING"),
    ])
    table.time_partitioning = bigquery.TimePartitioning(field="occurred_at")
    table.clustering_fields = ["event_type", "user_id"]
    client.create_table(table)

    started = time.perf_counter()
    for offset in range(0, len(rows), batch):
        chunk = rows[offset:offset + batch]
        errors = client.insert_rows_json(TABLE, chunk, row_ids=[r["event_id"] for r in chunk])
        if errors:
            raise RuntimeError(f"insert errors: {errors[:2]}")
    insert_seconds = time.perf_counter() - started

    config = bigquery.QueryJobConfig(query_parameters=[
        bigquery.ScalarQueryParameter("start", "TIMESTAMP", START),
        bigquery.ScalarQueryParameter("end", "TIMESTAMP", START + datetime.timedelta(days=7)),
        bigquery.ScalarQueryParameter("type", "STRING", "click"),
        bigquery.ScalarQueryParameter("limit", "INT64", 10),
    ])
    latencies = []
    for index in range(warmup + queries):
        began = time.perf_counter()
        result = list(client.query_and_wait(QUERY, job_config=config))
        elapsed = time.perf_counter() - began
        if len(result) != 10:
            raise RuntimeError(f"query returned {len(result)} rows, expected 10")
        if index >= warmup:
            latencies.append(elapsed * 1000)
    latencies.sort()
    return {
        "rows": len(rows),
        "insert_seconds": round(insert_seconds, 3),
        "rows_per_second": round(len(rows) / insert_seconds),
        "query_p50_ms": round(statistics.median(latencies), 2),
        "query_p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 2),
    }


def bench_ours(binary, rows, args, db_file):
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "bench.sqlite") if db_file else None
        with EmulatorProcess(binary, db_path=db) as emulator:
            result = run_workload(emulator.url, rows, args.batch, args.queries, args.warmup)
            result["peak_rss_mb"] = round(peak_rss_mb(emulator.pid), 1)
            return result


def bqemulator_venv(root):
    """bqemulator in its own venv: it needs duckdb 1.5.5, whose spatial extension PyPI ships, because
    duckdb 2.0 would download the extension at start and this machine has no internet."""
    venv = os.path.join(root, ".venv-bqemulator")
    if not os.path.exists(os.path.join(venv, "bin", "bqemulator")):
        print("installing bqemulator into .venv-bqemulator (one time, ~3 min)...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "--disable-pip-version-check",
                        "-r", os.path.join(HERE, "bqemulator-requirements.txt")], check=True)
    return venv


def start_bqemulator(venv, home):
    """Starts bqemulator offline; returns (process, url)."""
    import glob
    import urllib.request
    found = glob.glob(os.path.join(venv, "lib", "python3*", "site-packages", "duckdb_extension_spatial",
                                   "extensions", "v*", "spatial.duckdb_extension"))
    if not found:
        raise RuntimeError("duckdb-extension-spatial is missing from " + venv)
    version = os.path.basename(os.path.dirname(found[0]))
    extensions = os.path.join(home, ".duckdb", "extensions", version, "linux_amd64")
    os.makedirs(extensions, exist_ok=True)
    os.symlink(found[0], os.path.join(extensions, "spatial.duckdb_extension"))
    port = free_port()
    env = dict(os.environ, HOME=home, BQEMU_ENABLE_FORMAT_EXTENSIONS="0", BQEMU_LOG_LEVEL="warning")
    env.pop("BIGQUERY_EMULATOR_HOST", None)
    process = subprocess.Popen([os.path.join(venv, "bin", "bqemulator"), "start", "--rest-host", "127.0.0.1",
                                "--rest-port", str(port), "--grpc-host", "127.0.0.1", "--grpc-port", str(free_port()),
                                "--ephemeral", "--project", PROJECT, "--log-level", "warning"],
                               env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bqemulator exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/bigquery/v2/projects/{PROJECT}/datasets", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise TimeoutError("bqemulator did not become ready")


def bench_bqemulator(rows, args):
    venv = bqemulator_venv(ROOT)
    with tempfile.TemporaryDirectory() as home:
        process, url = start_bqemulator(venv, home)
        try:
            result = run_workload(url, rows, args.batch, args.queries, args.warmup)
            result["peak_rss_mb"] = round(peak_rss_mb(process.pid), 1)
            return result
        finally:
            process.terminate()
            process.wait(timeout=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "warehouse"))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--skip-bqemulator", action="store_true")
    parser.add_argument("--output", "--json", help="write the results as JSON here")
    args = parser.parse_args()

    rows = make_rows(args.rows)
    results = {
        "warehouse emulator (memory)": bench_ours(args.binary, rows, args, db_file=False),
        "warehouse emulator (WAL file)": bench_ours(args.binary, rows, args, db_file=True),
    }
    if not args.skip_bqemulator:
        results["bqemulator (DuckDB)"] = bench_bqemulator(rows, args)

    print(f"{'emulator':32} {'rows/s':>9} {'insert s':>9} {'q p50 ms':>9} {'q p99 ms':>9} {'RSS MB':>8}")
    for name, r in results.items():
        if r is None:
            print(f"{name:32} not installed")
            continue
        print(f"{name:32} {r['rows_per_second']:>9} {r['insert_seconds']:>9} {r['query_p50_ms']:>9} "
              f"{r['query_p99_ms']:>9} {r['peak_rss_mb']:>8}")
    ours, theirs = results["warehouse emulator (memory)"], results.get("bqemulator (DuckDB)")
    if theirs:
        print(f"insert throughput ratio (ours in memory / bqemulator): {ours['rows_per_second'] / theirs['rows_per_second']:.1f}x")
        print(f"insert throughput ratio (ours WAL file / bqemulator): "
              f"{results['warehouse emulator (WAL file)']['rows_per_second'] / theirs['rows_per_second']:.1f}x")
    if args.output:
        with open(args.output, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
