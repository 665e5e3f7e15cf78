#!/usr/bin/env python3
"""Runs one Pub/Sub REST v1 scenario against our emulator and Google's, and checks both behave alike.

The scenario: create topic and subscription, 409 on re-create, 404 on missing, publish (with bad input
refused), pull, ack, nack and redelivery, redelivery after the ack deadline, dead-lettering after
maxDeliveryAttempts with deliveryAttempt counted, delete.

Usage:
  scripts/pubsub_parity.py --ours http://127.0.0.1:PORT [--google auto|URL|none]
  scripts/pubsub_parity.py --ours-command 'warehouse emulator --port {port} --db {db}' --google auto

--google auto starts `gcloud beta emulators pubsub start` on a free port (and says so clearly, then
runs ours alone, when gcloud or its emulator is missing). Exit status 0 only if every target passes.
Only the standard library is used.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

PROJECT = "parity-project"


class Target:
    """One emulator under test, spoken to over plain HTTP."""

    def __init__(self, label, base_url):
        self.label = label
        self.base = base_url.rstrip("/")

    def call(self, method, path, body=None, timeout=30):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + "/v1/" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, parse(response.read())
        except urllib.error.HTTPError as error:
            return error.code, parse(error.read())
        except (urllib.error.URLError, OSError) as error:
            # Unreachable: status 0 fails every check that follows, with the reason in the detail.
            return 0, {"_transport_error": str(error)}


def parse(raw):
    try:
        return json.loads(raw.decode() or "{}")
    except ValueError:
        return {"_raw": raw.decode(errors="replace")}


def b64(text):
    return base64.b64encode(text.encode()).decode()


def unb64(text):
    return base64.b64decode(text).decode()


class Scenario:
    """The checks, in order; each records (name, passed, detail)."""

    def __init__(self, target, deadline_wait):
        self.t = target
        self.results = []
        self.deadline_wait = deadline_wait
        suffix = uuid.uuid4().hex[:8]
        self.topic = f"parity-topic-{suffix}"
        self.sub = f"parity-sub-{suffix}"
        self.dead_topic = f"parity-dead-{suffix}"
        self.dead_sub = f"parity-dead-sub-{suffix}"
        self.dl_sub = f"parity-dl-sub-{suffix}"

    def check(self, name, condition, detail=""):
        self.results.append((name, bool(condition), detail))
        return bool(condition)

    def topic_path(self, topic):
        return f"projects/{PROJECT}/topics/{topic}"

    def sub_path(self, sub):
        return f"projects/{PROJECT}/subscriptions/{sub}"

    def error_status(self, reply):
        return reply.get("error", {}).get("status")

    def pull(self, sub, max_messages=10, immediately=True):
        status, reply = self.t.call("POST", self.sub_path(sub) + ":pull",
                                    {"maxMessages": max_messages, "returnImmediately": immediately})
        return status, reply.get("receivedMessages", [])

    def pull_until(self, sub, count, seconds):
        """Pulls until `count` messages have come or `seconds` pass (returnImmediately may return early)."""
        received = []
        end = time.time() + seconds
        while time.time() < end and len(received) < count:
            _, batch = self.pull(sub, max_messages=count - len(received), immediately=False)
            received += batch
            if not batch:
                time.sleep(0.2)
        return received

    def run(self):
        t = self.t
        status, reply = t.call("PUT", self.topic_path(self.topic), {})
        self.check("create topic: 200 with its name", status == 200 and reply.get("name") == self.topic_path(self.topic), reply)
        status, reply = t.call("PUT", self.topic_path(self.topic), {})
        self.check("re-create topic: 409 ALREADY_EXISTS", status == 409 and self.error_status(reply) == "ALREADY_EXISTS", reply)
        status, reply = t.call("GET", self.topic_path("parity-missing-topic"))
        self.check("get missing topic: 404 NOT_FOUND", status == 404 and self.error_status(reply) == "NOT_FOUND", reply)
        status, reply = t.call("PUT", self.topic_path("ab"), {})
        self.check("invalid topic id: 400 INVALID_ARGUMENT", status == 400 and self.error_status(reply) == "INVALID_ARGUMENT", reply)

        status, reply = t.call("PUT", self.sub_path(self.sub), {"topic": self.topic_path(self.topic), "ackDeadlineSeconds": 10})
        self.check("create subscription: 200 with defaults",
                   status == 200 and reply.get("ackDeadlineSeconds") == 10 and reply.get("topic") == self.topic_path(self.topic)
                   and reply.get("messageRetentionDuration") == "604800s", reply)
        status, reply = t.call("PUT", self.sub_path(self.sub), {"topic": self.topic_path(self.topic)})
        self.check("re-create subscription: 409", status == 409 and self.error_status(reply) == "ALREADY_EXISTS", reply)
        status, reply = t.call("PUT", self.sub_path(self.sub + "-x"), {"topic": self.topic_path("parity-missing-topic")})
        self.check("subscription on missing topic: 404", status == 404 and self.error_status(reply) == "NOT_FOUND", reply)
        status, reply = t.call("PUT", self.sub_path(self.sub + "-y"), {"topic": self.topic_path(self.topic), "ackDeadlineSeconds": 601})
        self.check("ackDeadlineSeconds 601: 400", status == 400, reply)
        status, reply = t.call("GET", self.sub_path("parity-missing-sub"))
        self.check("get missing subscription: 404", status == 404 and self.error_status(reply) == "NOT_FOUND", reply)

        messages = [{"data": b64("alpha"), "attributes": {"kind": "a"}}, {"data": b64("beta")},
                    {"data": b64("gamma"), "orderingKey": "key-1"}]
        status, reply = t.call("POST", self.topic_path(self.topic) + ":publish", {"messages": messages})
        ids = reply.get("messageIds", [])
        self.check("publish: 3 distinct string messageIds",
                   status == 200 and len(ids) == 3 and len(set(ids)) == 3 and all(isinstance(i, str) for i in ids), reply)
        status, reply = t.call("POST", self.topic_path(self.topic) + ":publish", {"messages": [{"data": "!!!"}]})
        self.check("publish bad base64: 400", status == 400 and self.error_status(reply) == "INVALID_ARGUMENT", reply)
        status, reply = t.call("POST", self.topic_path(self.topic) + ":publish", {"messages": []})
        self.check("publish no messages: 400", status == 400 and self.error_status(reply) == "INVALID_ARGUMENT", reply)
        status, reply = t.call("POST", self.topic_path(self.topic) + ":publish", {"messages": [{}]})
        self.check("publish empty message: 400", status == 400 and self.error_status(reply) == "INVALID_ARGUMENT", reply)
        status, reply = t.call("POST", self.topic_path("parity-missing-topic") + ":publish", {"messages": [{"data": b64("x")}]})
        self.check("publish to missing topic: 404", status == 404 and self.error_status(reply) == "NOT_FOUND", reply)
        status, reply = t.call("POST", self.sub_path(self.sub) + ":pull", {"returnImmediately": True})
        self.check("pull without maxMessages: 400", status == 400, reply)
        status, reply = t.call("POST", self.sub_path("parity-missing-sub") + ":pull", {"maxMessages": 1})
        self.check("pull missing subscription: 404", status == 404, reply)

        received = self.pull_until(self.sub, 3, 10)
        by_data = {unb64(m["message"]["data"]): m for m in received}
        self.check("pull: the 3 messages with their ids", sorted(by_data) == ["alpha", "beta", "gamma"]
                   and sorted(m["message"]["messageId"] for m in received) == sorted(ids), received)
        alpha = by_data.get("alpha", {})
        self.check("pull: attributes, publishTime (Z), orderingKey",
                   alpha.get("message", {}).get("attributes") == {"kind": "a"}
                   and alpha.get("message", {}).get("publishTime", "").endswith("Z")
                   and by_data.get("gamma", {}).get("message", {}).get("orderingKey") == "key-1"
                   and "deliveryAttempt" not in alpha, received)
        if len(by_data) != 3:
            return self.results
        status, reply = t.call("POST", self.sub_path(self.sub) + ":acknowledge", {"ackIds": [by_data["alpha"]["ackId"]]})
        self.check("acknowledge: 200 {}", status == 200 and reply == {}, reply)
        status, reply = t.call("POST", self.sub_path(self.sub) + ":acknowledge", {"ackIds": []})
        self.check("acknowledge nothing: 400", status == 400, reply)
        status, reply = t.call("POST", self.sub_path(self.sub) + ":modifyAckDeadline",
                               {"ackIds": [by_data["beta"]["ackId"]], "ackDeadlineSeconds": 0})
        self.check("nack (modifyAckDeadline 0): 200 {}", status == 200 and reply == {}, reply)
        again = self.pull_until(self.sub, 1, 5)
        self.check("nacked message is redelivered at once", [unb64(m["message"]["data"]) for m in again] == ["beta"], again)
        t.call("POST", self.sub_path(self.sub) + ":acknowledge", {"ackIds": [m["ackId"] for m in again]})

        # gamma is neither acked nor nacked: it must come back once its 10 s deadline passes.
        status, early = self.pull(self.sub)
        self.check("leased message is not redelivered before its deadline", status == 200 and early == [], early)
        time.sleep(self.deadline_wait)
        late = self.pull_until(self.sub, 1, 5)
        self.check("unacked message is redelivered after the ack deadline",
                   [unb64(m["message"]["data"]) for m in late] == ["gamma"], late)
        t.call("POST", self.sub_path(self.sub) + ":acknowledge", {"ackIds": [m["ackId"] for m in late]})
        status, empty = self.pull(self.sub)
        self.check("everything acked: pull returns {}", status == 200 and empty == [], empty)

        self.dead_letter()

        status, reply = t.call("DELETE", self.sub_path(self.sub))
        self.check("delete subscription: 200", status == 200, reply)
        status, reply = t.call("GET", self.sub_path(self.sub))
        self.check("deleted subscription: 404", status == 404, reply)
        for sub in (self.dl_sub, self.dead_sub):
            t.call("DELETE", self.sub_path(sub))
        status, reply = t.call("DELETE", self.topic_path(self.topic))
        self.check("delete topic: 200", status == 200, reply)
        t.call("DELETE", self.topic_path(self.dead_topic))
        status, reply = t.call("DELETE", self.topic_path(self.topic))
        self.check("delete deleted topic: 404", status == 404, reply)
        return self.results

    def dead_letter(self):
        t = self.t
        t.call("PUT", self.topic_path(self.dead_topic), {})
        t.call("PUT", self.sub_path(self.dead_sub), {"topic": self.topic_path(self.dead_topic)})
        status, reply = t.call("PUT", self.sub_path(self.dl_sub), {
            "topic": self.topic_path(self.topic), "ackDeadlineSeconds": 10,
            "deadLetterPolicy": {"deadLetterTopic": self.topic_path(self.dead_topic), "maxDeliveryAttempts": 5}})
        self.check("create subscription with dead-letter policy",
                   status == 200 and reply.get("deadLetterPolicy", {}).get("maxDeliveryAttempts") == 5, reply)
        t.call("POST", self.topic_path(self.topic) + ":publish", {"messages": [{"data": b64("poison")}]})
        attempts = []
        for _ in range(5):
            batch = self.pull_until(self.dl_sub, 1, 5)
            if not batch:
                break
            attempts.append(batch[0].get("deliveryAttempt"))
            t.call("POST", self.sub_path(self.dl_sub) + ":modifyAckDeadline",
                   {"ackIds": [batch[0]["ackId"]], "ackDeadlineSeconds": 0})
        self.check("deliveryAttempt counts 1..5 across nacks", attempts == [1, 2, 3, 4, 5], attempts)
        # Google forwards in the background; pulling the source again also lets ours forward.
        dead = []
        end = time.time() + 15
        while time.time() < end and not dead:
            _, leftover = self.pull(self.dl_sub)
            if leftover:
                attempts.append(leftover[0].get("deliveryAttempt"))
                break
            _, dead = self.pull(self.dead_sub)
            if not dead:
                time.sleep(0.5)
        self.check("after 5 attempts the message is on the dead-letter topic",
                   [unb64(m["message"]["data"]) for m in dead] == ["poison"], {"dead": dead, "attempts": attempts})


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def start_process(command, port, label, startup_seconds):
    """Starts a server in its own process group; returns (process, url) or (None, reason)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if not wait_for_port(port, process, startup_seconds):
        stop_process(process)
        return None, f"{label} did not start listening on port {port} within {startup_seconds} s"
    return process, f"http://127.0.0.1:{port}"


def stop_process(process):
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def google_emulator_command(port):
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        return None, "gcloud is not installed"
    return [gcloud, "beta", "emulators", "pubsub", "start", f"--host-port=127.0.0.1:{port}", "--quiet"], None


def start_google_emulator(startup_seconds=90):
    """Starts Google's emulator on a free port: (process, url, port), or (None, why not, None)."""
    port = free_port()
    command, missing = google_emulator_command(port)
    if command is None:
        return None, missing, None
    process, url = start_process(command, port, "Google's Pub/Sub emulator", startup_seconds)
    return process, url, port if process is not None else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ours", help="base URL of our emulator, e.g. http://127.0.0.1:9050")
    parser.add_argument("--ours-command", help="command that starts ours; {port} and {db} are filled in")
    parser.add_argument("--google", default="auto", help="'auto' (start gcloud's), a base URL, or 'none'")
    parser.add_argument("--deadline-wait", type=float, default=11.5, help="seconds to wait for a 10 s ack deadline")
    args = parser.parse_args()

    processes = []
    targets = []
    scratch = tempfile.mkdtemp(prefix="pubsub-parity-")
    try:
        if args.ours:
            targets.append(Target("ours", args.ours))
        elif args.ours_command:
            port = free_port()
            db = os.path.join(scratch, "emulator.sqlite")
            command = args.ours_command.format(port=port, db=db)
            process, url = start_process(["/bin/sh", "-c", "exec " + command], port, "our emulator", 600)
            if process is None:
                print(f"FAIL: {url}")
                return 1
            processes.append(process)
            targets.append(Target("ours", url))
        else:
            parser.error("give --ours URL or --ours-command")

        if args.google == "auto":
            process, url, _ = start_google_emulator()
            if process is None:
                print(f"NOTE: Google's Pub/Sub emulator is not available ({url}); running our emulator alone.")
            else:
                processes.append(process)
                targets.append(Target("google", url))
        elif args.google != "none":
            targets.append(Target("google", args.google))

        outcome = {}
        for target in targets:
            started = time.time()
            outcome[target.label] = Scenario(target, args.deadline_wait).run()
            print(f"{target.label}: scenario ran in {time.time() - started:.1f} s against {target.base}")
    finally:
        for process in processes:
            stop_process(process)
        shutil.rmtree(scratch, ignore_errors=True)

    labels = [target.label for target in targets]
    names = []
    for results in outcome.values():
        for name, _, _ in results:
            if name not in names:
                names.append(name)
    width = max(len(name) for name in names)
    print(f"{'check'.ljust(width)}  " + "  ".join(label.ljust(6) for label in labels))
    failures = 0
    for name in names:
        cells = []
        for label in labels:
            found = [r for r in outcome[label] if r[0] == name]
            if not found:
                cells.append("-".ljust(6))
                failures += 1
                continue
            cells.append(("ok" if found[0][1] else "FAIL").ljust(6))
            if not found[0][1]:
                failures += 1
                print(f"  [{label}] {name}: {json.dumps(found[0][2])[:400]}", file=sys.stderr)
        print(f"{name.ljust(width)}  " + "  ".join(cells))
    passed = sum(1 for results in outcome.values() for r in results if r[1])
    print(f"{passed} passed, {failures} failed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
