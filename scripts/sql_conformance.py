#!/usr/bin/env python3
"""GoogleSQL conformance: runs the cases in scripts/sql_conformance/*.sql through Google's Python
client (`client.query`) against our emulator and, with --peer, against the DuckDB-based bqemulator,
and compares the rows with the expected rows written from BigQuery's public documentation.

Case file format (one file per category; the file name is the category):

    -- case: concat_two_strings
    -- ordered                      (optional: row order matters)
    SELECT CONCAT('a', 'b') AS s
    -- expect: [{"s": "ab"}]        (JSON rows: objects check column names, arrays are positional)
    -- error: division by zero      (instead of expect: the job fails with a 400 naming this;
                                     `-- error 404: not found` for another status, as BigQuery's
                                     notFound (404) and duplicate (409) reasons give)
    -- affected: 3                  (optional: the job's numDmlAffectedRows)

`fx.<table>` names the fixture tables this runner creates (see sql_conformance_fixture.py); `{ds}` is replaced by a
dataset made for that case alone, so DDL and DML never disturb other cases.

--ci compares with scripts/sql_conformance/baseline.txt and fails if a baseline case now fails, or if
any query made the emulator answer a 5xx or die: it must answer every query with a result or a 4xx.
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "sql_conformance")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "bench", "bigquery"))
from emulator_process import EmulatorProcess, default_binary  # noqa: E402
from sql_conformance_cases import load_cases  # noqa: E402
from sql_conformance_compare import compare_rows  # noqa: E402
from sql_conformance_fixture import create_fixture  # noqa: E402

PROJECT = "sqlconf"
QUERY_TIMEOUT = 60


class Outcome:
    """One case on one emulator: passed, or why not; `fatal` marks a 5xx, a hang or a death."""

    def __init__(self, passed, detail="", fatal=False):
        self.passed, self.detail, self.fatal = passed, detail, fatal


def make_client(url):
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery
    return bigquery.Client(project=PROJECT, credentials=AnonymousCredentials(),
                           client_options=ClientOptions(api_endpoint=url))


def first_line(text):
    text = re.sub(r"^(GET|POST) \S+: ", "", str(text).strip())  # the client's request line
    return text.splitlines()[0][:300] if text else ""


class Target:
    """An emulator under test: starts it, loads the fixture, runs cases; restarts it if it dies."""

    def __init__(self, name, start):
        self.name, self._start = name, start
        self.stop = None
        self.client = None
        self.scratch = 0

    def up(self):
        url, self.stop, self.alive = self._start()
        self.client = make_client(url)
        create_fixture(self.client, PROJECT)

    def down(self):
        if self.stop:
            self.stop()
            self.stop = None

    def run(self, case):
        from google.api_core import exceptions
        from google.cloud import bigquery
        sql = case.sql
        if "{ds}" in sql:
            self.scratch += 1
            dataset = f"scratch_{self.scratch}"
            try:
                self.client.create_dataset(f"{PROJECT}.{dataset}")
            except Exception as error:  # noqa: BLE001 - reported as the case's failure
                return Outcome(False, "could not create the case's dataset: " + first_line(error))
            sql = sql.replace("{ds}", dataset)
        try:
            job = self.client.query(sql, job_config=bigquery.QueryJobConfig(use_query_cache=False),
                                    retry=None, job_retry=None, timeout=QUERY_TIMEOUT)
            result = job.result(retry=None, job_retry=None, timeout=QUERY_TIMEOUT)
            names = [field.name for field in result.schema]
            types = [field.field_type for field in result.schema]
            rows = [list(row.values()) for row in result]
        except exceptions.BadRequest as error:
            return self._failed_job(case, 400, error)
        except exceptions.ClientError as error:
            return self._failed_job(case, error.code, error)
        except exceptions.GoogleAPICallError as error:
            return Outcome(False, f"{error.code} (server error): {first_line(error.message)}", fatal=True)
        except Exception as error:  # noqa: BLE001 - a dead or hanging emulator, or a client that chokes
            if not self.alive():
                return Outcome(False, "the emulator died: " + first_line(repr(error)), fatal=True)
            if isinstance(error, (TimeoutError, ConnectionError)) or "Timeout" in type(error).__name__:
                return Outcome(False, "no answer: " + first_line(repr(error)), fatal=True)
            return Outcome(False, "client error: " + first_line(f"{type(error).__name__}: {error}"))
        if case.error is not None:
            return Outcome(False, f"expected an error naming {case.error!r}, got {len(rows)} row(s)")
        problem = compare_rows(case.expect, names, rows, case.ordered, types)
        if problem:
            return Outcome(False, problem)
        if case.affected is not None and job.num_dml_affected_rows != case.affected:
            return Outcome(False, f"numDmlAffectedRows {job.num_dml_affected_rows}, expected {case.affected}")
        return Outcome(True)

    @staticmethod
    def _failed_job(case, code, error):
        message = error.message if hasattr(error, "message") else str(error)
        if case.error is None:
            return Outcome(False, f"{code}: {first_line(message)}")
        if code != case.error_code:
            return Outcome(False, f"expected a {case.error_code}, got {code}: {first_line(message)}")
        if case.error.lower() not in str(message).lower():
            return Outcome(False, f"400 without {case.error!r}: {first_line(message)}")
        return Outcome(True)


def start_ours(binary):
    def start():
        emulator = EmulatorProcess(binary).__enter__()
        return emulator.url, lambda: emulator.__exit__(None, None, None), lambda: emulator.process.poll() is None
    return start


def start_peer(home):
    import emulator_bench
    emulator_bench.PROJECT = PROJECT  # its start_bqemulator serves the module's project
    venv = emulator_bench.bqemulator_venv(ROOT)

    def start():
        run_home = tempfile.mkdtemp(dir=home)
        process, url = emulator_bench.start_bqemulator(venv, run_home)

        def stop():
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        return url, stop, lambda: process.poll() is None
    return start


def run_all(target, cases, progress):
    outcomes = {}
    target.up()
    try:
        for index, case in enumerate(cases):
            started = time.monotonic()
            outcome = target.run(case)
            outcome.seconds = time.monotonic() - started
            outcomes[case.id] = outcome
            if not target.alive():
                outcome.fatal = True
                outcome.detail += " (the emulator died)" if "died" not in outcome.detail else ""
            if outcome.fatal:  # a fresh emulator, so one death or hang doesn't fail every later case
                target.down()
                target.up()
            if progress and (index + 1) % 100 == 0:
                print(f"  {target.name}: {index + 1}/{len(cases)}", flush=True)
    finally:
        target.down()
    return outcomes


def percent(part, whole):
    return f"{100 * part / whole:.0f}%" if whole else "-"


def summary_table(categories, cases, results):
    names = list(results)
    header = ["category", "cases"] + [f"passed by {n}" for n in names] + [f"share {n}" for n in names]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    totals = [0] * len(names)
    for category in categories:
        ids = [c.id for c in cases if c.category == category]
        passed = [sum(results[n][i].passed for i in ids) for n in names]
        totals = [t + p for t, p in zip(totals, passed)]
        lines.append("| " + " | ".join([category, str(len(ids))] + [str(p) for p in passed]
                                       + [percent(p, len(ids)) for p in passed]) + " |")
    lines.append("| " + " | ".join(["**total**", f"**{len(cases)}**"] + [f"**{t}**" for t in totals]
                                   + [f"**{percent(t, len(cases))}**" for t in totals]) + " |")
    return "\n".join(lines)


def failures_section(categories, cases, results, name):
    out = []
    for category in categories:
        failing = [c for c in cases if c.category == category and not results[name][c.id].passed]
        if not failing:
            continue
        out.append(f"\n### {category} ({len(failing)} failing)\n")
        for case in failing:
            detail = results[name][case.id].detail.replace("|", "\\|").replace("`", "'")
            out.append(f"- `{case.id}`: {detail}")
    return "\n".join(out)


def git_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_report(path, command, categories, cases, results, seconds):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    fatal = {n: [i for i, o in r.items() if o.fatal] for n, r in results.items()}
    parts = [
        "# GoogleSQL conformance",
        "",
        "Cases written from BigQuery's public GoogleSQL reference (each file in `scripts/sql_conformance/`",
        "cites its pages), run through Google's Python client (`client.query`) against our emulator and,",
        "where named, against the DuckDB-based `bqemulator` 1.4.0 from PyPI. A case passes when the rows",
        "match (typed: numbers with a tolerance, dates and times as ISO text, bytes as base64, arrays and",
        "structs recursively; order only where the case says so) or, for an error case, when the job fails",
        "with a 400 naming the documented problem.",
        "",
        "The expected rows are the reference's own example results (each file names its pages), taken as",
        "printed, except where the printing isn't the value: BYTES are given as base64, a TIMESTAMP the",
        "GoogleSQL reference prints in America/Los_Angeles is given as the same instant in UTC, and an",
        "example whose result rests on that default time zone (BigQuery's is UTC) is left out, as are",
        "examples of features BigQuery doesn't have. A query result can't carry what the reference prints",
        "inside a query: a NULL array arrives as an empty one and an array with a NULL element fails the",
        "job (data-types#array_nulls), so such examples expect that. Where the printed rows are one of",
        "several orders of tied rows, the case orders by a tie-breaker that gives the printed one. The",
        "other cases, over the fixture tables that the",
        "runner creates (`scripts/sql_conformance_fixture.py`), were worked out by hand from the fixture's",
        "rows and the reference's documented semantics. None comes from what an emulator answers.",
        "",
        f"- command: `{command}`",
        f"- commit: `{git_commit()}`",
        f"- date: {now}",
        "- seconds: " + ", ".join(f"{n} {s:.0f}" for n, s in seconds.items()),
        "- 5xx, hangs or deaths: " + ", ".join(f"{n} {len(f)}" for n, f in fatal.items()),
        "",
        summary_table(categories, cases, results),
        "",
    ]
    for name in results:
        parts += [f"## Failing on {name}", "", "First line of each failure; the compiler work starts here.",
                  failures_section(categories, cases, results, name), ""]
    with open(path, "w") as out:
        out.write("\n".join(parts))


def shown_command(argv):
    """The command line for the report, without the machine-specific --binary path."""
    shown, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--binary":
            skip = True
        elif not arg.startswith("--binary="):
            shown.append(arg)
    return " ".join(["scripts/sql_conformance.py"] + shown)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--peer", action="store_true", help="also run the cases against bqemulator")
    parser.add_argument("--peer-only", action="store_true", help="run the cases against bqemulator alone")
    parser.add_argument("--ci", action="store_true", help="fail on a baseline regression, a 5xx or a death")
    parser.add_argument("--write-baseline", action="store_true", help="record the cases that pass on ours")
    parser.add_argument("--report", help="markdown file to write (default docs/sql-conformance.md, not in --ci)")
    parser.add_argument("--only", help="run only cases whose id contains this text")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    args = parser.parse_args()

    cases = load_cases(CORPUS)
    if args.only:
        cases = [c for c in cases if args.only in c.id]
    categories = sorted({c.category for c in cases})
    results, seconds = {}, {}
    with tempfile.TemporaryDirectory() as home:
        targets = [] if args.peer_only else [Target("ours", start_ours(args.binary))]
        if args.peer or args.peer_only:
            targets.append(Target("bqemulator", start_peer(home)))
        for target in targets:
            started = time.monotonic()
            results[target.name] = run_all(target, cases, progress=not args.ci)
            seconds[target.name] = time.monotonic() - started

    print(summary_table(categories, cases, results))
    print("seconds: " + ", ".join(f"{n} {s:.1f}" for n, s in seconds.items()))
    if args.verbose:
        for name in results:
            print(f"\nfailing on {name}:" + failures_section(categories, cases, results, name))

    baseline_path = os.path.join(CORPUS, "baseline.txt")
    if "ours" not in results:
        if args.ci or args.write_baseline:
            parser.error("--ci and --write-baseline need our emulator's results")
        ours = {}
    else:
        ours = results["ours"]
    if args.write_baseline:
        with open(baseline_path, "w") as out:
            out.write("# Case ids that pass on our emulator; `--ci` fails if one stops passing.\n")
            out.write("# Rewrite with: scripts/sql_conformance.py --write-baseline\n")
            out.writelines(f"{c.id}\n" for c in cases if ours[c.id].passed)
    if not args.ci or args.report:
        path = args.report or os.path.join(ROOT, "docs", "sql-conformance.md")
        write_report(path, shown_command(sys.argv[1:]), categories, cases, results, seconds)
        print(f"wrote {os.path.relpath(path, ROOT)}")
    if not args.ci:
        return 0

    problems = [f"{i}: {o.detail}" for i, o in ours.items() if o.fatal]
    if os.path.exists(baseline_path) and not args.only:
        with open(baseline_path) as handle:
            baseline = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
        known = {c.id for c in cases}
        problems += [f"{i}: in the baseline but no longer in the corpus" for i in baseline if i not in known]
        problems += [f"{i}: passed before, now fails: {ours[i].detail}" for i in baseline
                     if i in ours and not ours[i].passed]
    for problem in problems:
        print("REGRESSION " + problem)
    passed = sum(o.passed for o in ours.values())
    print(f"sql-conformance: {passed}/{len(cases)} pass on ours, {len(problems)} regression(s) or 5xx")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
