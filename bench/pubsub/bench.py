#!/usr/bin/env python3
"""Pub/Sub emulator benchmark: publish msgs/s and pull+ack msgs/s, ours and Google's in one run,
with each server's peak resident memory (VmHWM from /proc/PID/status).

Loopback only; every loop is bounded by a message count and a time limit.

  bench/pubsub/bench.py --ours-command 'swift run -c release warehouse emulator --port {port} --db {db}'
  bench/pubsub/bench.py --ours http://127.0.0.1:PORT --ours-pid PID [--google auto|none|URL --google-pid PID]

Load: W worker processes, each with one keep-alive HTTP connection. Publish sends batches of
--batch messages of --size bytes (the Google client's default batch is 100 messages); pull asks for
up to 1000 messages and acks each batch with one acknowledge call. Standard library only.
"""
import argparse
import base64
import http.client
import json
import multiprocessing
import os
import sys
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import pubsub_parity as parity  # noqa: E402  (reuses the process helpers)

PROJECT = "bench-project"


def connect(base):
    parsed = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)


def post(conn, path, body):
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request("POST", path, body=payload, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {data[:200]!r}")
    return json.loads(data or b"{}")


def put(conn, path, body):
    conn.request("PUT", path, body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {data[:200]!r}")


def publisher(args):
    base, topic, batches, batch, size = args
    conn = connect(base)
    data = base64.b64encode(os.urandom(size)).decode()
    # Encoded once: the load generator should spend its time sending, not re-encoding the same body.
    body = json.dumps({"messages": [{"data": data, "attributes": {"source": "bench"}} for _ in range(batch)]}).encode()
    path = f"/v1/projects/{PROJECT}/topics/{topic}:publish"
    published = 0
    for _ in range(batches):
        published += len(post(conn, path, body)["messageIds"])
    return published


def puller(args):
    base, sub, target, time_limit = args
    conn = connect(base)
    pull_path = f"/v1/projects/{PROJECT}/subscriptions/{sub}:pull"
    ack_path = f"/v1/projects/{PROJECT}/subscriptions/{sub}:acknowledge"
    acked = 0
    empty = 0
    end = time.time() + time_limit
    while acked < target and time.time() < end and empty < 3:
        received = post(conn, pull_path, {"maxMessages": 1000, "returnImmediately": True}).get("receivedMessages", [])
        if not received:
            empty += 1
            continue
        empty = 0
        post(conn, ack_path, {"ackIds": [m["ackId"] for m in received]})
        acked += len(received)
    return acked


def process_tree(pid):
    """pid and its live descendants (the gcloud wrapper runs Java as a child)."""
    pids = {pid}
    changed = True
    while changed:
        changed = False
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in pids:
                continue
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent in pids:
                pids.add(int(entry))
                changed = True
    return pids


def cpu_seconds(pid):
    """User + system CPU seconds used so far by pid and its live descendants. Diffed around a phase, it
    says what the server spent on it, which holds even when the load generator shares the cores and is
    the bottleneck."""
    ticks = 0
    for each in process_tree(pid):
        try:
            with open(f"/proc/{each}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, ValueError, IndexError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_kib(pid):
    """Largest VmHWM among pid and its descendants (the gcloud wrapper runs Java as a child)."""
    if pid is None:
        return None
    pids = process_tree(pid)
    best = 0
    for each in pids:
        try:
            with open(f"/proc/{each}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        best = max(best, int(line.split()[1]))
        except OSError:
            pass
    return best


def run_target(label, base, pid, args):
    suffix = uuid.uuid4().hex[:8]
    topic, sub = f"bench-topic-{suffix}", f"bench-sub-{suffix}"
    conn = connect(base)
    put(conn, f"/v1/projects/{PROJECT}/topics/{topic}", {})
    put(conn, f"/v1/projects/{PROJECT}/subscriptions/{sub}", {"topic": f"projects/{PROJECT}/topics/{topic}",
                                                               "ackDeadlineSeconds": 600})
    # Warm-up: JIT (Google's) and caches (ours) before the clock starts; then drain it.
    publisher((base, topic, 5, args.batch, args.size))
    puller((base, sub, 5 * args.batch, 30))

    batches = max(1, args.messages // (args.batch * args.workers))
    with multiprocessing.Pool(args.workers) as pool:
        started = time.perf_counter()
        published = sum(pool.map(publisher, [(base, topic, batches, args.batch, args.size)] * args.workers))
        publish_seconds = time.perf_counter() - started
        started = time.perf_counter()
        acked = sum(pool.map(puller, [(base, sub, published // args.workers + 1, args.time_limit)] * args.workers))
        pull_seconds = time.perf_counter() - started
    return {"label": label, "published": published, "publish_rate": published / publish_seconds,
            "acked": acked, "pull_ack_rate": acked / pull_seconds, "peak_rss_mib": (peak_rss_kib(pid) or 0) / 1024}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ours")
    parser.add_argument("--ours-pid", type=int)
    parser.add_argument("--ours-command")
    parser.add_argument("--google", default="auto")
    parser.add_argument("--google-pid", type=int)
    parser.add_argument("--messages", type=int, default=100_000, help="messages per phase")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--size", type=int, default=256, help="payload bytes per message")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=120, help="seconds a pull phase may take")
    parser.add_argument("--json", help="write the figures as JSON here (and why a target did not run)")
    args = parser.parse_args()
    notes = []

    processes, targets, files = [], [], []
    try:
        if args.ours:
            targets.append(("ours", args.ours, args.ours_pid))
        elif args.ours_command:
            port = parity.free_port()
            db = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"pubsub-bench-{uuid.uuid4().hex[:8]}.sqlite")
            files += [db, db + "-wal", db + "-shm"]
            process, url = parity.start_process(["/bin/sh", "-c", "exec " + args.ours_command.format(port=port, db=db)],
                                                port, "our emulator", 900)
            if process is None:
                print(f"FAIL: {url}")
                return 1
            processes.append(process)
            targets.append(("ours", url, process.pid))
        if args.google == "auto":
            port = parity.free_port()
            command, missing = parity.google_emulator_command(port)
            if command is None:
                print(f"NOTE: Google's Pub/Sub emulator is not available ({missing}); measuring ours alone.")
                notes.append(f"Google's Pub/Sub emulator: not run ({missing})")
            else:
                process, url = parity.start_process(command, port, "Google's Pub/Sub emulator", 90)
                if process is None:
                    print(f"NOTE: {url}; measuring ours alone.")
                    notes.append(f"Google's Pub/Sub emulator: not run ({url})")
                else:
                    processes.append(process)
                    targets.append(("google", url, process.pid))
        elif args.google != "none":
            targets.append(("google", args.google, args.google_pid))

        results = [run_target(label, base, pid, args) for label, base, pid in targets]
    finally:
        for process in processes:
            parity.stop_process(process)
        for path in files:
            if os.path.exists(path):
                os.remove(path)

    print(f"{args.messages} messages of {args.size} B per phase, batches of {args.batch}, {args.workers} workers, loopback")
    print(f"{'server':8} {'publish msg/s':>14} {'pull+ack msg/s':>15} {'peak RSS MiB':>13}")
    for r in results:
        print(f"{r['label']:8} {r['publish_rate']:14,.0f} {r['pull_ack_rate']:15,.0f} {r['peak_rss_mib']:13.1f}"
              f"   ({r['published']} published, {r['acked']} acked)")
    by_label = {r["label"]: r for r in results}
    if "ours" in by_label and "google" in by_label:
        ours, google = by_label["ours"], by_label["google"]
        print(f"ours/google: publish {ours['publish_rate'] / google['publish_rate']:.1f}x, "
              f"pull+ack {ours['pull_ack_rate'] / google['pull_ack_rate']:.1f}x, "
              f"memory {ours['peak_rss_mib'] / max(google['peak_rss_mib'], 0.001):.2f}x")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"results": results, "notes": notes, "settings": {
                "messages": args.messages, "size": args.size, "batch": args.batch, "workers": args.workers}}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
