#!/usr/bin/env python3
"""Keeps README's settings tables equal to what `warehouse serve|api|sink --help` says.

The tables sit between `<!-- settings: COMMAND -->` and `<!-- /settings -->` in README.md and are
made from the help text, so a flag added, renamed or given a new default shows up as a difference
here rather than as a README that quietly lies.

Usage:
  scripts/readme_settings.py BINARY            # exit 1 and show the difference when a table is stale
  scripts/readme_settings.py BINARY --write    # rewrite the tables in README.md
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys

COMMANDS = ("serve", "api", "sink")
ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# One option a line when the terminal is wide enough: "  --flag <value>   help text".
OPTION = re.compile(r"^  (--[a-z0-9-]+)(?: <[^>]+>)? +([^<\s].*)$")  # help never starts with "<": that is the value
LABEL_ONLY = re.compile(r"^  (--[a-z0-9-]+)(?: <[^>]+>)?$")
REQUIRED = re.compile(r"^(.*?)\s*Required\.\s*Env: (.*?)\.?$")
SINK_STYLE = re.compile(r"^(.*?)\s*Default: (.*?)\.\s*Env: (.*?)\.?$")
ARGUMENT_PARSER_DEFAULT = re.compile(r"^(.*?)\s*\((?:values: [^;]*; )?default: (.*)\)$")


def help_text(binary, command):
    environment = dict(os.environ, COLUMNS="1000")
    result = subprocess.run([binary, command, "--help"], capture_output=True, text=True, env=environment, timeout=60)
    return result.stdout + result.stderr


def settings(binary, command):
    """(flag, variable, default, meaning) for each option of `command`, in help order."""
    rows = []
    lines = help_text(binary, command).splitlines()
    for index, line in enumerate(lines):
        match = OPTION.match(line) or LABEL_ONLY.match(line)
        if not match or match.group(1) == "--help":
            continue
        flag, text = match.group(1), match.group(2) if match.re is OPTION else ""
        if not text and index + 1 < len(lines):  # a long label puts its help on the next line
            text = lines[index + 1].strip()
        if required := REQUIRED.match(text):
            text = f"{required.group(1)} Default: required. Env: {required.group(2)}"
        if styled := SINK_STYLE.match(text):
            meaning, default, variable = styled.groups()
        elif styled := ARGUMENT_PARSER_DEFAULT.match(text):
            (meaning, default), variable = styled.groups(), ""
        else:
            meaning, default, variable = text, "", ""
        if meaning.startswith("<") or ("Env:" in meaning and not variable):
            sys.exit(f"readme_settings: `{command} --help` line for {flag} misread as {meaning!r}; has the help layout changed?")
        rows.append((flag, variable, default, meaning.rstrip(".") + "."))
    if not rows:
        sys.exit(f"readme_settings: no options parsed from `{command} --help`; has the help layout changed?")
    return rows


def cell(text):
    return text.replace("|", "\\|")


def table(rows):
    lines = ["| flag | variable | default | what it sets |", "|---|---|---|---|"]
    for flag, variable, default, meaning in rows:
        variable_cell = f"`{variable}`" if re.fullmatch(r"[A-Z_]+", variable) else cell(variable) or "—"
        lines.append(f"| `{flag}` | {variable_cell} | {cell(default) or '—'} | {cell(meaning)} |")
    return "\n".join(lines)


def rewrite(readme, binary):
    for command in COMMANDS:
        block = re.compile(rf"(<!-- settings: {command} -->\n).*?(<!-- /settings -->)", re.S)
        if not block.search(readme):
            sys.exit(f"readme_settings: README.md has no `<!-- settings: {command} -->` block")
        generated = table(settings(binary, command))
        readme = block.sub(lambda match: match.group(1) + generated + "\n" + match.group(2), readme)
    return readme


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--write", action="store_true")
    arguments = parser.parse_args()
    current = README.read_text()
    expected = rewrite(current, arguments.binary)
    if arguments.write:
        README.write_text(expected)
        return 0
    if current == expected:
        print("readme-settings: 1 passed, 0 failed (serve, api and sink tables match --help)")
        return 0
    import difflib

    sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), expected.splitlines(True), "README.md", "from --help"))
    print("readme-settings: 0 passed, 1 failed: README's settings tables differ from --help; run scripts/readme_settings.py BINARY --write")
    return 1


if __name__ == "__main__":
    sys.exit(main())
