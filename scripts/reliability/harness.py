"""What the reliability suites share: the system as separate processes (`warehouse emulator`, `warehouse
sink`, `warehouse api`, each restartable, with switchable proxies in front of the emulator), a producer
that streams events through POST /ingestData and remembers what became of each request, and the final
count of the table against what was accepted.

Everything listens on 127.0.0.1. Every wait takes a deadline; nothing here waits without one.
"""

import base64
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from serve_process import ChildProcess  # noqa: E402

from proxy import Proxy  # noqa: E402

SCHEMA = os.path.join(ROOT, "schemas", "events.json")
PROJECT = "local-project"
TOPIC, DEAD_LETTER_TOPIC = "events", "events-dead-letter"
SUBSCRIPTION, DEAD_LETTER_WATCH = "events-sink", "events-dead-letter-watch"
DATASET, TABLE = "warehouse", "events"
# Pub/Sub's shortest ack deadline: messages a killed Sink held come back this soon.
ACK_DEADLINE_SECONDS = 10
MAX_DELIVERY_ATTEMPTS = 10


class ScenarioFailure(Exception):
    """A scenario cannot go on (a deadline passed, a process would not start): it fails with this."""


class Deadline:
    def __init__(self, seconds, what="scenario"):
        self.end = time.monotonic() + seconds
        self.what = what

    def remaining(self):
        return max(0.0, self.end - time.monotonic())

    def passed(self):
        return time.monotonic() >= self.end

    def check(self, doing):
        if self.passed():
            raise ScenarioFailure(f"{self.what}: its time ran out while {doing}")

    def sooner(self, seconds, what):
        """A deadline `seconds` from now, or this one if it comes first."""
        deadline = Deadline(min(seconds, self.remaining()), what)
        return deadline


def request(method, url, body=None, timeout=10.0):
    """(status, headers, JSON or None). Transport failures raise OSError / http.client errors."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            raw = reply.read()
            return reply.status, dict(reply.headers), json.loads(raw) if raw.strip() else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            parsed = json.loads(raw) if raw.strip() else None
        except ValueError:
            parsed = {"raw": raw[:500].decode(errors="replace")}
        return error.code, dict(error.headers), parsed


def ok(method, url, body=None, timeout=10.0, allow=()):
    status, _, answer = request(method, url, body, timeout)
    if status >= 300 and status not in allow:
        raise ScenarioFailure(f"{method} {url} answered {status}: {answer}")
    return answer


# --- the processes --------------------------------------------------------------------------------


class Emulator:
    """`warehouse emulator` on a SQLite file; `kill()` (SIGKILL) and `start()` again on the same port."""

    def __init__(self, binary, folder, db_path=None, extra_args=()):
        self.binary = binary
        self.folder = folder
        self.extra_args = list(extra_args)
        self.db_path = db_path or os.path.join(folder, "emulator.sqlite")
        self.port = 0
        self.process = None
        self.starts = 0

    def start(self, seconds=60):
        # On a restart, the port it had: its clients keep their address.
        args = [self.binary, "emulator", "--host", "127.0.0.1", "--port", str(self.port), "--db", self.db_path, "--log-level", "warning",
                *self.extra_args]
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.process = ChildProcess(args, os.path.join(self.folder, "emulator.log"),
                                            {"url": r"listening on (http://[0-9.]+:[0-9]+)"}, seconds=seconds)
                break
            except RuntimeError:
                # The old port may take a moment to be free again.
                if self.port == 0 or time.monotonic() > deadline:
                    raise ScenarioFailure(f"the emulator did not start (see {self.folder}/emulator.log)")
                time.sleep(0.2)
        self.port = int(self.process.urls["url"].rsplit(":", 1)[1])
        self.starts += 1
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self):
        return f"127.0.0.1:{self.port}"

    def kill(self):
        self.process.kill()

    def stop(self):
        if self.process:
            self.process.__exit__(None, None, None)


class Sink:
    """`warehouse sink` pulling SUBSCRIPTION into DATASET.TABLE; `kill()` is SIGKILL, `start()` a new process."""

    def __init__(self, binary, folder, pubsub_endpoint, bigquery_endpoint, extra_args=()):
        self.binary = binary
        self.folder = folder
        self.pubsub_endpoint = pubsub_endpoint
        self.bigquery_endpoint = bigquery_endpoint
        self.extra_args = list(extra_args)
        self.process = None
        self.starts = 0
        self.log_path = os.path.join(folder, "sink.log")

    def start(self, seconds=60):
        offset = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
        args = [self.binary, "sink", "--project", PROJECT, "--pubsub-endpoint", self.pubsub_endpoint,
                "--bigquery-endpoint", self.bigquery_endpoint, "--subscription", SUBSCRIPTION, "--dataset", DATASET,
                "--table", TABLE, "--dead-letter-topic", DEAD_LETTER_TOPIC, "--schema", SCHEMA, "--port", "0",
                "--operations-host", "127.0.0.1", "--lease-extension", f"{ACK_DEADLINE_SECONDS}s", "--log-format", "text",
                "--log-level", "info", *self.extra_args]
        self.process = ChildProcess(args, self.log_path, {})
        self.starts += 1
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as log:
                log.seek(offset)
                if b"sink started" in log.read():
                    return self
            if self.process.process.poll() is not None:
                raise ScenarioFailure(f"the Sink exited at start ({self.process.process.returncode}); see {self.log_path}")
            time.sleep(0.05)
        raise ScenarioFailure(f"the Sink did not start within {seconds} s; see {self.log_path}")

    def kill(self):
        self.process.kill()

    def stop(self, seconds=30):
        """SIGTERM: the Sink writes and acks what it holds, nacks the rest. Returns the exit code."""
        if self.process is None or self.process.process.poll() is not None:
            return None
        self.process.process.send_signal(signal.SIGTERM)
        try:
            return self.process.process.wait(timeout=seconds)
        except Exception:
            self.process.kill()
            return None

    def alive(self):
        return self.process is not None and self.process.process.poll() is None

    def log_lines(self, needle):
        with open(self.log_path, "rb") as log:
            return [line.decode(errors="replace") for line in log if needle.encode() in line]


class API:
    """`warehouse api --no-auth` against the given Pub/Sub and BigQuery endpoints, rate limits off."""

    def __init__(self, binary, folder, pubsub_endpoint, bigquery_endpoint, extra_args=()):
        args = [binary, "api", "--no-auth", "--host", "127.0.0.1", "--port", "0", "--project", PROJECT,
                "--pubsub-endpoint", pubsub_endpoint, "--bigquery-endpoint", bigquery_endpoint, "--schema", SCHEMA,
                "--topic", TOPIC, "--dataset", DATASET, "--table", TABLE,
                "--rate-limit", "1000000", "--rate-burst", "1000000", "--log-level", "warning", *extra_args]
        self.process = ChildProcess(args, os.path.join(folder, "api.log"), {"api": r"listening on (http://[0-9.]+:[0-9]+)"})
        self.url = self.process.urls["api"]
        self.log_path = os.path.join(folder, "api.log")

    def stop(self):
        self.process.__exit__(None, None, None)


class System:
    """Emulator, Sink and API as three processes, optionally with a proxy for each of the emulator's
    two APIs in front of it (`proxies=True`), through which the Sink and the API reach it."""

    def __init__(self, binary, folder, proxies=False, sink_args=(), api_args=(), db_path=None, emulator_args=()):
        self.binary = binary
        self.folder = folder
        self.emulator = Emulator(binary, folder, db_path, emulator_args).start()
        provision(self.emulator.url)
        self.pubsub_proxy = self.bigquery_proxy = None
        pubsub = bigquery = self.emulator.endpoint
        if proxies:
            self.pubsub_proxy = Proxy(self.emulator.port, name="pubsub")
            self.bigquery_proxy = Proxy(self.emulator.port, name="bigquery")
            pubsub, bigquery = self.pubsub_proxy.endpoint, self.bigquery_proxy.endpoint
        self.sink = Sink(binary, folder, pubsub, bigquery, sink_args)
        self.sink.start()
        self.api = API(binary, folder, pubsub, bigquery, api_args)

    def close(self):
        for part in (self.api, self.sink.process, self.emulator):
            try:
                if part is self.sink.process and part is not None:
                    self.sink.stop(seconds=15)
                elif part is not None:
                    part.stop()
            except Exception:
                pass
        for proxy in (self.pubsub_proxy, self.bigquery_proxy):
            if proxy:
                proxy.close()


def provision(base):
    """What Terraform (or `warehouse serve`) makes: the topic, the dead-letter topic, the subscription with
    Pub/Sub's dead-letter policy and the shortest ack deadline, and a subscription that keeps every dead
    letter so the suite can count them. The Sink makes the dataset and the table."""
    v1 = f"{base}/v1/projects/{PROJECT}"
    ok("PUT", f"{v1}/topics/{TOPIC}", {}, allow=(409,))
    ok("PUT", f"{v1}/topics/{DEAD_LETTER_TOPIC}", {}, allow=(409,))
    ok("PUT", f"{v1}/subscriptions/{SUBSCRIPTION}", {
        "topic": f"projects/{PROJECT}/topics/{TOPIC}", "ackDeadlineSeconds": ACK_DEADLINE_SECONDS,
        "deadLetterPolicy": {"deadLetterTopic": f"projects/{PROJECT}/topics/{DEAD_LETTER_TOPIC}",
                             "maxDeliveryAttempts": MAX_DELIVERY_ATTEMPTS}}, allow=(409,))
    ok("PUT", f"{v1}/subscriptions/{DEAD_LETTER_WATCH}", {"topic": f"projects/{PROJECT}/topics/{DEAD_LETTER_TOPIC}"}, allow=(409,))


# --- the producer ---------------------------------------------------------------------------------


def make_events(count, prefix):
    """`count` distinct events over the last hour (one day partition or two), each with its event_id."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    types = ["click", "view", "buy", "signup"]
    return [{"event_id": f"{prefix}-{i:06d}", "event_type": types[i % len(types)],
             "user_id": None if i % 13 == 0 else f"u-{i % 97}",
             "occurred_at": (now - timedelta(milliseconds=i * 37 % 3_600_000)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
             "payload": {"n": i, "text": "fault \"suite\" ü"}} for i in range(count)]


class Producer:
    """Streams batches of events to POST /ingestData from `threads` threads, at most `rate` events/s
    (None: as fast as they are answered), and keeps what became of each batch:

      accepted  answered 202 (every event of it must end up stored, once);
      refused   answered 503 and, with `retry_unavailable` off, given up (the producer would retry it);
      cut       sent, but no answer came (connection reset, timeout): its events may or may not be stored;
      errors    any other answer (a 500, an unexpected 4xx): always a failure of the scenario.

    With `retry_unavailable` (the default) a 503 or a 429 is sent again after its Retry-After, and a
    cut batch too (the same event_ids: a retry is idempotent), until `deadline`; a batch retried to a 202
    counts as accepted."""

    def __init__(self, api_url, events, batch=100, threads=4, rate=None, retry_unavailable=True, request_timeout=40.0):
        self.api_url = api_url
        self.batches = [events[start:start + batch] for start in range(0, len(events), batch)]
        self.threads = threads
        self.rate = rate
        self.retry_unavailable = retry_unavailable
        self.request_timeout = request_timeout
        self.lock = threading.Lock()
        self.next_index = 0
        self.accepted, self.refused, self.cut, self.errors = set(), set(), set(), []
        self.statuses = {}
        self.retry_after_missing = 0
        self.sent_events = 0
        self.started = None
        self.stop_flag = False
        self._workers = []
        self.timeline = []  # (sent at, answered at, batch index, outcome), monotonic times, for the outage checks

    @property
    def accepted_events(self):
        return sum(len(self.batches[index]) for index in self.accepted)

    def start(self, deadline):
        self.started = time.monotonic()
        self._deadline = deadline
        for _ in range(self.threads):
            worker = threading.Thread(target=self._run, daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def finished(self):
        return all(not worker.is_alive() for worker in self._workers)

    def join(self, deadline):
        for worker in self._workers:
            worker.join(timeout=max(0.1, deadline.remaining()))
        if not self.finished():
            self.stop_flag = True
            raise ScenarioFailure(f"the producer had not finished when the time ran out "
                                  f"({len(self.accepted)} of {len(self.batches)} batches accepted)")

    def _take(self):
        with self.lock:
            if self.stop_flag or self.next_index >= len(self.batches):
                return None
            index = self.next_index
            self.next_index += 1
            self.sent_events += len(self.batches[index])
        if self.rate:
            # Paced: batch i leaves no sooner than i * batch / rate after the start.
            due = self.started + self.sent_events / self.rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        return index

    def _record(self, sent, index, outcome):
        with self.lock:
            self.timeline.append((sent, time.monotonic(), index, outcome))

    def answers_between(self, start, end):
        """The outcomes of the requests sent from `start` to `end` (monotonic times), with when each was answered."""
        with self.lock:
            return [(sent, answered, outcome) for sent, answered, _, outcome in self.timeline if start <= sent <= end]

    def _run(self):
        while (index := self._take()) is not None:
            self._send(index)

    def _send(self, index):
        was_cut = False
        while True:
            if self._deadline.passed() or self.stop_flag:
                with self.lock:
                    (self.cut if was_cut else self.refused).add(index)
                return
            sent = time.monotonic()
            try:
                status, headers, answer = request("POST", f"{self.api_url}/ingestData", self.batches[index], timeout=self.request_timeout)
            except (OSError, http.client.HTTPException) as error:
                was_cut = True
                self._record(sent, index, f"cut: {type(error).__name__}")
                if not self.retry_unavailable:
                    with self.lock:
                        self.cut.add(index)
                    return
                time.sleep(0.5)
                continue
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
            self._record(sent, index, status)
            if status == 202:
                if not isinstance(answer, dict) or len(answer.get("messageIds", [])) != len(self.batches[index]):
                    with self.lock:
                        self.errors.append(f"batch {index}: 202 without one messageId per event: {str(answer)[:200]}")
                    return
                with self.lock:
                    self.accepted.add(index)
                    self.cut.discard(index)
                return
            if status in (503, 429):
                retry_after = headers.get("Retry-After") or headers.get("retry-after")
                if retry_after is None:
                    with self.lock:
                        self.retry_after_missing += 1
                if status == 503 and not self.retry_unavailable:
                    with self.lock:
                        self.refused.add(index)
                    return
                time.sleep(min(2.0, float(retry_after or 1)))
                continue
            with self.lock:
                self.errors.append(f"batch {index}: {status} {str(answer)[:300]}")
            return


# --- what the table holds -------------------------------------------------------------------------


def table_rows(base, timeout=60.0):
    """numRows of the table (0 before the Sink made it), from tables.get: cheap enough to poll."""
    status, _, answer = request("GET", f"{base}/bigquery/v2/projects/{PROJECT}/datasets/{DATASET}/tables/{TABLE}", timeout=timeout)
    if status == 404:
        return 0
    if status != 200:
        raise ScenarioFailure(f"tables.get answered {status}: {answer}")
    return int(answer.get("numRows", 0))


def stored_event_ids(base, timeout=120.0):
    """Every row's event_id (duplicates included), through tabledata.list's pages."""
    ids, token = [], None
    while True:
        url = f"{base}/bigquery/v2/projects/{PROJECT}/datasets/{DATASET}/tables/{TABLE}/data?selectedFields=event_id&maxResults=50000"
        if token:
            url += f"&pageToken={urllib.parse.quote(token)}"
        status, _, answer = request("GET", url, timeout=timeout)
        if status == 404:
            return []
        if status != 200:
            raise ScenarioFailure(f"tabledata.list answered {status}: {answer}")
        ids += [row["f"][0]["v"] for row in answer.get("rows", [])]
        token = answer.get("pageToken")
        if not token:
            return ids


def wait_for_rows(base, wanted_ids, deadline, poll=0.5):
    """Waits until every id in `wanted_ids` is stored (or the deadline); returns the stored ids."""
    wanted = set(wanted_ids)
    while True:
        rows = table_rows(base)
        if rows >= len(wanted) or deadline.passed():
            ids = stored_event_ids(base)
            if wanted <= set(ids) or deadline.passed():
                return ids
        time.sleep(poll)


def pull_all(base, subscription, seconds=5.0):
    """Pulls (and acks) whatever the subscription delivers now; returns the events' ids (or data)."""
    url = f"{base}/v1/projects/{PROJECT}/subscriptions/{subscription}"
    found = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        answer = ok("POST", f"{url}:pull", {"maxMessages": 1000, "returnImmediately": True}, timeout=30)
        messages = (answer or {}).get("receivedMessages", [])
        if not messages:
            break
        for message in messages:
            data = base64.b64decode(message["message"].get("data", ""))
            try:
                found.append(json.loads(data).get("event_id", "?"))
            except ValueError:
                found.append("?")
        ok("POST", f"{url}:acknowledge", {"ackIds": [m["ackId"] for m in messages]}, timeout=30)
    return found


class Count:
    """The table against what was accepted: the line every scenario ends with."""

    def __init__(self, accepted_ids, stored_ids, maybe_ids=(), refused_ids=(), left_over=(), dead_letters=()):
        self.accepted = set(accepted_ids)
        self.maybe = set(maybe_ids)
        self.refused = set(refused_ids) - self.accepted
        stored = list(stored_ids)
        self.rows = len(stored)
        seen, twice = set(), set()
        for event_id in stored:
            (twice if event_id in seen else seen).add(event_id)
        self.distinct = len(seen)
        self.lost = sorted(self.accepted - seen)
        self.duplicated = sorted(twice)
        self.unexpected = sorted(seen - self.accepted - self.maybe - self.refused)
        self.maybe_stored = len(self.maybe & seen)
        self.refused_stored = len(self.refused & seen)
        self.left_over = list(left_over)
        self.dead_letters = list(dead_letters)
        self.stored = seen

    def problems(self):
        found = []
        if self.lost:
            found.append(f"{len(self.lost)} accepted events lost, e.g. {self.lost[:3]}")
        if self.duplicated:
            found.append(f"{len(self.duplicated)} events stored more than once, e.g. {self.duplicated[:3]}")
        if self.unexpected:
            found.append(f"{len(self.unexpected)} rows no accepted request sent, e.g. {self.unexpected[:3]}")
        if self.dead_letters:
            found.append(f"{len(self.dead_letters)} valid events dead-lettered, e.g. {self.dead_letters[:3]}")
        if self.left_over:
            found.append(f"{len(self.left_over)} messages still in the subscription at the end")
        return found

    def summary(self):
        text = (f"accepted {len(self.accepted)}, rows {self.rows} ({self.distinct} distinct), "
                f"lost {len(self.lost)}, duplicated {len(self.duplicated)}")
        if self.refused:
            text += f"; refused (503, not retried) {len(self.refused)} ({self.refused_stored} stored)"
        if self.maybe:
            text += f"; cut in flight {len(self.maybe)} ({self.maybe_stored} stored)"
        if self.unexpected:
            text += f"; unexpected {len(self.unexpected)}"
        text += f"; dead-lettered {len(self.dead_letters)}, left in the subscription {len(self.left_over)}"
        return text

    def as_dict(self):
        return {"accepted": len(self.accepted), "rows": self.rows, "distinct": self.distinct, "lost": len(self.lost),
                "duplicated": len(self.duplicated), "unexpected": len(self.unexpected), "maybe": len(self.maybe),
                "maybe_stored": self.maybe_stored, "refused": len(self.refused), "refused_stored": self.refused_stored,
                "dead_lettered": len(self.dead_letters), "left_over": len(self.left_over)}
