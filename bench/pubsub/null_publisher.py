#!/usr/bin/env python3
"""A Pub/Sub gRPC server that stores nothing: it answers CreateTopic with the topic it was sent and
Publish with one id per message, at once. Publishing through Google's Python client against it shows
the client's own ceiling on this machine: no server, ours or Google's, can look faster than that
through the same client. grpc_bench.py --null runs it as a third target.

  python bench/pubsub/null_publisher.py PORT      # serves on 127.0.0.1:PORT until SIGTERM

Only these two methods are served; any other answers UNIMPLEMENTED. Run with the python of
scripts/python-env (grpcio and google-cloud-pubsub's protobuf types).
"""
import signal
import sys
import threading
from concurrent import futures

import grpc
from google.pubsub_v1.types import pubsub

PUBLISH_REQUEST = pubsub.PublishRequest.pb()
PUBLISH_RESPONSE = pubsub.PublishResponse.pb()


class Ids:
    """Message ids as a server gives them: distinct and increasing, safe across the server's threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.next = 1

    def take(self, count):
        with self.lock:
            first, self.next = self.next, self.next + count
        return [str(n) for n in range(first, first + count)]


def handlers(ids):
    def create_topic(request, _context):
        return request  # a Topic in, the same Topic out: the bytes are already its answer

    def publish(request, _context):
        count = len(PUBLISH_REQUEST.FromString(request).messages)
        return PUBLISH_RESPONSE(message_ids=ids.take(count)).SerializeToString()

    methods = {"CreateTopic": create_topic, "Publish": publish}
    return grpc.method_handlers_generic_handler("google.pubsub.v1.Publisher", {
        name: grpc.unary_unary_rpc_method_handler(method) for name, method in methods.items()})


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: null_publisher.py PORT")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    server.add_generic_rpc_handlers((handlers(Ids()),))
    if server.add_insecure_port(f"127.0.0.1:{sys.argv[1]}") == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{sys.argv[1]}")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    server.start()
    stopped.wait()
    server.stop(grace=1)


if __name__ == "__main__":
    main()
