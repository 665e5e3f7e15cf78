#!/usr/bin/env python3
"""Library aggregates over running window frames, two builds side by side.

Each query computes an aggregate the library registers as a window function (STDDEV_POP, BIT_XOR,
LOGICAL_OR, APPROX_TOP_COUNT, STRING_AGG) over `ORDER BY x ROWS UNBOUNDED PRECEDING` on --rows rows,
and SQLite's own SUM the same way as the yardstick. Both emulators run at once (in-memory); the
queries alternate between them for --rounds rounds, so both see the same machine. Prints the median
seconds per query and the ratio after/before. A directory holds a `warehouse` built with
`swift build -c release`.

    bench/window-frames/compare.py --before /tmp/win-before --after .build/release [--rows 10000] [--rounds 3]
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from emulator_process import EmulatorProcess  # noqa: E402

# name: (the aggregate over the frame, what the outer query keeps of its values)
AGGREGATES = {
    "SUM (SQLite)": ("SUM(x)", "MAX(v)"),
    "STDDEV_POP": ("STDDEV_POP(x)", "MAX(v)"),
    "BIT_XOR": ("BIT_XOR(x)", "MAX(v)"),
    "LOGICAL_OR": ("LOGICAL_OR(x < 0)", "LOGICAL_OR(v)"),
    "APPROX_TOP_COUNT": ("APPROX_TOP_COUNT(MOD(x, 3), 2)", "MAX(ARRAY_LENGTH(v))"),
    "STRING_AGG": ("STRING_AGG(CAST(MOD(x, 10) AS STRING), '')", "MAX(LENGTH(v))"),
}


def query(url, sql):
    body = json.dumps({"query": sql, "useLegacySql": False, "timeoutMs": 600000}).encode()
    request = urllib.request.Request(f"{url}/bigquery/v2/projects/bench-project/queries", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=900) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        sys.exit(f"{error.code} for {sql}: {error.read().decode()[:500]}")
    elapsed = time.perf_counter() - started
    if not answer.get("jobComplete"):
        sys.exit(f"query did not complete: {sql}")
    return elapsed, answer["rows"][0]["f"][0]["v"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="release directory of the build to compare against")
    parser.add_argument("--after", required=True, help="release directory of the build under test")
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with EmulatorProcess(os.path.join(args.before, "warehouse")) as before, \
            EmulatorProcess(os.path.join(args.after, "warehouse")) as after:
        urls = {"before": before.url, "after": after.url}
        times = {(name, side): [] for name in AGGREGATES for side in urls}
        for round_ in range(1, args.rounds + 1):
            for name, (aggregate, kept) in AGGREGATES.items():
                sql = (f"SELECT {kept} FROM (SELECT {aggregate} OVER (ORDER BY x ROWS UNBOUNDED PRECEDING) AS v "
                       f"FROM UNNEST(GENERATE_ARRAY(1, {args.rows})) AS x)")
                answers = {}
                for side, url in urls.items():
                    elapsed, answers[side] = query(url, sql)
                    times[(name, side)].append(elapsed)
                if answers["before"] != answers["after"]:
                    sys.exit(f"{name}: the builds disagree: {answers}")
            print(f"round {round_} done (load {open('/proc/loadavg').read().split()[0]})", flush=True)
    print(f"\nmedian seconds per query over {args.rounds} rounds, {args.rows} rows, running frame:")
    print("| aggregate | before | after | after/before |\n|---|---|---|---|")
    for name in AGGREGATES:
        b, a = (statistics.median(times[(name, side)]) for side in ("before", "after"))
        print(f"| {name} | {b:.3f} | {a:.3f} | {a / b:.3f} |")


if __name__ == "__main__":
    main()
