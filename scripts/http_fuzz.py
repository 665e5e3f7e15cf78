#!/usr/bin/env python3
"""HTTP fuzz of every emulator route: a seeded, time-bounded stream of malformed requests.

Starts `warehouse emulator`, seeds a dataset, a table with every column type, a topic and a
subscription, then sends requests to every route family (BigQuery REST v2, Pub/Sub REST v1,
/token, /emulator/v1/*, discovery, /healthz) built from valid templates and broken on purpose:
malformed, truncated, oversized and deeply nested JSON, invalid UTF-8, NUL-laden strings, wrong
JSON types for every field, huge numbers, abused paths, bad methods and bad headers.

It fails on:
- any 5xx answer (injected faults aside: the fault rules it adds are cleared at once);
- the process exiting (a crash), with the last requests sent;
- a request left without an answer for --request-timeout seconds (a hang);
- RSS growth past --rss-growth-mb between the end of seeding and the end of the run;
- a 2xx answer to input that must be refused: a JSON body with invalid UTF-8, a field of the
  wrong JSON type among those the emulator reads;
- with --require-auth: a 2xx answer to a BigQuery or Pub/Sub request without a valid token,
  or anything but 401 for one on a canonical protected path.

Deliberately incomplete requests (a Content-Length longer than the body, `Expect: 100-continue`
with no body, headers never finished) are sent with short socket timeouts; only when
HTTP_FUZZ_IDLE_TIMEOUT (seconds) is set must the server close them within that time (the server's
idle/read timeouts are being added separately).

With --target api it fuzzes the API's routes on `warehouse serve` instead (see http_fuzz_api.py).

Usage:
  scripts/http_fuzz.py [--binary .build/debug/warehouse] [--seconds 60] [--seed 9] [--require-auth] [--target api]
                       [--known-issues ID,ID]   (ids: see KNOWN_ISSUES; the default is none)
Budget and seed also come from HTTP_FUZZ_SECONDS and HTTP_FUZZ_SEED. Standard library and the
openssl command only (to sign the assertion for a token under --require-auth).
"""
import argparse
import base64
import collections
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulator_process import EmulatorProcess, default_binary  # noqa: E402
from serve_process import resident_mib  # noqa: E402

PROJECT = "fuzz-project"
DATASET = "fz"
TABLE = "all_types"
TOPIC = "fz-topic"
SUBSCRIPTION = "fz-sub"

# Defects known at the time of writing, fixed on other branches. Naming one with --known-issues
# keeps requests that would trip it from being sent (a crash would end the run) or judged.
KNOWN_ISSUES = {
    "tabledata-maxresults-zero": "GET .../tables/T/data?maxResults=0 on a non-empty table kills the process",
    "negative-page-token": "GET a BigQuery list (jobs, datasets, tables) with pageToken=-1 and a non-empty list kills the process",
    "auth-empty-segment": "paths with an empty segment (//bigquery/v2/...) skip --require-auth",
    "invalid-utf8-stored": "a JSON body with invalid UTF-8 in a string is accepted (stored as U+FFFD)",
    "wrong-type-ignored": "wrong-typed optional request fields are ignored instead of refused with 400",
}

ALL_TYPES_SCHEMA = [
    {"name": "s", "type": "STRING", "mode": "REQUIRED"},
    {"name": "b", "type": "BYTES"},
    {"name": "i", "type": "INTEGER"},
    {"name": "f", "type": "FLOAT"},
    {"name": "n", "type": "NUMERIC"},
    {"name": "bn", "type": "BIGNUMERIC"},
    {"name": "ok", "type": "BOOLEAN"},
    {"name": "ts", "type": "TIMESTAMP"},
    {"name": "d", "type": "DATE"},
    {"name": "dt", "type": "DATETIME"},
    {"name": "t", "type": "TIME"},
    {"name": "j", "type": "JSON"},
    {"name": "tags", "type": "STRING", "mode": "REPEATED"},
    {"name": "rec", "type": "RECORD", "fields": [
        {"name": "x", "type": "INTEGER"}, {"name": "inner", "type": "RECORD", "fields": [{"name": "y", "type": "STRING"}]}]},
]

ROW = {"s": "row", "b": "AAEC", "i": "42", "f": 1.5, "n": "1.25", "bn": "123.456", "ok": True,
       "ts": "2024-01-01T00:00:00Z", "d": "2024-01-01", "dt": "2024-01-01T08:00:00", "t": "08:00:00",
       "j": {"k": [1, 2]}, "tags": ["a", "b"], "rec": {"x": 1, "inner": {"y": "z"}}}


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class NoAnswer(Exception):
    """The server kept the connection open without answering in time."""


class Closed(Exception):
    """The server closed the connection without an answer."""


def read_answer(sock, deadline, method="GET"):
    """Reads one HTTP/1.1 response; raises NoAnswer at the deadline, Closed on an early close."""
    data = b""

    def more():
        nonlocal data
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise NoAnswer()
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            raise NoAnswer()
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            raise Closed()
        data += chunk

    while b"\r\n\r\n" not in data:
        more()
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    data = rest
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return Answer(status, headers, b"")
    if "content-length" in headers:
        length = int(headers["content-length"])
        while len(data) < length:
            more()
        return Answer(status, headers, data[:length])
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while not data.endswith(b"0\r\n\r\n"):
            more()
        return Answer(status, headers, dechunk(data))
    try:
        while True:
            more()
    except Closed:
        pass
    return Answer(status, headers, data)


def dechunk(data):
    body = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        body += data[:size]
        data = data[size + 2:]
    return body


class Request:
    """One request as bytes, with what the fuzzer expects of it."""

    def __init__(self, family, method, path, body=b"", headers=None, content_type="application/json"):
        self.family = family
        self.method = method
        self.path = path
        self.body = body
        self.headers = dict(headers or {})
        if content_type and body:
            self.headers.setdefault("Content-Type", content_type)
        self.must_refuse = None  # a reason: the answer must not be 2xx
        self.authenticated = True
        self.known_issue = None
        self.incomplete = False

    def encode(self, host):
        lines = [f"{self.method} {self.path} HTTP/1.1".encode("latin-1", "replace") if isinstance(self.path, str)
                 else self.method.encode() + b" " + self.path + b" HTTP/1.1"]
        headers = {"Host": host, "Connection": "close"}
        headers.update(self.headers)
        if "Content-Length" not in headers and (self.body or self.method in ("POST", "PUT", "PATCH")):
            headers["Content-Length"] = str(len(self.body))
        for name, value in headers.items():
            if value is None:
                continue
            line = name.encode("latin-1") + b": " + (value if isinstance(value, bytes) else value.encode("latin-1", "replace"))
            lines.append(line)
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body

    def describe(self):
        path = self.path if isinstance(self.path, str) else self.path.decode("latin-1")
        body = self.body[:300]
        return f"{self.method} {path[:300]} body[{len(self.body)}]={body!r}"


class Fuzzer:
    def __init__(self, args, emulator):
        self.args = args
        self.emulator = emulator
        self.random = random.Random(args.seed)
        parsed = urllib.parse.urlparse(emulator.url)
        self.host, self.port = parsed.hostname, parsed.port
        self.authority = f"{self.host}:{self.port}"
        self.token = None
        self.known = set(args.known_issues)
        self.failures = []
        self.per_family = collections.Counter()
        self.statuses = collections.Counter()
        self.skipped_known = collections.Counter()
        self.recent = collections.deque(maxlen=8)
        self.sent = 0
        self.peak_rss = 0
        self.job_ids = []

    # ---- transport

    def send(self, request, timeout=None):
        timeout = timeout or self.args.request_timeout
        if request.authenticated and self.token and "Authorization" not in request.headers:
            request.headers["Authorization"] = "Bearer " + self.token
        data = request.encode(self.authority)
        self.recent.append(request)
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            deadline = time.monotonic() + timeout
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                # The server may refuse an oversized body early and stop reading: its answer is still read.
                deadline = max(deadline, time.monotonic() + 2)
            return read_answer(sock, deadline, request.method)
        finally:
            sock.close()

    def json_call(self, method, path, body=None, headers=None):
        raw = json.dumps(body).encode() if body is not None else b""
        answer = self.send(Request("seed", method, path, raw, headers=headers))
        if answer.status >= 300:
            raise RuntimeError(f"seeding {method} {path} answered {answer.status}: {answer.body[:500]!r}")
        return json.loads(answer.body) if answer.body else {}

    # ---- seeding

    def obtain_token(self):
        """A service account key from the emulator, and an access token for it via /token."""
        key = self.json_call("POST", f"/emulator/v1/projects/{PROJECT}/serviceAccounts",
                             {"accountId": "http-fuzzer", "role": "writer"},
                             headers={"Authorization": "Bearer " + self.args.admin_token})
        now = int(time.time())
        header = {"alg": "RS256", "typ": "JWT", "kid": key["private_key_id"]}
        claims = {"iss": key["client_email"], "scope": "https://www.googleapis.com/auth/cloud-platform",
                  "aud": key["token_uri"], "iat": now, "exp": now + 3600}
        b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=")
        signing_input = b64(json.dumps(header).encode()) + b"." + b64(json.dumps(claims).encode())
        with tempfile.NamedTemporaryFile("w", suffix=".pem") as pem:
            pem.write(key["private_key"])
            pem.flush()
            signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", pem.name], input=signing_input,
                                       capture_output=True, check=True).stdout
        assertion = (signing_input + b"." + b64(signature)).decode()
        form = urllib.parse.urlencode({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                       "assertion": assertion}).encode()
        answer = self.send(Request("seed", "POST", "/token", form, content_type="application/x-www-form-urlencoded"))
        if answer.status != 200:
            raise RuntimeError(f"token exchange answered {answer.status}: {answer.body[:300]!r}")
        self.token = json.loads(answer.body)["access_token"]
        self.assertion = assertion

    def seed(self):
        if self.args.require_auth:
            self.obtain_token()
        bq = f"/bigquery/v2/projects/{PROJECT}"
        self.json_call("POST", f"{bq}/datasets", {"datasetReference": {"projectId": PROJECT, "datasetId": DATASET}})
        self.json_call("POST", f"{bq}/datasets/{DATASET}/tables", {
            "tableReference": {"projectId": PROJECT, "datasetId": DATASET, "tableId": TABLE},
            "schema": {"fields": ALL_TYPES_SCHEMA},
            "timePartitioning": {"type": "DAY", "field": "ts"}, "clustering": {"fields": ["s"]}})
        result = self.json_call("POST", f"{bq}/datasets/{DATASET}/tables/{TABLE}/insertAll",
                                {"rows": [{"insertId": str(i), "json": dict(ROW, s=f"row{i}", i=str(i))} for i in range(20)]})
        if result.get("insertErrors"):
            raise RuntimeError(f"seed rows refused: {result}")
        job = self.json_call("POST", f"{bq}/queries", {"query": f"SELECT s, i FROM {DATASET}.{TABLE}", "useLegacySql": False,
                                                        "maxResults": 5})
        self.job_ids.append(job["jobReference"]["jobId"])
        ps = f"/v1/projects/{PROJECT}"
        self.json_call("PUT", f"{ps}/topics/{TOPIC}", {})
        self.json_call("PUT", f"{ps}/subscriptions/{SUBSCRIPTION}", {"topic": f"projects/{PROJECT}/topics/{TOPIC}",
                                                                      "ackDeadlineSeconds": 10})
        self.json_call("POST", f"{ps}/topics/{TOPIC}:publish",
                       {"messages": [{"data": base64.b64encode(b"m%d" % i).decode(), "attributes": {"k": "v"}}
                                     for i in range(10)]})

    # ---- request generation

    def templates(self):
        """(family, method, path, body template or None, query parameter names, fields the emulator reads)."""
        bq = f"/bigquery/v2/projects/{PROJECT}"
        ds = f"{bq}/datasets/{DATASET}"
        tb = f"{ds}/tables/{TABLE}"
        ps = f"/v1/projects/{PROJECT}"
        job = self.random.choice(self.job_ids) if self.job_ids else "missing"
        topic = f"projects/{PROJECT}/topics/{TOPIC}"
        new = f"n{self.random.randrange(1_000_000)}"
        return [
            ("bigquery", "GET", "/bigquery/v2/projects", None, ["maxResults", "pageToken"], {}),
            ("bigquery", "GET", f"{bq}/datasets", None, ["maxResults", "pageToken", "all", "filter"], {}),
            ("bigquery", "POST", f"{bq}/datasets", {"datasetReference": {"projectId": PROJECT, "datasetId": "d" + new},
                                                    "location": "US", "description": "x", "labels": {"a": "b"},
                                                    "defaultTableExpirationMs": "3600000"}, [], {}),
            ("bigquery", "GET", ds, None, ["datasetView"], {}),
            ("bigquery", "PATCH", ds, {"description": "d", "labels": {"k": "v"}}, [], {}),
            ("bigquery", "PUT", ds, {"datasetReference": {"projectId": PROJECT, "datasetId": DATASET}, "description": "d"}, [], {}),
            ("bigquery", "DELETE", f"{bq}/datasets/d{new}", None, ["deleteContents"], {}),
            ("bigquery", "GET", f"{ds}/tables", None, ["maxResults", "pageToken"], {}),
            ("bigquery", "POST", f"{ds}/tables", {"tableReference": {"projectId": PROJECT, "datasetId": DATASET, "tableId": "t" + new},
                                                  "schema": {"fields": ALL_TYPES_SCHEMA},
                                                  "timePartitioning": {"type": "DAY", "field": "ts", "expirationMs": "1000"},
                                                  "clustering": {"fields": ["s"]}, "requirePartitionFilter": False,
                                                  "description": "x", "expirationTime": "4102444800000"}, [], {}),
            ("bigquery", "GET", tb, None, ["selectedFields", "view"], {}),
            ("bigquery", "PATCH", tb, {"description": "x", "schema": {"fields": ALL_TYPES_SCHEMA + [{"name": "extra" + new, "type": "STRING"}]}}, [], {}),
            ("bigquery", "PUT", tb, {"tableReference": {"projectId": PROJECT, "datasetId": DATASET, "tableId": TABLE},
                                     "schema": {"fields": ALL_TYPES_SCHEMA}}, [], {}),
            ("bigquery", "DELETE", f"{ds}/tables/t{new}", None, [], {}),
            ("bigquery", "POST", f"{tb}/insertAll", {"kind": "bigquery#tableDataInsertAllRequest", "skipInvalidRows": False,
                                                     "ignoreUnknownValues": False,
                                                     "rows": [{"insertId": new, "json": dict(ROW)}]}, [],
             {"skipInvalidRows": bool, "ignoreUnknownValues": bool, "rows": list}),
            ("bigquery", "GET", f"{tb}/data", None, ["maxResults", "startIndex", "pageToken", "selectedFields",
                                                     "formatOptions.useInt64Timestamp"], {}),
            ("bigquery", "POST", f"{bq}/queries", {"query": f"SELECT s, i, ts, tags, rec FROM {DATASET}.{TABLE} WHERE i > @n",
                                                   "useLegacySql": False, "maxResults": 3, "timeoutMs": 10000,
                                                   "parameterMode": "NAMED", "dryRun": False, "useQueryCache": True,
                                                   "defaultDataset": {"projectId": PROJECT, "datasetId": DATASET},
                                                   "queryParameters": [{"name": "n", "parameterType": {"type": "INT64"},
                                                                        "parameterValue": {"value": "3"}}]}, [],
             {"useLegacySql": bool, "maxResults": int, "dryRun": bool, "query": str, "queryParameters": list}),
            ("bigquery", "GET", f"{bq}/queries/{job}", None, ["maxResults", "startIndex", "pageToken", "timeoutMs", "location"], {}),
            ("bigquery", "POST", f"{bq}/jobs", {"jobReference": {"projectId": PROJECT, "jobId": "j" + new},
                                                "configuration": {"query": {"query": "SELECT 1 AS x", "useLegacySql": False,
                                                                            "destinationTable": {"projectId": PROJECT, "datasetId": DATASET, "tableId": "q" + new},
                                                                            "writeDisposition": "WRITE_TRUNCATE"},
                                                                  "labels": {"a": "b"}, "dryRun": False}}, [], {}),
            ("bigquery", "GET", f"{bq}/jobs", None, ["maxResults", "pageToken", "allUsers", "stateFilter", "projection"], {}),
            ("bigquery", "GET", f"{bq}/jobs/{job}", None, ["location"], {}),
            ("bigquery", "POST", f"{bq}/jobs/{job}/cancel", None, [], {}),
            ("pubsub", "GET", f"{ps}/topics", None, ["pageSize", "pageToken"], {}),
            ("pubsub", "PUT", f"{ps}/topics/t{new}", {"labels": {"a": "b"}, "messageRetentionDuration": "600s"}, [], {}),
            ("pubsub", "GET", f"{ps}/topics/{TOPIC}", None, [], {}),
            ("pubsub", "DELETE", f"{ps}/topics/t{new}", None, [], {}),
            ("pubsub", "POST", f"{ps}/topics/{TOPIC}:publish", {"messages": [{"data": "aGVsbG8=", "attributes": {"k": "v"},
                                                                             "orderingKey": "o"}]}, [], {"messages": list}),
            ("pubsub", "GET", f"{ps}/topics/{TOPIC}/subscriptions", None, ["pageSize", "pageToken"], {}),
            ("pubsub", "GET", f"{ps}/subscriptions", None, ["pageSize", "pageToken"], {}),
            ("pubsub", "PUT", f"{ps}/subscriptions/s{new}", {"topic": topic, "ackDeadlineSeconds": 20,
                                                            "retainAckedMessages": False, "enableMessageOrdering": False,
                                                            "filter": "attributes.k = \"v\"", "labels": {"a": "b"},
                                                            "deadLetterPolicy": {"deadLetterTopic": topic, "maxDeliveryAttempts": 5},
                                                            "retryPolicy": {"minimumBackoff": "1s", "maximumBackoff": "10s"},
                                                            "expirationPolicy": {"ttl": "86400s"}}, [], {}),
            ("pubsub", "GET", f"{ps}/subscriptions/{SUBSCRIPTION}", None, [], {}),
            ("pubsub", "PATCH", f"{ps}/subscriptions/{SUBSCRIPTION}", {"subscription": {"ackDeadlineSeconds": 15},
                                                                       "updateMask": "ackDeadlineSeconds"}, [], {}),
            ("pubsub", "DELETE", f"{ps}/subscriptions/s{new}", None, [], {}),
            ("pubsub", "POST", f"{ps}/subscriptions/{SUBSCRIPTION}:pull", {"maxMessages": 5, "returnImmediately": True}, [],
             {"maxMessages": int}),
            ("pubsub", "POST", f"{ps}/subscriptions/{SUBSCRIPTION}:acknowledge", {"ackIds": ["x", "y"]}, [], {"ackIds": list}),
            ("pubsub", "POST", f"{ps}/subscriptions/{SUBSCRIPTION}:modifyAckDeadline", {"ackIds": ["x"], "ackDeadlineSeconds": 0}, [],
             {"ackIds": list, "ackDeadlineSeconds": int}),
            ("auth", "POST", "/token", "form", [], {}),
            ("auth", "POST", f"/emulator/v1/projects/{PROJECT}/serviceAccounts", {"accountId": "a" + new, "role": "reader"}, [], {}),
            ("auth", "GET", f"/emulator/v1/projects/{PROJECT}/serviceAccounts", None, [], {}),
            ("emulator", "POST", "/emulator/v1/faults", {"path": "^/never/matches/" + new + "$", "status": 503, "times": 1,
                                                         "fraction": 1.0, "latencyMs": 0, "method": "GET"}, [], {}),
            ("emulator", "GET", "/emulator/v1/faults", None, [], {}),
            ("discovery", "GET", "/$discovery/rest", None, ["version"], {}),
            ("discovery", "GET", "/discovery/v1/apis/bigquery/v2/rest", None, [], {}),
            ("healthz", "GET", "/healthz", None, [], {}),
        ]

    # Values of every JSON type, and edge values of each.
    def any_value(self, depth=0):
        r = self.random
        choices = [
            lambda: None, lambda: True, lambda: False, lambda: 0, lambda: -1, lambda: 2 ** 63, lambda: -(2 ** 63) - 1,
            lambda: 2 ** 64, lambda: 1e308, lambda: -0.0, lambda: 0.5, lambda: "", lambda: "x",
            lambda: "a\u0000b", lambda: "\u0000", lambda: "NaN", lambda: "Infinity", lambda: "-1", lambda: "1e400",
            lambda: "9" * r.choice([19, 20, 40, 400]), lambda: "\U0001F600\u202e", lambda: "x" * r.choice([256, 1025, 70000]),
            lambda: "2024-13-45T99:99:99Z", lambda: "../../etc", lambda: "%2F%00", lambda: [], lambda: {},
            lambda: [self.any_value(depth + 1)] if depth < 3 else [], lambda: {"k": self.any_value(depth + 1)} if depth < 3 else {},
        ]
        return r.choice(choices)()

    def wrong_value(self, expected):
        """A value that is not of the expected JSON type (proto3 JSON: ints may be numeric strings)."""
        r = self.random
        if expected is bool:
            return r.choice(["x", "true", 1, {}, [], 0.5])
        if expected is int:
            return r.choice(["x", True, {}, [], "1.5e"])
        if expected is str:
            return r.choice([{}, [], True])
        if expected is list:
            return r.choice(["x", 1, True, {}])
        return {}

    def mutate_json(self, value):
        """Replaces one value somewhere inside with a value of any type."""
        r = self.random
        if isinstance(value, dict) and value and r.random() < 0.7:
            key = r.choice(list(value))
            copy = dict(value)
            copy[key] = self.mutate_json(value[key])
            if r.random() < 0.1:
                copy[r.choice(["", "\u0000", "unknownField", key.upper(), key + "\u0000"])] = self.any_value()
            return copy
        if isinstance(value, list) and value and r.random() < 0.7:
            copy = list(value)
            index = r.randrange(len(copy))
            copy[index] = self.mutate_json(copy[index])
            if r.random() < 0.2:
                copy = copy * r.choice([2, 50, 1000])
            return copy
        return self.any_value()

    @staticmethod
    def encode_json(value):
        return json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")

    def body_for(self, request, template, typed_fields):
        """Sets request.body from the template, broken in one of several ways."""
        r = self.random
        valid = self.encode_json(template)
        kind = r.choice(["valid", "valid", "mutated", "mutated", "mutated", "wrong_type", "truncated", "bytes",
                         "nested", "invalid_utf8", "nul", "huge_number", "empty", "not_object", "duplicate", "oversized"])
        if kind == "wrong_type" and not typed_fields:
            kind = "mutated"
        if kind == "oversized" and r.random() < 0.9:
            kind = "mutated"  # Oversized bodies are slow to send: a few suffice.
        request.kind = kind
        if kind == "valid":
            request.body = valid
        elif kind == "mutated":
            request.body = self.encode_json(self.mutate_json(template))
        elif kind == "wrong_type":
            field, expected = r.choice(sorted(typed_fields.items(), key=lambda item: item[0]))
            broken = dict(template)
            broken[field] = self.wrong_value(expected)
            request.body = self.encode_json(broken)
            request.must_refuse = f"{field} given {json.dumps(broken[field])} instead of {expected.__name__}"
            request.known_issue = "wrong-type-ignored"
        elif kind == "truncated":
            request.body = valid[:r.randrange(len(valid))]
        elif kind == "bytes":
            data = bytearray(valid)
            for _ in range(r.randint(1, 8)):
                data[r.randrange(len(data))] = r.randrange(256)
            request.body = bytes(data)
        elif kind == "nested":
            depth = r.choice([100, 511, 513, 10_000, 200_000])
            opening, closing = r.choice([(b"[", b"]"), (b'{"a":', b"}")])
            inner = opening * depth + b"1" + closing * depth
            request.body = valid[:-1] + b',"nested":' + inner + b"}" if valid.startswith(b"{") and valid != b"{}" else inner
        elif kind == "invalid_utf8":
            bad = r.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"])
            text = valid.decode("utf-8")
            quoted = [i for i, c in enumerate(text) if c == '"']
            if len(quoted) >= 2:
                at = len(text[:r.choice(quoted[1::2])].encode("utf-8"))  # just before a closing quote
                request.body = valid[:at] + bad + valid[at:]
                request.must_refuse = "a JSON string with invalid UTF-8"
                request.known_issue = "invalid-utf8-stored"
            else:
                request.body = valid + bad
        elif kind == "nul":
            request.body = valid.replace(b'":"', b'":"\\u0000', 1).replace(b'"x"', b'"x\x00"')
        elif kind == "huge_number":
            number = r.choice([b"1e400", b"-1e400", b"9" * 400, b"-" + b"9" * 30, b"1" + b"0" * 5000, b"0.0000000000000000000001"])
            request.body = valid.replace(b"1", number, 1) if b"1" in valid else valid
        elif kind == "empty":
            request.body = r.choice([b"", b" ", b"null", b"{}", b"[]", b'""'])
        elif kind == "not_object":
            request.body = self.encode_json(r.choice([[template], "x", 1, None, True]))
        elif kind == "duplicate":
            request.body = valid[:-1] + b"," + valid[1:] if valid.startswith(b"{") and len(valid) > 2 else valid
        elif kind == "oversized":
            request.body = b'{"pad":"' + b"x" * (11 * 1024 * 1024) + b'"}'

    def form_body(self, request):
        r = self.random
        grant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
        assertion = getattr(self, "assertion", None) or "e30.e30.AA"
        pieces = [f"grant_type={urllib.parse.quote(grant)}", "assertion=" + assertion]
        kind = r.choice(["valid", "jwt", "garbage", "percent", "empty"])
        request.kind = "form-" + kind
        if kind == "jwt":
            parts = assertion.split(".")
            index = r.randrange(len(parts))
            parts[index] = base64.urlsafe_b64encode(self.encode_json(self.mutate_json({"alg": "RS256", "iss": "x", "iat": 1, "exp": 2}))).decode().rstrip("=")
            pieces[1] = "assertion=" + ".".join(parts)
        elif kind == "garbage":
            pieces.append(r.choice(["=", "&&", "a=%", "%ZZ=1", "assertion=%00", "grant_type="]))
            r.shuffle(pieces)
        elif kind == "percent":
            pieces[1] = "assertion=" + urllib.parse.quote(assertion + r.choice(["", ".", "\u0000", "\xff"]))
        elif kind == "empty":
            pieces = []
        request.body = "&".join(pieces).encode("utf-8", "surrogateescape")
        request.headers["Content-Type"] = r.choice(["application/x-www-form-urlencoded", "application/json", "text/plain"])

    def query_string(self, names):
        r = self.random
        if not names or r.random() < 0.4:
            return ""
        values = ["0", "1", "-1", "x", "", "99999999999999999999", "1e3", "%00", "%FF", "true", "a%2Fb", "\u00e9"]
        pairs = []
        for name in r.sample(names, r.randint(1, len(names))):
            pairs.append(f"{name}={urllib.parse.quote(r.choice(values), safe='%')}")
        if r.random() < 0.1:
            pairs.append(pairs[0])  # a repeated parameter
        return "?" + "&".join(pairs)

    def abuse_path(self, path):
        r = self.random
        segments = path.split("/")
        kind = r.choice(["double_slash", "encoded_slash", "dot_dot", "long", "unicode", "trailing", "nul", "case", "percent"])
        if kind == "double_slash":
            at = r.randrange(1, len(segments) + 1)
            return "/".join(segments[:at]) + "/" + "/".join(segments[at:]), kind
        if kind == "encoded_slash" and len(segments) > 2:
            at = r.randrange(2, len(segments))
            return "/".join(segments[:at - 1]) + "/" + segments[at - 1] + "%2F" + "/".join(segments[at:]), kind
        if kind == "dot_dot":
            return path + r.choice(["/..", "/../..", "/./", "/%2e%2e/"]) + r.choice(["", "healthz", "etc/passwd"]), kind
        if kind == "long":
            at = r.randrange(1, len(segments))
            segments[at] = "x" * r.choice([300, 1025, 8000, 60000])
            return "/".join(segments), kind
        if kind == "unicode":
            at = r.randrange(1, len(segments))
            segments[at] = urllib.parse.quote(r.choice(["名前", "\U0001F600", "é", "\u202e", "Ω"]))
            return "/".join(segments), kind
        if kind == "trailing":
            return path + "/", kind
        if kind == "nul":
            return path + "%00", kind
        if kind == "case":
            return path.upper(), kind
        return path + r.choice(["%", "%G1", "%C0%AF", "%FF"]), kind

    def next_request(self):
        r = self.random
        family, method, path, template, query_names, typed = r.choice(self.templates())
        request = Request(family, method, path)
        request.kind = "valid"
        roll = r.random()
        if template == "form":
            self.form_body(request)
        elif template is not None:
            self.body_for(request, template, typed)
        elif method in ("POST", "PUT", "PATCH") or r.random() < 0.05:
            request.body = r.choice([b"", b"{}", b"x", b"\xff"])
        request.path = path + self.query_string(query_names)
        if path.endswith("/data") and "maxResults=0&" in request.path + "&":
            request.known_issue = "tabledata-maxresults-zero"
        if path.startswith("/bigquery/") and "pageToken=-" in request.path:
            request.known_issue = "negative-page-token"
        if roll < 0.12:
            request.path, request.kind = self.abuse_path(request.path)
            request.must_refuse = None  # the route may not be reached at all
        elif roll < 0.17:
            request.method = r.choice(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO", "G ET"])
            request.kind = "method"
            request.must_refuse = None
        elif roll < 0.24:
            self.bad_headers(request)
        return request

    def bad_headers(self, request):
        r = self.random
        kind = r.choice(["content_type", "huge_header", "many_headers", "chunked", "encoding", "bad_length", "host"])
        request.kind = "header-" + kind
        if kind == "content_type":
            request.headers["Content-Type"] = r.choice(["text/plain", "application/json; charset=latin-1", "", "x/\u00ff",
                                                        "multipart/form-data; boundary=x"])
        elif kind == "huge_header":
            request.headers["X-Big"] = "a" * r.choice([8_000, 70_000])
        elif kind == "many_headers":
            for i in range(r.choice([100, 2000])):
                request.headers[f"X-H{i}"] = "v"
        elif kind == "chunked":
            request.headers["Transfer-Encoding"] = "chunked"
            body = request.body
            request.body = (b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n") if body else b"0\r\n\r\n"
            request.headers["Content-Length"] = None
        elif kind == "encoding":
            request.headers["Content-Encoding"] = r.choice(["gzip", "br", "identity", "x"])
        elif kind == "bad_length":
            request.headers["Content-Length"] = r.choice(["-1", "abc", "1e3", "99999999999999999999", str(len(request.body)) + ", 5"])
        elif kind == "host":
            request.headers["Host"] = r.choice(["", "a" * 5000, "evil.example:1", "[::1"])

    def maybe_unauthenticated(self, request):
        if self.args.require_auth and request.family in ("bigquery", "pubsub") and self.random.random() < 0.5:
            self.unauthenticated(request)

    def unauthenticated(self, request):
        """Under --require-auth: no token, or one that is not valid."""
        r = self.random
        request.authenticated = False
        choice = r.choice([None, "Bearer", "Bearer ", "Bearer x", "Basic dXNlcjpwYXNz", "Bearer " + "a" * 9000,
                           "Bearer e30.e30.AA", "Bearer ya29.emulator.forged", "bearer  " + (self.token or "")[:-2]])
        if choice is not None:
            request.headers["Authorization"] = choice

    def incomplete_request(self):
        """A request the server can never complete: it must close it, not hold it forever."""
        r = self.random
        kind = r.choice(["short_body", "expect_continue", "unfinished_headers"])
        path = f"/bigquery/v2/projects/{PROJECT}/queries"
        if kind == "short_body":
            data = (f"POST {path} HTTP/1.1\r\nHost: {self.authority}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: 5000000\r\n\r\n").encode() + b'{"query":"SELECT 1"'
        elif kind == "expect_continue":
            data = (f"POST {path} HTTP/1.1\r\nHost: {self.authority}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: 100\r\nExpect: 100-continue\r\n\r\n").encode()
        else:
            data = f"GET /healthz HTTP/1.1\r\nHost: {self.authority}\r\nX-Partial: ".encode()
        self.per_family["incomplete"] += 1
        self.sent += 1
        idle = self.args.idle_timeout
        sock = socket.create_connection((self.host, self.port), timeout=5)
        try:
            sock.sendall(data)
            wait = idle + 5 if idle else 0.2
            deadline = time.monotonic() + wait
            try:
                answer = read_answer(sock, deadline)
                self.statuses[answer.status] += 1
                if answer.status >= 500:
                    self.fail(f"incomplete request ({kind}) answered {answer.status}", None)
            except Closed:
                self.statuses["closed"] += 1
            except NoAnswer:
                if idle:
                    self.fail(f"incomplete request ({kind}) still open after {wait:.0f}s: the server has no idle/read timeout", None)
                self.statuses["open (not judged)" if not idle else "open"] += 1
        finally:
            sock.close()

    # ---- judging

    def fail(self, message, request):
        detail = message + (f"\n    request: {request.describe()}" if request else "")
        self.failures.append(detail)
        print("FAIL: " + detail, flush=True)

    def judge(self, request, answer):
        status = answer.status
        if status >= 500:
            self.fail(f"{status} answer: {answer.body[:300]!r}", request)
            return
        if not request.authenticated and 200 <= status < 300 and request.family in ("bigquery", "pubsub"):
            self.fail(f"{status} without a valid token (auth bypass)", request)
            return
        if (not request.authenticated and self.canonical_protected(request) and status != 401
                and request.kind in ("valid",)):
            self.fail(f"{status} instead of 401 without a valid token", request)
            return
        if request.must_refuse and 200 <= status < 300 and request.method in ("POST", "PUT", "PATCH"):
            self.fail(f"{status} for input that must be refused ({request.must_refuse}): {answer.body[:200]!r}", request)
        if request.family == "emulator" and request.method == "POST" and 200 <= status < 300:
            self.send(Request("emulator", "DELETE", "/emulator/v1/faults"))  # no fault outlives its request

    @staticmethod
    def canonical_protected(request):
        path = request.path if isinstance(request.path, str) else ""
        return path.startswith("/bigquery/v2/") or path.startswith("/v1/projects/")

    def rss_mb(self):
        return resident_mib(self.emulator.pid)

    def run(self):
        self.seed()
        rss_start = self.rss_mb()
        self.peak_rss = rss_start or 0
        deadline = time.monotonic() + self.args.seconds
        while time.monotonic() < deadline and len(self.failures) < 20:
            if self.random.random() < 0.005 and self.per_family["incomplete"] < (6 if self.args.idle_timeout else 20):
                self.incomplete_request()
                continue
            request = self.next_request()
            self.maybe_unauthenticated(request)
            if request.known_issue in self.known and (request.known_issue != "auth-empty-segment"):
                self.skipped_known[request.known_issue] += 1
                continue
            if ("auth-empty-segment" in self.known and not request.authenticated
                    and isinstance(request.path, str) and "//" in request.path.split("?")[0]):
                self.skipped_known["auth-empty-segment"] += 1
                continue
            self.per_family[request.family] += 1
            self.sent += 1
            try:
                answer = self.send(request)
            except NoAnswer:
                try:
                    self.emulator.process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    self.fail(f"no answer within {self.args.request_timeout}s (hang)", request)
                    continue
                self.crashed(request)
                break
            except (Closed, ConnectionResetError, ConnectionRefusedError, OSError) as error:
                if self.emulator.process.poll() is not None:
                    self.crashed(request)
                    break
                self.statuses["closed"] += 1
                if request.kind not in ("oversized", "header-bad_length", "header-huge_header", "header-many_headers",
                                        "header-host", "header-chunked", "method") and not request.kind.startswith("long"):
                    if not isinstance(request.path, str) or len(request.path) < 8000:
                        self.fail(f"connection closed without an answer ({type(error).__name__})", request)
                continue
            self.statuses[answer.status] += 1
            self.judge(request, answer)
            if self.emulator.process.poll() is not None:
                self.crashed(request)
                break
            if self.sent % 200 == 0:
                self.peak_rss = max(self.peak_rss, self.rss_mb() or 0)
        if self.emulator.process.poll() is None:
            rss_end = self.rss_mb() or 0
            self.peak_rss = max(self.peak_rss, rss_end)
            growth = rss_end - (rss_start or 0)
            if growth > self.args.rss_growth_mb:
                self.fail(f"RSS grew by {growth:.0f} MB (from {rss_start:.0f} to {rss_end:.0f}), more than {self.args.rss_growth_mb} MB", None)
            self.rss = (rss_start, rss_end)
        else:
            self.rss = (rss_start, None)

    def crashed(self, request):
        code = self.emulator.process.poll()
        self.emulator._log.seek(0)
        log = self.emulator._log.read()[-1500:]
        recent = "\n".join("      " + r.describe() for r in self.recent)
        self.fail(f"the emulator exited with status {code}\n    last requests:\n{recent}\n    its stderr ends:\n{log}", request)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("HTTP_FUZZ_SECONDS", "60")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("HTTP_FUZZ_SEED", "9")))
    parser.add_argument("--require-auth", action="store_true")
    parser.add_argument("--request-timeout", type=float, default=float(os.environ.get("HTTP_FUZZ_REQUEST_TIMEOUT", "15")),
                        help="seconds without an answer that count as a hang (a service-account key is an RSA "
                             "key generation, slow in a debug build on a busy machine)")
    parser.add_argument("--rss-growth-mb", type=float, default=float(os.environ.get("HTTP_FUZZ_RSS_GROWTH_MB", "300")))
    parser.add_argument("--idle-timeout", type=float, default=float(os.environ.get("HTTP_FUZZ_IDLE_TIMEOUT", "0")),
                        help="when set, incomplete requests must be closed by the server within this many seconds")
    parser.add_argument("--known-issues", default=os.environ.get("HTTP_FUZZ_KNOWN_ISSUES", ""),
                        help="comma-separated ids of known defects not to send: " + ", ".join(KNOWN_ISSUES))
    parser.add_argument("--json", metavar="PATH", help="also write the run's summary here (scripts/reliability/bad_input.py reads it)")
    parser.add_argument("--target", choices=["emulator", "api"], default="emulator",
                        help="emulator: `warehouse emulator`'s routes; api: the API's routes on `warehouse serve` "
                             "(with --require-auth: a `warehouse api` with API keys beside it), see http_fuzz_api.py")
    args = parser.parse_args()
    args.known_issues = [name for name in args.known_issues.split(",") if name]
    for name in args.known_issues:
        if name not in KNOWN_ISSUES:
            parser.error(f"unknown issue id {name!r}; known: {', '.join(KNOWN_ISSUES)}")

    # Under --require-auth the emulator's admin calls (service-account keys, faults) need its admin token.
    args.admin_token = secrets.token_hex(16) if args.require_auth else None
    extra = ["--require-auth", "--admin-token", args.admin_token] if args.require_auth else []
    # A crash should end the process at once, not after the runtime's backtrace of a debug build.
    os.environ["SWIFT_BACKTRACE"] = "enable=no"
    started = time.monotonic()
    if args.target == "api":
        from http_fuzz_api import APIFuzzer, ServedAPI
        with ServedAPI(args.binary, tempfile.mkdtemp(prefix="http-fuzz-api-"), args.require_auth) as served:
            fuzzer = APIFuzzer(args, served)
            fuzzer.run()
    else:
        with EmulatorProcess(args.binary, extra_args=extra) as emulator:
            fuzzer = Fuzzer(args, emulator)
            fuzzer.run()
    elapsed = time.monotonic() - started
    mode = ("with API keys" if args.target == "api" else "with --require-auth") if args.require_auth else "without auth"
    print(f"http-fuzz {args.target} ({mode}, seed {args.seed}): {fuzzer.sent} requests in {elapsed:.0f}s")
    print("  per route family: " + ", ".join(f"{k} {v}" for k, v in sorted(fuzzer.per_family.items())))
    print("  statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(fuzzer.statuses.items(), key=lambda kv: str(kv[0]))))
    start, end = fuzzer.rss
    print(f"  RSS: {start or 0:.0f} MB after seeding, {end or 0:.0f} MB at the end, peak {fuzzer.peak_rss:.0f} MB")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"target": args.target, "mode": mode, "seed": args.seed, "requests": fuzzer.sent,
                       "seconds": round(elapsed, 1), "per_family": dict(fuzzer.per_family),
                       "statuses": {str(k): v for k, v in fuzzer.statuses.items()},
                       "rss_mb": {"after_seeding": round(start or 0), "end": round(end or 0), "peak": round(fuzzer.peak_rss)},
                       "rss_growth_limit_mb": args.rss_growth_mb, "failures": fuzzer.failures[:20]}, out, indent=1)
    if fuzzer.skipped_known:
        print("  not sent (known issues): " + ", ".join(f"{k} {v}" for k, v in sorted(fuzzer.skipped_known.items())))
    if fuzzer.failures:
        print(f"http-fuzz: FAILED with {len(fuzzer.failures)} failure(s)")
        return 1
    print("http-fuzz: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
