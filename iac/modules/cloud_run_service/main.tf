# One warehouse service on Cloud Run: the `warehouse` binary running one subcommand (api or sink), with
# the Managed Prometheus sidecar beside it. What the API and the Sink share is stated here once; what
# differs comes in through variables.tf, from iac/cloud_run_api.tf and iac/cloud_run_sink.tf.
#
# A module, not shared locals with dynamic blocks: a dynamic block's skeleton would still be written out
# in each resource, so only a module states the container, probes, resources and sidecar once. And the
# offline gates see through it as well as they saw the two resources: checkov resolves each call's
# arguments and keeps the API's skip to the API (scripts/delivery/gates.py shows both on broken copies),
# and scripts/delivery/terraform_config.py instantiates each call for the invariants.
resource "google_cloud_run_v2_service" "this" {
  name                = var.name
  location            = var.location
  ingress             = var.ingress
  deletion_protection = false
  labels              = var.labels

  template {
    service_account                  = var.service_account
    max_instance_request_concurrency = var.concurrency
    # Cloud Run gives a container 10 s after SIGTERM; the Sink drains within WAREHOUSE_SHUTDOWN_DEADLINE.
    timeout = "60s"

    scaling {
      min_instance_count = var.min_instances
      max_instance_count = var.max_instances
    }

    containers {
      name  = var.command
      image = var.image
      args  = [var.command]

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1"
          memory = var.memory
        }
        cpu_idle          = var.cpu_idle
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = var.shared_env
        content {
          name  = env.key
          value = env.value
        }
      }
      dynamic "env" {
        for_each = var.env
        content {
          name  = env.key
          value = env.value
        }
      }
      dynamic "env" {
        for_each = var.settings
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "volume_mounts" {
        for_each = var.secret_volumes
        content {
          name       = volume_mounts.value.name
          mount_path = volume_mounts.value.mount_path
        }
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

    # Scrapes the service's /metrics (localhost:8080) into Managed Prometheus.
    containers {
      name       = "metrics"
      image      = var.metrics_sidecar_image
      depends_on = [var.command]
      resources {
        limits = {
          cpu    = "500m"
          memory = "256Mi"
        }
        cpu_idle = var.cpu_idle
      }
    }

    dynamic "volumes" {
      for_each = var.secret_volumes
      content {
        name = volumes.value.name
        secret {
          secret       = volumes.value.secret
          default_mode = 292 # 0444: the image runs as a numeric non-root user, who must read the file
          items {
            version = "latest"
            path    = volumes.value.file
          }
        }
      }
    }
  }

  lifecycle {
    # CD deploys new images by digest; Terraform owns everything else.
    ignore_changes = [template[0].containers[0].image, client, client_version]
  }
}
