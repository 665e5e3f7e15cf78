#!/usr/bin/env python3
"""The parameterized LIMIT 10 query's latency, two builds side by side (issue #15: it must not regress).

Runs `BigQueryClientBench` (insertAll of --rows rows, then --queries parameterized LIMIT 10 queries, one
at a time, in-memory emulator) from each of two release directories, alternating A, B, A, B, ... for
--rounds rounds, so both see the same machine. Prints each run and the medians of p50 and p99 with the
ratio B/A. A directory holds `warehouse` and `BigQueryClientBench` built with `swift build -c release`.

    bench/query-latency/compare.py --before /tmp/before-rel --after .build/release [--rounds 8]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

LINE = re.compile(r"query \(parameterized, LIMIT 10\) x(\d+): p50 ([\d.]+) ms, p99 ([\d.]+) ms")


def run(directory, rows, queries):
    command = [os.path.join(directory, "BigQueryClientBench"), "--emulator", os.path.join(directory, "warehouse"),
               "--rows", str(rows), "--queries", str(queries), "--concurrency", "1", "--storage", "memory"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True).stdout
    match = LINE.search(output)
    if not match:
        sys.exit(f"no query latency line in the output of {' '.join(command)}:\n{output}")
    return float(match.group(2)), float(match.group(3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="release directory of the build to compare against")
    parser.add_argument("--after", required=True, help="release directory of the build under test")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=3000)
    args = parser.parse_args()
    results = {"before": [], "after": []}
    for round_ in range(1, args.rounds + 1):
        for side in ("before", "after"):
            p50, p99 = run(getattr(args, side), args.rows, args.queries)
            results[side].append((p50, p99))
            load = open("/proc/loadavg").read().split()[0]
            print(f"round {round_} {side:6}  p50 {p50:.2f} ms  p99 {p99:.2f} ms  (load {load})", flush=True)
    medians = {side: tuple(statistics.median(r[i] for r in runs) for i in (0, 1)) for side, runs in results.items()}
    print(f"\nmedians over {args.rounds} rounds, {args.queries} queries each:")
    for index, name in ((0, "p50"), (1, "p99")):
        before, after = medians["before"][index], medians["after"][index]
        print(f"  {name}: before {before:.2f} ms, after {after:.2f} ms, after/before {after / before:.2f}")


if __name__ == "__main__":
    main()
