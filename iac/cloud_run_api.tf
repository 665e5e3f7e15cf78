# The API: POST /ingestData → Pub/Sub, GET /getData ← BigQuery.
# Environment names are exactly those `warehouse api --help` documents (scripts/delivery checks).
resource "google_cloud_run_v2_service" "api" {
  # checkov:skip=CKV2_WAREHOUSE_1: the network path is open by default so the first apply and deploy work end to end, but Cloud Run admits only callers holding run.invoker (an identity token) unless var.api_public, and the API demands a key as well; set var.api_ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER behind a load balancer with Cloud Armor (docs/operations.md, Reaching the API); scripts/delivery test_public_access holds the default to private invocation
  name                = "${var.name_prefix}-api"
  location            = var.region
  ingress             = var.api_ingress
  deletion_protection = false
  labels              = local.labels

  template {
    service_account                  = google_service_account.api.email
    max_instance_request_concurrency = var.api_concurrency
    timeout                          = "60s"

    scaling {
      min_instance_count = var.api_min_instances
      max_instance_count = var.api_max_instances
    }

    containers {
      name  = "api"
      image = var.image
      args  = ["api"]

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.project_id
      }
      env {
        name  = "WAREHOUSE_TOPIC"
        value = google_pubsub_topic.events.name
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
      env {
        name  = "WAREHOUSE_API_KEYS_FILE"
        value = "${local.api_keys_mount}/keys"
      }
      dynamic "env" {
        for_each = var.api_settings
        content {
          name  = env.key
          value = env.value
        }
      }

      volume_mounts {
        name       = "api-keys"
        mount_path = local.api_keys_mount
      }

      # /healthz answers once the server listens; /readyz only when Pub/Sub and BigQuery answer,
      # which must not restart the container during their outages, so it is not the liveness probe.
      startup_probe {
        http_get {
          path = "/healthz"
          port = 8080
        }
        initial_delay_seconds = 0
        period_seconds        = 2
        timeout_seconds       = 1
        failure_threshold     = 30
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

    # Scrapes the API's /metrics (localhost:8080) into Managed Prometheus.
    containers {
      name       = "metrics"
      image      = var.metrics_sidecar_image
      depends_on = ["api"]
      resources {
        limits = {
          cpu    = "500m"
          memory = "256Mi"
        }
        cpu_idle = true
      }
    }

    volumes {
      name = "api-keys"
      secret {
        secret       = google_secret_manager_secret.api_keys.secret_id
        default_mode = 292 # 0444: the image runs as a numeric non-root user, who must read the file
        items {
          version = "latest"
          path    = "keys"
        }
      }
    }
  }

  lifecycle {
    # CD deploys new images by digest; Terraform owns everything else.
    ignore_changes = [template[0].containers[0].image, client, client_version]
  }

  depends_on = [google_secret_manager_secret_iam_member.api_reads_keys]
}
