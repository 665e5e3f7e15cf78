#!/usr/bin/env python3
"""Every benchmark of bench/ in one run, each beside its peer, written up as docs/performance.md with
charts in docs/performance/ (issue #14). Run it through bench/run-all:

  bench/run-all                      # the full suite, ~10 min on 2 cores
  bench/run-all --quick              # small counts and short durations, < 3 min
  bench/run-all --release DIR        # warehouse, PlainTextServer, SinkBench, BigQueryClientBench from DIR
                                     # (default .build/release; bench/run-all builds them when missing)
  bench/run-all --only api,sink      # a subset of sections: bigquery, load, client, pubsub, grpc, api, sink
  bench/run-all --quick --no-peers --no-charts --output /tmp/p.md   # what CI runs (scripts/test.d/perf-suite)

Sections, each one benchmark script, run in turn (never two at once: they share the cores):
  bigquery  bench/bigquery/emulator_bench.py   ours vs bqemulator (PyPI), Google's Python BigQuery client
  load      bench/load/load_bench.py           load jobs (CSV, JSON, Parquet) and insertAll, ours vs bqemulator
  client    BigQueryClientBench                our Swift BigQueryClient into our emulator (no peer)
  pubsub    bench/pubsub/bench.py              Pub/Sub REST, ours vs Google's emulator (gcloud)
  grpc      bench/pubsub/grpc_bench.py         Pub/Sub gRPC with Google's Python client, ours vs Google's
  api       bench/api/api_bench.py             /ingestData and /getData, ours vs a Flask + gunicorn peer
  sink      SinkBench                          the Sink: throughput, publish-to-queryable latency (no peer)

A peer that cannot run here (gcloud missing, a pip install failing) is reported as "not run: reason"
and is not a failure. The exit status is non-zero only when one of OUR figures is missing (a benchmark
failed or printed nothing parseable): that is all CI asserts, never a threshold, so noise cannot fail it.
Raw outputs (each benchmark's JSON or text, and its log) go to bench/results/suite-<time>/.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SECTIONS = ["bigquery", "load", "client", "pubsub", "grpc", "api", "sink"]


# --------------------------------------------------------------------------------------------------
# Sizes: full and --quick. Every figure's command is written out in the report with these values.

FULL = {
    "bigquery": {"rows": 100_000, "queries": 200},
    "load": {"rows": 200_000, "rounds": 3},
    "client": {"rows": 100_000, "queries": 200, "concurrency": "1,4"},
    "pubsub": {"messages": 100_000},
    "grpc_library": {"messages": 10_000, "time_limit": 60},
    "grpc_raw": {"messages": 100_000, "publishers": 2},
    "api": {"seconds": 10, "hey_requests": 10_000, "routes": "plaintext,hit,flask-hit,miss,flask-miss,ingest1,flask-ingest1,ingest100,flask-ingest100"},
    "sink": {"messages": 200_000, "rate": 5_000, "seconds": 20},
}
QUICK = {
    "bigquery": {"rows": 5_000, "queries": 30},
    "load": {"rows": 20_000, "rounds": 1},
    "client": {"rows": 20_000, "queries": 50, "concurrency": "4"},
    "pubsub": {"messages": 10_000},
    "grpc_library": {"messages": 2_000, "time_limit": 8},
    "grpc_raw": None,
    "api": {"seconds": 3, "hey_requests": 1_000, "routes": "hit,flask-hit,miss,flask-miss,ingest1,flask-ingest1"},
    "sink": {"messages": 20_000, "rate": 2_000, "seconds": 5},
}


class Figure:
    """One line of a section's table: ours, the peer's (or None), and which way is better."""

    def __init__(self, name, unit, ours, peer=None, better="higher", chart=True, note="", group=None, bar=None):
        self.name, self.unit, self.ours, self.peer, self.better, self.chart, self.note = name, unit, ours, peer, better, chart, note
        # Without a peer, figures of one group share a chart panel, a bar each (labelled bar).
        self.group, self.bar = group, bar
        self.part = None  # figures of one part of a section get a chart of their own

    def ratio(self):
        if self.ours is None or self.peer is None or not self.peer:
            return None
        return self.ours / self.peer

    def times_better(self):
        """How many times better ours is than the peer (above 1: ours is better), whichever way is better."""
        ratio = self.ratio()
        if ratio is None or ratio == 0:
            return None
        return ratio if self.better == "higher" else 1 / ratio


class Section:
    def __init__(self, key, title, measures, peer_name, short=None):
        self.key, self.title, self.measures, self.peer_name = key, title, measures, peer_name
        self.short = short or title
        self.commands, self.figures, self.notes, self.failures, self.seconds = [], [], [], [], 0.0
        self.rss = []  # (process, MiB)


# --------------------------------------------------------------------------------------------------
# Running things

class Runner:
    def __init__(self, options, raw_dir):
        self.options, self.raw_dir = options, raw_dir

    def run(self, name, command, timeout, env=None):
        """Runs command (a list), logs its output to raw_dir/name.log; returns (exit code, stdout)."""
        log_path = os.path.join(self.raw_dir, f"{name}.log")
        print(f"[suite] {name}: {display(command)}", flush=True)
        started = time.monotonic()
        with open(log_path, "w") as log:
            try:
                process = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
                                         timeout=timeout, env=env)
                code, output = process.returncode, process.stdout
            except subprocess.TimeoutExpired as error:
                code, output = "timeout", error.stdout.decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
            log.write("\n--- stdout ---\n" + output)
        print(f"[suite] {name}: exit {code} after {time.monotonic() - started:.0f} s", flush=True)
        return code, output

    def tail(self, name, lines=4):
        """The log's first error line, else its last lines."""
        try:
            text = open(os.path.join(self.raw_dir, f"{name}.log")).read().strip().splitlines()
        except OSError:
            return ""
        errors = [line for line in text if re.search(r"Fatal error|Error|error:|FAIL|Traceback", line)]
        return (errors[0] if errors else " / ".join(text[-lines:]))[:400] + f" (log: {display([os.path.join(self.raw_dir, name + '.log')])})"


def display(command):
    """A command as the report shows it: paths inside the repository relative to it."""
    text = " ".join(shlex.quote(part) for part in command)
    return text.replace(ROOT + "/", "")


def ensure_venv(path, requirements, python=None, check=None):
    """A venv at ROOT/path with requirements installed (once); returns (python, None) or (None, why not)."""
    venv = os.path.join(ROOT, path)
    binary = os.path.join(venv, "bin", "python")
    marker = os.path.join(venv, ".suite-installed")
    wanted = open(os.path.join(ROOT, requirements)).read()
    if os.path.exists(marker) and open(marker).read() == wanted:
        return binary, None
    print(f"[suite] installing {requirements} into {path} (one time)", flush=True)
    try:
        if not os.path.exists(binary):
            subprocess.run([python or sys.executable, "-m", "venv", venv], check=True, capture_output=True, timeout=300)
        subprocess.run([binary, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", os.path.join(ROOT, requirements)],
                       check=True, capture_output=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        detail = detail.decode(errors="replace").strip().splitlines()[-1:] if isinstance(detail, bytes) else []
        return None, f"pip install -r {requirements} failed ({type(error).__name__}{': ' + detail[0] if detail else ''})"
    with open(marker, "w") as out:
        out.write(wanted)
    return binary, None


def google_python():
    """The python of scripts/python-env (Google's clients), made by it when missing."""
    try:
        return subprocess.run([os.path.join(ROOT, "scripts", "python-env")], check=True, capture_output=True, text=True,
                              timeout=1200).stdout.strip().splitlines()[-1]
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, IndexError) as error:
        sys.exit(f"suite: scripts/python-env failed: {error}")


def load_json(path):
    try:
        with open(path) as data:
            return json.load(data)
    except (OSError, ValueError):
        return None


# --------------------------------------------------------------------------------------------------
# The sections

def bqemulator_unavailable(runner, python):
    """Why the bqemulator peer cannot run beside ours; None when its venv is ready."""
    if runner.options.no_peers:
        return "--no-peers"
    return ensure_venv(".venv-bqemulator", "bench/bigquery/bqemulator-requirements.txt", python=python)[1]


def section_bigquery(runner, sizes, python, release):
    section = Section("bigquery", "BigQuery emulator through Google's Python client",
                      "insertAll of rows in 500-row requests with insertIds (`insert_rows_json`), then parameterized "
                      "`jobs.query` calls returning 10 rows (`query_and_wait`), one at a time, through "
                      "google-cloud-bigquery; the emulator's peak RSS.", "bqemulator (PyPI, DuckDB)",
                      short="BigQuery emulator")
    out = os.path.join(runner.raw_dir, "bigquery.json")
    command = [python, "bench/bigquery/emulator_bench.py", "--binary", f"{release}/warehouse", "--rows", str(sizes["rows"]),
               "--queries", str(sizes["queries"]), "--json", out]
    why = bqemulator_unavailable(runner, python)
    if why:
        command.append("--skip-bqemulator")
        section.notes.append(f"bqemulator: not run: {why}")
    section.commands.append(display(command))
    code, _ = runner.run("bigquery", command, 1200)
    data = load_json(out)
    if not data:
        section.failures.append(f"emulator_bench.py exited {code}: {runner.tail('bigquery')}")
        return section
    ours, wal, peer = data.get("warehouse emulator (memory)"), data.get("warehouse emulator (WAL file)"), data.get("bqemulator (DuckDB)")

    def get(result, key):
        return result[key] if result else None

    section.figures += [
        Figure("insertAll, in memory", "rows/s", get(ours, "rows_per_second"), get(peer, "rows_per_second")),
        Figure("insertAll, WAL file", "rows/s", get(wal, "rows_per_second"), get(peer, "rows_per_second")),
        Figure("query latency p50 (in memory)", "ms", get(ours, "query_p50_ms"), get(peer, "query_p50_ms"), "lower"),
        Figure("query latency p99 (in memory)", "ms", get(ours, "query_p99_ms"), get(peer, "query_p99_ms"), "lower"),
        Figure("query latency p50 (WAL file)", "ms", get(wal, "query_p50_ms"), get(peer, "query_p50_ms"), "lower", chart=False),
        Figure("emulator peak RSS (in memory)", "MiB", get(ours, "peak_rss_mb"), get(peer, "peak_rss_mb"), "lower"),
    ]
    section.rss += [("warehouse emulator, in memory (BigQuery bench)", get(ours, "peak_rss_mb")),
                    ("warehouse emulator, WAL file (BigQuery bench)", get(wal, "peak_rss_mb"))]
    if peer:
        section.rss.append(("bqemulator (BigQuery bench)", get(peer, "peak_rss_mb")))
        section.notes.append("bqemulator does not deduplicate insertIds, so it does less work per insert than ours.")
    return section


def section_load(runner, sizes, python, release):
    section = Section("load", "BigQuery load jobs through Google's Python client",
                      "The same rows as CSV, newline-delimited JSON and Parquet (pyarrow, Snappy), each uploaded with "
                      "`load_table_from_file` (WRITE_TRUNCATE) and checked, against `insert_rows_json` of them in 500-row "
                      "requests; rows/s end to end, median of the rounds; the emulator's peak RSS.", "bqemulator (PyPI, DuckDB)",
                      short="load jobs")
    out = os.path.join(runner.raw_dir, "load.json")
    command = [python, "-W", "ignore", "bench/load/load_bench.py", "--binary", f"{release}/warehouse",
               "--rows", str(sizes["rows"]), "--rounds", str(sizes["rounds"]), "--output", out]
    why = bqemulator_unavailable(runner, python)
    if why:
        section.notes.append(f"bqemulator: not run: {why}")
    else:
        command.append("--peer")
    section.commands.append(display(command))
    code, _ = runner.run("load", command, 1800)
    data = load_json(out)
    if not data:
        section.failures.append(f"load_bench.py exited {code}: {runner.tail('load')}")
        return section
    ours, peer = data["systems"].get("ours"), data["systems"].get("bqemulator")

    def rate(system, way):
        return system["ways"].get(way, {}).get("rows_per_second") if system else None

    for way, name in [("CSV", "CSV load"), ("NEWLINE_DELIMITED_JSON", "JSON load"), ("PARQUET", "Parquet load"),
                      ("insertAll", "insertAll, same rows")]:
        section.figures.append(Figure(name, "rows/s", rate(ours, way), rate(peer, way), group="load jobs, rows/s"))
    section.figures.append(Figure("emulator peak RSS (load bench)", "MiB", ours and ours["peak_rss_mb"],
                                  peer and peer["peak_rss_mb"], "lower"))
    section.rss.append(("warehouse emulator (load bench)", ours and ours["peak_rss_mb"]))
    if peer:
        section.rss.append(("bqemulator (load bench)", peer["peak_rss_mb"]))
        for way, figure in peer["ways"].items():
            if "not_run" in figure:
                section.notes.append(f"bqemulator could not take {way}: {figure['not_run'][:120]}")
    return section


def section_client(runner, sizes, release):
    section = Section("client", "Our Swift BigQueryClient into our emulator",
                      "`BigQueryClient.insertAll` of ~200-byte rows in 500-row requests with insertIds, with 1 and 4 "
                      "requests in flight, then parameterized `LIMIT 10` queries one at a time; emulator in memory "
                      "and on a WAL file. The client and the emulator share the cores.", None, short="Swift BigQueryClient")
    command = [f"{release}/BigQueryClientBench", "--emulator", f"{release}/warehouse", "--rows", str(sizes["rows"]),
               "--queries", str(sizes["queries"]), "--concurrency", sizes["concurrency"]]
    section.commands.append(display(command))
    section.notes.append("No peer: the same rows through Google's Python client are in the section above (one request at a time).")
    code, output = runner.run("client", command, 900)
    # BigQueryClientBench prints text (its release binary predates any --json); these are its lines.
    for storage, label in (("memory", r"\[memory\]"), ("WAL file", r"\[WAL file\]")):
        for match in re.finditer(label + r"\s+insertAll (\d+) rows, 500/request, (\d+) in flight: [\d.]+ s, (\d+) rows/s "
                                 r"\(CPU per row: client ([\d.]+) µs, emulator ([\d.]+) µs\)", output):
            section.figures.append(Figure(f"insertAll, {storage}, {match.group(2)} in flight", "rows/s", float(match.group(3)),
                                          group="insertAll through BigQueryClient", bar=f"{storage},\n{match.group(2)} in flight"))
            section.figures.append(Figure(f"emulator CPU per row, {storage}, {match.group(2)} in flight", "µs",
                                          float(match.group(5)), better="lower", chart=False))
        query = re.search(label + r"\s+query \(parameterized, LIMIT 10\) x\d+: p50 ([\d.]+) ms, p99 ([\d.]+) ms", output)
        if query:
            section.figures.append(Figure(f"query latency p50, {storage}", "ms", float(query.group(1)), better="lower",
                                          group="parameterized query latency (LIMIT 10)", bar=f"p50,\n{storage}"))
            section.figures.append(Figure(f"query latency p99, {storage}", "ms", float(query.group(2)), better="lower",
                                          group="parameterized query latency (LIMIT 10)", bar=f"p99,\n{storage}"))
        rss = re.search(label + r"\s+emulator peak RSS ([\d.]+) MiB", output)
        if rss:
            section.figures.append(Figure(f"emulator peak RSS, {storage}", "MiB", float(rss.group(1)), better="lower",
                                          group="the emulator's peak RSS", bar=storage))
            section.rss.append((f"warehouse emulator, {storage} (BigQueryClient bench)", float(rss.group(1))))
    if code != 0 or not section.figures:
        section.failures.append(f"BigQueryClientBench exited {code}: {runner.tail('client')}")
    return section


def section_pubsub(runner, sizes, release):
    section = Section("pubsub", "Pub/Sub over REST",
                      "4 worker processes with keep-alive HTTP (standard library): publish in 100-message requests "
                      "of 256 B messages, then pull (up to 1000) + acknowledge until all are acked; each server's "
                      "peak RSS (Google's: the JVM under the gcloud wrapper).", "Google's Pub/Sub emulator (gcloud)",
                      short="Pub/Sub REST")
    out = os.path.join(runner.raw_dir, "pubsub.json")
    ours_command = f"{release}/warehouse emulator --port {{port}} --db {{db}} --log-level warning"
    command = ["python3", "bench/pubsub/bench.py", "--ours-command", ours_command, "--google", "none" if runner.options.no_peers else "auto",
               "--messages", str(sizes["messages"]), "--json", out]
    section.commands.append(display(command))
    if runner.options.no_peers:
        section.notes.append("Google's Pub/Sub emulator: not run: --no-peers")
    code, _ = runner.run("pubsub", command, 900)
    data = load_json(out)
    results = {r["label"]: r for r in data["results"]} if data else {}
    ours, google = results.get("ours"), results.get("google")
    if not ours:
        section.failures.append(f"bench.py exited {code}: {runner.tail('pubsub')}")
        return section
    section.notes += data.get("notes", [])
    peer = (lambda key: google[key]) if google else (lambda key: None)
    section.figures += [
        Figure("publish", "msgs/s", ours["publish_rate"], peer("publish_rate")),
        Figure("pull + acknowledge", "msgs/s", ours["pull_ack_rate"], peer("pull_ack_rate")),
        Figure("server peak RSS", "MiB", ours["peak_rss_mib"], peer("peak_rss_mib"), "lower"),
    ]
    section.rss.append(("warehouse emulator (Pub/Sub REST bench)", ours["peak_rss_mib"]))
    if google:
        section.rss.append(("Google's Pub/Sub emulator (REST bench)", google["peak_rss_mib"]))
    return section


def section_grpc(runner, sizes_library, sizes_raw, python, release):
    section = Section("grpc", "Pub/Sub over gRPC with Google's Python client",
                      "google-cloud-pubsub publishing 256 B messages with its default batching (every future "
                      "awaited), then `subscribe()` (streaming pull, flow control 1000) until all are acked or the "
                      "time limit; messages per second of each server's own CPU; and, without the client library, "
                      "grpcio publishing pre-serialized 100-message requests, 16 in flight per process (the "
                      "servers' own ceiling).", "Google's Pub/Sub emulator (gcloud)", short="Pub/Sub gRPC")
    out = os.path.join(runner.raw_dir, "grpc.json")
    command = [python, "bench/pubsub/grpc_bench.py", "--warehouse", f"{release}/warehouse", "--messages",
               str(sizes_library["messages"]), "--time-limit", str(sizes_library["time_limit"]), "--json", out]
    if runner.options.no_peers:
        command += ["--google", "none"]
        section.notes.append("Google's Pub/Sub emulator: not run: --no-peers")
    section.commands.append(display(command))
    code, _ = runner.run("grpc", command, 900)
    data = load_json(out)
    results = {r["label"]: r for r in data["results"]} if data else {}
    ours, google = results.get("ours"), results.get("google")
    if not ours or ours["received"] < ours["published"]:
        section.failures.append(f"grpc_bench.py exited {code}: {runner.tail('grpc')}")
        return section
    section.notes += data.get("notes", [])
    peer = (lambda key: google[key]) if google else (lambda key: None)
    section.figures += [
        Figure("publish (client library, 1 process)", "msgs/s", ours["publish_rate"], peer("publish_rate")),
        Figure("subscribe: streaming pull + ack", "msgs/s", ours["receive_rate"], peer("receive_rate")),
        Figure("publish per second of server CPU", "msgs/CPU-s", ours["publish_per_cpu"], peer("publish_per_cpu")),
        Figure("subscribe per second of server CPU", "msgs/CPU-s", ours["receive_per_cpu"], peer("receive_per_cpu")),
    ]
    if google and google["received"] < google["published"]:
        section.notes.append(f"Google's emulator delivered {google['received']:,} of {google['published']:,} messages within the "
                             f"{sizes_library['time_limit']} s limit; its subscribe rate is what it delivered in that time.")
    rss_ours, rss_google = ours["peak_rss_mib"], google["peak_rss_mib"] if google else None
    if sizes_raw:
        out_raw = os.path.join(runner.raw_dir, "grpc-raw.json")
        command = [python, "bench/pubsub/grpc_bench.py", "--warehouse", f"{release}/warehouse", "--messages",
                   str(sizes_raw["messages"]), "--publishers", str(sizes_raw["publishers"]), "--raw", "--publish-only", "--json", out_raw] + (["--google", "none"] if runner.options.no_peers else [])
        section.commands.append(display(command))
        code, _ = runner.run("grpc-raw", command, 900)
        raw = load_json(out_raw)
        raw_results = {r["label"]: r for r in raw["results"]} if raw else {}
        if "ours" not in raw_results:
            section.failures.append(f"grpc_bench.py --raw exited {code}: {runner.tail('grpc-raw')}")
        else:
            raw_google = raw_results.get("google")
            section.figures.append(Figure(f"publish ceiling (grpcio alone, {sizes_raw['publishers']} processes)", "msgs/s",
                                          raw_results["ours"]["publish_rate"], raw_google["publish_rate"] if raw_google else None))
            section.figures.append(Figure("publish ceiling per second of server CPU", "msgs/CPU-s", raw_results["ours"]["publish_per_cpu"],
                                          raw_google["publish_per_cpu"] if raw_google else None, chart=False))
            rss_ours = max(rss_ours, raw_results["ours"]["peak_rss_mib"])
            if raw_google and rss_google is not None:
                rss_google = max(rss_google, raw_google["peak_rss_mib"])
    section.figures.append(Figure("server peak RSS", "MiB", rss_ours, rss_google, "lower"))
    section.rss.append(("warehouse emulator (Pub/Sub gRPC bench)", rss_ours))
    if rss_google is not None:
        section.rss.append(("Google's Pub/Sub emulator (gRPC bench)", rss_google))
    return section


API_PAIRS = [  # (label, ours route, the peer's route, what is counted)
    ("/getData, the same read repeated", "hit", "flask-hit", "rps"),
    ("/getData, every read distinct", "miss", "flask-miss", "rps"),
    ("/ingestData, 1 event", "ingest1", "flask-ingest1", "rps"),
    ("/ingestData, 100 events", "ingest100", "flask-ingest100", "events"),
]


def section_api(runner, sizes, release):
    section = Section("api", "The HTTP API: /ingestData and /getData",
                      "`warehouse api --no-auth` (rate limit out of reach) and the Flask + gunicorn peer "
                      "(bench/peers/flask_app: Google's Python clients, gunicorn gthread, 4 workers x 8 threads), both "
                      "against one `warehouse emulator` (WAL file, 2,000 seeded rows), sent the same requests by "
                      "`wrk -t2 -c100` (100 connections) and `hey -c 1000` (1000 concurrent requests; for distinct "
                      "reads `bench/api/loadgen.py -c 1000`, since hey sends one URL). Our API caches a read for 2 s; "
                      "the peer has no cache (as most such apps), so \"the same read repeated\" compares the cache with "
                      "a query each time, and \"every read distinct\" compares query with query.",
                      "Flask + gunicorn with Google's clients", short="HTTP API")
    flask_python, why = (None, "--no-peers") if runner.options.no_peers else \
        ensure_venv(".venv-flask-peer", "bench/peers/flask_app/requirements.txt")
    routes = sizes["routes"].split(",")
    if why:
        routes = [route for route in routes if not route.startswith("flask-")]
        section.notes.append(f"Flask + gunicorn peer: not run: {why}")
    out = os.path.join(runner.raw_dir, "api.json")
    command = ["python3", "bench/api/api_bench.py", "--warehouse", f"{release}/warehouse", "--plaintext-server",
               f"{release}/PlainTextServer", "--schema", "schemas/events.json", "--repeats", "1", "--seconds", str(sizes["seconds"]),
               "--hey-requests", str(sizes["hey_requests"]), "--routes", ",".join(routes), "--json", out]
    if flask_python:
        command += ["--flask-python", flask_python]
    section.commands.append(display(command))
    code, _ = runner.run("api", command, 1800)
    data = load_json(out)
    if not data:
        section.failures.append(f"api_bench.py exited {code}: {runner.tail('api')}")
        return section
    by = {(r["route"], r["tool"].split()[0]): r for r in data["results"]}
    for label, ours_route, peer_route, count in API_PAIRS:
        if ours_route not in routes:
            continue
        for tool, tool_label in (("wrk", "wrk, 100 connections"), ("hey", "hey, 1000 concurrent"), ("loadgen.py", "loadgen.py, 1000 concurrent")):
            ours, peer = by.get((ours_route, tool)), by.get((peer_route, tool))
            if not ours:
                continue
            unit = "events/s" if count == "events" else "req/s"

            def value(result, key):
                return result[key] if result else None

            section.figures.append(Figure(f"{label}: {unit} ({tool_label})", unit, value(ours, count), value(peer, count)))
            section.figures.append(Figure(f"{label}: p50 ({tool_label})", "ms", value(ours, "p50"), value(peer, "p50"), "lower", chart=False))
            section.figures.append(Figure(f"{label}: p99 ({tool_label})", "ms", value(ours, "p99"), value(peer, "p99"), "lower"))
            errors = (ours["errors"], peer["errors"] if peer else None)
            if errors[0] or errors[1]:
                section.notes.append(f"{label} ({tool_label}): requests not answered 2xx: ours {errors[0]}, peer {errors[1]}.")
    plain = by.get(("plaintext", "wrk")), by.get(("plaintext", "hey"))
    if plain[0]:
        section.notes.append(f"The framework's ceiling in the same run (PlainTextServer, Hummingbird's plain-text route, no middleware): "
                             f"{plain[0]['rps']:,.0f} req/s, p99 {plain[0]['p99']:.1f} ms with wrk"
                             + (f"; {plain[1]['rps']:,.0f} req/s, p99 {plain[1]['p99']:.1f} ms with hey -c 1000." if plain[1] else "."))
    rss = data["peak_rss_mib"]
    section.figures.append(Figure("API peak RSS (the Flask peer: gunicorn master + workers)", "MiB", rss["api"], rss.get("flask"), "lower"))
    section.rss += [("warehouse api (API bench)", rss["api"]), ("warehouse emulator (API bench)", rss["emulator"]),
                    ("PlainTextServer (API bench)", rss["plaintext"])]
    if rss.get("flask"):
        section.rss.append(("Flask peer: gunicorn master + 4 workers, summed (API bench)", rss["flask"]))
    for figure in section.figures:
        figure.part = "getData" if figure.name.startswith("/getData") else "ingestData"
    if not any(f.ours is not None for f in section.figures[:-1]):
        section.failures.append(f"api_bench.py gave no figures for our API (exit {code})")
    return section


def section_sink(runner, sizes, release):
    section = Section("sink", "The Sink end to end",
                      "`warehouse emulator` (WAL file) and `warehouse sink` as two processes. Throughput: messages "
                      "published as fast as 4 tasks can (1000 a request) until `SELECT COUNT(*)` sees them all, from "
                      "the first publish to the last row counted. Latency: a fixed rate for a fixed time, each row's "
                      "publish time to the end of the first query (every 100 ms) that returned it.", None, short="Sink")
    command = [f"{release}/SinkBench", "--warehouse", f"{release}/warehouse", "--schema", "schemas/events.json",
               "--messages", str(sizes["messages"]), "--rate", str(sizes["rate"]), "--seconds", str(sizes["seconds"])]
    section.commands.append(display(command))
    section.notes.append("No peer: Google's Pub/Sub → BigQuery subscriptions have no local emulator to run beside it.")
    code, output = runner.run("sink", command, 900)
    throughput = re.search(r"\(a\) throughput.*?\*\*([\d.]+) msgs/s\*\* \(([\d.]+) s; publishing alone ([\d.]+) msgs/s\)", output)
    latency = re.search(r"\(b\) publish → queryable at (\d+) msgs/s.*?\| p50 ([\d.]+) ms, \*\*p95 ([\d.]+) ms\*\*, p99 ([\d.]+) ms, max ([\d.]+) ms", output)
    rss = re.search(r"\(c\) the Sink's peak RSS \(VmHWM\) \| ([\d.]+) MiB", output)
    if throughput:
        section.figures.append(Figure(f"sustained throughput, {sizes['messages']:,} messages published → stored", "msgs/s",
                                      float(throughput.group(1)), group="sustained throughput, published → stored",
                                      bar=f"{sizes['messages']:,} messages"))
    if latency:
        rate = f"at {int(latency.group(1)):,} msgs/s for {sizes['seconds']} s"
        for name, group in (("p50", 2), ("p95", 3), ("p99", 4)):
            section.figures.append(Figure(f"publish → queryable latency {name}, {rate}", "ms", float(latency.group(group)), better="lower",
                                          group=f"publish → queryable latency {rate}", bar=name))
    if rss:
        section.figures.append(Figure("the Sink's peak RSS", "MiB", float(rss.group(1)), better="lower", group="the Sink's peak RSS", bar="warehouse sink"))
        section.rss.append(("warehouse sink (Sink bench)", float(rss.group(1))))
    if code != 0 or not (throughput and latency and rss):
        section.failures.append(f"SinkBench exited {code}: {runner.tail('sink')}")
    return section


# --------------------------------------------------------------------------------------------------
# The report

def number(value, unit=""):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit in ("ms", "µs") or abs(value) < 100:
        return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{value:,.0f}"


def ratio_text(figure):
    ratio = figure.ratio()
    if ratio is None:
        return "—"
    better = figure.times_better()
    verdict = "ours better" if better > 1.05 else "ours worse" if better < 1 / 1.05 else "even"
    return f"{ratio:.2f}× ({verdict})"


def machine_facts():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": memory, "kernel": platform.release(),
            "python": platform.python_version()}


def load_average():
    return " / ".join(open("/proc/loadavg").read().split()[:3])


def git(*arguments, cwd=ROOT):
    try:
        return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def binaries_facts(release):
    """Where the measured binaries came from: the commit of the worktree they were built in, when known."""
    path = os.path.join(release, "warehouse")
    built = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = git("rev-parse", "--short", "HEAD", cwd=release)
    dirty = git("status", "--porcelain", "--untracked-files=no", cwd=release)
    source = f"built from `{commit}`{' (with uncommitted changes)' if dirty else ''}" if commit else "commit unknown"
    return f"`{display([release])}` ({source}, binaries dated {built})"


def write_report(options, sections, facts, started, finished, load_start, load_end, charts):
    mode = "--quick" if options.quick else "full"
    lines = [
        "# Performance",
        "",
        "<!-- Generated by bench/suite.py: do not edit by hand. -->",
        f"Generated by `bench/run-all{' --quick' if options.quick else ''}` ({mode} run): regenerate with "
        "`bench/run-all` (full, ~10 min) or `bench/run-all --quick` (< 3 min); bench/README.md says what each part measures.",
        "",
        "| | |",
        "|---|---|",
        f"| commit | `{facts['commit']}` (suite and benchmark scripts) |",
        f"| binaries | {facts['binaries']} |",
        f"| date | {started.strftime('%Y-%m-%d %H:%M')}–{finished.strftime('%H:%M')} UTC ({(finished - started).total_seconds() / 60:.1f} min) |",
        f"| machine | {facts['cores']} cores ({facts['cpu']}), {facts['memory']} memory, Linux {facts['kernel']} |",
        f"| load average (1 / 5 / 15 min) | {load_start} at the start, {load_end} at the end |",
        "",
        "Every benchmark runs on loopback, and ours and its peer run **in the same run, one after the other, on the "
        "same cores** as the load generator: absolute figures move with the machine's other load, the ratios are what "
        f"to compare. {options.conditions}".strip(),
        "",
        "**Ratio** is ours ÷ the peer's. For a rate (msgs/s, rows/s, req/s) higher is better; for a latency or memory "
        "lower is better; the verdict in brackets says which way it went (within 5%: even).",
        "",
    ]
    if charts.get("summary"):
        lines += [f"![How many times better than the peer, per figure]({charts['summary'][0]})", ""]
    for section in sections:
        lines += [f"## {section.title}", "", section.measures, ""]
        if section.peer_name:
            lines += [f"Peer: {section.peer_name}.", ""]
        if section.failures:
            lines += [f"**FAILED:** {failure}" for failure in section.failures] + [""]
        if section.figures:
            peer_header = "peer" if section.peer_name else "peer"
            lines += [f"| figure | unit | ours | {peer_header} | ratio |", "|---|---|---:|---:|---|"]
            for figure in section.figures:
                lines.append(f"| {figure.name} | {figure.unit} | {number(figure.ours, figure.unit)} | "
                             f"{number(figure.peer, figure.unit)} | {ratio_text(figure)} |")
            lines.append("")
        lines += ["Reproduce:", "", "```sh"] + section.commands + ["```", ""]
        if section.notes:
            lines += [f"- {note}" for note in section.notes] + [""]
        for chart in charts.get(section.key, []):
            lines += [f"![{section.title}]({chart})", ""]
        lines += [f"_Section time: {section.seconds:.0f} s._", ""]
    rss = [(name, value) for section in sections for name, value in section.rss if value]
    if rss:
        lines += ["## Peak RSS of each process", "",
                  "VmHWM from /proc/PID/status at the end of each benchmark (for Google's emulator, the largest of the "
                  "gcloud wrapper and its JVM; for gunicorn, master and workers summed).", "",
                  "| process (benchmark) | peak RSS MiB |", "|---|---:|"]
        lines += [f"| {name} | {value:,.1f} |" for name, value in rss] + [""]
    with open(options.output, "w") as out:
        out.write("\n".join(lines))


# --------------------------------------------------------------------------------------------------
# Charts (matplotlib, run in the suite's own venv so this script itself needs only the standard library)

def write_charts(options, sections, raw_dir):
    python, why = ensure_venv(".venv-suite", "bench/suite-requirements.txt")
    if why:
        print(f"[suite] charts not drawn: {why}", flush=True)
        return {}
    spec = {"quick": options.quick, "charts_dir": options.charts, "sections": []}
    for section in sections:
        figures = [{"name": f.name, "unit": f.unit, "ours": f.ours, "peer": f.peer, "better": f.better, "group": f.group,
                    "bar": f.bar, "part": f.part, "times_better": f.times_better()} for f in section.figures if f.chart and f.ours is not None]
        spec["sections"].append({"key": section.key, "title": section.title, "short": section.short, "peer": section.peer_name,
                                 "figures": figures})
    for stale in os.listdir(options.charts):  # charts of sections no longer drawn must not linger
        if stale.endswith(".png"):
            os.remove(os.path.join(options.charts, stale))
    spec_path = os.path.join(raw_dir, "charts.json")
    json.dump(spec, open(spec_path, "w"), indent=1)
    result = subprocess.run([python, os.path.join(HERE, "suite_charts.py"), spec_path], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        print(f"[suite] charts failed: {result.stderr[-2000:]}", flush=True)
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small counts and short durations (< 3 min)")
    parser.add_argument("--release", default=os.path.join(ROOT, ".build", "release"),
                        help="folder with the release binaries warehouse, PlainTextServer, SinkBench, BigQueryClientBench")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--output", default=os.path.join(ROOT, "docs", "performance.md"))
    parser.add_argument("--charts", default=os.path.join(ROOT, "docs", "performance"))
    parser.add_argument("--no-peers", action="store_true", help="measure ours alone (CI: no pip installs, no gcloud)")
    parser.add_argument("--no-charts", action="store_true", help="write the tables only (no matplotlib venv)")
    parser.add_argument("--conditions", default="", help="a sentence on the run's conditions, printed in the report's header")
    options = parser.parse_args()
    options.release = os.path.abspath(options.release)
    for binary in ("warehouse", "PlainTextServer", "SinkBench", "BigQueryClientBench"):
        if not os.access(os.path.join(options.release, binary), os.X_OK):
            sys.exit(f"suite: {options.release}/{binary} is missing (swift build -c release --product {binary})")
    for tool in ("wrk", "hey"):
        if shutil.which(tool) is None:
            sys.exit(f"suite: {tool} is not installed (scripts/bootstrap-system installs it)")
    chosen = options.only.split(",") if options.only else SECTIONS
    sizes = QUICK if options.quick else FULL
    started = datetime.datetime.now(datetime.timezone.utc)
    raw_dir = os.path.join(ROOT, "bench", "results", f"suite-{started.strftime('%Y%m%dT%H%M%S')}{'-quick' if options.quick else ''}")
    os.makedirs(raw_dir, exist_ok=True)
    os.makedirs(options.charts, exist_ok=True)
    load_start = load_average()
    python = google_python()
    runner = Runner(options, raw_dir)
    release = options.release
    plan = {
        "bigquery": lambda: section_bigquery(runner, sizes["bigquery"], python, release),
        "load": lambda: section_load(runner, sizes["load"], python, release),
        "client": lambda: section_client(runner, sizes["client"], release),
        "pubsub": lambda: section_pubsub(runner, sizes["pubsub"], release),
        "grpc": lambda: section_grpc(runner, sizes["grpc_library"], sizes["grpc_raw"], python, release),
        "api": lambda: section_api(runner, sizes["api"], release),
        "sink": lambda: section_sink(runner, sizes["sink"], release),
    }
    sections = []
    for key in SECTIONS:
        if key not in chosen:
            continue
        began = time.monotonic()
        section = plan[key]()
        section.seconds = time.monotonic() - began
        sections.append(section)
    load_end = load_average()
    finished = datetime.datetime.now(datetime.timezone.utc)
    facts = machine_facts()
    facts["commit"] = git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")
    facts["binaries"] = binaries_facts(release)
    charts = {} if options.no_charts else write_charts(options, sections, raw_dir)
    write_report(options, sections, facts, started, finished, load_start, load_end, charts)
    json.dump({"sections": [{"key": s.key, "figures": [vars(f) for f in s.figures], "notes": s.notes, "failures": s.failures,
                             "commands": s.commands, "seconds": s.seconds} for s in sections]},
              open(os.path.join(raw_dir, "suite.json"), "w"), indent=1)
    print(f"[suite] wrote {display([options.output])} and charts in {display([options.charts])}; raw outputs in {display([raw_dir])}")
    print(f"[suite] {(finished - started).total_seconds():.0f} s in all")
    failures = [f"{s.key}: {failure}" for s in sections for failure in s.failures]
    for failure in failures:
        print(f"[suite] FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
