# The Sink: pulls the subscription into the events table. A pull subscriber gets no requests, so it
# has CPU always allocated and never scales to zero; nobody needs to reach it (internal ingress, no
# invoker binding), and its port serves only /healthz, /readyz and /metrics.
# Environment names are exactly those `warehouse sink --help` documents (scripts/delivery checks).
resource "google_cloud_run_v2_service" "sink" {
  name                = "${var.name_prefix}-sink"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  deletion_protection = false
  labels              = local.labels

  template {
    service_account = google_service_account.sink.email
    # Cloud Run gives a container 10 s after SIGTERM; the Sink drains within WAREHOUSE_SHUTDOWN_DEADLINE.
    timeout = "60s"

    scaling {
      min_instance_count = var.sink_min_instances
      max_instance_count = var.sink_max_instances
    }

    containers {
      name  = "sink"
      image = var.image
      args  = ["sink"]

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1"
          memory = "1Gi"
        }
        cpu_idle          = false # CPU always allocated: the pull loop runs between requests
        startup_cpu_boost = true
      }

      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.project_id
      }
      env {
        name  = "WAREHOUSE_SUBSCRIPTION"
        value = google_pubsub_subscription.sink.id
      }
      env {
        name  = "WAREHOUSE_DEAD_LETTER_TOPIC"
        value = google_pubsub_topic.dead_letter.id
      }
      env {
        name  = "WAREHOUSE_DATASET"
        value = google_bigquery_dataset.warehouse.dataset_id
      }
      env {
        name  = "WAREHOUSE_TABLE"
        value = google_bigquery_table.events.table_id
      }
      env {
        name  = "WAREHOUSE_SCHEMA"
        value = local.schema_path
      }
      # The table's layout, stated here too: the Sink compares the table it finds with these and
      # reports drift instead of writing into a table laid out differently.
      env {
        name  = "WAREHOUSE_PARTITION_FIELD"
        value = local.partition_field
      }
      env {
        name  = "WAREHOUSE_CLUSTERING_FIELDS"
        value = join(",", local.clustering_fields)
      }
      env {
        name  = "WAREHOUSE_REQUIRE_PARTITION_FILTER"
        value = "true"
      }
      env {
        name  = "WAREHOUSE_METADATA_COLUMNS"
        value = join(",", [for column in local.metadata_columns : column.name])
      }
      env {
        name  = "WAREHOUSE_SHUTDOWN_DEADLINE"
        value = "8s"
      }
      dynamic "env" {
        for_each = var.sink_settings
        content {
          name  = env.key
          value = env.value
        }
      }

      startup_probe {
        http_get {
          path = "/healthz"
          port = 8080
        }
        period_seconds    = 2
        timeout_seconds   = 1
        failure_threshold = 30
      }
      liveness_probe {
        http_get {
          path = "/healthz"
          port = 8080
        }
        period_seconds    = 15
        timeout_seconds   = 3
        failure_threshold = 4
      }
    }

    containers {
      name       = "metrics"
      image      = var.metrics_sidecar_image
      depends_on = ["sink"]
      resources {
        limits = {
          cpu    = "500m"
          memory = "256Mi"
        }
        cpu_idle = false
      }
    }
  }

  lifecycle {
    ignore_changes = [template[0].containers[0].image, client, client_version]
  }
}
