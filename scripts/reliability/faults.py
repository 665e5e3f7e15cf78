#!/usr/bin/env python3
"""The fault suite of issue #14: the system under faults, each scenario ending with the rows in the
table counted against the events accepted (lost and duplicated by event_id), then `N passed, N failed`.

  sink-sigkill          the Sink SIGKILLed (and restarted) N times during the stream
  injected-faults       20% of insertAll, 5% of pull and 5% of acknowledge calls fail (emulator fault injection)
  emulator-restart      the emulator SIGKILLed mid-stream and restarted on its file and port
  bigquery-unreachable  BigQuery's host down (connections refused) while events keep coming: /getData
                        503 + Retry-After, /ingestData 202, the backlog drains without a restart
  bigquery-blackhole    the same with BigQuery silent (connections accepted, never answered), longer than
                        the API's 20-s query timeout
  pubsub-unreachable    Pub/Sub unreachable, on and off (refused, silent): /ingestData 503 + Retry-After,
                        no request half-accepted
  disk-full             the emulator's SQLite file on a small tmpfs that fills up: a clear error, nothing
                        acknowledged lost, recovery once space returns (needs root, or sudo without a password)

Each scenario runs in a child process of its own session with a hard time limit; past it the child and
every process it started are killed and the scenario fails. Results go to docs/reliability.md (the
section between the fault-suite markers), by mode.

Usage: faults.py [--quick] [--only NAME,NAME] [--binary .build/debug/warehouse] [--no-record]
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness as h  # noqa: E402
import report  # noqa: E402
from proxy import BLACKHOLE, PASS, REFUSE  # noqa: E402

SUITE = "fault-suite"

# The numbers (full) and a scaled-down run for CI (quick).
PARAMETERS = {
    "full": {
        "sink-sigkill": {"events": 100_000, "kills": 10, "rate": 2000, "limit": 420},
        "injected-faults": {"events": 100_000, "rate": 2000, "limit": 420},
        "emulator-restart": {"events": 40_000, "rate": 1500, "down": 5, "limit": 300},
        "bigquery-unreachable": {"outage": 30, "rate": 500, "limit": 300},
        "bigquery-blackhole": {"outage": 30, "rate": 500, "limit": 300},
        "pubsub-unreachable": {"outages": 6, "outage": 5, "up": 3, "rate": 3000, "batch": 70, "limit": 300},
        "disk-full": {"fill_for": 20, "rate": 1000, "size_mib": 256, "limit": 300},
    },
    "quick": {
        "sink-sigkill": {"events": 16_000, "kills": 3, "rate": 2000, "limit": 150},
        "injected-faults": {"events": 16_000, "rate": 2000, "limit": 150},
        "emulator-restart": {"events": 8_000, "rate": 1500, "down": 2, "limit": 150},
        "bigquery-unreachable": {"outage": 8, "rate": 500, "limit": 150},
        "bigquery-blackhole": {"outage": 23, "rate": 500, "limit": 150},
        "pubsub-unreachable": {"outages": 3, "outage": 2, "up": 2, "rate": 3000, "batch": 70, "limit": 150},
        "disk-full": {"fill_for": 4, "rate": 1000, "size_mib": 48, "limit": 150},
    },
}


class Outcome:
    """What one scenario found: its count, what else it checked, and the problems (none: passed)."""

    def __init__(self):
        self.problems = []
        self.notes = []
        self.count = None

    def check(self, condition, problem):
        if not condition:
            self.problems.append(problem)
        return condition

    def note(self, text):
        self.notes.append(text)
        print(f"    {text}", flush=True)


def finish(system, outcome, producer, settle_until=None, deadline=None, drain_seconds=120):
    """The end every scenario shares: wait (bounded) until every accepted event is stored, let the
    messages a killed process held come back (their ack deadline), stop the Sink gracefully, and count
    what is there after it stopped: the table, what is left in the subscription, and what was
    dead-lettered."""
    base = system.emulator.url
    accepted_ids = [e["event_id"] for i in producer.accepted for e in producer.batches[i]]
    maybe_ids = [e["event_id"] for i in producer.cut for e in producer.batches[i]]
    refused_ids = [e["event_id"] for i in producer.refused for e in producer.batches[i]]
    drain = deadline.sooner(drain_seconds, "draining")
    began = time.monotonic()
    h.wait_for_rows(base, accepted_ids, drain)
    outcome.drained_in = time.monotonic() - began
    if settle_until:
        pause = settle_until - time.monotonic()
        if pause > 0:
            time.sleep(min(pause, deadline.remaining()))
    code = system.sink.stop()
    outcome.check(code == 0, f"the Sink exited {code} on SIGTERM")
    # Counted only once the Sink has stopped: its graceful stop writes what it still held, which may
    # finish a request that was only partly stored when every accepted event was first seen (a refused
    # request published before its answer was lost, split across two insertAll batches: seen in CI as
    # "10 of 70 stored"), or store something twice. Only the table after the stop is the end state.
    stored = h.stored_event_ids(base)
    left_over = h.pull_all(base, h.SUBSCRIPTION)
    dead = h.pull_all(base, h.DEAD_LETTER_WATCH)
    outcome.count = h.Count(accepted_ids, stored, maybe_ids=maybe_ids, refused_ids=refused_ids, left_over=left_over, dead_letters=dead)
    outcome.problems += outcome.count.problems()
    outcome.check(not producer.errors, f"the API answered {len(producer.errors)} requests with an unexpected status, "
                                       f"e.g. {producer.errors[:2]}")
    outcome.check(producer.retry_after_missing == 0, f"{producer.retry_after_missing} 503/429 answers without Retry-After")
    return outcome


# --- the scenarios --------------------------------------------------------------------------------


def sink_sigkill(binary, folder, p, deadline):
    """The Sink is SIGKILLed `kills` times while the stream flows, each time when the table has grown by
    another share of the stream, and restarted at once (as Cloud Run restarts a crashed instance)."""
    outcome = Outcome()
    system = h.System(binary, folder)
    try:
        events = h.make_events(p["events"], "kill")
        producer = h.Producer(system.api.url, events, rate=p["rate"]).start(deadline)
        kills, last_kill = [], None
        for k in range(1, p["kills"] + 1):
            goal = k * p["events"] // (p["kills"] + 1)
            while h.table_rows(system.emulator.url) < goal:
                deadline.check(f"waiting for {goal} rows before kill {k}")
                time.sleep(0.05)
            system.sink.kill()
            last_kill = time.monotonic()
            kills.append(h.table_rows(system.emulator.url))
            system.sink.start()
        producer.join(deadline)
        outcome.note(f"SIGKILL {len(kills)} times, at {', '.join(str(rows) for rows in kills)} rows; "
                     f"{system.sink.starts} Sink processes in all")
        finish(system, outcome, producer, settle_until=last_kill + h.ACK_DEADLINE_SECONDS + 3, deadline=deadline)
        outcome.check(len(outcome.count.accepted) == p["events"], f"only {len(outcome.count.accepted)} of {p['events']} events accepted")
    finally:
        system.close()
    return outcome


def injected_faults(binary, folder, p, deadline):
    """The emulator fails 20% of insertAll calls (503 backendError) and 5% of pull and of acknowledge
    calls (503 UNAVAILABLE), spread evenly, for the whole stream."""
    outcome = Outcome()
    system = h.System(binary, folder)
    try:
        faults = f"{system.emulator.url}/emulator/v1/faults"
        for rule in ({"method": "POST", "path": "/insertAll$", "fraction": 0.2, "status": 503, "reason": "backendError"},
                     {"method": "POST", "path": f"/subscriptions/{h.SUBSCRIPTION}:pull$", "fraction": 0.05, "status": 503},
                     {"method": "POST", "path": f"/subscriptions/{h.SUBSCRIPTION}:acknowledge$", "fraction": 0.05, "status": 503}):
            h.ok("POST", faults, rule)
        events = h.make_events(p["events"], "fault")
        producer = h.Producer(system.api.url, events, rate=p["rate"]).start(deadline)
        producer.join(deadline)
        base = system.emulator.url
        accepted_ids = [e["event_id"] for i in producer.accepted for e in producer.batches[i]]
        h.wait_for_rows(base, accepted_ids, deadline.sooner(180, "draining under faults"))
        rules = h.ok("GET", faults)["faults"]
        h.ok("DELETE", faults)
        injected = {rule["path"]: f"{rule['injected']} of {rule['matched']}" for rule in rules}
        outcome.note("failed by injection: " + "; ".join(f"{path} {text}" for path, text in injected.items()))
        for rule in rules:
            outcome.check(rule["injected"] > 0, f"no call to {rule['path']} was failed: the faults were not exercised")
        # Acknowledgements that failed come back as redeliveries once their lease ends.
        finish(system, outcome, producer, settle_until=time.monotonic() + h.ACK_DEADLINE_SECONDS + 3, deadline=deadline)
        outcome.check(len(outcome.count.accepted) == p["events"], f"only {len(outcome.count.accepted)} of {p['events']} events accepted")
    finally:
        system.close()
    return outcome


def emulator_restart(binary, folder, p, deadline):
    """The emulator (Pub/Sub and BigQuery both) is SIGKILLed once the stream is under way, stays down
    `down` seconds, and is started again on the same file and port; the API and the Sink keep running
    and the producer retries what was refused."""
    outcome = Outcome()
    system = h.System(binary, folder)
    try:
        events = h.make_events(p["events"], "restart")
        producer = h.Producer(system.api.url, events, rate=p["rate"]).start(deadline)
        while producer.accepted_events < p["events"] * 0.4:
            deadline.check("waiting for the stream to get under way")
            time.sleep(0.02)
        rows_at_kill = h.table_rows(system.emulator.url)
        system.emulator.kill()
        killed = time.monotonic()
        time.sleep(p["down"])
        system.emulator.start()
        outcome.note(f"emulator SIGKILLed at {producer.accepted_events} events accepted, {rows_at_kill} rows; "
                     f"back after {time.monotonic() - killed:.1f} s")
        producer.join(deadline)
        down = producer.answers_between(killed - 1, time.monotonic())
        slowest = max((answered - sent for sent, answered, _ in down), default=0)
        outcome.note(f"ingest answers: {dict(sorted(producer.statuses.items()))} (503s retried after Retry-After); "
                     f"sent again after no answer: {sum(1 for *_, o in producer.timeline if str(o).startswith('cut'))}; "
                     f"slowest answer around the restart {slowest:.1f} s")
        outcome.check(system.sink.alive() and system.sink.starts == 1, "the Sink did not survive the emulator's restart")
        finish(system, outcome, producer, settle_until=time.monotonic() + h.ACK_DEADLINE_SECONDS + 3, deadline=deadline)
        outcome.check(len(outcome.count.accepted) == p["events"], f"only {len(outcome.count.accepted)} of {p['events']} events accepted")
    finally:
        system.close()
    return outcome


def _probe_reads(api_url, stop, reads):
    """GET /getData once a second until `stop`, each read a distinct window (so no cached page answers
    it), each in a thread of its own (a read into a blackhole waits for its timeouts). Each read is a
    dict in `reads`: began, then seconds, status and retry_after once answered."""
    n = 0
    while not stop.is_set():
        n += 1
        to = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 60 + n)) + "Z"
        read = {"began": time.monotonic()}
        reads.append(read)

        def run(read=read, to=to):
            try:
                status, headers, _ = h.request("GET", f"{api_url}/getData?limit=5&to={to}", timeout=90)
                retry_after = headers.get("Retry-After") or headers.get("retry-after")
            except OSError as error:
                status, retry_after = f"no answer ({type(error).__name__})", None
            read.update(seconds=time.monotonic() - read["began"], status=status, retry_after=retry_after)

        threading.Thread(target=run, daemon=True).start()
        stop.wait(1.0)


def _bigquery_outage(binary, folder, p, deadline, mode, judged_until):
    """BigQuery unreachable (`mode`: refused or blackholed) for `outage` seconds while events keep coming
    at `rate` and /getData is read once a second. Nothing is restarted. Reads sent until `judged_until`
    seconds before the end of the outage must be answered 503 with Retry-After while BigQuery is still
    unreachable; later ones may also be answered 200 once it is back."""
    outcome = Outcome()
    system = h.System(binary, folder, proxies=True)
    try:
        base = system.emulator.url
        before, after = 4, 4
        events = h.make_events(int(p["rate"] * (before + p["outage"] + after)), "bq")
        producer = h.Producer(system.api.url, events, rate=p["rate"]).start(deadline)
        time.sleep(before)
        rows_before = h.table_rows(base)
        outage_began = time.monotonic()
        system.bigquery_proxy.set_mode(mode)
        reads, stop_reads = [], threading.Event()
        threading.Thread(target=_probe_reads, args=(system.api.url, stop_reads, reads), daemon=True).start()
        time.sleep(max(0, p["outage"] - judged_until))
        stop_reads.set()
        time.sleep(max(0, outage_began + p["outage"] - time.monotonic()))
        rows_in_outage = h.table_rows(base) - rows_before
        system.bigquery_proxy.set_mode(PASS)
        outage_ended = time.monotonic()
        ingests = [outcome_ for _, _, outcome_ in producer.answers_between(outage_began, outage_ended)]
        outcome.note(f"while BigQuery was unreachable: {ingests.count(202)} ingests answered 202, "
                     f"{len(ingests) - ingests.count(202)} otherwise; {rows_in_outage} rows written")
        outcome.check(ingests and all(o == 202 for o in ingests), f"/ingestData did not keep accepting: {sorted(set(map(str, ingests)))}")
        producer.join(deadline)
        # Every read answered (one into a blackhole waits for the API's timeouts).
        wait = deadline.sooner(90, "waiting for the outage's reads to be answered")
        while not all("status" in read for read in reads) and not wait.passed():
            time.sleep(0.2)
        finish(system, outcome, producer, deadline=deadline, drain_seconds=150)
        outcome.note(f"backlog stored {outcome.drained_in:.1f} s after BigQuery came back")
        outcome.check(system.sink.starts == 1, "the Sink was restarted")
        kinds = {}
        for read in reads:
            kind = str(read.get("status", "unanswered")) + ("" if read.get("retry_after") or read.get("status") == 200 else " without Retry-After")
            kind += "" if read.get("status") is None or read["began"] + read["seconds"] < outage_ended else " after BigQuery was back"
            kinds.setdefault(kind, []).append(read.get("seconds", float("nan")))
        outcome.note(f"/getData while BigQuery was unreachable ({len(reads)} reads, one a second): " + ", ".join(
            f"{kind} x{len(seconds)} in {min(seconds):.1f}-{max(seconds):.1f} s" for kind, seconds in sorted(kinds.items())))
        wrong = [read for read in reads if not (read.get("status") == 503 and read.get("retry_after")
                                                  and read["began"] + read["seconds"] < outage_ended)]
        outcome.check(reads and not wrong, f"{len(wrong)} of {len(reads)} reads were not answered 503 with Retry-After while "
                                           f"BigQuery was unreachable: {sorted(set(kinds))}")
        status, _, _ = h.request("GET", f"{system.api.url}/getData?limit=5", timeout=60)
        outcome.check(status == 200, f"/getData answered {status} after the outage")
    finally:
        system.close()
    return outcome


def bigquery_unreachable(binary, folder, p, deadline):
    """BigQuery's host down (connections refused, the open ones reset) for `outage` seconds."""
    return _bigquery_outage(binary, folder, p, deadline, REFUSE, judged_until=3)


def bigquery_blackhole(binary, folder, p, deadline):
    """BigQuery silent (connections accepted, nothing answered: a network partition) for `outage`
    seconds, longer than the API's 20-s query timeout, so reads must end with 503 before it is back."""
    return _bigquery_outage(binary, folder, p, deadline, BLACKHOLE, judged_until=22)


def pubsub_unreachable(binary, folder, p, deadline):
    """Pub/Sub is unreachable `outages` times for `outage` seconds, reachable `up` seconds in between,
    while requests of 50 events keep coming: its host down (connections refused, the open ones reset),
    and every other time silent (a blackhole: connections accepted, nothing answered, reset when it
    ends). The producer does not retry a 503 here, so what each refused request left behind can be seen:
    all of its events or none."""
    outcome = Outcome()
    system = h.System(binary, folder, proxies=True)
    try:
        span = 2 + p["outages"] * (p["outage"] + p["up"])
        events = h.make_events(int(p["rate"] * span), "ps")
        producer = h.Producer(system.api.url, events, batch=p["batch"], threads=8, rate=p["rate"], retry_unavailable=False).start(deadline)
        time.sleep(2)
        windows = []
        for n in range(p["outages"]):
            mode = REFUSE if n % 2 == 0 else BLACKHOLE
            system.pubsub_proxy.set_mode(mode)
            # Taken once the switch is done: a publish that started while the proxy was still cutting its
            # relays may go through, so an ingest sent in that moment may rightly get a 202 (seen once in CI).
            began = time.monotonic()
            time.sleep(p["outage"])
            system.pubsub_proxy.set_mode(PASS)
            windows.append((mode, began, time.monotonic()))
            time.sleep(p["up"])
        producer.join(deadline)
        # A pull whose answer an outage cut leaves its messages leased to the Sink, unseen, until
        # their ack deadline: they come back and are stored after it (seen in CI: the messages of 5
        # refused requests whose publish went through, leased at the end of an outage, still in the
        # subscription when the Sink was stopped 5 s later). So the Sink runs until every lease
        # taken during an outage has run out and been pulled again.
        settle = windows[-1][2] + h.ACK_DEADLINE_SECONDS + 3
        finish(system, outcome, producer, settle_until=settle, deadline=deadline)
        refused = sorted(producer.refused)
        stored = outcome.count.stored
        whole = [i for i in refused if all(e["event_id"] in stored for e in producer.batches[i])]
        none = [i for i in refused if not any(e["event_id"] in stored for e in producer.batches[i])]
        half = [i for i in refused if i not in whole and i not in none]
        outcome.note(f"ingest answers: {dict(sorted(producer.statuses.items()))}; of {len(refused)} refused requests "
                     f"{len(none)} stored nothing, {len(whole)} everything (published, answer lost), {len(half)} part")
        outcome.check(not half, f"{len(half)} requests answered 503 were half accepted: "
                                f"{[sum(e['event_id'] in stored for e in producer.batches[i]) for i in half[:8]]} of their {p['batch']} events stored")
        for mode, began, ended in windows:
            if mode != REFUSE:
                continue
            # Sent while Pub/Sub refused connections, early enough that the API's quick retries end in the outage too.
            answers = producer.answers_between(began, ended - 1.5)
            late = [(round(answered - sent, 1), o) for sent, answered, o in answers if answered >= ended]
            wrong = [o for sent, answered, o in answers if answered < ended and o != 503]
            outcome.check(answers and not wrong and not late,
                          f"while Pub/Sub refused connections, {len(wrong) + len(late)} of {len(answers)} ingests were not "
                          f"answered 503 before it was back: {sorted(set(map(str, wrong)))} {late[:3]}")
        blackholed = [o for mode, began, ended in windows if mode == BLACKHOLE for _, _, o in producer.answers_between(began, ended)]
        if blackholed:
            outcome.note(f"ingests sent while Pub/Sub was silent: {dict((str(k), blackholed.count(k)) for k in sorted(set(blackholed), key=str))}")
        outcome.check(not producer.cut, f"{len(producer.cut)} ingest requests got no answer at all")
    finally:
        system.close()
    return outcome


def _fill(path):
    """Writes a file until the filesystem is full; returns the bytes written."""
    written = 0
    chunk = b"\0" * (1 << 20)
    with open(path, "wb", buffering=0) as filler:
        while True:
            try:
                written += filler.write(chunk)
            except OSError:
                break
        # Down to the last block: a smaller write may still fit.
        for size in (65536, 4096, 512):
            try:
                while True:
                    written += filler.write(b"\0" * size)
            except OSError:
                pass
    return written


def disk_full(binary, folder, p, deadline, disk):
    """The emulator's SQLite file is on a small tmpfs (`disk`, mounted by the suite). Mid-stream a file
    fills it; the stream goes on (the producer retries what is refused) for `fill_for` seconds; then the
    file is deleted. Nothing is restarted."""
    outcome = Outcome()
    system = h.System(binary, folder, db_path=os.path.join(disk, "emulator.sqlite"))
    try:
        base = system.emulator.url
        # A probe of each kind of write, so the error an emulator client gets can be read.
        h.ok("PUT", f"{base}/v1/projects/{h.PROJECT}/topics/probe", {})
        h.ok("PUT", f"{base}/v1/projects/{h.PROJECT}/subscriptions/probe", {"topic": f"projects/{h.PROJECT}/topics/probe"})
        span = 3 + p["fill_for"] + 5
        events = h.make_events(int(p["rate"] * span), "disk")
        producer = h.Producer(system.api.url, events, rate=p["rate"]).start(deadline)
        time.sleep(3)
        accepted_before = producer.accepted_events
        filled = _fill(os.path.join(disk, "filler"))
        full_at = time.monotonic()
        outcome.note(f"disk filled with {filled >> 20} MiB at {accepted_before} events accepted, {h.table_rows(base)} rows")
        # Writes must now fail, and say why.
        probes = []
        while time.monotonic() - full_at < p["fill_for"]:
            payload = {"messages": [{"data": "e30="}] * 200}
            status, _, answer = h.request("POST", f"{base}/v1/projects/{h.PROJECT}/topics/probe:publish", payload, timeout=30)
            probes.append((status, (answer or {}).get("error", {}).get("message", "") if isinstance(answer, dict) else ""))
            time.sleep(0.5)
        failed = [probe for probe in probes if probe[0] >= 300]
        outcome.note(f"publish probes while full: {len(failed)} of {len(probes)} failed; "
                     f"first failure: {failed[0] if failed else 'none'}")
        outcome.check(failed, "no write failed while the disk was full: the fault was not felt")
        clear = [probe for probe in failed if any(word in probe[1].lower() for word in ("disk", "full", "space"))]
        outcome.check(failed and len(clear) == len(failed),
                      f"writes failed without saying the disk is full: {sorted(set(failed) - set(clear))[:2]}")
        outcome.check(all(probe[0] in (500, 503, 507) for probe in failed) and all(probe[0] != 500 for probe in failed),
                      f"a failed write answered {sorted({probe[0] for probe in failed})}: not a retryable 503")
        outcome.check(system.emulator.process.process.poll() is None, "the emulator died when the disk filled")
        refused_while_full = producer.statuses.get(503, 0)
        os.remove(os.path.join(disk, "filler"))
        freed = time.monotonic()
        # Recovery: a write succeeds again, without a restart.
        recovered = None
        while time.monotonic() - freed < 60:
            status, _, _ = h.request("POST", f"{base}/v1/projects/{h.PROJECT}/topics/probe:publish", {"messages": [{"data": "e30="}]}, timeout=30)
            if status == 200:
                recovered = time.monotonic() - freed
                break
            time.sleep(0.2)
        outcome.check(recovered is not None, "writes still failed 60 s after the space came back")
        producer.join(deadline)
        outcome.note(f"ingest answers: {dict(sorted(producer.statuses.items()))} ({refused_while_full} refused while full); "
                     f"writes worked again {recovered if recovered is None else round(recovered, 1)} s after the file was deleted")
        finish(system, outcome, producer, settle_until=time.monotonic() + h.ACK_DEADLINE_SECONDS + 3, deadline=deadline)
        outcome.check(system.emulator.starts == 1 and system.sink.starts == 1, "something was restarted")
        # What the operators see: the Sink's failed calls carry the emulator's reason, and so does the API's log.
        told = [line for line in system.sink.log_lines("failed") if "disk holding its SQLite file is full" in line]
        with open(system.api.log_path, "rb") as log:
            api_told = sum(1 for line in log if b"disk holding its SQLite file is full" in line)
        outcome.note(f"logged as the disk being full: {len(told)} failed calls by the Sink, {api_told} failed publishes by the API")
        outcome.check(len(outcome.count.accepted) == len(events), f"only {len(outcome.count.accepted)} of {len(events)} events accepted")
        system.emulator.stop()
        check = subprocess.run(["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
                                system.emulator.db_path], capture_output=True, text=True, timeout=120)
        outcome.check(check.stdout.strip() == "ok", f"the SQLite file is damaged: {check.stdout.strip()} {check.stderr.strip()[-200:]}")
    finally:
        system.close()
    return outcome


SCENARIOS = {
    "sink-sigkill": (sink_sigkill, "the Sink SIGKILLed {kills} times during a {events}-event stream: 0 lost, 0 duplicated"),
    "injected-faults": (injected_faults, "20% of insertAll, 5% of pull and 5% of acknowledge calls failing during a "
                                         "{events}-event stream: 0 lost, 0 duplicated"),
    "emulator-restart": (emulator_restart, "the emulator SIGKILLed mid-stream ({events} events), restarted after {down} s: "
                                           "0 lost, 0 duplicated once the stream ends"),
    "bigquery-unreachable": (bigquery_unreachable, "BigQuery unreachable (connections refused) for {outage} s: /getData 503 + "
                                                   "Retry-After, /ingestData 202, the backlog drains without a restart, 0 lost, 0 duplicated"),
    "bigquery-blackhole": (bigquery_blackhole, "BigQuery silent (connections accepted, never answered) for {outage} s: /getData 503 + "
                                               "Retry-After within the API's 20-s query timeout, /ingestData 202, the backlog drains "
                                               "without a restart, 0 lost, 0 duplicated"),
    "pubsub-unreachable": (pubsub_unreachable, "Pub/Sub unreachable {outages} times for {outage} s (refused, silent, in turn): "
                                               "/ingestData 503 + Retry-After while refused, no request half-accepted, 0 lost, 0 duplicated"),
    "disk-full": (disk_full, "the emulator's disk full for {fill_for} s ({size_mib} MiB tmpfs): writes fail with a clear error, "
                             "nothing acknowledged lost, recovery when space returns, 0 lost, 0 duplicated"),
}


# --- running them ---------------------------------------------------------------------------------


def run_child(name, mode, binary, result_path, disk):
    """In the child process: one scenario, its outcome written to `result_path` as JSON."""
    p = PARAMETERS[mode][name]
    folder = tempfile.mkdtemp(prefix=f"faults-{name}-")
    deadline = h.Deadline(p["limit"] - 5, name)
    function = SCENARIOS[name][0]
    try:
        outcome = function(binary, folder, p, deadline, disk) if name == "disk-full" else function(binary, folder, p, deadline)
        result = {"problems": outcome.problems, "notes": outcome.notes,
                  "count": outcome.count.as_dict() if outcome.count else None,
                  "summary": outcome.count.summary() if outcome.count else ""}
    except h.ScenarioFailure as error:
        result = {"problems": [str(error)], "notes": [], "count": None, "summary": ""}
    result["folder"] = folder
    with open(result_path, "w") as out:
        json.dump(result, out)


def mount_disk(size_mib):
    """A tmpfs of `size_mib` MiB for the disk-full scenario; (path, unmount) or raises with the reason."""
    path = tempfile.mkdtemp(prefix="faults-disk-")
    command = ["mount", "-t", "tmpfs", "-o", f"size={size_mib}m,mode=0777", "tmpfs", path]
    if os.geteuid() != 0:
        command = ["sudo", "-n"] + command
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        os.rmdir(path)
        raise RuntimeError(f"cannot mount a tmpfs for the disk-full scenario ({' '.join(command)}: {done.stderr.strip()}); "
                           f"it needs root or sudo without a password")

    def unmount():
        for _ in range(20):
            if subprocess.run((["sudo", "-n"] if os.geteuid() != 0 else []) + ["umount", path], capture_output=True).returncode == 0:
                break
            time.sleep(0.5)
        shutil.rmtree(path, ignore_errors=True)

    return path, unmount


def run_scenario(name, mode, binary):
    """Runs `name` in a child process (its own session) within its time limit; returns its result."""
    p = PARAMETERS[mode][name]
    started = time.monotonic()
    result_path = tempfile.mktemp(prefix=f"faults-{name}-", suffix=".json")
    disk, unmount = None, None
    try:
        if name == "disk-full":
            disk, unmount = mount_disk(p["size_mib"])
    except RuntimeError as error:
        return {"problems": [str(error)], "notes": [], "count": None, "summary": "", "seconds": 0.0}
    args = [sys.executable, os.path.abspath(__file__), "--child", name, "--mode", mode, "--binary", binary, "--result", result_path]
    if disk:
        args += ["--disk", disk]
    child = subprocess.Popen(args, start_new_session=True)
    try:
        child.wait(timeout=p["limit"])
        if os.path.exists(result_path):
            result = json.load(open(result_path))
        else:
            result = {"problems": [f"the scenario's process exited {child.returncode} without a result"], "notes": [], "count": None, "summary": ""}
    except subprocess.TimeoutExpired:
        result = {"problems": [f"hard time limit: not finished after {p['limit']} s (killed)"], "notes": [], "count": None, "summary": ""}
    finally:
        # The child and everything it started share its session's process group.
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.wait()
        if unmount:
            unmount()
        if os.path.exists(result_path):
            os.remove(result_path)
    result["seconds"] = time.monotonic() - started
    return result


def record(mode, results):
    data = report.load(SUITE)
    when, commit = report.now(), report.commit()
    for name, result in results.items():
        data.setdefault(mode, {})[name] = {
            "passed": not result["problems"], "summary": result["summary"], "notes": result["notes"],
            "problems": result["problems"], "seconds": round(result["seconds"]), "commit": commit, "date": when,
            "asserted": SCENARIOS[name][1].format(**PARAMETERS[mode][name]),
        }
    lines = ["## Fault suite", "",
             "`scripts/reliability/faults.py` (`--quick` in CI: `scripts/test.d/faults`). Each row is the scenario's "
             "last run in that mode: what it asserts, its result with the count of the table against the events "
             "accepted, what else it saw, how long it took, and on which commit.", ""]
    for mode_name, title in (("full", "Full mode (the issue's numbers)"), ("quick", "Quick mode (CI)")):
        rows = data.get(mode_name, {})
        lines += [f"### {title}", ""]
        if not rows:
            lines += ["Not run yet.", ""]
            continue
        lines += ["| scenario | asserted | last result | seen | duration | commit, date |", "|---|---|---|---|---|---|"]
        for name in SCENARIOS:
            if name not in rows:
                continue
            row = rows[name]
            verdict = ("**passed**: " if row["passed"] else "**FAILED**: " + "; ".join(row["problems"]) + ". ") + row["summary"]
            lines.append(f"| `{name}` | {report.cell(row['asserted'])} | {report.cell(verdict)} | "
                         f"{report.cell('; '.join(row['notes']))} | {row['seconds']} s | {row['commit']}, {row['date']} |")
        lines.append("")
    report.write_section(SUITE, "\n".join(lines), data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="scaled-down counts and durations (CI)")
    parser.add_argument("--only", default="", help="comma-separated scenarios (default: all)")
    parser.add_argument("--binary", default=os.path.join(h.ROOT, ".build", "debug", "warehouse"))
    parser.add_argument("--no-record", action="store_true", help="do not write docs/reliability.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--disk", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.mode, args.binary, args.result, args.disk)
        return
    mode = "quick" if args.quick else "full"
    names = [name for name in args.only.split(",") if name] or list(SCENARIOS)
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        sys.exit(f"unknown scenarios {unknown}; there are {list(SCENARIOS)}")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no warehouse binary at {args.binary} (swift build first, or --binary)")
    results = {}
    began = time.monotonic()
    for name in names:
        print(f"== {name} ({mode}): {SCENARIOS[name][1].format(**PARAMETERS[mode][name])}", flush=True)
        result = run_scenario(name, mode, os.path.abspath(args.binary))
        results[name] = result
        verdict = "passed" if not result["problems"] else "FAILED: " + "; ".join(result["problems"])
        print(f"   {name}: {verdict}\n   {result['summary']} ({result['seconds']:.0f} s)"
              + ("" if not result["problems"] else f"\n   logs: {result.get('folder', '?')}"), flush=True)
    if not args.no_record:
        record(mode, results)
    passed = sum(1 for result in results.values() if not result["problems"])
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed ({time.monotonic() - began:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
