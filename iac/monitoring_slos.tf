# SLOs over 28 days (four whole weeks, so weekday patterns do not bias the window), with
# multi-window burn-rate alerts (docs/operations.md explains the choices).

resource "google_monitoring_custom_service" "pipeline" {
  service_id   = "${var.name_prefix}-pipeline"
  display_name = "${var.name_prefix} pipeline"
  depends_on   = [google_project_service.required]
}

locals {
  api_request_filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${module.api.name}\""
}

# Availability: requests answered without a 5xx, from Cloud Run's own count (it also sees the
# requests an instance never answered, which the API's /metrics cannot).
resource "google_monitoring_slo" "api_availability" {
  service             = google_monitoring_custom_service.pipeline.service_id
  slo_id              = "api-availability"
  display_name        = "API: ${format("%.1f", var.api_availability_goal * 100)}% of requests without a 5xx"
  goal                = var.api_availability_goal
  rolling_period_days = 28

  request_based_sli {
    good_total_ratio {
      bad_service_filter   = "metric.type=\"run.googleapis.com/request_count\" AND ${local.api_request_filter} AND metric.labels.response_code_class=\"5xx\""
      total_service_filter = "metric.type=\"run.googleapis.com/request_count\" AND ${local.api_request_filter}"
    }
  }
}

# Latency: requests answered within the threshold, from Cloud Run's request_latencies (milliseconds).
resource "google_monitoring_slo" "api_latency" {
  service             = google_monitoring_custom_service.pipeline.service_id
  slo_id              = "api-latency"
  display_name        = "API: ${format("%.1f", var.api_latency_goal * 100)}% of requests within ${var.api_latency_threshold_ms} ms"
  goal                = var.api_latency_goal
  rolling_period_days = 28

  request_based_sli {
    distribution_cut {
      distribution_filter = "metric.type=\"run.googleapis.com/request_latencies\" AND ${local.api_request_filter}"
      range {
        max = var.api_latency_threshold_ms
      }
    }
  }
}

# Freshness: events stored within the threshold of being published, from the Sink's
# sink_publish_to_stored_seconds histogram (Managed Prometheus writes it as .../histogram).
resource "google_monitoring_slo" "freshness" {
  service             = google_monitoring_custom_service.pipeline.service_id
  slo_id              = "freshness"
  display_name        = "Freshness: ${format("%.1f", var.freshness_goal * 100)}% of events stored within ${var.freshness_threshold_seconds}s of publish"
  goal                = var.freshness_goal
  rolling_period_days = 28

  request_based_sli {
    distribution_cut {
      distribution_filter = "metric.type=\"prometheus.googleapis.com/sink_publish_to_stored_seconds/histogram\" AND resource.type=\"prometheus_target\""
      range {
        max = var.freshness_threshold_seconds
      }
    }
  }
}

locals {
  slos = {
    api-availability = google_monitoring_slo.api_availability
    api-latency      = google_monitoring_slo.api_latency
    freshness        = google_monitoring_slo.freshness
  }

  # Two pairs of windows (the long one proves it matters, the short one that it is still happening):
  # fast burns 2% of the 28-day budget in an hour and pages; slow burns 5% in six hours and tickets.
  burn_rate_alerts = {
    fast = { long = "3600s", short = "300s", rate = 14.4, severity = "CRITICAL" }
    slow = { long = "21600s", short = "1800s", rate = 6, severity = "WARNING" }
  }

  slo_burn_alerts = merge([
    for slo_key, slo in local.slos : {
      for speed, window in local.burn_rate_alerts : "${slo_key}-${speed}" => {
        slo    = slo
        name   = slo_key
        speed  = speed
        window = window
      }
    }
  ]...)
}

resource "google_monitoring_alert_policy" "slo_burn" {
  for_each              = local.slo_burn_alerts
  display_name          = "${var.name_prefix}: ${each.value.name} error budget burning ${each.value.speed} (>${each.value.window.rate}x)"
  combiner              = "AND"
  notification_channels = var.notification_channels
  severity              = each.value.window.severity

  conditions {
    display_name = "burn rate over ${each.value.window.long} > ${each.value.window.rate}"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${each.value.slo.name}\", \"${each.value.window.long}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.window.rate
      duration        = "0s"
    }
  }
  conditions {
    display_name = "burn rate over ${each.value.window.short} > ${each.value.window.rate}"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${each.value.slo.name}\", \"${each.value.window.short}\")"
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.window.rate
      duration        = "0s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    subject   = "${var.name_prefix}: ${each.value.name} SLO burning its budget ${each.value.speed}"
    content   = <<-EOT
      The ${each.value.name} SLO spends its 28-day error budget ${each.value.window.rate} times faster than
      sustainable, over both ${each.value.window.long} and ${each.value.window.short}.
      Why ${each.value.window.rate}x: ${each.value.speed == "fast" ? "at 14.4x an hour spends 2% of the budget; left alone the budget is gone in under two days, so this pages" : "at 6x six hours spend 5% of the budget; the budget lasts under five days, so this opens a ticket rather than a page"}.
      The short window stops the alert as soon as the burn stops.
      Runbook: docs/operations.md#slo-${each.value.name}
    EOT
  }
}
