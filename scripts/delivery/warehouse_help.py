"""What `warehouse api --help` and `warehouse sink --help` document: flags, environment variables,
defaults and which settings are required, read from the live binary.

Each option's help ends "Default: X. Env: VAR." or "Required. Env: VAR." (the settings tables in
README.md say the same). An option's text may wrap onto the following lines, and a long label puts
all of it on the next line, so an option is its label line plus every deeper-indented line after it.
"""
import os
import re
import subprocess

# The optional `<value>` is greedy, so a label alone on its line never reads its own `<value>` as help.
LABEL = re.compile(r"^  (?:-[a-z], )?(--[a-z0-9-]+)(?: <[^>]+>)?(?: +(\S.*))?$")
CONTINUATION = re.compile(r"^ {6,}(\S.*)$")
ENV = re.compile(r"Env: ([A-Z][A-Z0-9_]*)")
DEFAULT = re.compile(r"Default: (.*?)\. Env:")


class CommandSettings:
    def __init__(self, options, text=""):
        self.text = text
        self.flags = set()
        self.variables = {}  # variable -> default text ("required" for required settings)
        self.required = set()
        self.flag_of_variable = {}
        for flag, text in options:
            self.flags.add(flag)
            env = ENV.search(text)
            if not env:
                continue
            variable = env.group(1)
            if re.search(r"\bRequired\. Env:", text):
                default = "required"
                self.required.add(variable)
            else:
                found = DEFAULT.search(text)
                default = found.group(1) if found else ""
            self.variables[variable] = default
            self.flag_of_variable[variable] = flag


def parse(help_text):
    options = []
    for line in help_text.splitlines():
        label = LABEL.match(line)
        if label:
            options.append([label.group(1), label.group(2) or ""])
            continue
        more = CONTINUATION.match(line)
        if more and options:
            options[-1][1] = (options[-1][1] + " " + more.group(1)).strip()
    options = [(flag, text) for flag, text in options if flag != "--help"]
    if not options:
        raise ValueError("no options parsed from the help text; has its layout changed?")
    return CommandSettings(options, help_text)


def documented(binary, command):
    environment = dict(os.environ, COLUMNS="80")
    result = subprocess.run([str(binary), command, "--help"], capture_output=True, text=True, env=environment, timeout=60)
    return parse(result.stdout + result.stderr)
