"""What must stay true of iac/, each as a function returning the problems it finds (empty: holds).

The test module runs each against the real iac/ (expecting none) and against deliberately broken
copies (expecting some), so every check is seen to fail as well as pass.
"""
import json
import pathlib
import re

from terraform_config import address, block, blocks, target

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SCHEMA_FILE = ROOT / "schemas" / "events.json"

# The Sink's metadata columns and their types, as Sources/Sink/SinkTable.swift writes them.
SINK_METADATA_TYPES = {"subscription_name": "STRING", "message_id": "STRING", "publish_time": "TIMESTAMP", "attributes": "JSON"}

PROJECT = "project"
# The two Cloud Run services, each made by a call of iac/modules/cloud_run_service.
API_SERVICE = "module.api.google_cloud_run_v2_service.this"
SINK_SERVICE = "module.sink.google_cloud_run_v2_service.this"
# Every grant each identity may hold: (role, the resource it is granted on). Nothing more, nothing less.
EXPECTED_GRANTS = {
    "google_service_account.api": {
        ("roles/pubsub.publisher", "google_pubsub_topic.events"),
        ("roles/pubsub.viewer", "google_pubsub_topic.events"),  # /readyz: topics.get
        ("roles/bigquery.jobUser", PROJECT),
        ("roles/bigquery.dataViewer", "google_bigquery_dataset.warehouse"),
        ("roles/secretmanager.secretAccessor", "google_secret_manager_secret.api_keys"),
        ("roles/monitoring.metricWriter", PROJECT),
    },
    "google_service_account.sink": {
        ("roles/pubsub.subscriber", "google_pubsub_subscription.sink"),
        ("roles/bigquery.dataEditor", "google_bigquery_dataset.warehouse"),
        ("roles/pubsub.publisher", "google_pubsub_topic.dead_letter"),
        ("roles/monitoring.metricWriter", PROJECT),
    },
    "local.pubsub_service_agent": {
        ("roles/pubsub.publisher", "google_pubsub_topic.dead_letter"),
        ("roles/pubsub.subscriber", "google_pubsub_subscription.sink"),
    },
    "google_service_account.deploy": {
        ("roles/artifactregistry.writer", "google_artifact_registry_repository.images"),
        ("roles/run.developer", API_SERVICE),
        ("roles/run.developer", SINK_SERVICE),
        ("roles/run.invoker", API_SERVICE),
        ("roles/iam.serviceAccountUser", "google_service_account.api"),
        ("roles/iam.serviceAccountUser", "google_service_account.sink"),
    },
    "google_service_account.plan": {
        *{
            (role, PROJECT)
            for role in (
                "roles/artifactregistry.reader",
                "roles/bigquery.metadataViewer",
                "roles/iam.securityReviewer",
                "roles/iam.serviceAccountViewer",
                "roles/iam.workloadIdentityPoolViewer",
                "roles/monitoring.viewer",
                "roles/pubsub.viewer",
                "roles/run.viewer",
                "roles/secretmanager.viewer",
                "roles/serviceusage.serviceUsageViewer",
            )
        },
        ("roles/storage.objectViewer", "var.state_bucket"),
    },
}

# The attribute of each *_iam_member resource type that names what the role is granted on.
IAM_TARGET_ATTRIBUTE = {
    "google_project_iam_member": "project",
    "google_pubsub_topic_iam_member": "topic",
    "google_pubsub_subscription_iam_member": "subscription",
    "google_bigquery_dataset_iam_member": "dataset_id",
    "google_secret_manager_secret_iam_member": "secret_id",
    "google_artifact_registry_repository_iam_member": "repository",
    "google_cloud_run_v2_service_iam_member": "name",
    "google_service_account_iam_member": "service_account_id",
    "google_storage_bucket_iam_member": "bucket",
}

PUBLIC_MEMBERS = {"allUsers", "allAuthenticatedUsers"}


def grants(config):
    """{member: {(role, target)}} over every *_iam_member in iac/."""
    held = {}
    for (kind, _name), body in config.resources.items():
        if not kind.endswith("_iam_member"):
            continue
        member = target(body.get("member"))
        where = config.target(body.get(IAM_TARGET_ATTRIBUTE.get(kind, ""), "?"))
        if kind == "google_project_iam_member":
            where = PROJECT
        roles = [body.get("role")]
        if roles == ["${each.value}"]:  # for_each over a literal set of roles
            roles = re.findall(r'"(roles/[^"]+)"', str(body.get("for_each")))
        for role in roles:
            held.setdefault(member, set()).add((role, where))
    return held


def check_table_layout(config, helps):
    """The events table is partitioned by DAY on occurred_at, clustered, requires a partition filter,
    is protected from deletion, and matches what the Sink would create (its --help defaults)."""
    problems = []
    sink_help = helps["sink"]
    table = config.resource("google_bigquery_table", "events")
    partitioning = block(table, "time_partitioning")
    partition_field = config.local("partition_field")
    clustering = config.local("clustering_fields")
    if not partitioning:
        problems.append("events table has no time_partitioning")
    else:
        if partitioning.get("type") != "DAY":
            problems.append(f"events table is partitioned by {partitioning.get('type')}, not DAY")
        if target(partitioning.get("field")) != "local.partition_field" or partition_field != "occurred_at":
            problems.append(f"events table is partitioned on {partitioning.get('field')} ({partition_field}), not occurred_at")
        if "var.partition_expiration_days" not in str(partitioning.get("expiration_ms")):
            problems.append("partition expiration does not come from var.partition_expiration_days")
    if table.get("require_partition_filter") is not True:
        problems.append("events table does not require a partition filter")
    if target(table.get("clustering")) != "local.clustering_fields" or clustering != ["event_type", "user_id"]:
        problems.append(f"events table is clustered by {table.get('clustering')} ({clustering}), not event_type, user_id")
    if target(table.get("deletion_protection")) != "var.table_deletion_protection" or config.variable_default("table_deletion_protection") is not True:
        problems.append("events table is not protected from deletion by default")
    # The Sink creates the table when missing and reports drift when it differs: same layout both ways.
    if sink_help.variables.get("WAREHOUSE_PARTITION_FIELD") != partition_field:
        problems.append(f"the Sink's default partition field is {sink_help.variables.get('WAREHOUSE_PARTITION_FIELD')}, iac/ says {partition_field}")
    if sink_help.variables.get("WAREHOUSE_CLUSTERING_FIELDS") != ",".join(clustering or []):
        problems.append(f"the Sink's default clustering is {sink_help.variables.get('WAREHOUSE_CLUSTERING_FIELDS')}, iac/ says {clustering}")
    return problems


def check_table_schema(config, helps):
    """The table's schema is schemas/events.json (read with file(), one source) followed by the
    Sink's metadata columns with the types the Sink writes."""
    problems = []
    sink_help = helps["sink"]
    table = config.resource("google_bigquery_table", "events")
    if table.get("schema") != "${jsonencode(concat(local.event_fields, local.metadata_columns))}":
        problems.append(f"events table schema is {table.get('schema')!r}, not events.json + metadata columns")
    if config.local("event_fields") != '${jsondecode(file("${path.module}/../schemas/events.json"))}':
        problems.append(f"local.event_fields is {config.local('event_fields')!r}, not the schema file read with file()")
    columns = config.local("metadata_columns") or []
    got = {column.get("name"): column.get("type") for column in columns}
    if got != SINK_METADATA_TYPES:
        problems.append(f"metadata columns are {got}, the Sink writes {SINK_METADATA_TYPES}")
    if any(column.get("mode") != "NULLABLE" for column in columns):
        problems.append("metadata columns must be NULLABLE (the Sink declares them so)")
    schema_fields = {field["name"]: field for field in json.loads(SCHEMA_FILE.read_text())}
    if clash := set(schema_fields) & set(got):
        problems.append(f"schemas/events.json already has metadata column names {sorted(clash)}")
    partition = schema_fields.get(config.local("partition_field") or "")
    if not partition or partition.get("type") != "TIMESTAMP":
        problems.append("the partition field is not a TIMESTAMP field of schemas/events.json")
    for name in config.local("clustering_fields") or []:
        if name not in schema_fields:
            problems.append(f"clustering field {name} is not in schemas/events.json")
    if sink_help.variables.get("WAREHOUSE_METADATA_COLUMNS") != ",".join(got):
        problems.append("the metadata columns are not the Sink's --metadata-columns default, in its order")
    return problems


def check_least_privilege(config, _helps):
    """Each identity holds exactly its grants; no bindings or policies that replace others' grants;
    no service-account keys."""
    problems = []
    held = grants(config)
    for member, expected in EXPECTED_GRANTS.items():
        got = held.get(member, set())
        for extra in sorted(got - expected, key=str):
            problems.append(f"{member} holds {extra[0]} on {extra[1]}, which is not in its list")
        for missing in sorted(expected - got, key=str):
            problems.append(f"{member} lacks {missing[0]} on {missing[1]}")
    allowed_members = set(EXPECTED_GRANTS) | PUBLIC_MEMBERS | {"local.github_main", "local.github_pull_requests"}
    for member in held:
        if member not in allowed_members:
            problems.append(f"unexpected member {member} holds {sorted(held[member])}")
    for (kind, name) in config.resources:
        if kind.endswith("_iam_binding") or kind.endswith("_iam_policy"):
            problems.append(f"{address(kind, name)}: authoritative IAM replaces grants made elsewhere; use *_iam_member")
        if kind == "google_service_account_key":
            problems.append(f"{address(kind, name)}: no service-account keys (Workload Identity Federation instead)")
    # GitHub may impersonate: deploy and terraform from main only, plan from pull requests only.
    for (kind, name), body in config.resources.items():
        if kind == "google_service_account_iam_member" and body.get("role") == "roles/iam.workloadIdentityUser":
            account, member = target(body.get("service_account_id")), target(body.get("member"))
            wanted = "local.github_pull_requests" if account == "google_service_account.plan" else "local.github_main"
            if member != wanted:
                problems.append(f"{name}: {account} impersonable by {member}, expected {wanted}")
    return problems


def check_dead_lettering(config, _helps):
    """The Sink's subscription dead-letters to the dead-letter topic, with a retry policy, a retention,
    an ack deadline and no expiry; a subscription exists to read the dead letters; the Pub/Sub service
    agent may publish there and ack on the source (checked with the grants)."""
    problems = []
    subscription = config.resource("google_pubsub_subscription", "sink")
    policy = block(subscription, "dead_letter_policy")
    if target(policy.get("dead_letter_topic")) != "google_pubsub_topic.dead_letter":
        problems.append("the Sink's subscription does not dead-letter to google_pubsub_topic.dead_letter")
    if not policy.get("max_delivery_attempts"):
        problems.append("dead_letter_policy has no max_delivery_attempts")
    if not block(subscription, "retry_policy"):
        problems.append("the Sink's subscription has no retry_policy")
    for attribute in ("ack_deadline_seconds", "message_retention_duration"):
        if attribute not in subscription:
            problems.append(f"the Sink's subscription does not set {attribute}")
    if block(subscription, "expiration_policy").get("ttl") != "":
        problems.append("the Sink's subscription may expire (expiration_policy ttl must be \"\")")
    inspectors = [body for body in config.of_type("google_pubsub_subscription").values() if target(body.get("topic")) == "google_pubsub_topic.dead_letter"]
    if not inspectors:
        problems.append("no subscription reads the dead-letter topic")
    agent = grants(config).get("local.pubsub_service_agent", set())
    for needed in EXPECTED_GRANTS["local.pubsub_service_agent"]:
        if needed not in agent:
            problems.append(f"the Pub/Sub service agent lacks {needed[0]} on {needed[1]}: dead-lettering would stall")
    if "gcp-sa-pubsub.iam.gserviceaccount.com" not in str(config.local("pubsub_service_agent")):
        problems.append("local.pubsub_service_agent is not the Pub/Sub service agent")
    return problems


def check_public_access(config, _helps):
    """allUsers/allAuthenticatedUsers appear only on the API's invoker binding, and only when
    var.api_public (default false) asks; the Sink is internal."""
    problems = []
    if config.variable_default("api_public") is not False:
        problems.append("var.api_public must default to false")
    for (kind, name), body in config.resources.items():
        if body.get("member") in PUBLIC_MEMBERS or any(m in PUBLIC_MEMBERS for m in body.get("members", []) or []):
            allowed = (
                kind == "google_cloud_run_v2_service_iam_member"
                and config.target(body.get("name")) == API_SERVICE
                and body.get("role") == "roles/run.invoker"
                and body.get("count") == "${var.api_public ? 1 : 0}"
            )
            if not allowed:
                problems.append(f"{address(kind, name)} grants {body.get('role')} to {body.get('member')} without var.api_public")
    sink = config.module_resource("sink", "google_cloud_run_v2_service")
    if sink.get("ingress") != "INGRESS_TRAFFIC_INTERNAL_ONLY":
        problems.append(f"the Sink's ingress is {sink.get('ingress')}, not INGRESS_TRAFFIC_INTERNAL_ONLY")
    api = config.module_resource("api", "google_cloud_run_v2_service")
    if target(api.get("ingress")) != "var.api_ingress":
        problems.append("the API's ingress does not come from var.api_ingress")
    # Open to the whole network by default is acceptable only with IAM at Cloud Run's door: never both
    # network-wide and invokable by anyone unless someone sets both on purpose.
    if config.variable_default("api_ingress") == "INGRESS_TRAFFIC_ALL" and config.variable_default("api_public") is not False:
        problems.append("var.api_ingress defaults to INGRESS_TRAFFIC_ALL, so var.api_public must default to false")
    return problems


def _service_container(config, name):
    """module.NAME's Cloud Run service (iac/modules/cloud_run_service, instantiated with the call's
    arguments by terraform_config), its template, and its container named NAME."""
    service = config.module_resource(name, "google_cloud_run_v2_service")
    template = block(service, "template")
    containers = blocks(template, "containers")
    main = [c for c in containers if c.get("name") == name]
    return service, template, (main[0] if main else {})


def _environment(container):
    names = [env.get("name") for env in blocks(container, "env")]
    for dynamic in blocks(container, "dynamic"):
        if "env" in dynamic:
            names.append(("dynamic", dynamic["env"].get("for_each")))
    return names


def check_service_settings(config, helps):
    """The args and environment Terraform gives each service are exactly what `warehouse <command>
    --help` documents: the subcommand, documented flags only, documented variables only (the extra
    settings maps included), every required one set, and no PORT (Cloud Run sets it)."""
    problems = []
    for name, command in (("api", "api"), ("sink", "sink")):
        documented = helps[command]
        _service, _template, container = _service_container(config, name)
        if not container:
            problems.append(f"{name}: no container named {name}")
            continue
        args = container.get("args") or []
        if not args or args[0] != command:
            problems.append(f"{name}: args {args} do not start with the subcommand {command}")
        for arg in args[1:]:
            flag = arg.split("=", 1)[0]
            if flag.startswith("--") and flag not in documented.flags:
                problems.append(f"{name}: passes {flag}, which `warehouse {command} --help` does not document")
        set_names = []
        for entry in _environment(container):
            if isinstance(entry, tuple):
                variable = entry[1].removeprefix("${var.").removesuffix("}")
                extra = config.variable_default(variable) or {}
                set_names.extend(extra.keys())
            else:
                set_names.append(entry)
        for variable in set_names:
            if variable == "PORT":
                problems.append(f"{name}: sets PORT, which Cloud Run reserves (container_port sets it)")
            elif variable not in documented.variables:
                problems.append(f"{name}: sets {variable}, which `warehouse {command} --help` does not document")
        if len(set_names) != len(set(set_names)):
            problems.append(f"{name}: sets a variable twice: {sorted(set_names)}")
        for required in documented.required:
            if required not in set_names:
                problems.append(f"{name}: does not set the required {required}")
        if "GOOGLE_CLOUD_PROJECT" not in set_names:
            problems.append(f"{name}: does not set GOOGLE_CLOUD_PROJECT (Cloud Run has no key file to take it from)")
        # The extra-settings map may not override what Terraform sets, nor switch auth off.
        guarded = str(config.variables.get(f"{command}_settings", {}).get("validation"))
        fixed = [entry for entry in _environment(container) if not isinstance(entry, tuple)]
        for variable in fixed + ["PUBSUB_EMULATOR_HOST", "BIGQUERY_EMULATOR_HOST"] + (["WAREHOUSE_NO_AUTH"] if command == "api" else []):
            if f'"{variable}"' not in guarded:
                problems.append(f"{name}: var.{command}_settings may set {variable}; its validation must refuse it")
    return problems


def check_sink_matches_table(config, _helps):
    """The layout settings the Sink is given are the table's, so it finds no drift."""
    problems = []
    _service, _template, container = _service_container(config, "sink")
    values = {env.get("name"): env.get("value") for env in blocks(container, "env")}
    expected = {
        "WAREHOUSE_PARTITION_FIELD": "${local.partition_field}",
        "WAREHOUSE_CLUSTERING_FIELDS": '${join(",", local.clustering_fields)}',
        "WAREHOUSE_REQUIRE_PARTITION_FILTER": "true",
        "WAREHOUSE_METADATA_COLUMNS": '${join(",", [for column in local.metadata_columns : column.name])}',
        "WAREHOUSE_TABLE": "${google_bigquery_table.events.table_id}",
        "WAREHOUSE_DATASET": "${google_bigquery_dataset.warehouse.dataset_id}",
        "WAREHOUSE_SUBSCRIPTION": "${google_pubsub_subscription.sink.id}",
        "WAREHOUSE_DEAD_LETTER_TOPIC": "${google_pubsub_topic.dead_letter.id}",
    }
    for variable, value in expected.items():
        if values.get(variable) != value:
            problems.append(f"sink: {variable} is {values.get(variable)!r}, expected {value!r}")
    return problems


def served_routes(helps):
    """The health routes each command serves: the Sink's help names them; the API's router declares them."""
    api_source = (ROOT / "Sources" / "API" / "APIService.swift").read_text()
    return {
        "api": set(re.findall(r'router\.get\("(/[a-z]+)"\)', api_source)),
        "sink": set(re.findall(r"(/healthz|/readyz|/metrics)", " ".join(helps["sink"].text.split()))),
    }


def check_run_shape(config, helps):
    """Probes hit the binary's real health route on its port; the Sink keeps CPU and an instance;
    each service runs as its own service account; scaling, concurrency and ingress are variables;
    the API keys secret is mounted where WAREHOUSE_API_KEYS_FILE points."""
    problems = []
    routes = served_routes(helps)
    for name in ("api", "sink"):
        _service, template, container = _service_container(config, name)
        ports = [p.get("container_port") for p in blocks(container, "ports")]
        if "/healthz" not in routes[name]:
            problems.append(f"{name}: the binary no longer serves /healthz ({sorted(routes[name])})")
        for probe_name in ("startup_probe", "liveness_probe"):
            probe = block(container, probe_name)
            http = block(probe, "http_get")
            # Liveness must not be /readyz: a dependency outage would restart healthy containers.
            if http.get("path") != "/healthz":
                problems.append(f"{name}: {probe_name} is not an HTTP GET of /healthz")
            if http.get("port") not in ports:
                problems.append(f"{name}: {probe_name} port {http.get('port')} is not the container port {ports}")
        if target(template.get("service_account")) != f"google_service_account.{name}":
            problems.append(f"{name}: does not run as google_service_account.{name}")
        scaling = block(template, "scaling")
        for bound in ("min_instance_count", "max_instance_count"):
            if not str(scaling.get(bound, "")).startswith("${var."):
                problems.append(f"{name}: scaling {bound} is not a variable")
    _s, sink_template, sink = _service_container(config, "sink")
    if block(sink, "resources").get("cpu_idle") is not False:
        problems.append("sink: CPU is not always allocated (cpu_idle must be false)")
    if (config.variables.get("sink_min_instances", {}).get("default") or 0) < 1:
        problems.append("sink: fewer than one instance by default")
    validation = str(config.variables.get("sink_min_instances", {}).get("validation"))
    if ">= 1" not in validation:
        problems.append("sink: var.sink_min_instances does not refuse 0")
    _a, api_template, api = _service_container(config, "api")
    if target(api_template.get("max_instance_request_concurrency")) != "var.api_concurrency":
        problems.append("api: concurrency is not var.api_concurrency")
    keys_file = {env.get("name"): env.get("value") for env in blocks(api, "env")}.get("WAREHOUSE_API_KEYS_FILE", "")
    mounts = [m.get("mount_path") for m in blocks(api, "volume_mounts")]
    if "${local.api_keys_mount}" not in mounts or not keys_file.startswith("${local.api_keys_mount}/"):
        problems.append("api: WAREHOUSE_API_KEYS_FILE is not inside the mounted secret volume")
    secret_volumes = [block(v, "secret") for v in blocks(api_template, "volumes")]
    if not any(target(v.get("secret")) == "google_secret_manager_secret.api_keys" for v in secret_volumes):
        problems.append("api: the API keys secret is not mounted")
    return problems


def check_workload_identity(config, _helps):
    """GitHub tokens are admitted for this repository only, main-branch tokens only by the main
    provider."""
    problems = []
    main = config.resource("google_iam_workload_identity_pool_provider", "github_main")
    condition = main.get("attribute_condition", "").replace('\\"', '"')
    wanted = [
        'assertion.repository == "${var.github_repository}"',
        'assertion.ref == "refs/heads/main"',
        'assertion.sub == "repo:${var.github_repository}:environment:production"',
    ]
    for clause in wanted:
        if clause not in condition:
            problems.append(f"github_main's condition lacks {clause}: {condition!r}")
    if "||" in condition.replace(" || assertion.sub == ", "") or '" && "' not in condition:
        problems.append(f"github_main's condition is not a conjunction of those clauses: {condition!r}")
    pull = config.resource("google_iam_workload_identity_pool_provider", "github_pr")
    if not pull.get("attribute_condition", "").startswith('assertion.sub == "repo:${var.github_repository}:pull_request" && '):
        problems.append("github_pr admits more than pull requests of var.github_repository")
    if "/attribute.ref/refs/heads/main" not in str(config.local("github_main")):
        problems.append("local.github_main is not restricted to refs/heads/main")
    return problems


def metric_names_in_sources():
    """Every metric label the API and the Sink register (swift-metrics labels, Prometheus names)."""
    names = set()
    for source in ("Sources/API/APIMetrics.swift", "Sources/Sink/SinkMetrics.swift"):
        names |= set(re.findall(r'"((?:api|sink)_[a-z_]+)"', (ROOT / source).read_text()))
    return names


# A metric in PromQL is the argument of a function (`rate(NAME[5m])`, `sum(NAME)`); in a Cloud
# Monitoring filter it is `prometheus.googleapis.com/NAME/KIND`. Terraform names never look like that.
METRIC_IN_PROMQL = re.compile(r"\(((?:api|sink)_[a-z_]+)")
METRIC_IN_FILTER = re.compile(r"prometheus\.googleapis\.com/((?:api|sink)_[a-z_]+)/")


def check_monitoring_metric_names(config, _helps):
    """Every API or Sink metric the dashboard, alerts and SLOs query is one the binary registers
    (a histogram is queried as NAME_bucket)."""
    problems = []
    known = metric_names_in_sources()
    if not known:
        return ["no metric names found in Sources/API/APIMetrics.swift or Sources/Sink/SinkMetrics.swift"]
    used = set()
    for path in sorted(config.directory.glob("monitoring_*.tf")):
        text = path.read_text()
        used |= {(path.name, name) for name in METRIC_IN_PROMQL.findall(text) + METRIC_IN_FILTER.findall(text)}
    for filename, name in sorted(used):
        if name.removesuffix("_bucket") not in known:
            problems.append(f"{filename} queries {name}, which neither Sources/API nor Sources/Sink registers")
    if len(used) < 10:
        problems.append(f"only {len(used)} metric uses found in iac/monitoring_*.tf; has the query layout changed?")
    return problems


def check_container_image(config, _helps):
    """The Dockerfile copies the schema to where the services are told to read it, runs as a numeric
    non-root user, and starts the binary without a shell."""
    problems = []
    dockerfile = (config.directory.parent / "Dockerfile").read_text()
    schema_path = config.local("schema_path")
    if f"COPY schemas/events.json {schema_path}" not in dockerfile:
        problems.append(f"the Dockerfile does not copy schemas/events.json to {schema_path}")
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    if not users or not re.fullmatch(r"[1-9][0-9]*(:[1-9][0-9]*)?", users[-1]):
        problems.append(f"the image's last USER is {users[-1] if users else None}, not a numeric non-root user")
    if not re.search(r'^ENTRYPOINT \["/usr/local/bin/warehouse"\]', dockerfile, re.M):
        problems.append("the ENTRYPOINT is not the binary in exec form")
    return problems


def check_variables_documented(config, _helps):
    """Every variable says what it is for and has a type; every output has a description (in iac/ and
    in the local modules it calls); the outputs the operators need exist."""
    problems = []
    modules = {module.directory.name: module for module in config.modules.values()}
    for where, variables, outputs in [("", config.variables, config.outputs)] + [
        (f"modules/{name}: ", module.variables, module.outputs) for name, module in sorted(modules.items())
    ]:
        for name, body in variables.items():
            if len(str(body.get("description", ""))) < 20:
                problems.append(f"{where}var.{name} has no real description")
            if "type" not in body:
                problems.append(f"{where}var.{name} has no type")
        for name, body in outputs.items():
            if not body.get("description"):
                problems.append(f"{where}output {name} has no description")
    outputs = config.outputs
    for needed in ("api_url", "topic", "subscription", "table_id", "deploy_service_account"):
        if needed not in outputs:
            problems.append(f"output {needed} is missing")
    return problems


def check_runbooks_exist(config, _helps):
    """Every alert's documentation points at a runbook section that docs/operations.md has."""
    problems = []
    docs = config.directory.parent / "docs" / "operations.md"
    headings = set(re.findall(r"^#+ (\S+)$", docs.read_text(), re.M)) if docs.is_file() else set()
    slo_names = list((config.local("slos") or {}).keys())
    policies = 0
    for path in sorted(config.directory.glob("monitoring_*.tf")):
        text = path.read_text()
        policies += text.count('resource "google_monitoring_alert_policy"')
        for anchor in re.findall(r"Runbook: docs/operations\.md#(\S+)", text):
            for name in ([anchor.replace("${each.value.name}", slo) for slo in slo_names] if "${" in anchor else [anchor]):
                if name not in headings:
                    problems.append(f"{path.name}: runbook docs/operations.md#{name} does not exist")
        if text.count('resource "google_monitoring_alert_policy"') > text.count("Runbook: docs/operations.md#"):
            problems.append(f"{path.name}: an alert policy has no runbook link")
    if policies == 0:
        problems.append("no alert policies found")
    return problems


CHECKS = {
    "table_layout": check_table_layout,
    "table_schema": check_table_schema,
    "least_privilege": check_least_privilege,
    "dead_lettering": check_dead_lettering,
    "public_access": check_public_access,
    "service_settings": check_service_settings,
    "sink_matches_table": check_sink_matches_table,
    "run_shape": check_run_shape,
    "workload_identity": check_workload_identity,
    "monitoring_metric_names": check_monitoring_metric_names,
    "container_image": check_container_image,
    "variables_documented": check_variables_documented,
    "runbooks_exist": check_runbooks_exist,
}
