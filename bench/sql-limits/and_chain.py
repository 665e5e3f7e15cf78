"""How the time to answer a query grows with the length of a generated AND chain (issue #9).

Starts `warehouse emulator` (in memory) on a loopback port, creates a small table, and times
jobs.query for WHERE clauses of N terms (`TRUE AND TRUE ...` without a table, `a<>0 AND ...` over one), over HTTP with the standard library only.
Reports wall time and the emulator's CPU time (which other load on the machine does not inflate);
linear work shows as CPU ratios near 2x per doubling, quadratic as ~4x.

    python3 bench/sql-limits/and_chain.py [--emulator .build/release/warehouse] [--terms 25000,50000,100000]
"""
import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from emulator_process import EmulatorProcess, default_binary  # noqa: E402

PROJECT = "bench-project"


def call(url, path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def cpu_seconds(pid):
    """User plus system CPU time of a process: unlike wall time, not inflated by other load on the machine."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def chain_sql(terms, shape):
    if shape == "column":
        # Short terms: 100,000 of them must stay under BigQuery's 1,024K-character query limit.
        return "SELECT COUNT(*) AS n FROM bench.rows WHERE " + " AND ".join("a<>0" for _ in range(terms))
    return "SELECT 1 AS one WHERE " + " AND ".join("TRUE" for _ in range(terms))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--emulator", default=default_binary())
    parser.add_argument("--terms", default="25000,50000,100000")
    parser.add_argument("--shapes", default="literal,column")
    arguments = parser.parse_args()
    counts = [int(text) for text in arguments.terms.split(",")]
    with EmulatorProcess(arguments.emulator) as emulator:
        base = f"/bigquery/v2/projects/{PROJECT}"
        call(emulator.url, f"{base}/datasets", {"datasetReference": {"datasetId": "bench"}})
        call(emulator.url, f"{base}/datasets/bench/tables", {
            "tableReference": {"tableId": "rows"},
            "schema": {"fields": [{"name": "a", "type": "INT64"}]}})
        call(emulator.url, f"{base}/datasets/bench/tables/rows/insertAll",
             {"rows": [{"json": {"a": index}} for index in range(1, 101)]})
        for shape in arguments.shapes.split(","):
            previous = None
            for terms in counts:
                sql = chain_sql(terms, shape)
                started, cpu_before = time.monotonic(), cpu_seconds(emulator.pid)
                status, reply = call(emulator.url, f"{base}/queries", {"query": sql, "useLegacySql": False})
                elapsed = time.monotonic() - started
                cpu = cpu_seconds(emulator.pid) - cpu_before
                ratio = f"{cpu / previous:.2f}x" if previous else "-"
                outcome = reply.get("rows", [{}])[0].get("f", [{}])[0].get("v") if status == 200 else \
                    reply.get("error", {}).get("message", "")[:80]
                print(f"{shape:8} {terms:>7} terms  {len(sql) / 1024:8.1f} KiB  wall {elapsed:8.3f} s  "
                      f"emulator CPU {cpu:8.3f} s  {ratio:>7}  "
                      f"HTTP {status} {outcome}", flush=True)
                previous = cpu


if __name__ == "__main__":
    main()
