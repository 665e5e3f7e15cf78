"""`warehouse serve` killed with SIGKILL in the middle of an ingest stream, then restarted on the same
data folder: no drain, no flush, requests in flight. Afterwards every event whose POST /ingestData
got a 202 is in the table exactly once and as sent; an event whose request got no answer (cut by the
kill) is there at most once; nothing else is there.

Producers send batches from two threads; once --kill-after of the batches have been answered the
process is killed. Batches the dead process refused to connect to were never received and are sent
again after the restart, with those never tried; batches cut mid-request are not sent again, so
"at most once" is what they show.

Usage: serve_kill9.py WAREHOUSE_BINARY [--events 3000] [--batch 50] [--kill-after 0.4]
"""

import argparse
import http.client
import os
import sys
import tempfile
import threading
import time
import urllib.error
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import ServeProcess  # noqa: E402
from serve_roundtrip import call, read_all  # noqa: E402


class Stream:
    """The batches and what became of each: acked (202), cut (no answer), or still to send."""

    def __init__(self, batches):
        self.lock = threading.Lock()
        self.pending = list(range(len(batches)))
        self.batches = batches
        self.acked, self.cut, self.refused = [], [], []
        self.stopped = False

    def take(self):
        with self.lock:
            if self.stopped or not self.pending:
                return None
            return self.pending.pop(0)

    def produce(self, api):
        while (index := self.take()) is not None:
            try:
                status, body = call("POST", f"{api}/ingestData", self.batches[index], timeout=60)
            except (ConnectionRefusedError, urllib.error.URLError) as error:
                if not isinstance(getattr(error, "reason", error), ConnectionRefusedError):
                    with self.lock:
                        self.cut.append(index)
                    continue
                with self.lock:
                    self.refused.append(index)
                    self.stopped = True
                continue
            except (ConnectionError, http.client.HTTPException, OSError):
                with self.lock:
                    self.cut.append(index)
                continue
            with self.lock:
                if status == 202 and len(body["messageIds"]) == len(self.batches[index]):
                    self.acked.append(index)
                elif status == 503:
                    self.refused.append(index)  # refused as a whole: the producer would retry
                else:
                    sys.exit(f"batch {index} answered {status}: {body}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--kill-after", type=float, default=0.4, help="fraction of the batches answered before the kill")
    parser.add_argument("--ack-deadline", type=int, default=10,
                        help="serve's --ack-deadline: how long the killed Sink's unacked messages stay leased")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="serve-kill9-")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    events = [{"event_id": f"k-{i:05d}", "event_type": ["click", "view", "buy"][i % 3],
               "user_id": None if i % 11 == 0 else f"u-{i % 40}",
               "occurred_at": (now - timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "payload": {"n": i, "text": "kill -9 \"mid-ingest\" ü", "list": [i, None, True]}}
              for i in range(args.events)]
    batches = [events[start:start + args.batch] for start in range(0, len(events), args.batch)]
    window_from = (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    window_to = (now + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    started = time.time()

    stream = Stream(batches)
    lease = ("--ack-deadline", str(args.ack_deadline))
    first = ServeProcess(args.binary, folder, extra_args=lease)
    producers = [threading.Thread(target=stream.produce, args=(first.api,)) for _ in range(2)]
    for producer in producers:
        producer.start()
    kill_at = max(1, int(len(batches) * args.kill_after))
    deadline = time.time() + 120
    while len(stream.acked) < kill_at:
        if time.time() > deadline:
            sys.exit(f"only {len(stream.acked)} of {len(batches)} batches answered in 120 s")
        time.sleep(0.005)
    first.kill()
    for producer in producers:
        producer.join(timeout=90)
    acked_before = len(stream.acked)
    cut = list(stream.cut)
    with stream.lock:
        stream.pending = sorted(stream.refused + stream.pending)
        stream.refused, stream.stopped = [], False

    killed_at = time.time()
    second = ServeProcess(args.binary, folder, extra_args=lease)
    restarted_in = time.time() - killed_at
    stream.produce(second.api)
    if stream.refused or stream.pending:
        sys.exit(f"after the restart {len(stream.refused)} batches were refused, {len(stream.pending)} not sent")

    acked = {event["event_id"]: event for index in stream.acked for event in batches[index]}
    maybe = {event["event_id"]: event for index in cut for event in batches[index]}
    # Messages the killed Sink had pulled but not acked come back when their ack deadline ends.
    deadline = time.time() + 90 + args.ack_deadline
    while True:
        rows, pages = read_all(second.api, window_from, window_to, limit=1000)
        present = {row["event_id"] for row in rows}
        if set(acked) <= present or time.time() > deadline:
            break
        time.sleep(0.5)
    stored_in = time.time() - killed_at - restarted_in
    code, drained = second.stop()
    if code != 0:
        sys.exit(f"the restarted serve exited {code} on Ctrl-C")

    ids = [row["event_id"] for row in rows]
    twice = sorted({event_id for event_id in ids if ids.count(event_id) > 1})
    missing = sorted(set(acked) - set(ids))
    unknown = sorted(set(ids) - set(acked) - set(maybe))
    altered = [row for row in rows if row != acked.get(row["event_id"], maybe.get(row["event_id"]))]
    problems = []
    if twice:
        problems.append(f"{len(twice)} events stored twice, e.g. {twice[:3]}")
    if missing:
        problems.append(f"{len(missing)} events answered 202 are missing, e.g. {missing[:3]}")
    if unknown:
        problems.append(f"{len(unknown)} rows no request sent, e.g. {unknown[:3]}")
    if altered:
        first_altered = altered[0]
        problems.append(f"{len(altered)} rows stored other than sent, e.g.\n  sent "
                        f"{acked.get(first_altered['event_id'], maybe.get(first_altered['event_id']))}\n  got  {first_altered}")
    if problems:
        sys.exit("serve kill -9: " + "; ".join(problems))
    cut_present = len(set(maybe) & set(ids))
    print(f"serve kill -9 mid-ingest: SIGKILL after {acked_before} of {len(batches)} batches of {args.batch} were answered, "
          f"{len(cut)} batches cut in flight ({len(maybe)} events, {cut_present} of them stored, each once); after the restart "
          f"{len(stream.acked)} batches answered 202 in all: {len(acked)} events, each stored once and as sent ({len(rows)} rows, "
          f"{pages} pages); restarted in {restarted_in:.1f} s, all stored {stored_in:.1f} s after the restart; Ctrl-C drained in {drained:.1f} s; {time.time() - started:.0f} s in all")

if __name__ == "__main__":
    main()
