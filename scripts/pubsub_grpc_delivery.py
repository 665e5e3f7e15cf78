"""Delivery semantics through Google's Python client over gRPC, for scripts/pubsub_grpc_client.py:
nack and redelivery in subscribe(), lease extension by the client's lease manager, redelivery after
an ack deadline runs out, dead-lettering with delivery_attempt, and ordering keys delivered in order.

Each scenario makes its own topic and subscriptions (names prefixed by the scenario) and deletes
them, and every wait is bounded.
"""
import threading
import time

TIMEOUT = 30


class Scenario:
    """A topic with one subscription made with `settings` (and any `also_subscription`); deleted on exit."""

    def __init__(self, publisher, subscriber, project, name, **settings):
        self.publisher, self.subscriber = publisher, subscriber
        self.topic = publisher.topic_path(project, name)
        self.subscription = subscriber.subscription_path(project, f"{name}-sub")
        self.extra = []
        publisher.create_topic(request={"name": self.topic}, timeout=TIMEOUT)
        subscriber.create_subscription(request={"name": self.subscription, "topic": self.topic, **settings}, timeout=TIMEOUT)

    def also_subscription(self, name, topic):
        path = self.subscriber.subscription_path(self.topic.split("/")[1], name)
        self.subscriber.create_subscription(request={"name": path, "topic": topic}, timeout=TIMEOUT)
        self.extra.append(path)
        return path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for path in [self.subscription, *self.extra]:
            self.subscriber.delete_subscription(request={"subscription": path}, timeout=TIMEOUT)
        self.publisher.delete_topic(request={"topic": self.topic}, timeout=TIMEOUT)
        return False


def streaming(subscriber, subscription, callback, until, flow_control=None):
    """Runs subscribe() until `until` is set (or TIMEOUT), then cancels the stream."""
    options = {"flow_control": flow_control} if flow_control else {}
    future = subscriber.subscribe(subscription, callback=callback, **options)
    until.wait(TIMEOUT)
    future.cancel()
    try:
        future.result(timeout=TIMEOUT)
    except Exception:  # a cancelled stream's future may end with the cancellation
        pass


def pull_now(subscriber, subscription, count=100):
    return subscriber.pull(request={"subscription": subscription, "max_messages": count, "return_immediately": True},
                           timeout=TIMEOUT).received_messages


def nack_redelivers(publisher, subscriber, project, checks):
    """A nack in subscribe() hands the message back at once; it comes again and is acked."""
    with Scenario(publisher, subscriber, project, "nacked") as scenario:
        publisher.publish(scenario.topic, b"try again").result(timeout=TIMEOUT)
        deliveries = []
        done = threading.Event()

        def callback(message):
            deliveries.append(message.data)
            if len(deliveries) == 1:
                message.nack()
            else:
                message.ack()
                done.set()

        streaming(subscriber, scenario.subscription, callback, done)
        checks.expect(deliveries[:2] == [b"try again", b"try again"], "subscribe(): a nacked message is redelivered", deliveries)
        time.sleep(0.5)  # the ack goes out in the background
        checks.expect(not pull_now(subscriber, scenario.subscription), "subscribe(): the redelivered message, acked, is gone")


def lease_is_extended(publisher, subscriber, project, checks, hold_seconds=14):
    """A callback that holds a message past the 10 s ack deadline keeps it: the client's lease
    manager extends it over the stream, so it is neither redelivered nor given to another puller."""
    with Scenario(publisher, subscriber, project, "leased", ack_deadline_seconds=10) as scenario:
        publisher.publish(scenario.topic, b"slow work").result(timeout=TIMEOUT)
        deliveries = []
        stolen = []
        done = threading.Event()

        def callback(message):
            deliveries.append(message.data)
            if len(deliveries) > 1:
                return
            # Another puller, meanwhile, must get nothing.
            deadline = time.monotonic() + hold_seconds
            while time.monotonic() < deadline:
                stolen.extend(pull_now(subscriber, scenario.subscription))
                time.sleep(1)
            message.ack()
            done.set()

        streaming(subscriber, scenario.subscription, callback, done)
        checks.expect(deliveries == [b"slow work"] and not stolen,
                      f"subscribe(): a message held {hold_seconds} s past a 10 s deadline is leased, not redelivered",
                      f"deliveries {deliveries}, pulled by another {len(stolen)}")


def redelivered_after_deadline(publisher, subscriber, project, checks):
    """A message pulled and neither acked nor extended comes back once its 10 s deadline passes."""
    with Scenario(publisher, subscriber, project, "expired", ack_deadline_seconds=10) as scenario:
        publisher.publish(scenario.topic, b"forgotten").result(timeout=TIMEOUT)
        first = subscriber.pull(request={"subscription": scenario.subscription, "max_messages": 1}, timeout=TIMEOUT)
        checks.expect(len(first.received_messages) == 1, "pull leases the message")
        early = pull_now(subscriber, scenario.subscription)
        checks.expect(not early, "within its deadline it is not delivered again", early)
        again = []
        deadline = time.monotonic() + 20
        while not again and time.monotonic() < deadline:
            time.sleep(0.5)
            again = pull_now(subscriber, scenario.subscription)
        waited = 20 - (deadline - time.monotonic())
        checks.expect([m.message.data for m in again] == [b"forgotten"] and waited >= 9,
                      "redelivered after the 10 s ack deadline", f"after {waited:.1f} s: {again}")
        subscriber.acknowledge(request={"subscription": scenario.subscription, "ack_ids": [m.ack_id for m in again]},
                               timeout=TIMEOUT)


def dead_lettered(publisher, subscriber, project, checks, attempts=5):
    """With a dead-letter policy, delivery_attempt counts deliveries; after `attempts` nacks the
    message leaves for the dead-letter topic with Google's CloudPubSubDeadLetter* attributes."""
    topic = publisher.topic_path(project, "poison")
    dead_topic = publisher.topic_path(project, "poison-dead")
    publisher.create_topic(request={"name": dead_topic}, timeout=TIMEOUT)
    try:
        with Scenario(publisher, subscriber, project, "poison",
                      dead_letter_policy={"dead_letter_topic": dead_topic, "max_delivery_attempts": attempts}) as scenario:
            dead_subscription = scenario.also_subscription("poison-dead-sub", dead_topic)
            publisher.publish(topic, b"poison", origin="test").result(timeout=TIMEOUT)
            seen = []
            for _ in range(attempts):
                pulled = subscriber.pull(request={"subscription": scenario.subscription, "max_messages": 1},
                                         timeout=TIMEOUT).received_messages
                if not pulled:
                    break
                seen.append(pulled[0].delivery_attempt)
                subscriber.modify_ack_deadline(request={"subscription": scenario.subscription, "ack_ids": [pulled[0].ack_id],
                                                        "ack_deadline_seconds": 0}, timeout=TIMEOUT)
            checks.expect(seen == list(range(1, attempts + 1)), "delivery_attempt counts 1, 2, ... on each nack", seen)
            checks.expect(not pull_now(subscriber, scenario.subscription), f"after {attempts} attempts the message is gone")
            letters = subscriber.pull(request={"subscription": dead_subscription, "max_messages": 10},
                                      timeout=TIMEOUT).received_messages
            attributes = dict(letters[0].message.attributes) if letters else {}
            checks.expect(len(letters) == 1 and letters[0].message.data == b"poison" and attributes.get("origin") == "test"
                          and attributes.get("CloudPubSubDeadLetterSourceDeliveryCount") == str(attempts)
                          and attributes.get("CloudPubSubDeadLetterSourceSubscription") == "poison-sub",
                          "dead-lettered with its attributes and Google's CloudPubSubDeadLetter* ones", letters)
            if letters:
                subscriber.acknowledge(request={"subscription": dead_subscription, "ack_ids": [letters[0].ack_id]},
                                       timeout=TIMEOUT)
    finally:
        publisher.delete_topic(request={"topic": dead_topic}, timeout=TIMEOUT)


def ordered_per_key(publisher_options, subscriber, project, checks, keys=3, per_key=40):
    """With message ordering on, subscribe() gets each ordering key's messages in publish order."""
    from google.cloud import pubsub_v1
    ordered = pubsub_v1.PublisherClient(publisher_options=publisher_options)
    with Scenario(ordered, subscriber, project, "ordered", enable_message_ordering=True) as scenario:
        futures = [ordered.publish(scenario.topic, f"{key}:{n}".encode(), ordering_key=f"key-{key}")
                   for n in range(per_key) for key in range(keys)]
        for future in futures:
            future.result(timeout=TIMEOUT)
        received = {f"key-{key}": [] for key in range(keys)}
        lock = threading.Lock()
        done = threading.Event()

        def callback(message):
            with lock:
                received[message.ordering_key].append(int(message.data.decode().split(":")[1]))
                if sum(len(v) for v in received.values()) >= keys * per_key:
                    done.set()
            message.ack()

        streaming(subscriber, scenario.subscription, callback, done)
        in_order = all(values == list(range(per_key)) for values in received.values())
        checks.expect(in_order, f"subscribe(): {keys} ordering keys, each key's {per_key} messages in publish order",
                      {key: values[:8] for key, values in received.items()})
    ordered.stop()
