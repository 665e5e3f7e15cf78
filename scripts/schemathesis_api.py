"""schemathesis against the API's own /openapi.yaml, bounded and seeded, on `warehouse serve`.

Two runs, one after the other:
1. a `warehouse api` with API keys, beside `warehouse serve` and on its emulator, called with an
   ingest+read key in X-API-Key, so the routes are exercised rather than only their 401s, and the
   `ignored_auth` check sends requests without the key (and with a wrong one) to see the documented 401;
2. `warehouse serve`'s own API, which listens without keys, as a newcomer runs it.

Checks: not_a_server_error, status_code_conformance, content_type_conformance,
response_headers_conformance, response_schema_conformance, negative_data_rejection (a request the
document says is invalid must be refused), unsupported_method (405 for a method a path does not
have; 413 counts as a refusal, see schemathesis.toml), and ignored_auth on run 1. Not positive_data_acceptance: the document cannot say every
refusal of a schema-valid request (a pageToken this API did not issue, a window whose `to` is not
after `from`, an occurred_at that is text but not a time), so it would count correct 400s as failures.

Usage: schemathesis_api.py WAREHOUSE_BINARY [--seconds 45] [--max-examples 25] [--seed 11]
Run with the python of scripts/python-env (it has schemathesis, pinned in scripts/requirements.txt).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import APIProcess, ServeProcess  # noqa: E402

# Made up for this run on loopback; `warehouse api` wants 16 characters or more.
KEY = "schemathesis-ingest-read-0001"
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
          "response_schema_conformance", "negative_data_rejection", "unsupported_method"]


def schemathesis(api, folder, args, checks, headers=()):
    """One bounded run; returns (exit code, seconds, test cases generated). Its output is shown as it
    comes and read for the count."""
    config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemathesis.toml")
    command = [os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--config-file", config, "run", f"{api}/openapi.yaml",
               "--checks", ",".join(checks), "--max-examples", str(args.max_examples), "--seed", str(args.seed),
               "--max-time", str(args.seconds), "--request-timeout", "20", "--workers", "2", "--wait-for-schema", "30",
               "--suppress-health-check", "too_slow"]
    for header in headers:
        command += ["--header", header]
    started = time.time()
    # Its working files (.hypothesis) go to the scratch folder, not the repository.
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=dict(os.environ, NO_COLOR="1", SCHEMATHESIS_TELEMETRY="false"))
    generated = None
    timer = threading.Timer(args.seconds + 240, process.kill)
    timer.start()
    try:
        for line in process.stdout:
            print(line, end="", flush=True)
            match = re.match(r"\s*(\d+) generated", line)
            if match:
                generated = int(match.group(1))
        code = process.wait()
    finally:
        timer.cancel()
    return code, time.time() - started, generated


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=45, help="time budget of each of the two runs")
    parser.add_argument("--max-examples", type=int, default=25, help="test cases per operation and phase")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", metavar="PATH", help="also write each run's result here (scripts/reliability/bad_input.py reads it)")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="schemathesis-")
    results = []
    with ServeProcess(args.binary, folder) as serve:
        # A rate limit out of reach: the run is to exercise the routes (429 is covered by Tests/APITests).
        with APIProcess(args.binary, folder, serve.emulator, f"{KEY}:ingest+read",
                        extra_env={"WAREHOUSE_RATE_LIMIT": "100000", "WAREHOUSE_RATE_BURST": "100000"}) as api:
            print(f"== schemathesis: warehouse api with keys ({api.api}), beside warehouse serve", flush=True)
            results.append(("api with keys", *schemathesis(api.api, folder, args, CHECKS + ["ignored_auth"],
                                                           headers=[f"X-API-Key: {KEY}"])))
        print(f"== schemathesis: warehouse serve's API, no keys ({serve.api})", flush=True)
        results.append(("serve", *schemathesis(serve.api, folder, args, CHECKS)))
    summary = ", ".join(f"{name}: {'ok' if code == 0 else f'exit {code}'}, {generated} cases in {seconds:.0f} s"
                        for name, code, seconds, generated in results)
    print(f"schemathesis (seed {args.seed}, {args.max_examples} examples per operation, {args.seconds} s a run): {summary}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"seed": args.seed, "max_examples": args.max_examples, "seconds_per_run": args.seconds,
                       "runs": [{"name": name, "exit": code, "seconds": round(seconds, 1), "cases": generated}
                                for name, code, seconds, generated in results]}, out, indent=1)
    return 0 if all(code == 0 for _, code, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
