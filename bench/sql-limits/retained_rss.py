"""Resident memory of the emulator under repeated large queries read one row at a time (issue #9).

Starts `warehouse emulator` (in memory), loads ROWS rows, then runs `SELECT *` over them REPEATS times
with maxResults=1, the way a client that reads only the first page leaves results behind, printing
the emulator's VmRSS after each query. Unbounded retention grows by a result's size per query;
bounded retention levels off at the budget (256 MB by default).

    python3 bench/sql-limits/retained_rss.py [--emulator .build/release/warehouse] [--rows 200000] [--repeats 20]
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


def call(url, path, body=None, method="POST"):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--emulator", default=default_binary())
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=20)
    arguments = parser.parse_args()
    with EmulatorProcess(arguments.emulator) as emulator:
        base = f"/bigquery/v2/projects/{PROJECT}"
        call(emulator.url, f"{base}/datasets", {"datasetReference": {"datasetId": "bench"}})
        call(emulator.url, f"{base}/datasets/bench/tables", {
            "tableReference": {"tableId": "events"},
            "schema": {"fields": [{"name": "event_id", "type": "STRING"}, {"name": "user_id", "type": "STRING"},
                                  {"name": "amount", "type": "INT64"}, {"name": "occurred_at", "type": "TIMESTAMP"}]}})
        for start in range(0, arguments.rows, 10_000):
            rows = [{"json": {"event_id": f"event-{index:012d}", "user_id": f"user-{index % 1000:06d}", "amount": index,
                              "occurred_at": "2026-01-01T00:00:00Z"}}
                    for index in range(start, min(arguments.rows, start + 10_000))]
            status, reply = call(emulator.url, f"{base}/datasets/bench/tables/events/insertAll", {"rows": rows})
            assert status == 200 and "insertErrors" not in reply, reply
        print(f"loaded {arguments.rows} rows; RSS {rss_mb(emulator.pid):.0f} MB", flush=True)
        first = rss_mb(emulator.pid)
        for repeat in range(1, arguments.repeats + 1):
            started = time.monotonic()
            status, reply = call(emulator.url, f"{base}/queries",
                                 {"query": "SELECT * FROM bench.events", "useLegacySql": False, "maxResults": 1,
                                  "timeoutMs": 600_000})
            assert status == 200, reply
            print(f"query {repeat:2}: {time.monotonic() - started:6.2f} s, totalRows {reply['totalRows']}, "
                  f"RSS {rss_mb(emulator.pid):7.0f} MB", flush=True)
        print(f"RSS after {arguments.repeats} queries: {rss_mb(emulator.pid):.0f} MB "
              f"(+{rss_mb(emulator.pid) - first:.0f} MB since loading)")


if __name__ == "__main__":
    main()
