#!/usr/bin/env python3
"""Google's official Python client (google-cloud-pubsub, gRPC) against our emulator, unchanged.

Starts `warehouse emulator --grpc-port 0`, points PUBSUB_EMULATOR_HOST at its gRPC port and runs:
topic and subscription admin with Google's error classes; 300 calls at once on one channel; publish
with attributes and an ordering key; unary pull and ack; a message published over REST and received over gRPC and the other way
round; subscribe() (streaming pull) receiving and acking a batch; then, from pubsub_grpc_delivery.py,
nack and redelivery, lease extension past the ack deadline, redelivery after it, dead-lettering with
delivery_attempt, and ordering keys delivered in order. Every wait is bounded; the exit status is 0
only if every check passes.

With --google auto the same scenario also runs against Google's Pub/Sub emulator (started with
gcloud, which serves REST and gRPC on one port): the gRPC half of the parity check. The only check
that differs on purpose is push delivery, which ours refuses and Google's accepts.

Usage: scripts/pubsub_grpc_client.py [--binary .build/debug/warehouse] [--google auto|none]
"""
import argparse
import base64
import json
import os
import re
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulator_process import EmulatorProcess, default_binary  # noqa: E402
import pubsub_grpc_delivery as delivery  # noqa: E402
import pubsub_parity as parity  # noqa: E402

PROJECT = "grpc-project"
TIMEOUT = 30


class Checks:
    def __init__(self, label):
        self.label = label
        self.passed = 0
        self.failed = 0

    def expect(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print(f"ok   [{self.label}] {what}")
        else:
            self.failed += 1
            print(f"FAIL [{self.label}] {what} {detail}")


def rest(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}/v1/{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        raw = response.read().decode()
        return json.loads(raw) if raw.strip() else {}


def grpc_port(emulator):
    """The line after the HTTP one names the gRPC port."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = emulator.process.stdout.readline()
        match = re.search(r"gRPC listening on [0-9.]+:([0-9]+)", line)
        if match:
            return int(match.group(1))
        if not line:
            break
    raise RuntimeError("the emulator did not announce its gRPC port")


def run(base, port, checks):
    os.environ["PUBSUB_EMULATOR_HOST"] = f"127.0.0.1:{port}"
    from google.api_core import exceptions
    from google.cloud import pubsub_v1

    publisher = pubsub_v1.PublisherClient()
    subscriber = pubsub_v1.SubscriberClient()
    topic = publisher.topic_path(PROJECT, "orders")
    subscription = subscriber.subscription_path(PROJECT, "orders-sink")

    # Admin.
    created = publisher.create_topic(request={"name": topic, "labels": {"team": "data"}}, timeout=TIMEOUT)
    checks.expect(created.name == topic and dict(created.labels) == {"team": "data"}, "create_topic", created)
    checks.expect(publisher.get_topic(request={"topic": topic}, timeout=TIMEOUT).name == topic, "get_topic")
    names = [t.name for t in publisher.list_topics(request={"project": f"projects/{PROJECT}"}, timeout=TIMEOUT)]
    checks.expect(names == [topic], "list_topics", names)
    try:
        publisher.create_topic(request={"name": topic}, timeout=TIMEOUT)
        checks.expect(False, "create_topic twice raises AlreadyExists")
    except exceptions.AlreadyExists as error:
        checks.expect("Topic already exists" in str(error), "create_topic twice raises AlreadyExists", error)
    try:
        publisher.get_topic(request={"topic": publisher.topic_path(PROJECT, "missing")}, timeout=TIMEOUT)
        checks.expect(False, "get_topic of a missing topic raises NotFound")
    except exceptions.NotFound:
        checks.expect(True, "get_topic of a missing topic raises NotFound")

    made = subscriber.create_subscription(
        request={"name": subscription, "topic": topic, "ack_deadline_seconds": 20}, timeout=TIMEOUT)
    checks.expect(made.ack_deadline_seconds == 20 and made.topic == topic, "create_subscription", made)
    got = subscriber.get_subscription(request={"subscription": subscription}, timeout=TIMEOUT)
    checks.expect(got.name == subscription, "get_subscription")
    listed = [s.name for s in subscriber.list_subscriptions(request={"project": f"projects/{PROJECT}"}, timeout=TIMEOUT)]
    checks.expect(listed == [subscription], "list_subscriptions", listed)
    if checks.label == "ours":  # Google's emulator delivers by push; ours says it does not
        try:
            subscriber.create_subscription(
                request={"name": subscriber.subscription_path(PROJECT, "pushed"), "topic": topic,
                         "push_config": {"push_endpoint": "http://127.0.0.1:1/push"}}, timeout=TIMEOUT)
            checks.expect(False, "a push subscription is refused with InvalidArgument")
        except exceptions.InvalidArgument as error:
            checks.expect("Push subscriptions are not supported" in str(error),
                          "a push subscription is refused with InvalidArgument", error)
    # Google's emulator updates only message_retention_duration (and schema_settings) of a topic.
    updated = publisher.update_topic(
        request={"topic": {"name": topic, "message_retention_duration": {"seconds": 900}},
                 "update_mask": {"paths": ["message_retention_duration"]}}, timeout=TIMEOUT)
    fetched = publisher.get_topic(request={"topic": topic}, timeout=TIMEOUT)
    checks.expect(updated.message_retention_duration.total_seconds() == 900
                  and fetched.message_retention_duration.total_seconds() == 900
                  and dict(fetched.labels) == {"team": "data"}, "update_topic changes only the masked field", fetched)
    for paths, what in [([], "without a mask"), (["messageRetentionDuration"], "with a JSON-style path"),
                        (["no_such_field"], "with an unknown field")]:
        try:
            publisher.update_topic(request={"topic": {"name": topic}, "update_mask": {"paths": paths}}, timeout=TIMEOUT)
            checks.expect(False, f"update_topic {what} raises InvalidArgument")
        except exceptions.InvalidArgument as error:
            checks.expect("update_mask" in str(error), f"update_topic {what} raises InvalidArgument", error)

    # A publish Google refuses is refused with its message, as over REST. Google's emulator accepts a
    # 'goog' attribute key and a 1025-byte ordering key, which the service refuses, so those two are ours.
    refused = [([{}], "Some messages are empty"), ([], "No messages to publish")]
    if checks.label == "ours":
        refused += [([{"data": b"x", "attributes": {"googx": "v"}}], "invalid attribute key 'googx'"),
                    ([{"data": b"x", "ordering_key": "k" * 1025}], "orderingKey is longer than 1024 bytes")]
    for messages, expected in refused:
        try:
            publisher.api.publish(request={"topic": topic, "messages": messages}, timeout=TIMEOUT)
            checks.expect(False, f"a publish refused with '{expected}'")
        except exceptions.InvalidArgument as error:
            checks.expect(expected in str(error), f"a publish refused with '{expected}'", error)

    # Many calls at once on the client's one channel, without the client's retries: a server that
    # enforces a stream limit it never advertised resets the connection and every call on it.
    calls = [publisher.api.transport.get_topic.future({"topic": topic}, timeout=TIMEOUT) for _ in range(300)]
    failures = []
    for call in calls:
        try:
            call.result()
        except Exception as error:  # grpc.RpcError: the status is what matters here
            failures.append(f"{error.code().name}: {error.details()}" if hasattr(error, "code") else repr(error))
    checks.expect(not failures, "300 calls at once on one channel all succeed",
                  f"{len(failures)} failed, first: {failures[:1]}")

    # Publish with attributes and an ordering key; unary pull and ack.
    ordered = pubsub_v1.PublisherClient(publisher_options=pubsub_v1.types.PublisherOptions(enable_message_ordering=True))
    message_id = publisher.publish(topic, b"hello", origin="python", kind="greeting").result(timeout=TIMEOUT)
    ordered.publish(topic, b"first", ordering_key="customer-7").result(timeout=TIMEOUT)
    pulled = subscriber.pull(request={"subscription": subscription, "max_messages": 10}, timeout=TIMEOUT)
    by_data = {m.message.data: m for m in pulled.received_messages}
    hello = by_data.get(b"hello")
    checks.expect(hello is not None and hello.message.message_id == message_id
                  and dict(hello.message.attributes) == {"origin": "python", "kind": "greeting"},
                  "publish with attributes, then unary pull", pulled)
    checks.expect(b"first" in by_data and by_data[b"first"].message.ordering_key == "customer-7",
                  "the ordering key comes back")
    subscriber.acknowledge(request={"subscription": subscription,
                                    "ack_ids": [m.ack_id for m in pulled.received_messages]}, timeout=TIMEOUT)
    after = subscriber.pull(request={"subscription": subscription, "max_messages": 10, "return_immediately": True},
                            timeout=TIMEOUT)
    checks.expect(len(after.received_messages) == 0, "acked messages are gone", after)

    # Across protocols, both ways.
    rest(base, "POST", f"projects/{PROJECT}/topics/orders:publish",
         {"messages": [{"data": base64.b64encode(b"over rest").decode(), "attributes": {"via": "rest"}}]})
    pulled = subscriber.pull(request={"subscription": subscription, "max_messages": 10}, timeout=TIMEOUT)
    checks.expect([(m.message.data, dict(m.message.attributes)) for m in pulled.received_messages]
                  == [(b"over rest", {"via": "rest"})], "published over REST, pulled over gRPC", pulled)
    subscriber.acknowledge(request={"subscription": subscription,
                                    "ack_ids": [m.ack_id for m in pulled.received_messages]}, timeout=TIMEOUT)
    publisher.publish(topic, b"over grpc", via="grpc").result(timeout=TIMEOUT)
    answer = rest(base, "POST", f"projects/{PROJECT}/subscriptions/orders-sink:pull", {"maxMessages": 10})
    received = answer.get("receivedMessages", [])
    checks.expect([(base64.b64decode(m["message"]["data"]), m["message"].get("attributes")) for m in received]
                  == [(b"over grpc", {"via": "grpc"})], "published over gRPC, pulled over REST", answer)
    rest(base, "POST", f"projects/{PROJECT}/subscriptions/orders-sink:acknowledge",
         {"ackIds": [m["ackId"] for m in received]})

    # subscribe(): streaming pull with acks.
    count = 20
    for i in range(count):
        publisher.publish(topic, f"stream {i}".encode(), n=str(i))
    publisher.stop()  # flushes the batch
    seen = set()
    lock = threading.Lock()
    done = threading.Event()

    def callback(message):
        with lock:
            seen.add(message.data)
            if len(seen) >= count:
                done.set()
        message.ack()

    future = subscriber.subscribe(subscription, callback=callback)
    done.wait(TIMEOUT)
    future.cancel()
    try:
        future.result(timeout=TIMEOUT)
    except Exception:  # the future of a cancelled stream may end with the cancellation
        pass
    checks.expect(seen == {f"stream {i}".encode() for i in range(count)}, "subscribe() receives every message",
                  f"{len(seen)} of {count}")
    leftover = []
    for _ in range(20):  # acks go out in the background: give them a moment to land
        time.sleep(0.25)
        leftover = subscriber.pull(request={"subscription": subscription, "max_messages": 100,
                                            "return_immediately": True}, timeout=TIMEOUT).received_messages
        if not leftover:
            break
        subscriber.modify_ack_deadline(request={"subscription": subscription, "ack_ids": [m.ack_id for m in leftover],
                                                "ack_deadline_seconds": 0}, timeout=TIMEOUT)
    checks.expect(not leftover, "messages acked in subscribe() are not redelivered", len(leftover))

    # Delivery semantics, each on a topic of its own (the first publisher was stopped above).
    second = pubsub_v1.PublisherClient()
    delivery.nack_redelivers(second, subscriber, PROJECT, checks)
    delivery.lease_is_extended(second, subscriber, PROJECT, checks)
    delivery.redelivered_after_deadline(second, subscriber, PROJECT, checks)
    delivery.dead_lettered(second, subscriber, PROJECT, checks)
    second.stop()
    delivery.ordered_per_key(pubsub_v1.types.PublisherOptions(enable_message_ordering=True), subscriber, PROJECT, checks)

    # Clean up.
    subscriber.delete_subscription(request={"subscription": subscription}, timeout=TIMEOUT)
    publisher.delete_topic(request={"topic": topic}, timeout=TIMEOUT)
    names = [t.name for t in publisher.list_topics(request={"project": f"projects/{PROJECT}"}, timeout=TIMEOUT)]
    checks.expect(names == [], "delete_subscription and delete_topic", names)
    subscriber.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--google", default="none", help="'auto' also runs the scenario against gcloud's emulator")
    args = parser.parse_args()
    results = []
    started = time.monotonic()
    ours = Checks("ours")
    with EmulatorProcess(args.binary, extra_args=["--grpc-port", "0"]) as emulator:
        run(emulator.url, grpc_port(emulator), ours)
    results.append(ours)
    print(f"ours took {time.monotonic() - started:.1f}s")
    if args.google == "auto":
        process, url, port = parity.start_google_emulator()
        if process is None:
            print(f"NOTE: Google's Pub/Sub emulator is not available ({url}); ours ran alone.")
        else:
            google = Checks("google")
            started = time.monotonic()
            try:
                run(url, port, google)
            finally:
                parity.stop_process(process)
            results.append(google)
            print(f"google took {time.monotonic() - started:.1f}s")
    for checks in results:
        print(f"pubsub-grpc [{checks.label}]: {checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if any(checks.failed for checks in results) else 0)


if __name__ == "__main__":
    main()
