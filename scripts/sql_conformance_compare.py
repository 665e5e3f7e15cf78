"""Compares a query's rows, as Google's Python client returns them, with a case's expected JSON rows.

Typed, with a normaliser: INT64 and FLOAT64 compare as numbers (floats with a tolerance), NUMERIC
and BIGNUMERIC (Decimal) too; DATE, DATETIME, TIME and TIMESTAMP compare with ISO text (a TIMESTAMP's
text may say `+00`, `+00:00`, `Z` or ` UTC`); BYTES with base64 text; INTERVAL with BigQuery's
canonical `Y-M D H:M:S[.F]` text; arrays element by element; structs (and JSON objects) field by field,
by name from a JSON object or by position from a JSON array. A number never equals a string, except
in a STRING column (the reference prints strings unquoted); a JSON column's value may be given as
its JSON text.
"""
import base64
import datetime
import decimal
import json
import math
import re

FLOAT_REL = 1e-9
FLOAT_ABS = 1e-12
SPECIAL_FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "inf": math.inf,
                  "-inf": -math.inf}


def _numbers_equal(expected, actual):
    if isinstance(expected, str):
        if isinstance(actual, float) and expected in SPECIAL_FLOATS:
            wanted = SPECIAL_FLOATS[expected]
            return math.isnan(actual) if math.isnan(wanted) else actual == wanted
        if not isinstance(actual, decimal.Decimal):
            return False  # a string never equals an INT64 or FLOAT64
        try:
            expected = decimal.Decimal(expected)
        except decimal.InvalidOperation:
            return False
    if isinstance(expected, bool) or not isinstance(expected, (int, float, decimal.Decimal)):
        return False
    if isinstance(actual, decimal.Decimal) or isinstance(expected, decimal.Decimal):
        a, e = decimal.Decimal(str(actual)), decimal.Decimal(str(expected))
        return abs(a - e) <= max(decimal.Decimal("1e-9") * abs(e), decimal.Decimal("1e-12"))
    if isinstance(actual, int) and isinstance(expected, int):
        return actual == expected
    return math.isclose(float(actual), float(expected), rel_tol=FLOAT_REL, abs_tol=FLOAT_ABS)


FRACTION = re.compile(r"\.(\d+)")


def _fraction_to_micros(text):
    match = FRACTION.search(text)
    if not match:
        return text, 0
    digits = (match.group(1) + "000000")[:6]
    return text[:match.start()] + text[match.end():], int(digits)


def parse_timestamp(text):
    """`2008-12-25 15:30:00+00`, `...T15:30:00Z`, `... UTC`, `...-08:00`, or a bare date -> aware UTC."""
    text = re.sub(r"^(\d{4}-\d\d-\d\d)T", r"\1 ", text.strip())
    if text.endswith(" UTC"):
        text = text[:-4] + "+00:00"
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    match = re.search(r"([+-]\d\d)(:?(\d\d))?$", text)
    if match and len(text) > 10:
        offset = match.group(1) + ":" + (match.group(3) or "00")
        text = text[:match.start()].rstrip() + offset
    else:
        text += " 00:00:00+00:00" if len(text) == 10 else "+00:00"
    text, micros = _fraction_to_micros(text)
    value = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S%z")
    return value.replace(microsecond=micros).astimezone(datetime.timezone.utc)


def parse_datetime(text):
    text, micros = _fraction_to_micros(re.sub(r"^(\d{4}-\d\d-\d\d)T", r"\1 ", text.strip()))
    if len(text) == 10:
        text += " 00:00:00"
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(microsecond=micros)


def parse_time(text):
    text, micros = _fraction_to_micros(text.strip())
    return datetime.datetime.strptime(text, "%H:%M:%S").time().replace(microsecond=micros)


def parse_interval(text):
    """BigQuery's canonical INTERVAL text, `Y-M D H:M:S[.F]`, as the client's relativedelta."""
    from dateutil.relativedelta import relativedelta
    match = re.fullmatch(r"\s*(-?)(\d+)-(\d+) (-?\d+) (-?)(\d+):(\d+):(\d+)(\.\d+)?\s*", text)
    if not match:
        raise ValueError(text)
    ym_sign = -1 if match.group(1) else 1
    hms_sign = -1 if match.group(5) else 1
    micros = int(((match.group(9) or ".")[1:] + "000000")[:6])
    return relativedelta(years=ym_sign * int(match.group(2)), months=ym_sign * int(match.group(3)),
                         days=int(match.group(4)), hours=hms_sign * int(match.group(6)),
                         minutes=hms_sign * int(match.group(7)), seconds=hms_sign * int(match.group(8)),
                         microseconds=hms_sign * micros)


def _text_equal(expected, actual, parse):
    if not isinstance(expected, str):
        return False
    try:
        return parse(expected) == actual
    except (ValueError, OverflowError):
        return False


def values_equal(expected, actual):
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(actual, bool) or isinstance(expected, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and actual == expected
    if isinstance(actual, (int, float, decimal.Decimal)):
        return _numbers_equal(expected, actual)
    if isinstance(actual, str):
        return isinstance(expected, str) and expected == actual
    if isinstance(actual, bytes):
        return isinstance(expected, str) and expected == base64.b64encode(actual).decode()
    if isinstance(actual, datetime.datetime):
        return _text_equal(expected, actual, parse_timestamp if actual.tzinfo else parse_datetime)
    if isinstance(actual, datetime.date):
        return isinstance(expected, str) and expected.strip() == actual.isoformat()
    if isinstance(actual, datetime.time):
        return _text_equal(expected, actual, parse_time)
    if type(actual).__name__ == "relativedelta":
        return _text_equal(expected, actual, parse_interval)
    if isinstance(actual, (list, tuple)):
        return (isinstance(expected, list) and len(expected) == len(actual)
                and all(values_equal(e, a) for e, a in zip(expected, actual)))
    if isinstance(actual, dict):
        if set(actual) == {"start", "end"} and isinstance(expected, str):
            return _range_equal(expected, actual)
        if isinstance(expected, dict):
            return (set(expected) == set(actual)
                    and all(values_equal(expected[k], actual[k]) for k in expected))
        if isinstance(expected, list):
            return len(expected) == len(actual) and all(values_equal(e, a) for e, a in zip(expected, actual.values()))
    return False


def _range_equal(expected, actual):
    """A RANGE, which the client reads as {"start", "end"} and the reference prints as `[start, end)`."""
    text = expected.strip()
    if not (text.startswith("[") and text.endswith(")")) or text.count(", ") != 1:
        return False
    bounds = [None if bound.upper() == "UNBOUNDED" else bound for bound in text[1:-1].split(", ")]
    return values_equal(bounds[0], actual["start"]) and values_equal(bounds[1], actual["end"])


def _text_of(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return f"{value:.1f}"
    return str(value)


def json_value_equal(expected, actual):
    """A JSON column: the reference prints a JSON value as JSON text; the client gives it parsed."""
    if values_equal(expected, actual):
        return True
    if isinstance(expected, str):
        try:
            return values_equal(json.loads(expected), actual)
        except json.JSONDecodeError:
            return False
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return all(json_value_equal(e, a) for e, a in zip(expected, actual))
    return False


def column_equal(expected, actual, field_type):
    """A value of a result column: typed, except that the reference prints STRING values unquoted, so
    a number or boolean given for a STRING column stands for its text, and JSON may be given as text."""
    if field_type == "JSON":
        return json_value_equal(expected, actual)
    if field_type == "STRING":
        if isinstance(expected, (int, float, bool)) and isinstance(actual, str):
            return _text_of(expected) == actual
        if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
            return all(column_equal(e, a, field_type) for e, a in zip(expected, actual))
    return values_equal(expected, actual)


def row_equal(expected, names, actual, types=None):
    types = types or [None] * len(names)
    if isinstance(expected, dict):
        if list(expected) != names and set(expected) != set(names):
            return False
        return all(column_equal(expected[n], v, t) for n, v, t in zip(names, actual, types))
    if isinstance(expected, list):
        return len(expected) == len(actual) and all(column_equal(e, a, t) for e, a, t in zip(expected, actual, types))
    return False


def show(value):
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: show(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [show(v) for v in value]
    if type(value).__name__ == "relativedelta":
        return repr(value)
    return value


def _describe(names, rows, limit=3):
    shown = [dict(zip(names, show(list(r)))) for r in rows[:limit]]
    return f"{shown}{' ...' if len(rows) > limit else ''}"


def compare_rows(expected, names, rows, ordered, types=None):
    """None when the rows match, else a one-line reason. `types` are the result's field types."""
    if len(expected) != len(rows):
        return f"{len(rows)} row(s), expected {len(expected)}: got {_describe(names, rows)}"
    if ordered:
        for index, (e, a) in enumerate(zip(expected, rows)):
            if not row_equal(e, names, a, types):
                return f"row {index + 1}: got {_describe(names, [a])}, expected {e}"
        return None
    remaining = list(rows)
    for e in expected:
        for index, a in enumerate(remaining):
            if row_equal(e, names, a, types):
                del remaining[index]
                break
        else:
            return f"no row matches {e}; got {_describe(names, rows)}"
    return None
