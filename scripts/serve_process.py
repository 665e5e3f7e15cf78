"""Starts `warehouse serve` (and, beside it, `warehouse api` with API keys) on free loopback ports for
scripts: the addresses are read from what the processes print, so nothing guesses a free port.

`ServeProcess(binary, folder)` gives `.api` and `.emulator` (URLs); `.stop()` is a Ctrl-C with its
drain time, `.kill()` a SIGKILL. `APIProcess(binary, emulator_url, keys)` runs `warehouse api` against
that emulator with WAREHOUSE_API_KEYS, so the key checks (401, 403) can be exercised too: `serve`
itself listens without keys.
"""

import os
import re
import signal
import subprocess
import time

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "events.json")


def resident_mib(pid):
    """The process's resident memory now (VmRSS) in MiB, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class ChildProcess:
    """A child process whose stdout is read until a line matches each pattern in `announcements`
    (none: it is not waited for); its stderr goes to `log_path`. `.urls` holds what the patterns captured."""

    def __init__(self, args, log_path, announcements, env=None, seconds=120):
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, env=env)
        found = {}
        deadline = time.time() + seconds
        while len(found) < len(announcements):
            line = self.process.stdout.readline().decode()
            if not line:
                raise RuntimeError(f"{args[1]} exited before it listened (see {log_path})")
            for name, pattern in announcements.items():
                match = re.search(pattern, line)
                if match:
                    found[name] = match.group(1)
            if time.time() > deadline:
                self.kill()
                raise RuntimeError(f"{args[1]} did not announce its addresses within {seconds} s")
        self.urls = found

    @property
    def pid(self):
        return self.process.pid

    def stop(self, seconds=30):
        """Ctrl-C, and the time the drain took."""
        start = time.time()
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=seconds)
        return code, time.time() - start

    def kill(self):
        """SIGKILL: no drain, no flush."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        return False


class ServeProcess(ChildProcess):
    """`warehouse serve --port 0 --emulator-port 0` on the SQLite file `folder/w.sqlite`."""

    def __init__(self, binary, folder, schema=SCHEMA, extra_args=(), env=None):
        args = [binary, "serve", "--port", "0", "--emulator-port", "0", "--db", os.path.join(folder, "w.sqlite"),
                "--schema", schema, "--log-level", "warning", *extra_args]
        super().__init__(args, os.path.join(folder, "serve.log"),
                         {"api": r"API on (http://[0-9.]+:[0-9]+)", "emulator": r"emulator on (http://[0-9.]+:[0-9]+)"}, env=env)
        self.api = self.urls["api"]
        self.emulator = self.urls["emulator"]


class APIProcess(ChildProcess):
    """`warehouse api --port 0` with `keys` (WAREHOUSE_API_KEYS form) against the emulator at `emulator`."""

    def __init__(self, binary, folder, emulator, keys, schema=SCHEMA, extra_env=None):
        host = emulator.split("://", 1)[1]
        env = dict(os.environ, WAREHOUSE_API_KEYS=keys, PUBSUB_EMULATOR_HOST=host, BIGQUERY_EMULATOR_HOST=host,
                   **(extra_env or {}))
        args = [binary, "api", "--port", "0", "--schema", schema, "--log-level", "warning"]
        super().__init__(args, os.path.join(folder, "api.log"), {"api": r"listening on (http://[0-9.]+:[0-9]+)"}, env=env)
        self.api = self.urls["api"]
