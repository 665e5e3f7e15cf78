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
scripts/reliability/faults.py            # the fault suite, at the issue's numbers (some 15 minutes here)
scripts/reliability/faults.py --quick    # the same scenarios scaled down (CI: scripts/test.d/faults)
scripts/reliability/faults.py --only sink-sigkill,disk-full    # some of them
```

Every scenario runs the system as separate processes on loopback (`warehouse emulator` on a SQLite
file, `warehouse sink`, `warehouse api --no-auth`), streams events through `POST /ingestData`, does
something bad to it, and ends by counting the rows of the table against the events accepted: an event
is *accepted* when its request was answered 202; *lost* is an accepted event with no row, *duplicated*
an event with more than one row. A scenario has a hard time limit: past it, it fails (and its
processes are killed), it never hangs the suite. The suite prints `N passed, N failed` and exits
non-zero on any failure.
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
