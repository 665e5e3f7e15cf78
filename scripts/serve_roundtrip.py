"""`warehouse serve` end to end, as a newcomer runs it: events in through POST /ingestData, through
Pub/Sub and the Sink into BigQuery, and back out through GET /getData's pages, exactly once each;
then Ctrl-C (a graceful drain) and a restart on the same data folder, which still has every row.

Usage: serve_roundtrip.py WAREHOUSE_BINARY [--events N]
"""

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import ServeProcess as Serve  # noqa: E402


def call(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, json.loads(reply.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def read_all(api, window_from, window_to, limit=100):
    """Every row /getData returns across its pages, in order."""
    rows, token, pages = [], None, 0
    while True:
        query = f"limit={limit}&from={window_from}&to={window_to}"
        if token:
            query += f"&pageToken={token}"
        status, body = call("GET", f"{api}/getData?{query}")
        if status != 200:
            sys.exit(f"getData answered {status}: {body}")
        rows += body["rows"]
        pages += 1
        token = body.get("nextPageToken")
        if not token:
            return rows, pages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--schema", default=os.path.join(os.path.dirname(__file__), "..", "schemas", "events.json"))
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="serve-roundtrip-")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    sent = {}
    for i in range(args.events):
        occurred = now - timedelta(seconds=i)
        sent[f"e-{i:05d}"] = {
            "event_id": f"e-{i:05d}", "event_type": ["click", "view", "buy"][i % 3],
            "user_id": None if i % 7 == 0 else f"u-{i % 50}",
            "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "payload": {"n": i, "text": "ünïcode \"quoted\"", "nested": {"ok": i % 2 == 0}},
        }
    events = list(sent.values())
    window_from = (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    window_to = (now + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")

    serve = Serve(args.binary, folder, args.schema)
    for start in range(0, len(events), 250):
        status, body = call("POST", f"{serve.api}/ingestData", events[start:start + 250])
        if status != 202 or len(body["messageIds"]) != len(events[start:start + 250]):
            sys.exit(f"ingest answered {status}: {body}")
    # A producer's retry of the first batch: the same event_ids collapse into the rows already there.
    status, _ = call("POST", f"{serve.api}/ingestData", events[:10])
    if status != 202:
        sys.exit(f"the retried ingest answered {status}")
    status, body = call("POST", f"{serve.api}/ingestData", [{"event_id": "x", "event_type": 1}])
    if status != 400 or not body.get("error", {}).get("errors"):
        sys.exit(f"an invalid event was not a 400 listing its errors: {status} {body}")

    deadline = time.time() + 60
    while True:
        rows, pages = read_all(serve.api, window_from, window_to)
        if len(rows) >= len(events) or time.time() > deadline:
            break
        time.sleep(0.5)
    check(rows, sent, f"after ingest ({pages} pages)")
    code, drained = serve.stop()
    if code != 0:
        sys.exit(f"serve exited {code} on Ctrl-C")

    again = Serve(args.binary, folder, args.schema)
    rows, pages = read_all(again.api, window_from, window_to, limit=1000)
    check(rows, sent, "after a restart")
    again.stop()
    print(f"serve round trip: {len(events)} events in, {len(rows)} rows out, each once and as sent; "
          f"Ctrl-C drained in {drained:.1f} s; a restart kept them")


def check(rows, sent, when):
    ids = [row["event_id"] for row in rows]
    if len(ids) != len(set(ids)):
        sys.exit(f"{when}: {len(ids) - len(set(ids))} rows came back twice")
    missing = set(sent) - set(ids)
    if missing:
        sys.exit(f"{when}: {len(missing)} events missing, e.g. {sorted(missing)[:3]}")
    for row in rows:
        if row != sent[row["event_id"]]:
            sys.exit(f"{when}: stored other than sent:\n  sent {sent[row['event_id']]}\n  got  {row}")
    keys = [(row["occurred_at"], row["event_id"]) for row in rows]
    if keys != sorted(keys, reverse=True):
        sys.exit(f"{when}: pages are not newest first")


if __name__ == "__main__":
    main()
