#!/usr/bin/env python3
"""Checks the emulator's NUMERIC and BIGNUMERIC SQRT, LN, LOG10, EXP and POW against Python's
decimal module at 150 digits, on seeded random arguments: each result must be the exact value
rounded half away from zero to the type's scale (9 or 38 digits)."""
import argparse
import json
import os
import random
import sys
import urllib.request
from decimal import ROUND_HALF_UP, Decimal, getcontext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulator_process import EmulatorProcess, default_binary  # noqa: E402

getcontext().prec = 150


def rounded(value, scale):
    result = value.quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP)
    return format(result.normalize(), "f") if result != 0 else "0"


def query(url, sql):
    body = json.dumps({"query": sql, "useLegacySql": False}).encode()
    request = urllib.request.Request(url + "/bigquery/v2/projects/reference/queries", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        reply = json.loads(response.read())
    return [cell["v"] for cell in reply["rows"][0]["f"]]


def cases(seed, count):
    rng = random.Random(seed)
    for kind, scale in (("NUMERIC", 9), ("BIGNUMERIC", 38)):
        for _ in range(count):
            x = Decimal(rng.randint(1, 10 ** rng.randint(1, 12))).scaleb(rng.randint(-scale, 10))
            text = format(x, "f")
            yield f"SQRT({kind} '{text}')", rounded(x.sqrt(), scale)
            yield f"LN({kind} '{text}')", rounded(x.ln(), scale)
            yield f"LOG10({kind} '{text}')", rounded(x.log10(), scale)
            y = Decimal(rng.randint(-6000, 6000)).scaleb(-2)
            yield f"EXP({kind} '{format(y, 'f')}')", rounded(y.exp(), scale)
            base, power = Decimal(rng.randint(1, 5000)).scaleb(-3), Decimal(rng.randint(-400, 400)).scaleb(-1)
            if abs(base ** power) < Decimal(10) ** 37:
                yield f"POW({kind} '{format(base, 'f')}', {kind} '{format(power, 'f')}')", rounded(base ** power, scale)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=default_binary())
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=150, help="arguments per type")
    args = parser.parse_args()
    all_cases = list(cases(args.seed, args.count))
    differ = 0
    with EmulatorProcess(args.binary) as emulator:
        for start in range(0, len(all_cases), 50):
            chunk = all_cases[start:start + 50]
            values = query(emulator.url, "SELECT " + ", ".join(expression for expression, _ in chunk))
            for (expression, expected), got in zip(chunk, values):
                if got != expected:
                    differ += 1
                    print(f"  differs: {expression} = {got}, exactly rounded {expected}")
    print(f"decimal math: {len(all_cases)} cases, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
