"""Reads the conformance corpus: `.sql` files of `-- case:` blocks (see sql_conformance.py)."""
import json
import os
import re

DIRECTIVE = re.compile(r"^--\s*(case|expect|error(?: \d{3})?|ordered|affected)\b:?\s?(.*)$")


class Case:
    def __init__(self, category, name, source):
        self.category, self.name, self.source = category, name, source
        self.id = f"{category}/{name}"
        self.sql_lines = []
        self.expect = None
        self.error = None
        self.error_code = 400
        self.ordered = False
        self.affected = None

    @property
    def sql(self):
        return "\n".join(self.sql_lines).strip()


def _parses(text):
    try:
        json.loads(text)
        return True
    except json.JSONDecodeError:
        return False


def _finish(case, expect_text):
    if expect_text is not None:
        try:
            case.expect = json.loads(expect_text)
        except json.JSONDecodeError as error:
            raise ValueError(f"{case.source}: case {case.name}: bad JSON in expect: {error}") from None
        if not isinstance(case.expect, list):
            raise ValueError(f"{case.source}: case {case.name}: expect must be a JSON array of rows")
    if (case.expect is None) == (case.error is None):
        raise ValueError(f"{case.source}: case {case.name}: needs exactly one of expect or error")
    if not case.sql:
        raise ValueError(f"{case.source}: case {case.name}: has no SQL")


def parse_file(path):
    category = os.path.splitext(os.path.basename(path))[0]
    cases, case, expect_text = [], None, None
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            match = DIRECTIVE.match(line)
            if match:
                key, value = match.group(1), match.group(2).strip()
                if key == "case":
                    if case:
                        _finish(case, expect_text)
                    case, expect_text = Case(category, value, f"{path}:{number}"), None
                    cases.append(case)
                elif case is None:
                    raise ValueError(f"{path}:{number}: {key} before any case")
                elif key == "expect":
                    expect_text = value
                elif key.startswith("error"):
                    case.error = value
                    case.error_code = int(key[6:]) if len(key) > 5 else 400
                elif key == "ordered":
                    case.ordered = True
                elif key == "affected":
                    case.affected = int(value)
            elif case is not None and expect_text is not None and line.startswith("--"):
                if not _parses(expect_text):
                    expect_text += "\n" + line[2:]  # an expect that goes on over more comment lines
            elif case is not None and expect_text is None and case.error is None:
                case.sql_lines.append(line)
    if case:
        _finish(case, expect_text)
    names = [c.name for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"{path}: duplicate case names {sorted(duplicates)}")
    return cases


def load_cases(directory):
    cases = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".sql"):
            cases += parse_file(os.path.join(directory, name))
    return cases
