# The Sink: pulls the subscription into the events table. A pull subscriber gets no requests, so it
# has CPU always allocated and never scales to zero; nobody needs to reach it (internal ingress, no
# invoker binding), and its port serves only /healthz, /readyz and /metrics. What it shares with the
# API is in modules/cloud_run_service.
# Environment names are exactly those `warehouse sink --help` documents (scripts/delivery checks).
module "sink" {
  source = "./modules/cloud_run_service"

  name                  = "${var.name_prefix}-sink"
  command               = "sink"
  location              = var.region
  labels                = local.labels
  image                 = var.image
  metrics_sidecar_image = var.metrics_sidecar_image
  ingress               = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  service_account       = google_service_account.sink.email
  min_instances         = var.sink_min_instances
  max_instances         = var.sink_max_instances
  memory                = "1Gi"
  cpu_idle              = false # CPU always allocated: the pull loop runs between requests

  shared_env = local.service_env
  env = {
    WAREHOUSE_SUBSCRIPTION      = google_pubsub_subscription.sink.id
    WAREHOUSE_DEAD_LETTER_TOPIC = google_pubsub_topic.dead_letter.id
    # The table's layout, stated here too: the Sink compares the table it finds with these and
    # reports drift instead of writing into a table laid out differently.
    WAREHOUSE_PARTITION_FIELD          = local.partition_field
    WAREHOUSE_CLUSTERING_FIELDS        = join(",", local.clustering_fields)
    WAREHOUSE_REQUIRE_PARTITION_FILTER = "true"
    WAREHOUSE_METADATA_COLUMNS         = join(",", [for column in local.metadata_columns : column.name])
    WAREHOUSE_SHUTDOWN_DEADLINE        = "8s"
  }
  settings = var.sink_settings
}

# The service was a resource of this root module before the module existed.
moved {
  from = google_cloud_run_v2_service.sink
  to   = module.sink.google_cloud_run_v2_service.this
}
