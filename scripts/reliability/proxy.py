"""A loopback TCP proxy the fault suite switches between working and unreachable, so a dependency can
be made to disappear (and come back) without restarting anything on either side of it.

Modes:
  pass       bytes are relayed both ways (the default);
  refuse     the listening socket is closed, so new connections are refused (ECONNREFUSED), and the
             connections already open (clients pool them) are reset: what a host that is down looks like;
  blackhole  connections are accepted and whatever is sent is read and never answered, and the
             connections already open stop relaying: what a network partition looks like to a client
             (it waits for its own timeout). Leaving the mode resets what it held, so a request sent
             into the hole is never delivered late.

Every switch away from `pass` cuts the relayed connections at once: a pooled keep-alive connection
must not keep a dependency reachable that is meant to be gone.
"""

import socket
import struct
import threading

PASS, REFUSE, BLACKHOLE = "pass", "refuse", "blackhole"


def _reset(sock):
    """Closes with RST (SO_LINGER 0) rather than FIN, as a crashed or unreachable peer would; a thread
    blocked reading the socket wakes up (shutdown of the read side), which close() alone does not do."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RD)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class _Relay:
    """A client connection and its upstream connection, relayed both ways by two threads."""

    def __init__(self, client, upstream):
        self.client, self.upstream = client, upstream
        self.finished = 0
        self.cut = False


class Proxy:
    """`Proxy(upstream_port)`: listens on 127.0.0.1 (a free port unless `port` is given) and relays to
    127.0.0.1:`upstream_port`. `.endpoint` is host:port for `--pubsub-endpoint` / `--bigquery-endpoint`."""

    def __init__(self, upstream_port, port=0, name="proxy"):
        self.upstream_port = upstream_port
        self.name = name
        self.mode = PASS
        self._lock = threading.Lock()
        self._relays = set()      # _Relay objects being relayed
        self._held = set()        # blackholed client sockets
        self._listener = None
        self.port = port
        self._listen()
        self.connections = 0      # accepted, for the report

    @property
    def endpoint(self):
        return f"127.0.0.1:{self.port}"

    def _listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(256)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True, name=f"{self.name}-accept").start()

    def _stop_listening(self):
        listener, self._listener = self._listener, None
        if listener is None:
            return
        try:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        listener.close()

    def set_mode(self, mode):
        assert mode in (PASS, REFUSE, BLACKHOLE)
        with self._lock:
            previous, self.mode = self.mode, mode
            relays, self._relays = self._relays, set()
            held, self._held = self._held, set()
        if mode != PASS:
            for relay in relays:
                relay.cut = True
                _reset(relay.client)
                _reset(relay.upstream)
        else:
            # Back to work: relays opened during pass keep going; anything held is reset unread.
            with self._lock:
                self._relays |= relays
        for client in held:
            _reset(client)
        if mode == REFUSE and previous != REFUSE:
            self._stop_listening()
        elif mode != REFUSE and previous == REFUSE:
            self._listen()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self.connections += 1
            with self._lock:
                mode = self.mode
                if mode == BLACKHOLE:
                    self._held.add(client)
            if mode == BLACKHOLE:
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
            elif mode == REFUSE:
                _reset(client)
            else:
                threading.Thread(target=self._open, args=(client,), daemon=True).start()

    def _swallow(self, client):
        try:
            while client.recv(65536):
                pass
        except OSError:
            pass

    def _open(self, client):
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            upstream.settimeout(None)
        except OSError:
            _reset(client)  # the upstream is down: the client sees a reset, as from a dead host
            return
        relay = _Relay(client, upstream)
        with self._lock:
            admitted = self.mode == PASS
            if admitted:
                self._relays.add(relay)
        if not admitted:
            _reset(client)
            _reset(upstream)
            return
        threading.Thread(target=self._pump, args=(relay, client, upstream), daemon=True).start()
        threading.Thread(target=self._pump, args=(relay, upstream, client), daemon=True).start()

    def _pump(self, relay, source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
            if not relay.cut:
                target.shutdown(socket.SHUT_WR)  # pass the end of one direction on, as TCP does
        except OSError:
            pass
        with self._lock:
            relay.finished += 1
            done = relay.finished == 2 and not relay.cut
            if done:
                self._relays.discard(relay)
        if done:
            relay.client.close()
            relay.upstream.close()

    def close(self):
        self.set_mode(REFUSE)
