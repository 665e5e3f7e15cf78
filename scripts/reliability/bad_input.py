#!/usr/bin/env python3
"""The bad-input suite: every route of the API and of the emulator fed what an attacker or a broken
client sends, and each answer judged. One command; it writes its section of docs/reliability.md.

Runs, one after the other, each in its own processes on loopback:
- scripts/http_fuzz.py against `warehouse emulator` (open, then with --require-auth) and against the
  API's routes (`warehouse serve` without keys, then a `warehouse api` with keys): malformed, truncated,
  oversized and deeply nested JSON, invalid UTF-8, NUL-laden strings, wrong JSON types in every field,
  huge numbers, abused paths, bad methods and headers, and on /getData a SQL-injection corpus in every
  parameter and forged page tokens. Each fails on a 5xx, a crash, a hang, RSS growth past its bound, a
  request taken that must be refused, or (for the API) the seeded rows changed.
- scripts/schemathesis_api.py: schemathesis against the API's /openapi.yaml (with keys, then serve's
  keyless API), seeded and bounded.

A run passes when its tool passes; the suite prints `N passed, N failed` and exits non-zero on any
failure. --quick uses the budgets CI runs (scripts/test.d/bad-input, about 4 minutes); the full mode
runs each several times longer and schemathesis with 100 examples per operation (about 15 minutes).

Usage (with the python of scripts/python-env, which has schemathesis):
  scripts/reliability/bad_input.py [--quick] [--binary .build/debug/warehouse] [--only NAME,NAME]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import report  # noqa: E402

SUITE = "bad-input"

# name, what it sends, http_fuzz.py arguments, seconds (quick, full)
FUZZ_RUNS = [
    ("emulator-open", "every emulator route (BigQuery v2, Pub/Sub v1, /token, /emulator/v1, discovery), no auth",
     ["--target", "emulator"], (45, 300)),
    ("emulator-auth", "every emulator route with --require-auth: also requests without or with forged tokens",
     ["--target", "emulator", "--require-auth"], (20, 120)),
    ("api-serve", "every API route on `warehouse serve` (no keys), SQL injection in every /getData parameter",
     ["--target", "api"], (15, 120)),
    ("api-keys", "every API route on a `warehouse api` with keys: also missing, wrong and under-scoped keys",
     ["--target", "api", "--require-auth"], (15, 120)),
]
# seconds per run, examples per operation (quick, full)
SCHEMATHESIS = {"quick": (45, 25), "full": (180, 100)}


def run_fuzz(python, binary, name, arguments, seconds, folder):
    summary_path = os.path.join(folder, f"{name}.json")
    command = [python, os.path.join(ROOT, "scripts", "http_fuzz.py"), "--binary", binary, "--seconds", str(seconds),
               "--json", summary_path, *arguments]
    started = time.monotonic()
    code = subprocess.run(command, timeout=seconds + 600).returncode
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {}
    statuses = summary.get("statuses", {})
    answers = {"2xx": 0, "4xx": 0, "other": 0}
    for status, count in statuses.items():
        key = f"{status[0]}xx" if status.isdigit() and status[0] in "24" else "other"
        answers[key] += count
    return {"passed": code == 0, "exit": code, "seconds": round(time.monotonic() - started),
            "requests": summary.get("requests"), "answers": answers,
            "fivexx": sum(count for status, count in statuses.items() if status.isdigit() and status.startswith("5")),
            "rss_mb": summary.get("rss_mb"), "failures": summary.get("failures", [])[:5]}


def run_schemathesis(python, binary, mode, folder):
    seconds, examples = SCHEMATHESIS[mode]
    summary_path = os.path.join(folder, "schemathesis.json")
    command = [python, os.path.join(ROOT, "scripts", "schemathesis_api.py"), binary, "--seconds", str(seconds),
               "--max-examples", str(examples), "--json", summary_path]
    started = time.monotonic()
    code = subprocess.run(command, timeout=2 * seconds + 900).returncode
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {"runs": []}
    cases = [run.get("cases") for run in summary["runs"]]
    return {"passed": code == 0, "exit": code, "seconds": round(time.monotonic() - started),
            "requests": sum(c for c in cases if c) if any(cases) else None,
            "runs": summary["runs"], "examples_per_operation": examples}


def section(results, mode):
    lines = [f"## Bad input (`scripts/reliability/bad_input.py`)", "",
             "Every route of the API and of the emulator, fed malformed and hostile requests; each run "
             "fails on a 5xx, a crash, a hang, memory growing past its bound, or a request taken that "
             "must be refused. Counts are requests sent (schemathesis: test cases generated).", ""]
    for shown_mode in ("quick", "full"):
        runs = results.get(shown_mode)
        if not runs:
            continue
        lines += [f"### {shown_mode} mode", "",
                  "| run | what it sends | requests | answers 2xx / 4xx / other | 5xx | RSS MB after seeding → end (peak) | seconds | result | when |",
                  "|---|---|---:|---|---:|---|---:|---|---|"]
        for name, result in runs.items():
            answers = result.get("answers")
            rss = result.get("rss_mb")
            lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                name, result["what"], result.get("requests") if result.get("requests") is not None else "?",
                f"{answers['2xx']} / {answers['4xx']} / {answers['other']}" if answers else "—",
                result.get("fivexx", 0) if answers else "—",
                f"{rss['after_seeding']} → {rss['end']} ({rss['peak']})" if rss else "—",
                result["seconds"], "**passed**" if result["passed"] else "**FAILED**",
                f"{result['when']}, {result['commit']}"))
        lines.append("")
    lines.append("\"other\" answers are connections the server closed or left open on purpose-made incomplete "
                 "requests (not judged unless an idle timeout is asked for). schemathesis checks every answer "
                 "against the document: status codes, content types, headers and bodies, that what the "
                 "document calls invalid is refused, 405 for methods a path lacks, and 401 without a key.")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI's budgets")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "warehouse"))
    parser.add_argument("--only", default="", help="comma-separated run names: " +
                        ", ".join([name for name, *_ in FUZZ_RUNS] + ["schemathesis"]))
    parser.add_argument("--no-report", action="store_true", help="do not rewrite docs/reliability.md")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    only = {name for name in args.only.split(",") if name}
    python = sys.executable
    folder = tempfile.mkdtemp(prefix="bad-input-")
    results = {}
    for name, what, arguments, budgets in FUZZ_RUNS:
        if only and name not in only:
            continue
        print(f"== {name}: {what}", flush=True)
        results[name] = dict(run_fuzz(python, args.binary, name, arguments, budgets[0 if args.quick else 1], folder), what=what)
    if not only or "schemathesis" in only:
        print("== schemathesis: the API's /openapi.yaml", flush=True)
        results["schemathesis"] = dict(run_schemathesis(python, args.binary, mode, folder),
                                       what=f"schemathesis, {SCHEMATHESIS[mode][1]} examples per operation, with keys and without")

    stamp = {"when": report.now(), "commit": report.commit()}
    print()
    for name, result in results.items():
        result.update(stamp)
        detail = f"{result.get('requests')} requests" if name != "schemathesis" else f"{result.get('requests')} cases"
        print(f"{'passed' if result['passed'] else 'FAILED'}  {name}: {detail} in {result['seconds']} s"
              + (f", 5xx {result['fivexx']}, RSS {result['rss_mb']['after_seeding']} → {result['rss_mb']['end']} MB"
                 if result.get("rss_mb") else ""))
        for failure in result.get("failures", []):
            print(f"    {failure}")
    passed = sum(1 for result in results.values() if result["passed"])
    failed = len(results) - passed
    print(f"bad-input ({mode}): {passed} passed, {failed} failed")

    if not args.no_report:
        data = report.load(SUITE)
        data.setdefault(mode, {}).update(results)
        report.write_section(SUITE, section(data, mode), data)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
