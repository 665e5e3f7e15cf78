"""The API's routes for scripts/http_fuzz.py --target api: the same transport, mutations, judging and
budget as the emulator's fuzz, with the API's templates, query parameters and refusals.

Without --require-auth it fuzzes `warehouse serve`'s API (no keys, as a newcomer runs it); with it,
a `warehouse api` holding API keys, beside that serve and on its emulator, so bad keys and keys of the
wrong scope are sent too. Beyond the emulator fuzz's rules it fails on:
- a 2xx to /ingestData for: a body with invalid UTF-8, an event field of a type the schema refuses,
  more events than the limit, an empty array, an oversized body, a body not sent as JSON;
- a 2xx to /getData for: a limit outside 1..1000 or not a whole number, a from/to that is not
  RFC 3339, a window that ends before it starts, a pageToken that is not one, an unknown parameter;
- with keys: a 2xx to /ingestData or /getData without a valid key of the route's scope;
- at the end: the seeded events no longer read back as they were ingested (SQL text in a parameter
  must stay data).
"""
import base64
import json
import os
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

from http_fuzz import Fuzzer, Request
from serve_process import APIProcess, ServeProcess

# `warehouse api` refuses keys shorter than 16 characters; these are made up for one run on loopback.
INGEST_READ_KEY = "http-fuzz-ingest-read-key-0001"
READ_KEY = "http-fuzz-read-only-key-000001"
INGEST_KEY = "http-fuzz-ingest-only-key-0001"
SEED_TYPE = "http-fuzz-seed"
SEED_EVENTS = 12

SQL_INJECTION = ["' OR '1'='1", "x'; DROP TABLE events; --", "\" OR 1=1 --", "1; SELECT * FROM events", "%27%20OR%201=1",
                 "x\\' OR 1=1", "@limit", "`events`", "') UNION SELECT NULL--"]


class Text:
    """An event field of type STRING: BigQuery (and the shared validator) take numbers and booleans as
    their text, so only objects and arrays must be refused."""


class Timestamp:
    """An event field of type TIMESTAMP: text BigQuery can read, or seconds since the epoch."""


class ServedAPI:
    """`with ServedAPI(binary, folder, require_auth)`: the process to fuzz (.url, .pid, .process)."""

    def __init__(self, binary, folder, require_auth):
        self.binary, self.folder, self.require_auth = binary, folder, require_auth
        self.serve = self.api = None

    def __enter__(self):
        self.serve = ServeProcess(self.binary, self.folder)
        self.fuzzed = self.serve
        if self.require_auth:
            keys = f"{INGEST_READ_KEY}:ingest+read,{READ_KEY}:read,{INGEST_KEY}:ingest"
            self.api = APIProcess(self.binary, self.folder, self.serve.emulator, keys,
                                  extra_env={"WAREHOUSE_RATE_LIMIT": "100000", "WAREHOUSE_RATE_BURST": "100000"})
            self.fuzzed = self.api
        self.url = self.fuzzed.api
        self.process = self.fuzzed.process
        self.pid = self.fuzzed.pid
        return self

    def log_tail(self):
        with open(self.fuzzed.log.name, "rb") as log:
            return log.read()[-1500:].decode("utf-8", "replace")

    def __exit__(self, *exc):
        for process in (self.api, self.serve):
            if process:
                process.__exit__(*exc)
        return False


class APIFuzzer(Fuzzer):
    def __init__(self, args, served):
        super().__init__(args, served)
        self.token_samples = []
        now = datetime.now(timezone.utc).replace(microsecond=0)
        self.now = now
        self.window = ((now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                       (now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))
        self.seeded = {}

    # ---- seeding: events in, read back, and a real pageToken to garble

    def keyed(self, headers=None, key=INGEST_READ_KEY):
        headers = dict(headers or {})
        if self.args.require_auth:
            headers["X-API-Key"] = key
        return headers

    def event(self, index, event_type=None):
        occurred = self.now - timedelta(seconds=index)
        return {"event_id": f"fz-{index}", "event_type": event_type or ["click", "view", "buy"][index % 3],
                "user_id": f"u-{index % 5}", "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "payload": {"n": index, "s": "ünï\"code\""}}

    def seed(self):
        events = [self.event(i, SEED_TYPE) for i in range(SEED_EVENTS)]
        self.seeded = {event["event_id"]: event for event in events}
        self.json_call("POST", "/ingestData", events, headers=self.keyed())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            rows = self.read_seeded()
            if len(rows) >= SEED_EVENTS:
                break
            time.sleep(0.3)
        else:
            raise RuntimeError("the seeded events did not reach /getData within 60 s")
        page = self.json_call("GET", f"/getData?limit=3&from={self.window[0]}&to={self.window[1]}", headers=self.keyed())
        if not page.get("nextPageToken"):
            raise RuntimeError(f"no nextPageToken after 3 of {SEED_EVENTS} rows: {page}")
        self.token_samples.append(page["nextPageToken"])

    def read_seeded(self):
        rows, token = [], None
        while True:
            query = f"limit=5&event_type={SEED_TYPE}&from={self.window[0]}&to={self.window[1]}"
            if token:
                query += f"&pageToken={token}"
            page = self.json_call("GET", "/getData?" + query, headers=self.keyed())
            rows += page["rows"]
            token = page.get("nextPageToken")
            if not token:
                return rows

    def check_seeded_intact(self):
        rows = self.read_seeded()
        ids = [row["event_id"] for row in rows]
        if sorted(ids) != sorted(self.seeded) or any(row != self.seeded[row["event_id"]] for row in rows):
            self.fail(f"the seeded events no longer read back as ingested: {len(rows)} rows, e.g. {rows[:2]}", None)

    # ---- request generation

    def templates(self):
        index = self.random.randrange(1_000_000)
        event = self.event(index)
        typed = {"event_id": Text, "event_type": Text, "user_id": Text, "occurred_at": Timestamp}
        # The two routes that take input are weighted over the four that take none.
        return 3 * [
            ("ingest", "POST", "/ingestData", event, [], typed),
        ] + 2 * [
            ("ingest", "POST", "/ingestData", [self.event(index + i) for i in range(self.random.choice([1, 3, 20]))], [], {}),
        ] + 3 * [
            ("read", "GET", "/getData", None, ["limit", "from", "to", "event_type", "user_id", "pageToken"], {}),
        ] + [
            ("operations", "GET", "/healthz", None, ["x"], {}),
            ("operations", "GET", "/readyz", None, ["x"], {}),
            ("operations", "GET", "/metrics", None, ["x"], {}),
            ("operations", "GET", "/openapi.yaml", None, ["x"], {}),
        ]

    def wrong_value(self, expected):
        r = self.random
        if expected is Text:
            return r.choice([{}, [], {"k": "v"}, ["x"]])
        if expected is Timestamp:
            return r.choice([True, {}, [], "x", "", "2024-13-45T99:99:99Z", "NaN", 1e300, "99999-01-01T00:00:00Z"])
        return super().wrong_value(expected)

    def body_for(self, request, template, typed_fields):
        request.headers["Content-Type"] = "application/json"  # what a producer sends; bad_headers may change it
        super().body_for(request, template, typed_fields)
        r = self.random
        if request.kind == "oversized":
            request.must_refuse = "a body over the size limit"
        elif request.kind == "valid" and r.random() < 0.15:
            request.kind = r.choice(["too_many", "empty_array"])
            if request.kind == "too_many":
                request.body = self.encode_json([self.event(i) for i in range(501)])
                request.must_refuse = "501 events, over the 500-event limit"
            else:
                request.body = b"[]"
                request.must_refuse = "an empty array of events"
        elif request.kind in ("empty", "truncated", "not_object"):
            try:
                parsed = json.loads(request.body)
            except ValueError:
                parsed = None
            if not (isinstance(parsed, list) and parsed and all(isinstance(item, dict) and item for item in parsed)
                    or isinstance(parsed, dict) and parsed):
                request.must_refuse = "not an event nor a non-empty array of events"

    def query_string(self, names):
        if "pageToken" not in names:
            return super().query_string(names)
        r = self.random
        params = {}
        refuse = None
        if r.random() < 0.7:
            params["from"], params["to"] = self.window
        elif r.random() < 0.3:
            params["to"], params["from"] = r.choice([self.window, (self.window[0], self.window[0])])
        for name in r.sample(names, r.randint(0, 3)):
            value, reason = self.read_value(name)
            params[name] = value
            refuse = refuse or reason
        if "from" in params and (params["from"], params.get("to")) in ((self.window[1], self.window[0]), (self.window[0], self.window[0])):
            refuse = refuse or "a window whose to is not after its from"
        pairs = [f"{name}={urllib.parse.quote(value, safe='')}" for name, value in params.items()]
        if r.random() < 0.05:
            pairs.append(r.choice(["offset=10", "LIMIT=5", "x=1", "from", "pageToken"] + (["limit=5"] if "limit" in params else [])))
            refuse = refuse or "an unknown or repeated parameter"
        self.pending_refusal = refuse
        return ("?" + "&".join(pairs)) if pairs else ""

    def read_value(self, name):
        """(a value for the /getData parameter `name`, why it must be refused or None)."""
        r = self.random
        if name == "limit":
            value = r.choice(["1", "10", "1000", "0", "-1", "1001", "99999999999999999999", "1.5", "1e3", "x", "", " 5", "0x10",
                              "٣", "10 OR 1=1"])
            ok = value.isascii() and value.isdigit() and 1 <= int(value) <= 1000
            return value, None if ok else f"limit={value!r}"
        if name in ("from", "to"):
            good = self.window[0] if name == "from" else self.window[1]
            value = r.choice([good, good, "2024-01-01T00:00:00+02:00", "2024-02-30T00:00:00Z", "2024-01-01", "yesterday", "",
                              "2024-01-01T00:00:00", "0000-00-00T00:00:00Z", "99999-01-01T00:00:00Z", "1714564800",
                              "2024-01-01T25:00:00Z", r.choice(SQL_INJECTION)])
            bad = value in ("2024-02-30T00:00:00Z", "2024-01-01", "yesterday", "", "0000-00-00T00:00:00Z", "2024-01-01T25:00:00Z",
                            "99999-01-01T00:00:00Z", "1714564800", "2024-01-01T00:00:00") or value in SQL_INJECTION
            return value, f"{name}={value!r} is not an RFC 3339 time" if bad else None
        if name in ("event_type", "user_id"):
            return r.choice(SQL_INJECTION + ["click", "u-1", "\u0000", "名前", "x" * r.choice([1024, 1025, 70000]), "%"]), None
        # pageToken
        sample = r.choice(self.token_samples)
        kind = r.choice(["real", "flipped", "truncated", "garbage", "json", "huge"])
        if kind == "real":
            return sample, None
        if kind == "flipped":
            at = r.randrange(len(sample))
            return sample[:at] + ("A" if sample[at] != "A" else "B") + sample[at + 1:], None  # may still decode: not judged
        if kind == "truncated":
            return sample[:r.randrange(1, len(sample))], None
        if kind == "garbage":
            return r.choice(["x", "-1", "!!!", "%00", "e30", "null", "..", "\u00e9"]), "a pageToken that is not one"
        if kind == "json":
            forged = {"v": 1, "f": r.choice([0, -1, 2 ** 63 - 1, "x"]), "t": r.choice([1, 2 ** 63, None]),
                      "e": r.choice([None, SQL_INJECTION[1]]), "u": None, "a": r.choice([0, -(2 ** 63), "x"]),
                      "i": r.choice(["", SQL_INJECTION[0], 5])}
            text = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
            return text, None
        return "A" * r.choice([4096, 70000]), None

    def next_request(self):
        self.pending_refusal = None
        request = super().next_request()
        if request.kind == "valid" and request.family == "read" and self.pending_refusal:
            request.must_refuse = self.pending_refusal
        if request.family == "ingest" and request.kind.startswith("header-content_type"):
            content_type = request.headers.get("Content-Type", "")
            if not content_type.lower().startswith("application/json"):
                request.must_refuse = f"an ingest body sent as {content_type!r}"
        return request

    def unauthenticated(self, request):
        r = self.random
        request.authenticated = False
        request.refused_with = 401
        choice = r.choice([None, "", " ", INGEST_READ_KEY[:-1], INGEST_READ_KEY + "x", INGEST_READ_KEY.upper(), "x" * 2000,
                           "Bearer " + INGEST_READ_KEY, "wrong-scope", "wrong-scope"])
        if choice == "wrong-scope":
            choice = READ_KEY if request.family == "ingest" else INGEST_KEY
            request.refused_with = 403
        if choice is not None:
            request.headers["X-API-Key"] = choice

    def send(self, request, timeout=None):
        if request.authenticated and self.args.require_auth and "X-API-Key" not in request.headers:
            request.headers["X-API-Key"] = INGEST_READ_KEY
        return super().send(request, timeout)

    def maybe_unauthenticated(self, request):
        if self.args.require_auth and request.family in ("ingest", "read") and self.random.random() < 0.3:
            self.unauthenticated(request)

    def judge(self, request, answer):
        status = answer.status
        if status >= 500:
            self.fail(f"{status} answer: {answer.body[:300]!r}", request)
        elif not request.authenticated and request.family in ("ingest", "read") and 200 <= status < 300:
            self.fail(f"{status} without a valid key of the route's scope", request)
        elif (not request.authenticated and request.kind == "valid" and self.canonical_protected(request)
              and len(request.path) < 8000 and status != request.refused_with):
            # (A request line over the server's header limit is refused before the key is looked at.)
            self.fail(f"{status} instead of {request.refused_with} without a valid key of the route's scope", request)
        elif request.must_refuse and 200 <= status < 300:
            self.fail(f"{status} for input that must be refused ({request.must_refuse}): {answer.body[:200]!r}", request)

    @staticmethod
    def canonical_protected(request):
        path = request.path if isinstance(request.path, str) else ""
        return path.split("?")[0] in ("/ingestData", "/getData")

    def crashed(self, request):
        code = self.emulator.process.poll()
        recent = "\n".join("      " + r.describe() for r in self.recent)
        self.fail(f"the API's process exited with status {code}\n    last requests:\n{recent}\n    its stderr ends:\n"
                  f"{self.emulator.log_tail()}", request)

    def run(self):
        super().run()
        if self.emulator.process.poll() is None and not self.failures:
            self.check_seeded_intact()
