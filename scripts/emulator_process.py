"""Starts `warehouse emulator` on a free loopback port for scripts and benchmarks."""
import os
import re
import subprocess
import tempfile
import time


class EmulatorProcess:
    """`with EmulatorProcess(binary) as emulator:` gives `emulator.url`; stops the process on exit."""

    def __init__(self, binary, db_path=None, extra_args=()):
        self.binary = binary
        self.db_path = db_path
        self.extra_args = list(extra_args)
        self.process = None
        self.url = None
        self._log = None

    def __enter__(self):
        args = [self.binary, "emulator", "--port", "0", "--log-level", "warning"] + self.extra_args
        if self.db_path:
            args += ["--db", self.db_path]
        self._log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._log, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"listening on (http://[0-9.]+:[0-9]+)", line)
            if match:
                self.url = match.group(1)
                return self
        self.__exit__(None, None, None)
        self._log.seek(0)
        raise RuntimeError("emulator did not start: " + self._log.read())

    @property
    def pid(self):
        return self.process.pid

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return False


def default_binary():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(os.path.dirname(here), ".build", "debug", "warehouse")
