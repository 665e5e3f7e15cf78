"""The invariants of iac/ (invariants.py) hold on the real configuration, and each one fails on a
copy of iac/ broken in the way it guards against: a test of the tests, so none can pass vacuously.

Needs WAREHOUSE_BINARY: the built `warehouse`, whose --help is what Terraform's settings are
compared with (CI: .build/debug/warehouse).
"""
import os
import pathlib
import re
import shutil
import tempfile
import unittest

import invariants
import warehouse_help
from terraform_config import TerraformConfig

IAC = invariants.ROOT / "iac"


def helps():
    binary = os.environ.get("WAREHOUSE_BINARY", str(invariants.ROOT / ".build" / "debug" / "warehouse"))
    if not pathlib.Path(binary).is_file():
        raise unittest.SkipTest(f"no warehouse binary at {binary}")
    return {command: warehouse_help.documented(binary, command) for command in ("api", "sink")}


HELPS = None


def setUpModule():
    global HELPS
    HELPS = helps()


class RealConfigurationHolds(unittest.TestCase):
    """Every invariant holds on iac/ as committed."""

    config = None

    @classmethod
    def setUpClass(cls):
        cls.config = TerraformConfig(IAC)

    def test_every_file_parses_and_resources_are_there(self):
        self.assertGreater(len(self.config.files), 10)
        self.assertIn(("google_bigquery_table", "events"), self.config.resources)
        self.assertIn(("google_cloud_run_v2_service", "module.api.this"), self.config.resources)
        self.assertIn(("google_cloud_run_v2_service", "module.sink.this"), self.config.resources)


def _holds(name):
    def test(self):
        problems = invariants.CHECKS[name](self.config, HELPS)
        self.assertEqual(problems, [], f"{name}: " + "; ".join(problems))

    test.__doc__ = invariants.CHECKS[name].__doc__
    return test


for _name in invariants.CHECKS:
    setattr(RealConfigurationHolds, f"test_{_name}_holds", _holds(_name))


# (check that must fail, file, pattern, replacement, what the break is[, patterns the problems must
# match]). Each pattern must match, so a mutation that silently stops applying (the HCL was reworded)
# fails too instead of passing vacuously. What the two services share is stated once, in
# modules/cloud_run_service/main.tf or locals.tf: a break there must be reported for both.
SERVICE = "modules/cloud_run_service/main.tf"
MUTATIONS = [
    ("table_layout", "bigquery.tf", r"  time_partitioning \{.*?\n  \}\n", "", "the table loses its partitioning"),
    ("table_layout", "bigquery.tf", r'type          = "DAY"', 'type          = "MONTH"', "partitioning by MONTH"),
    ("table_layout", "locals.tf", r'partition_field   = "occurred_at"', 'partition_field   = "publish_time"', "partitioned on another column"),
    ("table_layout", "bigquery.tf", r"  clustering = local.clustering_fields\n", "", "clustering dropped"),
    ("table_layout", "bigquery.tf", r"require_partition_filter = true", "require_partition_filter = false", "no partition filter required"),
    ("table_layout", "variables.tf", r'(variable "table_deletion_protection" \{.*?default     = )true', r"\1false", "deletion protection off by default"),
    ("table_schema", "locals.tf", r"\.\./schemas/events\.json", "events-copy.json", "schema read from another file"),
    ("table_schema", "bigquery.tf", r"concat\(local\.event_fields, local\.metadata_columns\)", "local.event_fields", "metadata columns left out of the table"),
    ("table_schema", "locals.tf", r'name = "publish_time", type = "TIMESTAMP"', 'name = "publish_time", type = "STRING"', "a metadata column of the wrong type"),
    ("least_privilege", "iam.tf", r"roles/bigquery\.dataViewer", "roles/bigquery.dataEditor", "the API may write the dataset"),
    (
        "least_privilege",
        "iam.tf",
        r"\Z",
        '\nresource "google_project_iam_member" "sink_extra" {\n  project = var.project_id\n  role    = "roles/bigquery.admin"\n  member  = google_service_account.sink.member\n}\n',
        "the Sink gains a project role",
    ),
    ("least_privilege", "iam.tf", r'resource "google_pubsub_topic_iam_member" "api_publishes_events" \{.*?\n\}\n', "", "the API loses its publisher grant"),
    (
        "least_privilege",
        "iam.tf",
        r"\Z",
        '\nresource "google_pubsub_topic_iam_binding" "everyone" {\n  topic   = google_pubsub_topic.events.id\n  role    = "roles/pubsub.publisher"\n  members = [google_service_account.api.member]\n}\n',
        "an authoritative binding",
    ),
    ("least_privilege", "github_oidc.tf", r"(deploy_from_github_main.*?member\s+= )local\.github_main", r"\1local.github_pull_requests", "pull requests may deploy"),
    ("dead_lettering", "iam.tf", r'resource "google_pubsub_topic_iam_member" "pubsub_agent_publishes_dead_letters" \{.*?\n\}\n', "", "the service agent cannot publish dead letters"),
    ("dead_lettering", "pubsub.tf", r"  dead_letter_policy \{.*?\n  \}\n", "", "no dead-letter policy"),
    ("dead_lettering", "pubsub.tf", r'(resource "google_pubsub_subscription" "sink".*?ttl = )""', r'\1"2678400s"', "the subscription expires"),
    ("public_access", "iam.tf", r"count    = var\.api_public \? 1 : 0\n", "", "allUsers without the variable"),
    ("public_access", "variables.tf", r'(variable "api_public" \{.*?default     = )false', r"\1true", "public by default"),
    ("public_access", "cloud_run_sink.tf", r'ingress( +)= "INGRESS_TRAFFIC_INTERNAL_ONLY"', r'ingress\1= "INGRESS_TRAFFIC_ALL"', "the Sink reachable from the internet"),
    ("service_settings", "cloud_run_sink.tf", r"WAREHOUSE_SHUTDOWN_DEADLINE ", "WAREHOUSE_DRAIN_DEADLINE ", "an environment variable the binary does not have"),
    ("service_settings", SERVICE, r"args  = \[var\.command\]", 'args  = [var.command, "--no-such-flag"]', "a flag the binary does not have", [r"^api: passes --no-such-flag", r"^sink: passes --no-such-flag"]),
    ("service_settings", SERVICE, r"args  = \[var\.command\]", 'args  = ["serve"]', "the wrong subcommand", [r"^api: args \['serve'\]", r"^sink: args \['serve'\]"]),
    ("service_settings", "cloud_run_api.tf", r'command( +)= "api"', r'command\1= "sink"', "the API runs the Sink's subcommand", [r"^api: no container named api"]),
    ("service_settings", "variables.tf", r"(variable \"sink_settings\" \{.*?)WAREHOUSE_LOG_LEVEL", r"\1WAREHOUSE_LOGLEVEL", "a misspelt extra setting"),
    ("service_settings", "cloud_run_sink.tf", r"    WAREHOUSE_DEAD_LETTER_TOPIC += [^\n]*\n", "", "a required setting left out"),
    ("service_settings", "cloud_run_api.tf", r"WAREHOUSE_TOPIC( +)=", r"PORT           \1=", "PORT set by hand"),
    ("service_settings", "locals.tf", r"    GOOGLE_CLOUD_PROJECT = var\.project_id\n", "", "the project left out of what both services are told", [r"^api: does not set GOOGLE_CLOUD_PROJECT", r"^sink: does not set GOOGLE_CLOUD_PROJECT"]),
    ("service_settings", "variables.tf", r'"WAREHOUSE_NO_AUTH", ', "", "the extra API settings may switch auth off"),
    ("variables_documented", "variables.tf", r'(variable "api_public" \{\n)  description = "[^"]*"\n', r"\1", "a variable without a description"),
    ("variables_documented", "outputs.tf", r'output "table_id" \{.*?\n\}\n', "", "the table id output removed"),
    ("variables_documented", "modules/cloud_run_service/variables.tf", r'(variable "cpu_idle" \{\n)  description = "[^"]*"\n', r"\1", "a module variable without a description"),
    ("runbooks_exist", "monitoring_alerts.tf", r"docs/operations\.md#sink-nacks", "docs/operations.md#sink-nack", "an alert points at a runbook that does not exist"),
    ("sink_matches_table", "cloud_run_sink.tf", r'(WAREHOUSE_REQUIRE_PARTITION_FILTER += )"true"', r'\1"false"', "the Sink told partition filters are optional"),
    ("run_shape", "cloud_run_sink.tf", r"cpu_idle( +)= false", r"cpu_idle\1= true", "the Sink's CPU throttled between requests"),
    ("run_shape", SERVICE, r'path = "/healthz"', 'path = "/health"', "a probe on a route the binary does not serve", [r"^api: startup_probe", r"^sink: startup_probe"]),
    ("run_shape", "cloud_run_sink.tf", r"service_account( +)= google_service_account\.sink\.email", r"service_account\1= google_service_account.api.email", "the Sink runs as the API"),
    ("run_shape", "variables.tf", r"condition     = var\.sink_min_instances >= 1", "condition     = var.sink_min_instances >= 0", "the Sink may scale to zero"),
    ("monitoring_metric_names", "monitoring_queries.tf", r"sink_rows_inserted_total", "sink_rows_written_total", "a dashboard query names a metric the Sink does not have"),
    ("monitoring_metric_names", "monitoring_alerts.tf", r"absent_over_time\(sink_messages_pulled_total", "absent_over_time(sink_pulled_total", "an alert names a metric the Sink does not have"),
    ("monitoring_metric_names", "monitoring_slos.tf", r"sink_publish_to_stored_seconds/histogram", "sink_freshness_seconds/histogram", "the freshness SLO names a metric the Sink does not have"),
    ("run_shape", SERVICE, r'(liveness_probe \{\n        http_get \{\n          path = )"/healthz"', r'\1"/readyz"', "liveness restarts both services when a dependency is down", [r"^api: liveness_probe", r"^sink: liveness_probe"]),
    ("workload_identity", "github_oidc.tf", r'    "assertion\.ref == \\"refs/heads/main\\"",\n', "", "any branch may deploy"),
    ("workload_identity", "github_oidc.tf", r'"assertion\.sub == \\"repo:\$\{var\.github_repository\}:pull_request\\" && ', '"', "any repository may plan"),
    ("container_image", "../Dockerfile", r"USER 65532:65532", "USER 0", "the image runs as root"),
    ("container_image", "../Dockerfile", r"COPY schemas/events.json /app/schemas/events.json", "COPY schemas/events.json /schemas/events.json", "the schema is not where the services look"),
]


class BrokenCopiesFail(unittest.TestCase):
    """Each invariant reports a problem on a copy of iac/ broken the way it guards against."""


def _fails(check, filename, pattern, replacement, meaning, expected=()):
    def test(self):
        with tempfile.TemporaryDirectory() as scratch:
            copy = pathlib.Path(scratch) / "iac"
            shutil.copytree(IAC, copy)
            shutil.copy(IAC.parent / "Dockerfile", copy.parent / "Dockerfile")
            shutil.copytree(IAC.parent / "docs", copy.parent / "docs")
            path = copy / filename
            text = path.read_text()
            broken, count = re.subn(pattern, replacement, text, count=1, flags=re.S)
            self.assertEqual(count, 1, f"the mutation '{meaning}' no longer applies to {filename}")
            self.assertNotEqual(broken, text)
            path.write_text(broken)
            problems = invariants.CHECKS[check](TerraformConfig(copy), HELPS)
            self.assertNotEqual(problems, [], f"{check} did not notice: {meaning}")
            for wanted in expected:
                self.assertTrue(any(re.search(wanted, problem) for problem in problems), f"{check}: no problem matches {wanted!r}: {problems}")

    test.__doc__ = f"{check} fails when {meaning}"
    return test


for _check, _file, _pattern, _replacement, _meaning, *_expected in MUTATIONS:
    _slug = re.sub(r"[^a-z0-9]+", "_", _meaning.lower()).strip("_")
    setattr(BrokenCopiesFail, f"test_{_check}_fails_when_{_slug}", _fails(_check, _file, _pattern, _replacement, _meaning, *_expected))


class HelpParsing(unittest.TestCase):
    """The help parser reads what it must, so a check against it is meaningful."""

    def test_reads_required_and_defaulted_variables(self):
        self.assertIn("WAREHOUSE_SUBSCRIPTION", HELPS["sink"].required)
        self.assertEqual(HELPS["sink"].variables["WAREHOUSE_PARTITION_FIELD"], "occurred_at")
        self.assertIn("--pubsub-endpoint", HELPS["api"].flags)
        self.assertIn("WAREHOUSE_LOG_LEVEL", HELPS["api"].variables)

    def test_a_flag_missing_from_help_is_not_documented(self):
        text = "OPTIONS:\n  --topic <topic>         Topic. Default: events. Env:\n                          WAREHOUSE_TOPIC.\n  -h, --help              Show help.\n"
        parsed = warehouse_help.parse(text)
        self.assertEqual(parsed.flags, {"--topic"})
        self.assertEqual(parsed.variables, {"WAREHOUSE_TOPIC": "events"})


if __name__ == "__main__":
    unittest.main()
