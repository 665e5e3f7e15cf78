#!/usr/bin/env python3
"""The HTTP API under load, beside Hummingbird's plain-text route (issue #11's benchmark).

Run through bench/api/run, which builds release first. This starts, on loopback, `warehouse emulator`
(a WAL file in a temporary folder), `warehouse api --no-auth` with a rate limit far above what the
load generators reach (so 429s are not what is measured), and `PlainTextServer`; creates the table
and the topic with its subscription, seeds rows with insertAll, then measures each route with
`wrk -t2 -c100 -d10s --latency` and `hey -n 20000 -c 1000`, each `--repeats` times, and prints a
Markdown table. The API's peak RSS is VmHWM from /proc/PID/status after every run.

Routes:
  plaintext   GET /plaintext on PlainTextServer (the framework's ceiling: no middleware, no logging)
  getData hit GET /getData with one fixed window and filter: every request the same read
  getData miss every request a distinct read (window end, event_type, user_id vary): wrk through
              bench/api/distinct_reads.lua; at 1000 concurrent through loadgen.py (hey cannot vary
              the URL), which is also run on the plain-text route to show what the tool itself costs
  ingest x100 POST /ingestData of a 100-event array (events/s = requests/s x 100)
  ingest x1   POST /ingestData of one event
Hit and miss are proven with the API's own api_read_cache_{hits,misses}_total, diffed over each run.

With --flask-python (the python of a venv with bench/peers/flask_app/requirements.txt), the peer
bench/peers/flask_app (Flask under gunicorn, Google's Python clients) is started against the same
emulator (Pub/Sub over the emulator's gRPC port, BigQuery over its REST), and the routes
flask-hit, flask-miss, flask-ingest100, flask-ingest1 send it the same requests with the same tools
(it has no cache, so its "hit" is the same read repeated). --json PATH writes every figure as JSON.
"""

import argparse
import csv
import datetime
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = "local-project"
DATASET = "warehouse"
TABLE = "events"
TOPIC = "events"
EVENT_TYPES = ["click", "view", "purchase", "signup"]
USERS = 50


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", required=True, help="the release warehouse binary")
    parser.add_argument("--plaintext-server", required=True, help="the release PlainTextServer binary")
    parser.add_argument("--schema", required=True, help="schemas/events.json")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's -d")
    parser.add_argument("--hey-requests", type=int, default=20000, help="hey's -n")
    parser.add_argument("--hey-concurrency", type=int, default=1000, help="hey's -c")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each measurement")
    parser.add_argument("--seed-rows", type=int, default=2000)
    parser.add_argument("--api-log-level", default="warning", help="the API's log level (info logs a line per request)")
    parser.add_argument("--api-arg", action="append", default=[], help="an extra argument for `warehouse api` (repeat)")
    parser.add_argument("--routes", default="plaintext,hit,miss,ingest100,ingest1", help="comma-separated subset")
    parser.add_argument("--flask-python", help="python of the Flask peer's venv: start bench/peers/flask_app beside the API")
    parser.add_argument("--flask-workers", type=int, default=4, help="gunicorn --workers of the Flask peer")
    parser.add_argument("--flask-threads", type=int, default=8, help="gunicorn --threads (gthread) of the Flask peer")
    parser.add_argument("--json", help="write the figures and peak RSS of each process here as JSON")
    options = parser.parse_args()
    for tool in ("wrk", "hey"):
        if shutil.which(tool) is None:
            sys.exit(f"api_bench: {tool} is not installed (scripts/bootstrap-system installs it)")

    folder = tempfile.mkdtemp(prefix="api-bench-")
    processes = []
    flask = None
    try:
        emulator = start(
            processes, [options.warehouse, "emulator", "--port", "0", "--db", os.path.join(folder, "bench.sqlite"), "--log-level", "warning"]
            + (["--grpc-port", "0"] if options.flask_python else []),
            r"listening on http://127\.0\.0\.1:(\d+)", os.path.join(folder, "emulator.log"))
        emulator_base = f"http://127.0.0.1:{emulator.port}"
        provision(emulator_base, options.schema)
        window = seed(emulator_base, options.seed_rows)
        environment = dict(os.environ, PUBSUB_EMULATOR_HOST=f"127.0.0.1:{emulator.port}", BIGQUERY_EMULATOR_HOST=f"127.0.0.1:{emulator.port}")
        api = start(
            processes,
            [options.warehouse, "api", "--no-auth", "--port", "0", "--project", PROJECT, "--schema", options.schema,
             "--rate-limit", "1000000000", "--rate-burst", "1000000000", "--log-level", options.api_log_level] + options.api_arg,
            r"listening on http://127\.0\.0\.1:(\d+)", os.path.join(folder, "api.log"), environment)
        plain = start(processes, [options.plaintext_server, "0"], r"listening on port (\d+)", os.path.join(folder, "plaintext.log"))
        api_base = f"http://127.0.0.1:{api.port}"
        if options.flask_python:
            flask = start_flask(processes, options, folder, emulator)
        results = measure(options, folder, api, api_base, f"http://127.0.0.1:{plain.port}/plaintext", window, flask, plain)
        print_report(options, results, api, emulator, plain)
        if flask:
            print(f"Flask peer (gunicorn, {options.flask_workers} workers x {options.flask_threads} threads) peak RSS, "
                  f"master + workers: {flask.peak_rss_mib():.0f} MiB")
        if options.json:
            for figures in results:
                figures.pop("raw", None)
            with open(options.json, "w") as out:
                json.dump({"results": results, "peak_rss_mib": {
                    "api": api.peak_rss_mib(), "emulator": emulator.peak_rss_mib(), "plaintext": plain.peak_rss_mib(),
                    "flask": flask.peak_rss_mib() if flask else None},
                    "flask": {"workers": options.flask_workers, "threads": options.flask_threads} if flask else None,
                    "settings": {"seconds": options.seconds, "hey_requests": options.hey_requests,
                                 "hey_concurrency": options.hey_concurrency, "repeats": options.repeats}}, out, indent=1)
    finally:
        for process in reversed(processes):
            process.stop()
        shutil.rmtree(folder, ignore_errors=True)


class Child:
    """A server this script started, with the port it printed."""

    def __init__(self, arguments, pattern, log_path, environment=None):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(arguments, stdout=self.log, stderr=subprocess.STDOUT, env=environment)
        self.name = os.path.basename(arguments[0]) + (" " + arguments[1] if "warehouse" in arguments[0] else "")
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {open(log_path).read()[-2000:]}")
            match = re.search(pattern, open(log_path).read())
            if match:
                self.port = int(match.group(1))
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} printed no port within 60 s")

    def peak_rss_mib(self):
        """VmHWM: the most resident memory the process has had (summed over its children with
        tree=True: gunicorn's master and workers)."""
        total = 0.0
        for pid in [self.process.pid] + (children(self.process.pid) if getattr(self, "tree", False) else []):
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            total += int(line.split()[1]) / 1024
            except OSError:
                pass
        return total or float("nan")

    def cpu_seconds(self):
        """User + system CPU seconds the process (and, with tree=True, its children) has used so far."""
        total = 0.0
        for pid in [self.process.pid] + (children(self.process.pid) if getattr(self, "tree", False) else []):
            try:
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, ValueError, IndexError):
                pass
        return total

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def children(pid):
    """The live descendants of pid."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            kids = [int(each) for each in open(f"/proc/{parent}/task/{parent}/children").read().split()]
        except OSError:
            kids = []
        found += kids
        frontier += kids
    return found


def start_flask(processes, options, folder, emulator):
    """gunicorn serving bench/peers/flask_app on a free port, against the emulator's gRPC Pub/Sub and REST BigQuery."""
    deadline = time.time() + 30
    grpc = None
    while grpc is None and time.time() < deadline:
        grpc = re.search(r"gRPC listening on [0-9.]+:(\d+)", open(emulator.log_path).read())
        time.sleep(0.1)
    if grpc is None:
        raise RuntimeError("the emulator printed no gRPC port")
    environment = dict(os.environ, PUBSUB_EMULATOR_HOST=f"127.0.0.1:{grpc.group(1)}", GOOGLE_CLOUD_PROJECT=PROJECT,
                       BIGQUERY_API_ENDPOINT=f"http://127.0.0.1:{emulator.port}", WAREHOUSE_DATASET=DATASET,
                       WAREHOUSE_TABLE=TABLE, WAREHOUSE_TOPIC=TOPIC)
    environment.pop("BIGQUERY_EMULATOR_HOST", None)
    flask = start(processes, [options.flask_python, "-m", "gunicorn", "--workers", str(options.flask_workers),
                              "--worker-class", "gthread", "--threads", str(options.flask_threads), "--bind", "127.0.0.1:0",
                              "--chdir", os.path.join(os.path.dirname(HERE), "peers", "flask_app"), "app:app"],
                  r"Listening at: http://127\.0\.0\.1:(\d+)", os.path.join(folder, "flask.log"), environment)
    flask.tree = True
    flask.name = "Flask peer (gunicorn)"
    return flask


def start(processes, arguments, pattern, log_path, environment=None):
    child = Child(arguments, pattern, log_path, environment)
    processes.append(child)
    return child


def request(method, url, body=None, expect=(200,)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            text = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        text, status = error.read(), error.code
    if status not in expect:
        raise RuntimeError(f"{method} {url}: {status} {text[:500]!r}")
    return json.loads(text) if text else None


def provision(base, schema_path):
    """The table as the Sink would make it (DAY partitions on occurred_at, clustered), the topic, and a
    subscription, so published events are kept by the emulator as they would be with a Sink attached."""
    fields = json.load(open(schema_path))
    bigquery = f"{base}/bigquery/v2/projects/{PROJECT}"
    request("POST", f"{bigquery}/datasets", {"datasetReference": {"projectId": PROJECT, "datasetId": DATASET}})
    request("POST", f"{bigquery}/datasets/{DATASET}/tables", {
        "tableReference": {"projectId": PROJECT, "datasetId": DATASET, "tableId": TABLE},
        "schema": {"fields": [{key: field[key] for key in ("name", "type", "mode")} for field in fields]},
        "timePartitioning": {"type": "DAY", "field": "occurred_at"},
        "clustering": {"fields": ["event_type", "user_id"]},
    })
    request("PUT", f"{base}/v1/projects/{PROJECT}/topics/{TOPIC}", {})
    request("PUT", f"{base}/v1/projects/{PROJECT}/subscriptions/events-bench", {"topic": f"projects/{PROJECT}/topics/{TOPIC}"})


def seed(base, rows):
    """Rows over the last hour, through insertAll; returns the window (from, to) that holds them all."""
    end = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    start = end - datetime.timedelta(hours=1)
    url = f"{base}/bigquery/v2/projects/{PROJECT}/datasets/{DATASET}/tables/{TABLE}/insertAll"
    for first in range(0, rows, 500):
        batch = []
        for index in range(first, min(rows, first + 500)):
            occurred = start + datetime.timedelta(seconds=index * 3600 / rows)
            event = event_json(f"seed-{index}", EVENT_TYPES[index % len(EVENT_TYPES)], f"u-{index % USERS}", occurred, index)
            batch.append({"insertId": event["event_id"], "json": event})
        answer = request("POST", url, {"rows": batch})
        if answer.get("insertErrors"):
            raise RuntimeError(f"insertAll: {answer['insertErrors'][:3]}")
    return rfc3339(start - datetime.timedelta(minutes=1)), rfc3339(end + datetime.timedelta(minutes=1))


def event_json(event_id, event_type, user_id, occurred, index):
    return {
        "event_id": event_id, "event_type": event_type, "user_id": user_id, "occurred_at": rfc3339(occurred),
        "payload": {"page": f"/products/{index % 97}", "referrer": "https://example.com/", "n": index},
    }


def rfc3339(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def cache_counters(api_base):
    """(hits, misses) from the API's /metrics."""
    text = urllib.request.urlopen(f"{api_base}/metrics", timeout=10).read().decode()

    def value(name):
        match = re.search(rf"^{name}(?:\{{[^}}]*\}})? ([0-9.e+]+)$", text, re.M)
        return float(match.group(1)) if match else 0.0

    return value("api_read_cache_hits_total"), value("api_read_cache_misses_total")


def load_average():
    return open("/proc/loadavg").read().split()[0]


def run_wrk(url, seconds, script=None):
    arguments = ["wrk", "-t2", "-c100", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        arguments += ["-s", script]
    output = subprocess.run(arguments + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    figures = {"tool": "wrk -t2 -c100", "raw": output}
    figures["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    figures["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    for percent in ("50", "99"):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        figures[f"p{percent}"] = to_ms(float(match.group(1)), match.group(2))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures["errors"] = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in socket.groups()) if socket else 0)
    return figures


def to_ms(value, unit):
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_hey(url, requests, concurrency, body_file=None):
    """hey with its per-request CSV (-o csv), so the figures can be split: hey opens its connections
    as the run starts, and the requests that waited for a connection make most of the tail at 1000
    concurrent (p99 "opening" against "reusing" in the summary line)."""
    arguments = ["hey", "-n", str(requests), "-c", str(concurrency), "-t", "20", "-o", "csv"]
    if body_file:
        arguments += ["-m", "POST", "-T", "application/json", "-D", body_file]
    output = subprocess.run(arguments + [url], capture_output=True, text=True, timeout=300).stdout
    figures = {"tool": f"hey -c {concurrency}", "raw": ""}
    rows = list(csv.DictReader(io.StringIO(output)))
    answered = [row for row in rows if row.get("status-code", "").startswith("2")]
    latencies = sorted(float(row["response-time"]) * 1000 for row in answered)
    # hey's own Requests/sec: answered requests over the time from the first start to the last answer.
    span = max((float(row["offset"]) + float(row["response-time"]) for row in rows), default=0)
    figures["rps"] = len(answered) / span if span else 0.0
    for percent in (50, 95, 99):
        figures[f"p{percent}"] = percentile(latencies, percent)
    opening = sorted(float(r["response-time"]) * 1000 for r in answered if float(r["DNS+dialup"]) > 0)
    reusing = sorted(float(r["response-time"]) * 1000 for r in answered if float(r["DNS+dialup"]) == 0)
    figures["opening"] = {"requests": len(opening), "p99": percentile(opening, 99)}
    figures["p99_reusing"] = percentile(reusing, 99)
    # Every request not answered 2xx is an error: other statuses and requests that failed alike.
    figures["requests"] = len(answered)
    figures["errors"] = requests - len(answered)
    return figures


def percentile(sorted_values, percent):
    """The nearest-rank percentile, as hey reports it; NaN for no values."""
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, len(sorted_values) * percent // 100)]


def run_loadgen(urls_file, requests, concurrency):
    output = subprocess.run(
        [sys.executable, os.path.join(HERE, "loadgen.py"), "--urls", urls_file, "-n", str(requests), "-c", str(concurrency)],
        capture_output=True, text=True, timeout=300).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["tool"] = f"loadgen.py -c {concurrency}"
    figures["raw"] = output
    return figures


def write_distinct_urls(path, base, window, count, salt):
    """`count` reads no two alike (the window's end moves by a second each), with event_type and
    user_id filters varying over the seeded values, so the cache never answers one."""
    start, end = window
    end_time = datetime.datetime.strptime(end, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(seconds=salt)
    with open(path, "w") as out:
        for index in range(count):
            to = rfc3339(end_time + datetime.timedelta(seconds=index))
            filters = f"&event_type={EVENT_TYPES[index % 4]}" + (f"&user_id=u-{(index * 7) % USERS}" if index % 3 == 0 else "")
            out.write(f"{base}/getData?limit=10&from={start}&to={to}{filters}\n")


def measure(options, folder, api, api_base, plain_url, window, flask=None, plain=None):
    start, end = window
    hit_url = f"{api_base}/getData?limit=10&from={start}&to={end}"
    page = request("GET", hit_url)
    page = request("GET", hit_url)
    if len(page["rows"]) != 10 or not page["stats"]["cacheHit"]:
        raise RuntimeError(f"the hit read should return 10 rows from the cache: {json.dumps(page)[:300]}")
    ingest_url = f"{api_base}/ingestData"
    flask_base = f"http://127.0.0.1:{flask.port}" if flask else None
    if flask:
        deadline = time.time() + 60
        while True:  # gunicorn prints its port before the workers have imported the app
            try:
                page = request("GET", flask_base + hit_url[len(api_base):])
                break
            except (OSError, RuntimeError):
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        if len(page["rows"]) != 10:
            raise RuntimeError(f"the Flask peer's read should return 10 rows: {json.dumps(page)[:300]}")
    now = datetime.datetime.now(datetime.timezone.utc)
    bodies = {}
    for size in sorted({int(route.split("ingest")[1]) for route in options.routes.split(",") if "ingest" in route}):
        events = [event_json(f"bench-{size}-{index}", EVENT_TYPES[index % 4], f"u-{index % USERS}", now, index) for index in range(size)]
        path = os.path.join(folder, f"ingest{size}.json")
        json.dump(events if size > 1 else events[0], open(path, "w"), separators=(",", ":"))
        bodies[size] = path
        answer = request("POST", ingest_url, json.load(open(path)), expect=(202,))
        if len(answer["messageIds"]) != size:
            raise RuntimeError(f"ingest of {size} answered {answer}")
        if flask:
            answer = request("POST", flask_base + "/ingestData", json.load(open(path)), expect=(202,))
            if len(answer["messageIds"]) != size:
                raise RuntimeError(f"the Flask peer's ingest of {size} answered {answer}")
    wrk_ingest = {}
    for size, path in bodies.items():
        script = os.path.join(folder, f"ingest{size}.lua")
        with open(script, "w") as out:
            out.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
            out.write(f"wrk.body = {lua_string(open(path).read())}\n")
        wrk_ingest[size] = script
    miss_script = os.path.join(folder, "miss.lua")
    with open(os.path.join(HERE, "distinct_reads.lua")) as template:
        text = template.read()
    with open(miss_script, "w") as out:
        out.write(f'window_from = "{start}"\nwindow_to = "{end}"\nusers = {USERS}\n' + text)

    routes = options.routes.split(",")
    results = []
    for repeat in range(options.repeats):
        for route in routes:
            runs = []
            peer = route.startswith("flask-")
            kind = route[len("flask-"):] if peer else route
            base = flask_base if peer else api_base
            if peer and not flask:
                raise RuntimeError(f"route {route} needs --flask-python")
            hit_url = base + "/getData" + f"?limit=10&from={start}&to={end}"
            ingest_url = base + "/ingestData"
            if route == "plaintext":
                runs.append(("wrk", lambda: run_wrk(plain_url, options.seconds)))
                runs.append(("hey", lambda: run_hey(plain_url, options.hey_requests, options.hey_concurrency)))
                urls = os.path.join(folder, "plain-urls.txt")
                open(urls, "w").write(plain_url + "\n")
                runs.append(("loadgen", lambda urls=urls: run_loadgen(urls, options.hey_requests, options.hey_concurrency)))
            elif kind == "hit":
                runs.append(("wrk", lambda url=hit_url: run_wrk(url, options.seconds)))
                runs.append(("hey", lambda url=hit_url: run_hey(url, options.hey_requests, options.hey_concurrency)))
            elif kind == "miss":
                runs.append(("wrk", lambda repeat=repeat, base=base: run_wrk(base + "/getData", options.seconds, miss_script_for(miss_script, repeat))))
                urls = os.path.join(folder, f"{route}-urls-{repeat}.txt")
                write_distinct_urls(urls, base, window, options.hey_requests, salt=1_000_000 + repeat * 100_000)
                runs.append(("loadgen", lambda urls=urls: run_loadgen(urls, options.hey_requests, options.hey_concurrency)))
            elif kind.startswith("ingest"):
                size = int(kind[len("ingest"):])
                runs.append(("wrk", lambda size=size, url=ingest_url: run_wrk(url, options.seconds, wrk_ingest[size])))
                runs.append(("hey", lambda size=size, url=ingest_url: run_hey(url, options.hey_requests, options.hey_concurrency, bodies[size])))
            server = plain if route == "plaintext" else flask if peer else api
            for _, run in runs:
                before = cache_counters(api_base)
                load = load_average()
                cpu = server.cpu_seconds() if server else None
                figures = run()
                after = cache_counters(api_base)
                if cpu is not None and figures.get("requests"):
                    # The route's own server only: for an ingest, the emulator's share of storing the
                    # messages is not in it (it would be Pub/Sub's, deployed).
                    figures["cpu_us"] = (server.cpu_seconds() - cpu) / figures["requests"] * 1e6
                figures.update(route=route, repeat=repeat + 1, load=load,
                               hits=after[0] - before[0], misses=after[1] - before[1],
                               rss=(flask if peer else api).peak_rss_mib())
                if kind.startswith("ingest"):
                    figures["events"] = figures["rps"] * int(kind[len("ingest"):])
                results.append(figures)
                print(summary_line(figures), file=sys.stderr, flush=True)
                time.sleep(2)  # let sockets in TIME_WAIT and the API's queues settle between runs
    return results


def miss_script_for(template_path, repeat):
    """The miss script with its own offset per repeat, so a second run repeats no read of the first."""
    path = template_path.replace(".lua", f"-{repeat}.lua")
    with open(template_path) as template, open(path, "w") as out:
        # Seconds past the window's end; every window stays under the API's 31-day maximum.
        out.write(f"offset = {repeat * 200_000}\n" + template.read())
    return path


def lua_string(text):
    return "[==[" + text + "]==]"


ROUTE_NAMES = {
    "plaintext": "plain text (PlainTextServer)", "hit": "/getData cache hit", "miss": "/getData cache miss",
    "ingest100": "/ingestData 100 events", "ingest1": "/ingestData 1 event",
    "flask-hit": "Flask peer: /getData same read", "flask-miss": "Flask peer: /getData distinct reads",
    "flask-ingest100": "Flask peer: /ingestData 100 events", "flask-ingest1": "Flask peer: /ingestData 1 event",
}


def summary_line(f):
    extra = f" events/s {f['events']:.0f}" if "events" in f else ""
    return (f"{ROUTE_NAMES[f['route']]:32} {f['tool']:20} run {f['repeat']}: {f['rps']:9.0f} req/s{extra} p50 {f['p50']:.1f} ms "
            f"p95 {f.get('p95', float('nan')):.1f} ms p99 {f['p99']:.1f} ms errors {f['errors']} "
            f"cache +{f['hits']:.0f} hits +{f['misses']:.0f} misses, load {f['load']}, API peak RSS {f['rss']:.0f} MiB, "
            f"server CPU {f.get('cpu_us', float('nan')):.0f} µs/request"
            + (f"; p99 of the {f['opening']['requests']} requests that opened their connection "
               f"{f['opening']['p99']:.1f} ms, of the others {f['p99_reusing']:.1f} ms" if "opening" in f else ""))


def print_report(options, results, api, emulator, plain):
    print(f"\nlog level of the API: {options.api_log_level}; rate limit 1e9/s (burst 1e9) per client address, --no-auth")
    print("| route | tool | run | req/s | events/s | p50 ms | p95 ms | p99 ms | p99 opening / reusing a connection ms "
          "| server CPU µs / request | errors | cache hits / misses | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for f in results:
        events = f"{f['events']:.0f}" if "events" in f else ""
        p95 = f"{f['p95']:.1f}" if "p95" in f else ""
        cache = f"{f['hits']:.0f} / {f['misses']:.0f}" if f["route"] in ("hit", "miss") else ""  # the Flask peer has no cache
        split = f"{f['opening']['p99']:.1f} / {f['p99_reusing']:.1f}" if "opening" in f else ""
        print(f"| {ROUTE_NAMES[f['route']]} | {f['tool']} | {f['repeat']} | {f['rps']:.0f} | {events} | {f['p50']:.1f} | {p95} | "
              f"{f['p99']:.1f} | {split} | {f.get('cpu_us', float('nan')):.0f} | {f['errors']} | {cache} | {f['load']} |")
    plain_wrk = [f["rps"] for f in results if f["route"] == "plaintext" and f["tool"].startswith("wrk")]
    hit_wrk = [f["rps"] for f in results if f["route"] == "hit" and f["tool"].startswith("wrk")]
    if plain_wrk and hit_wrk:
        ratios = ", ".join(f"{hit / plain:.0%}" for hit, plain in zip(hit_wrk, plain_wrk))
        print(f"\ncache hit / plain text (wrk req/s, per repeat): {ratios}")
    print(f"peak RSS (VmHWM): API {api.peak_rss_mib():.0f} MiB, emulator {emulator.peak_rss_mib():.0f} MiB, "
          f"PlainTextServer {plain.peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
