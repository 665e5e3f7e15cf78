#!/usr/bin/env python3
"""Google's official Python client (google-cloud-pubsub, gRPC) against our emulator and Google's in
one run: publish msgs/s with the client's default batching, streaming-pull (subscribe()) msgs/s with
flow control and acks, each server's peak resident memory (VmHWM of it and its children), and the
messages each server carries per second of its own CPU (utime + stime diffed around each phase).

  python bench/pubsub/grpc_bench.py --warehouse .build/release/warehouse [--google auto|none] [--messages 50000] [--publishers 3] [--null]

Each target gets a fresh topic and subscription, a 2,000-message warm-up (Google's JVM compiles its
hot paths; our caches fill), then the measured phases: publish --messages messages of --size bytes
(every future awaited), then subscribe() until all are received and acked. The same client code
drives both, in this process, one target after the other. Loopback only; every wait is bounded.
Run with the python of scripts/python-env (it has google-cloud-pubsub).
"""
import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
sys.path.insert(0, HERE)
import pubsub_parity as parity  # noqa: E402  (process helpers)
from bench import cpu_seconds, peak_rss_kib  # noqa: E402

PROJECT = "grpc-bench"


def _publish_worker(host, topic, count, size, ready, go):
    """One publishing process: its own client, started before the clock, publishing on `go`."""
    os.environ["PUBSUB_EMULATOR_HOST"] = host
    from google.cloud import pubsub_v1

    publisher = pubsub_v1.PublisherClient()
    payload = b"x" * size
    ready.set()
    go.wait(120)
    futures = [publisher.publish(topic, payload, n=str(index)) for index in range(count)]
    for future in futures:
        future.result(timeout=300)
    publisher.stop()


def _raw_publish_worker(host, topic, count, size, ready, go):
    """One publishing process without the client library: the same PublishRequest the library sends
    (100 messages, its default batch), serialized once and sent over grpcio with 16 calls in flight.
    The client then costs little more than the bytes, so the server's own ceiling shows."""
    import collections

    import grpc
    from google.pubsub_v1.types import PublishRequest, PublishResponse, PubsubMessage

    batch = 100
    payload = b"x" * size
    request = PublishRequest(topic=topic, messages=[PubsubMessage(data=payload, attributes={"n": str(index)})
                                                    for index in range(batch)])
    body = PublishRequest.serialize(request)
    channel = grpc.insecure_channel(host)
    publish = channel.unary_unary("/google.pubsub.v1.Publisher/Publish")  # bytes in, bytes out
    ready.set()
    go.wait(120)
    in_flight = collections.deque()
    answer = b""
    for _ in range(count // batch):
        in_flight.append(publish.future(body, timeout=120))
        if len(in_flight) >= 16:
            answer = in_flight.popleft().result()
    while in_flight:
        answer = in_flight.popleft().result()
    if len(PublishResponse.deserialize(answer).message_ids) != batch:
        sys.exit("a publish answered without an id for every message")
    channel.close()


def publish_in_processes(host, topic, args):
    """Seconds for --publishers processes to publish --messages between them (a Python client's
    publisher tops out near 10k msgs/s in one process, below what either server takes)."""
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    share = args.messages // args.publishers // 100 * 100
    workers = []
    for _ in range(args.publishers):
        ready = context.Event()
        target = _raw_publish_worker if args.raw else _publish_worker
        worker = context.Process(target=target, args=(host, topic, share, args.size, ready, go))
        worker.start()
        workers.append((worker, ready))
    for _, ready in workers:
        ready.wait(120)
    started = time.perf_counter()
    go.set()
    for worker, _ in workers:
        worker.join(600)
        if worker.exitcode != 0:
            sys.exit(f"a publishing process failed (exit {worker.exitcode})")
    return time.perf_counter() - started, share * args.publishers


def run_target(label, grpc_host, pid, args, publishing_only=False):
    """Warms up, then measures one server. publishing_only: the server takes publishes and nothing
    else (the null server), so there is no subscription and no receive phase."""
    os.environ["PUBSUB_EMULATOR_HOST"] = grpc_host
    from google.cloud import pubsub_v1

    publisher = pubsub_v1.PublisherClient()
    subscriber = pubsub_v1.SubscriberClient()
    suffix = f"{int(time.time() * 1000) % 10**8}"
    topic = publisher.topic_path(PROJECT, f"bench-{suffix}")
    subscription = subscriber.subscription_path(PROJECT, f"bench-{suffix}-sub")
    publisher.create_topic(request={"name": topic}, timeout=60)
    if not publishing_only:
        subscriber.create_subscription(request={"name": subscription, "topic": topic, "ack_deadline_seconds": 600},
                                       timeout=60)
    payload = b"x" * args.size

    def publish(count):
        futures = [publisher.publish(topic, payload, n=str(index)) for index in range(count)]
        for future in futures:
            future.result(timeout=120)

    def receive(count):
        received = [0]
        lock = threading.Lock()
        done = threading.Event()

        def callback(message):
            message.ack()
            with lock:
                received[0] += 1
                if received[0] >= count:
                    done.set()

        flow = pubsub_v1.types.FlowControl(max_messages=args.flow_messages)
        future = subscriber.subscribe(subscription, callback=callback, flow_control=flow)
        done.wait(args.time_limit)
        future.cancel()
        try:
            future.result(timeout=30)
        except Exception:  # the cancelled stream's future may end with the cancellation
            pass
        return received[0]

    publish(args.warmup)
    if not publishing_only:
        receive(args.warmup)
    time.sleep(1)  # the warm-up's acks land before the clock starts

    publish_cpu = cpu_seconds(pid)
    if args.publishers > 1 or args.raw:
        publish_seconds, published = publish_in_processes(grpc_host, topic, args)
    else:
        started = time.perf_counter()
        publish(args.messages)
        publish_seconds, published = time.perf_counter() - started, args.messages
    publish_cpu = cpu_seconds(pid) - publish_cpu
    receive_cpu = cpu_seconds(pid)
    started = time.perf_counter()
    got = 0 if args.publish_only or publishing_only else receive(published)
    receive_seconds = max(time.perf_counter() - started, 1e-9)
    receive_cpu = cpu_seconds(pid) - receive_cpu
    publisher.stop()
    subscriber.close()
    return {"label": label, "published": published, "publish_rate": published / publish_seconds,
            "received": got, "receive_rate": got / receive_seconds,
            # Messages per second of the server's own CPU: what one core of it carries when the client
            # is not the limit (on two cores the Python client is, for publishing).
            "publish_per_cpu": published / max(publish_cpu, 0.01), "receive_per_cpu": got / max(receive_cpu, 0.01),
            "peak_rss_mib": (peak_rss_kib(pid) or 0) / 1024}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", required=True, help="our warehouse binary (release for figures)")
    parser.add_argument("--google", default="auto", help="'auto' starts gcloud's emulator; 'none' skips it")
    parser.add_argument("--messages", type=int, default=50000)
    parser.add_argument("--warmup", type=int, default=2000)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--publishers", type=int, default=1, help="publishing processes, each with its own client")
    parser.add_argument("--flow-messages", type=int, default=1000, help="subscribe()'s FlowControl max_messages")
    parser.add_argument("--raw", action="store_true",
                        help="publish with grpcio alone (pre-serialized 100-message PublishRequests, 16 in flight"
                             " per process) instead of the client library, to find the servers' own ceiling")
    parser.add_argument("--publish-only", action="store_true",
                        help="measure publishing alone (Google's emulator streams a few hundred msgs/s, so a large"
                             " publish run would otherwise wait minutes on its receive phase)")
    parser.add_argument("--null", action="store_true",
                        help="also publish to null_publisher.py, a server that stores nothing and answers at once:"
                             " the client's own ceiling, the most any server can show through it")
    parser.add_argument("--time-limit", type=int, default=300, help="longest a receive phase may take, seconds")
    parser.add_argument("--json", help="write the figures as JSON here (and why a target did not run)")
    args = parser.parse_args()
    notes = []

    folder = tempfile.mkdtemp(prefix="grpc-bench-")
    results, processes = [], []
    try:
        http_port, grpc_port = parity.free_port(), parity.free_port()
        command = [args.warehouse, "emulator", "--port", str(http_port), "--grpc-port", str(grpc_port),
                   "--db", os.path.join(folder, "bench.sqlite"), "--log-level", "warning"]
        ours, detail = parity.start_process(command, grpc_port, "ours", 60)
        if ours is None:
            sys.exit(detail)
        processes.append(ours)
        results.append(run_target("ours", f"127.0.0.1:{grpc_port}", ours.pid, args))
        parity.stop_process(ours)

        if args.google == "auto":
            google, detail, port = parity.start_google_emulator(120)
            if google is None:
                print(f"Google's emulator: not run ({detail})")
                notes.append(f"Google's Pub/Sub emulator: not run ({detail})")
            else:
                processes.append(google)
                results.append(run_target("google", f"127.0.0.1:{port}", google.pid, args))
                parity.stop_process(google)

        if args.null:
            port = parity.free_port()
            command = [sys.executable, os.path.join(HERE, "null_publisher.py"), str(port)]
            null, detail = parity.start_process(command, port, "the null publisher", 30)
            if null is None:
                sys.exit(detail)
            processes.append(null)
            results.append(run_target("null", f"127.0.0.1:{port}", null.pid, args, publishing_only=True))
            parity.stop_process(null)
    finally:
        for process in processes:
            parity.stop_process(process)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"{'target':8} {'publish msgs/s':>14} {'subscribe msgs/s':>16} {'peak RSS MiB':>13}"
          f" {'publish msgs/CPU-s':>18} {'subscribe msgs/CPU-s':>20}  ({args.messages} messages of {args.size} B)")
    for r in results:
        print(f"{r['label']:8} {r['publish_rate']:14,.0f} {r['receive_rate']:16,.0f} {r['peak_rss_mib']:13.1f}"
              f" {r['publish_per_cpu']:18,.0f} {r['receive_per_cpu']:20,.0f}  (received {r['received']})")
    by_label = {r["label"]: r for r in results}
    if "null" in by_label:
        ceiling = by_label["null"]["publish_rate"]
        for label in ("ours", "google"):
            if label in by_label:
                print(f"{label} publishes at {by_label[label]['publish_rate'] / ceiling:.0%} of the client's ceiling")
        if "google" in by_label:
            print(f"the most any server can show against Google's through this client: "
                  f"{ceiling / by_label['google']['publish_rate']:.2f}x")
    if "ours" in by_label and "google" in by_label:
        ours, google = by_label["ours"], by_label["google"]

        def ratio(key):
            return f"{ours[key] / google[key]:.2f}x" if google[key] else "n/a"

        print(f"ours / Google: publish {ratio('publish_rate')}, subscribe {ratio('receive_rate')}, "
              f"memory {ratio('peak_rss_mib')}")
        print(f"messages per server CPU-second, ours / Google: publish {ratio('publish_per_cpu')}, "
              f"subscribe {ratio('receive_per_cpu')}")
    if args.json:
        import json
        with open(args.json, "w") as out:
            json.dump({"results": results, "notes": notes, "settings": {
                "messages": args.messages, "size": args.size, "publishers": args.publishers, "raw": args.raw,
                "publish_only": args.publish_only, "time_limit": args.time_limit}}, out, indent=1)
    if not args.publish_only and any(r["received"] < r["published"] for r in results if r["label"] != "null"):
        sys.exit("a receive phase ended before every message arrived")


if __name__ == "__main__":
    main()
