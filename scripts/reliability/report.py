"""docs/reliability.md: each suite owns one section of it, between its own markers, and rewrites only
that section. The section keeps its results as JSON in a comment (by mode, then by scenario), so a run
of one scenario updates its row and leaves the others as they were last measured.
"""

import json
import os
import re
import subprocess
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DOC = os.path.join(ROOT, "docs", "reliability.md")

PREAMBLE = """# Reliability

What the system is proven to survive, and the last result of each proof. The sections below are
written by the suites themselves, each between its own markers; do not edit them by hand, run the suite:

```sh
scripts/reliability/faults.py            # the fault suite at the issue's numbers: about 6 minutes here
scripts/reliability/faults.py --quick    # the same scenarios scaled down, about 3 minutes (CI: scripts/test.d/faults)
scripts/reliability/faults.py --only sink-sigkill,disk-full    # some of them
"$(scripts/python-env)" scripts/reliability/bad_input.py [--quick]   # bad input: about 15 minutes, or 4 (CI: scripts/test.d/bad-input)
python3 scripts/reliability/soak.py [--minutes 10] [--binary .build/release/warehouse]   # the soak (matplotlib for its chart)
```

The fault suite's scenarios are described here; the bad-input suite and the soak describe theirs in
their own sections below.

Every scenario runs the system as separate processes on loopback (`warehouse emulator` on a SQLite
file, `warehouse sink`, `warehouse api --no-auth`), streams events through `POST /ingestData`, does
something bad to it, and ends by counting the rows of the table against the events accepted: an event
is *accepted* when its request was answered 202; *lost* is an accepted event with no row, *duplicated*
an event with more than one row. The count also reports what Pub/Sub dead-lettered and what was left
in the subscription once the Sink stopped (both must be 0). A scenario has a hard time limit: past it,
it fails (and every process it started is killed); it never hangs the suite. The suite prints
`N passed, N failed` and exits non-zero on any failure.

"Unreachable" is made by a loopback proxy in front of the emulator (`scripts/reliability/proxy.py`),
one for Pub/Sub and one for BigQuery, which the suite switches between relaying, refusing (a host that
is down: new connections refused, open ones reset) and silent (a network partition: connections
accepted, nothing answered), without restarting anything. The disk-full scenario puts the emulator's
SQLite file on a small tmpfs and fills it with a file, then deletes the file; it needs root or `sudo`
without a password.

What the suite found when it was first run, each fixed with a test that failed before:

- a full disk answered every write with a bare `500 Internal error in the local emulator`; now 503
  `backendError`/`UNAVAILABLE` saying the disk holding the SQLite file is full (nothing was lost);
- with BigQuery down, `/getData` answered its 503 after 60 s (three 20-s attempts, the HTTP client
  re-trying the refused connection until each deadline), past its own 20-s query timeout, and an outage
  shorter than that made reads hang until it ended; with Pub/Sub down an ingest waited 30 s. The query
  timeout now bounds the calls and their retries, and the API's HTTP client fails a refused
  connection at once: 503 + Retry-After in well under a second;
- an ingest answered 503 could be half published (its events split between two publish requests, the
  first sent before Pub/Sub went away): now one request's events always travel in one publish request.
"""


def commit():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/reliability.md"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _markers(suite):
    return f"<!-- {suite}:begin -->", f"<!-- {suite}:end -->", f"<!-- {suite}:data "


def load(suite, path=DOC):
    """The results kept in `suite`'s section: {mode: {scenario: result}}."""
    if not os.path.exists(path):
        return {}
    text = open(path, encoding="utf-8").read()
    _, _, data = _markers(suite)
    match = re.search(re.escape(data) + r"(.*?) -->", text, re.S)
    return json.loads(match.group(1)) if match else {}


def write_section(suite, body_markdown, data, path=DOC):
    """Replaces `suite`'s section (creating the file, with the preamble, or the section, at the end)."""
    begin, end, data_marker = _markers(suite)
    section = f"{begin}\n{body_markdown.rstrip()}\n\n{data_marker}{json.dumps(data, sort_keys=True)} -->\n{end}"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else PREAMBLE
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + section + tail
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")
