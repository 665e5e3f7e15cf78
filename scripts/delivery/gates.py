#!/usr/bin/env python3
"""The delivery gates, all offline: the IaC invariant tests (with their broken-copy tests), checkov
on Terraform (with the custom Cloud Run policies, and those policies seen failing on a bad fixture and,
through iac/modules/cloud_run_service, on copies of iac/ with one service opened), on the workflows
and on the Dockerfile, zizmor, actionlint (with shellcheck when installed) and hadolint. Prints each
gate, then `N passed, N failed`; exits 1 when any failed.

Usage: gates.py BINARY   (the built `warehouse`, whose --help the Terraform settings must match)
"""
import concurrent.futures
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TOOLS = pathlib.Path(os.environ.get("DELIVERY_VENV", ROOT / ".venv-delivery")) / "bin"
CHECKOV = pathlib.Path(os.environ.get("CHECKOV_VENV", ROOT / ".venv-checkov")) / "bin" / "checkov"
OFFLINE = dict(os.environ, CKV_SKIP_PACKAGE_UPDATE_CHECK="true", BC_SKIP_MAPPING="TRUE", NO_COLOR="1")
OFFLINE.pop("GH_TOKEN", None)
OFFLINE.pop("GITHUB_TOKEN", None)  # zizmor goes online when it sees a token
CHECKOV_COMMON = ["--skip-download", "--compact", "--quiet"]
CUSTOM_POLICIES = ["CKV2_WAREHOUSE_1", "CKV2_WAREHOUSE_2", "CKV2_WAREHOUSE_3"]


def run(command, expect_failure=False, timeout=120):
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=ROOT, env=OFFLINE, capture_output=True, text=True, timeout=timeout)
        output, code = result.stdout + result.stderr, result.returncode
    except subprocess.TimeoutExpired:
        output, code = f"timed out after {timeout}s", None
    ok = (code not in (0, None)) if expect_failure else code == 0
    return ok, f"{time.monotonic() - started:.1f}s", output


def command_gates(pool):
    """(name, future) per tool gate, all started at once: checkov spends most of its time starting up."""
    fixture = "scripts/delivery/fixtures/public_cloud_run"
    gates = [
        ("checkov: Terraform (iac/, with iac/policies)", run,
         [str(CHECKOV), "-d", "iac", "--framework", "terraform", "--external-checks-dir", "iac/policies", *CHECKOV_COMMON]),
        ("checkov: the custom Cloud Run policies fail on a public fixture", _custom_policies_fail, fixture),
        # The services are made by iac/modules/cloud_run_service: checkov must read each call's real
        # ingress (not an unresolved var.ingress, which would pass) and keep the API's skip to the API.
        ("checkov: CKV2_WAREHOUSE_1 fails on the Sink alone when its module call opens its ingress", _ingress_policy_fails_on_copy,
         ("cloud_run_sink.tf", r'ingress( +)= "INGRESS_TRAFFIC_INTERNAL_ONLY"', r'ingress\1= "INGRESS_TRAFFIC_ALL"', "module.sink.")),
        ("checkov: CKV2_WAREHOUSE_1 fails on the API through var.api_ingress when its skip is removed", _ingress_policy_fails_on_copy,
         ("cloud_run_api.tf", r"  # checkov:skip=CKV2_WAREHOUSE_1:[^\n]*\n", "", "module.api.")),
        ("checkov: GitHub workflows and Dockerfile", run,
         [str(CHECKOV), *[argument for path in _workflows() + ["Dockerfile"] for argument in ("-f", path)],
          "--framework", "github_actions", "dockerfile", *CHECKOV_COMMON]),
        ("zizmor --offline", run, [str(TOOLS / "zizmor"), "--offline", "--no-progress", ".github/workflows"]),
        ("actionlint", run, [str(TOOLS / "actionlint")]),
        ("hadolint Dockerfile", run, [str(TOOLS / "hadolint"), "Dockerfile"]),
    ]
    return [(name, pool.submit(function, argument)) for name, function, argument in gates]


def _workflows():
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / ".github" / "workflows").glob("*.yml"))


def _custom_policies_fail(fixture):
    ok, took, output = run([str(CHECKOV), "-d", fixture, "--framework", "terraform", "--external-checks-dir", "iac/policies",
                            "-c", ",".join(CUSTOM_POLICIES), *CHECKOV_COMMON], expect_failure=True)
    # Every policy must have fired, on every bad resource (4 in the fixture).
    fired = all(policy in output for policy in CUSTOM_POLICIES) and "Failed checks: 4" in output
    return ok and fired, took, output


def _ingress_policy_fails_on_copy(mutation):
    """checkov on a copy of iac/ broken by one substitution: CKV2_WAREHOUSE_1 fails exactly once, on the
    service whose address starts with the given module path."""
    filename, pattern, replacement, failing = mutation
    with tempfile.TemporaryDirectory() as scratch:
        copy = pathlib.Path(scratch) / "iac"
        shutil.copytree(ROOT / "iac", copy, ignore=shutil.ignore_patterns(".terraform", "*.tfstate*"))
        path = copy / filename
        broken, count = re.subn(pattern, replacement, path.read_text(), count=1)
        if count != 1:
            return False, "0.0s", f"the mutation no longer applies to iac/{filename}: {pattern}"
        path.write_text(broken)
        ok, took, output = run([str(CHECKOV), "-d", str(copy), "--framework", "terraform", "--external-checks-dir", "iac/policies",
                                "-c", "CKV2_WAREHOUSE_1", *CHECKOV_COMMON], expect_failure=True)
    fired = "Failed checks: 1," in output and f"FAILED for resource: {failing}google_cloud_run_v2_service." in output
    return ok and fired, took, output


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    os.environ["WAREHOUSE_BINARY"] = str(pathlib.Path(sys.argv[1]).resolve())
    sys.path.insert(0, str(HERE))
    passed = failed = 0
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)
    tool_gates = command_gates(pool)

    print("-- IaC invariants (scripts/delivery/test_iac.py)")
    suite = unittest.defaultTestLoader.discover(str(HERE), pattern="test_*.py", top_level_dir=str(HERE))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
    unit_failed = len(result.failures) + len(result.errors) + len(result.skipped)  # a skip is a gate not run
    passed += result.testsRun - unit_failed
    failed += unit_failed

    print("-- tools")
    for name, future in tool_gates:
        ok, took, output = future.result()
        print(f"{'ok  ' if ok else 'FAIL'} {name} ({took})")
        if not ok:
            print("\n".join("     " + line for line in output.strip().splitlines()[-40:]))
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
