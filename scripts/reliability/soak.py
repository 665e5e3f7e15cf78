#!/usr/bin/env python3
"""The soak: the whole system at a fixed mixed rate for --minutes (10 by default), watched over time.

Runs `warehouse emulator`, `warehouse sink` and `warehouse api` as separate processes on loopback
(scripts/reliability/harness.py), then for the whole run:
- ingests --ingest-rate events/s through POST /ingestData, in batches of --batch, paced;
- reads --read-rate requests/s from GET /getData, half of them one repeated read (the cache's case),
  half distinct reads (a window or filter not asked before: a query each);
- every --interval seconds samples each process's resident memory, the latency of the answers of that
  interval (p50, p99), the errors, and freshness from the Sink's own histogram
  (`sink_publish_to_stored_seconds`: the share of events stored within 2 s of being published, the
  freshness SLO's SLI, docs/operations.md).

It passes when: no request got an error answer (anything but 202/200; the API is not rate-limited
here); every accepted event is stored exactly once at the end; freshness met its SLO (99% within 2 s)
in every interval after the first minute; and each process's resident memory was flat: the mean of the
last quarter of the run within max(10%, 16 MiB) of the mean of the second quarter (the first is
warm-up). The emulator remembers insertIds for --insert-id-retention seconds (60 here, about BigQuery's
own window; the emulator's default is 600), in memory, so its memory rises for that long at any steady
rate before it levels off. It writes its section of docs/reliability.md and, with matplotlib, a chart of memory,
latency and freshness over time (docs/reliability/soak.png).

Usage:  scripts/reliability/soak.py [--minutes 10] [--quick] [--binary .build/debug/warehouse]
        (--quick: 1 minute, for trying it; the figures worth quoting come from a release build)
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from serve_process import resident_mib  # noqa: E402  (harness put scripts/ on the path)
import report  # noqa: E402

SUITE = "soak"
CHART = os.path.join(ROOT, "docs", "reliability", "soak.png")
FRESHNESS_BOUND = "2.0"  # seconds: the freshness SLO's threshold, a bucket bound of the Sink's histogram
FRESHNESS_GOAL = 0.99
TYPES = ["click", "view", "buy", "signup"]


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def sink_operations_url(sink, deadline):
    while not deadline.passed():
        for line in sink.log_lines("operations on http://"):
            match = re.search(r"operations on (http://[0-9.]+:[0-9]+)", line)
            if match:
                return match.group(1)
        time.sleep(0.2)
    raise harness.ScenarioFailure("the Sink never said where its operations port is")


def freshness_counts(metrics_url):
    """(events stored within the bound, events stored) from the Sink's histogram, cumulative."""
    try:
        with urllib.request.urlopen(f"{metrics_url}/metrics", timeout=10) as reply:
            text = reply.read().decode()
    except OSError:
        return None
    within = total = 0
    for line in text.splitlines():
        if line.startswith("sink_publish_to_stored_seconds_bucket") and f'le="{FRESHNESS_BOUND}"' in line:
            within += float(line.rsplit(" ", 1)[1])
        elif line.startswith("sink_publish_to_stored_seconds_count"):
            total += float(line.rsplit(" ", 1)[1])
    return within, total


class Reader:
    """GET /getData at a fixed rate from a few threads; keeps (answered at, latency, status)."""

    def __init__(self, api_url, rate, threads=4):
        self.api_url = api_url
        self.rate = rate
        self.threads = threads
        self.lock = threading.Lock()
        self.answers = []
        self.sent = 0
        self.stop_flag = False
        self.workers = []

    def url(self, index):
        if index % 2 == 0:  # the repeated read: a cache hit after the first
            return f"{self.api_url}/getData?limit=10&event_type=click"
        # A distinct read: the window's end moves by a millisecond each time, so no two are alike.
        end = datetime.now(timezone.utc) + timedelta(minutes=5, milliseconds=index)
        start = end - timedelta(hours=2)
        query = {"limit": "50", "event_type": TYPES[index % len(TYPES)],
                 "from": start.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "to": end.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}
        return f"{self.api_url}/getData?{urllib.parse.urlencode(query)}"

    def start(self, deadline):
        self.started = time.monotonic()
        self.deadline = deadline
        for _ in range(self.threads):
            worker = threading.Thread(target=self.run, daemon=True)
            worker.start()
            self.workers.append(worker)

    def run(self):
        while not self.stop_flag and not self.deadline.passed():
            with self.lock:
                index = self.sent
                self.sent += 1
            pause = self.started + index / self.rate - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            began = time.monotonic()
            try:
                status, _, _ = harness.request("GET", self.url(index), timeout=30)
            except Exception as error:  # a reset or a timeout is an error of the run, not of the script
                status = f"cut: {type(error).__name__}"
            with self.lock:
                self.answers.append((time.monotonic(), time.monotonic() - began, status))

    def stop(self):
        self.stop_flag = True
        for worker in self.workers:
            worker.join(timeout=35)


def run(args, folder):
    seconds = args.minutes * 60
    system = harness.System(args.binary, folder,
                            emulator_args=["--insert-id-retention", str(args.insert_id_retention)])
    try:
        deadline = harness.Deadline(seconds + 300, "soak")
        metrics_url = sink_operations_url(system.sink, deadline.sooner(30, "the Sink's operations port"))
        pids = {"emulator": system.emulator.process.process.pid, "sink": system.sink.process.process.pid,
                "api": system.api.process.process.pid}
        events = harness.make_events(int(args.ingest_rate * seconds), "soak")
        producer = harness.Producer(system.api.url, events, batch=args.batch, threads=4, rate=args.ingest_rate,
                                    retry_unavailable=False)
        reader = Reader(system.api.url, args.read_rate)
        run_deadline = harness.Deadline(seconds + 60, "the soak's traffic")
        began = time.monotonic()
        producer.start(run_deadline)
        reader.start(harness.Deadline(seconds, "reads"))
        samples = []
        last_fresh = freshness_counts(metrics_url) or (0, 0)
        next_sample = began + args.interval
        while time.monotonic() - began < seconds:
            time.sleep(max(0.0, next_sample - time.monotonic()))
            now = time.monotonic()
            window_start = next_sample - args.interval
            next_sample += args.interval
            fresh = freshness_counts(metrics_url) or last_fresh
            stored = fresh[1] - last_fresh[1]
            within = fresh[0] - last_fresh[0]
            last_fresh = fresh
            ingests = [(answered - sent, outcome) for sent, answered, outcome in producer.answers_between(window_start, now)]
            with reader.lock:
                reads = [(latency, status) for answered, latency, status in reader.answers if window_start <= answered < now]
            sample = {
                "t": round(now - began, 1),
                "rss": {name: resident_mib(pid) for name, pid in pids.items()},
                "ingest_p50_ms": percentile([l for l, _ in ingests], 0.5), "ingest_p99_ms": percentile([l for l, _ in ingests], 0.99),
                "read_p50_ms": percentile([l for l, _ in reads], 0.5), "read_p99_ms": percentile([l for l, _ in reads], 0.99),
                "ingest_requests": len(ingests), "reads": len(reads),
                "errors": sum(1 for _, o in ingests if o != 202) + sum(1 for _, s in reads if s != 200),
                "stored": stored, "fresh_share": (within / stored) if stored else None,
            }
            for key in ("ingest_p50_ms", "ingest_p99_ms", "read_p50_ms", "read_p99_ms"):
                if sample[key] is not None:
                    sample[key] = round(sample[key] * 1000, 1)
            samples.append(sample)
            print(f"t={sample['t']:6.0f}s  RSS MiB " + " ".join(f"{n} {v:.0f}" for n, v in sample["rss"].items() if v)
                  + f"  ingest p99 {sample['ingest_p99_ms']} ms  read p99 {sample['read_p99_ms']} ms"
                  + f"  errors {sample['errors']}  stored {stored:.0f}, fresh {sample['fresh_share']}", flush=True)
        reader.stop()
        producer.join(run_deadline)
        accepted = [event["event_id"] for index in producer.accepted for event in producer.batches[index]]
        stored_ids = harness.wait_for_rows(system.emulator.url, accepted, deadline.sooner(120, "the backlog draining"))
        count = harness.Count(accepted, stored_ids, maybe_ids=[event["event_id"] for index in producer.cut | producer.refused
                                                                 for event in producer.batches[index]])
        return samples, producer, reader, count
    finally:
        system.close()


def judge(samples, producer, reader, count, args):
    problems = list(count.problems())
    errors = sum(s["errors"] for s in samples) + len(producer.errors)
    if errors:
        problems.append(f"{errors} error answers (first: {producer.errors[:1]})")
    if producer.refused or producer.cut:
        problems.append(f"{len(producer.refused)} ingests refused and {len(producer.cut)} cut")
    settled = [s for s in samples if s["t"] > 60 and s["fresh_share"] is not None]
    missed = [s for s in settled if s["fresh_share"] < FRESHNESS_GOAL]
    if missed:
        problems.append(f"freshness under {FRESHNESS_GOAL:.0%} within {FRESHNESS_BOUND} s in {len(missed)} of "
                        f"{len(settled)} intervals (lowest {min(s['fresh_share'] for s in missed):.1%})")
    growth = {}
    quarter = max(1, len(samples) // 4)
    for name in samples[0]["rss"] if samples else []:
        second = [s["rss"][name] for s in samples[quarter:2 * quarter] if s["rss"][name]]
        last = [s["rss"][name] for s in samples[-quarter:] if s["rss"][name]]
        if second and last:
            before, after = statistics.mean(second), statistics.mean(last)
            growth[name] = (round(before, 1), round(after, 1))
            if after - before > max(0.10 * before, 16):
                problems.append(f"{name}'s memory grew from {before:.0f} to {after:.0f} MiB")
    return problems, growth


def chart(samples, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed here (the bench suite's venv has it): no chart"
    minutes = [s["t"] / 60 for s in samples]
    figure, (memory, latency, freshness) = plt.subplots(3, 1, figsize=(10, 10), sharex=True)
    for name in samples[0]["rss"]:
        memory.plot(minutes, [s["rss"][name] for s in samples], label=name, linewidth=2)
    memory.set_ylabel("resident memory (MiB)")
    memory.set_ylim(bottom=0)
    memory.set_title("Soak: memory, latency and freshness over time")
    memory.legend(loc="upper left")
    for key, label in [("ingest_p50_ms", "POST /ingestData p50"), ("ingest_p99_ms", "POST /ingestData p99"),
                       ("read_p50_ms", "GET /getData p50"), ("read_p99_ms", "GET /getData p99")]:
        latency.plot(minutes, [s[key] for s in samples], label=label, linewidth=2 if "p99" in key else 1)
    latency.set_ylabel("latency (ms)")
    latency.set_ylim(bottom=0)
    latency.legend(loc="upper left")
    freshness.plot(minutes, [100 * s["fresh_share"] if s["fresh_share"] is not None else None for s in samples],
                   label=f"stored within {FRESHNESS_BOUND} s of publish", linewidth=2, color="tab:green")
    freshness.axhline(100 * FRESHNESS_GOAL, color="tab:red", linestyle="--", label=f"SLO {FRESHNESS_GOAL:.0%}")
    freshness.set_ylabel("events fresh (%)")
    freshness.set_ylim(90, 100.5)
    freshness.set_xlabel("minutes into the run")
    freshness.legend(loc="lower left")
    for axis in (memory, latency, freshness):
        axis.grid(alpha=0.3)
    figure.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    figure.savefig(path, dpi=100)
    return None


def section(result):
    lines = ["## Soak (`scripts/reliability/soak.py`)", "",
             f"The system as three processes at a fixed mixed rate: {result['ingest_rate']} events/s ingested "
             f"(batches of {result['batch']}) and {result['read_rate']} reads/s (half one repeated read, half distinct), "
             f"for {result['minutes']} minutes, sampled every {result['interval']} s, the emulator remembering "
             f"insertIds for {result['insert_id_retention']} s (`--insert-id-retention`; the ids of that window are "
             "held in memory, so with the default 600 s its memory would rise for all of a 10-minute run). It fails on any error answer, a lost "
             "or duplicated event, freshness under its SLO (99% stored within 2 s of publishing) in any interval after "
             "the first minute, or a process's memory growing (last quarter's mean against the second quarter's, "
             "beyond max(10%, 16 MiB)). The emulator's memory rises for its first two minutes or so by design, while it "
             "fills what it keeps within bounds (the last 2,000 query jobs with their result rows, for `jobs.getQueryResults`; "
             "the insertIds of the window), and must be flat after that.", "",
             "| result | events accepted / stored once / lost / duplicated | errors | resident memory, 2nd → last quarter (MiB) "
             "| ingest p99 (ms), median of intervals | read p99 (ms), median of intervals | freshness, lowest interval | build | when |",
             "|---|---|---:|---|---:|---:|---:|---|---|",
             "| {} | {} | {} | {} | {} | {} | {} | {} | {}, {} |".format(
                 "**passed**" if result["passed"] else "**FAILED**", result["count"], result["errors"],
                 ", ".join(f"{name} {a} → {b}" for name, (a, b) in result["memory"].items()),
                 result["ingest_p99_ms"], result["read_p99_ms"], result["freshness_low"], result["build"],
                 result["when"], result["commit"])]
    if result["problems"]:
        lines += ["", "Problems: " + "; ".join(result["problems"])]
    if result.get("chart"):
        lines += ["", f"![memory, latency and freshness over the soak]({result['chart']})"]
    return "\n".join(lines)


def redraw_chart():
    data = report.load(SUITE)
    if not data or not data.get("samples"):
        print("soak: no run recorded in docs/reliability.md to draw")
        return 1
    note = chart(data["samples"], CHART)
    if note:
        print(note)
        return 1
    last = dict(data["last"], chart=os.path.relpath(CHART, os.path.dirname(report.DOC)))
    report.write_section(SUITE, section(last), {"last": last, "samples": data["samples"]})
    print(f"soak: chart of the {last['when']} run written to {CHART}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "warehouse"))
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--quick", action="store_true", help="one minute")
    parser.add_argument("--ingest-rate", type=float, default=2000, help="events/s")
    parser.add_argument("--batch", type=int, default=20, help="events per ingest request")
    parser.add_argument("--read-rate", type=float, default=50, help="GET /getData requests/s")
    parser.add_argument("--interval", type=float, default=10, help="seconds between samples")
    parser.add_argument("--insert-id-retention", type=int, default=60,
                        help="the emulator's insertId window (seconds). Its ids are held in memory, so at a steady rate "
                             "its memory grows for the whole window: the default 600 s would fill all of a 10-minute "
                             "soak; 60 s is about BigQuery's own best-effort window")
    parser.add_argument("--no-report", action="store_true", help="do not rewrite docs/reliability.md or the chart")
    parser.add_argument("--chart-only", action="store_true",
                        help="draw the chart of the last run from the samples kept in docs/reliability.md (when the "
                             "run's Python had no matplotlib), and link it there; runs nothing")
    args = parser.parse_args()
    if args.chart_only:
        return redraw_chart()
    if args.quick:
        args.minutes = 1
    folder = tempfile.mkdtemp(prefix="soak-")
    try:
        samples, producer, reader, count = run(args, folder)
    except harness.ScenarioFailure as failure:
        print(f"soak: FAILED: {failure} (logs in {folder})")
        return 1
    problems, memory = judge(samples, producer, reader, count, args)
    chart_note = None if args.no_report else chart(samples, CHART)
    fresh = [s["fresh_share"] for s in samples if s["t"] > 60 and s["fresh_share"] is not None]
    result = {
        "passed": not problems, "problems": problems, "minutes": args.minutes, "ingest_rate": args.ingest_rate,
        "batch": args.batch, "read_rate": args.read_rate, "interval": args.interval,
        "insert_id_retention": args.insert_id_retention, "count": count.summary(),
        "errors": sum(s["errors"] for s in samples), "memory": memory,
        "ingest_p99_ms": statistics.median([s["ingest_p99_ms"] for s in samples if s["ingest_p99_ms"] is not None] or [0]),
        "read_p99_ms": statistics.median([s["read_p99_ms"] for s in samples if s["read_p99_ms"] is not None] or [0]),
        "freshness_low": f"{min(fresh):.2%}" if fresh else "n/a",
        "build": "release" if "/release/" in os.path.realpath(args.binary) else "debug",
        "chart": None if (args.no_report or chart_note) else os.path.relpath(CHART, os.path.dirname(report.DOC)),
        "when": report.now(), "commit": report.commit(), "samples": samples,
    }
    print(f"soak: {count.summary()}; memory (MiB, 2nd → last quarter): {memory}; lowest freshness {result['freshness_low']}")
    if chart_note:
        print(chart_note)
    for problem in problems:
        print(f"  problem: {problem}")
    print(f"soak: {'1 passed, 0 failed' if not problems else '0 passed, 1 failed'}")
    if not args.no_report:
        report.write_section(SUITE, section(result), {"last": {k: v for k, v in result.items() if k != "samples"},
                                                       "samples": samples})
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
