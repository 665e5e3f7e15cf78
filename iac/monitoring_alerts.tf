# Threshold alerts for what the SLOs do not see early enough. Each documentation block says why the
# threshold is what it is and points at its runbook entry in docs/operations.md.

resource "google_monitoring_alert_policy" "backlog_age" {
  display_name          = "${var.name_prefix}: events waiting in Pub/Sub longer than ${var.backlog_age_alert_seconds}s"
  combiner              = "OR"
  notification_channels = var.notification_channels
  severity              = "CRITICAL"

  conditions {
    display_name = "oldest unacked message age > ${var.backlog_age_alert_seconds}s for 5 min"
    condition_prometheus_query_language {
      query               = "${local.promql.oldest_unacked_age} > ${var.backlog_age_alert_seconds}"
      duration            = "300s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    subject   = "${var.name_prefix}: Sink is not keeping up"
    content   = <<-EOT
      The oldest message in the Sink's subscription has waited more than ${var.backlog_age_alert_seconds}s for 5 minutes.
      Why this threshold: the Sink stores a message within a couple of seconds and retries a failing
      batch for at most 2 minutes (--max-retry-duration) before nacking it, so a healthy pipeline
      never has a message this old; 10 minutes is 5 retry budgets, long enough to ride out a blip and
      short enough that a 7-day retention leaves days to fix the cause.
      Runbook: docs/operations.md#backlog-age
    EOT
  }
}

resource "google_monitoring_alert_policy" "dead_letters" {
  display_name          = "${var.name_prefix}: events dead-lettered"
  combiner              = "OR"
  notification_channels = var.notification_channels
  severity              = "WARNING"

  # One PromQL condition per policy (Cloud Monitoring's rule), so both sources are added in one query;
  # `or vector(0)` keeps one missing series from hiding the other.
  conditions {
    display_name = "dead letters in the last 10 min (the Sink's own, and Pub/Sub's after ${var.max_delivery_attempts} attempts)"
    condition_prometheus_query_language {
      query               = "(sum(increase(sink_messages_dead_lettered_total[10m])) or vector(0)) + (sum(increase(pubsub_googleapis_com:subscription_dead_letter_message_count{${local.subscription_selector}}[10m])) or vector(0)) > 0"
      duration            = "0s"
      evaluation_interval = "60s"
    }
  }

  alert_strategy {
    auto_close = "86400s"
  }

  documentation {
    mime_type = "text/markdown"
    subject   = "${var.name_prefix}: events went to the dead-letter topic"
    content   = <<-EOT
      Events are in the dead-letter topic instead of the table.
      Why any at all: every dead letter is an event a producer believes was stored; a producer bug
      usually shows up as a burst, and one warning per burst (not a page) is cheap while a silent
      loss is not.
      Runbook: docs/operations.md#dead-letters
    EOT
  }
}

resource "google_monitoring_alert_policy" "sink_nacks" {
  display_name          = "${var.name_prefix}: Sink gives messages back (BigQuery writes failing)"
  combiner              = "OR"
  notification_channels = var.notification_channels
  severity              = "ERROR"

  conditions {
    display_name = "nacks for 10 min"
    condition_prometheus_query_language {
      query               = "${local.promql.sink_nacked} > 0"
      duration            = "600s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    subject   = "${var.name_prefix}: the Sink cannot write to BigQuery"
    content   = <<-EOT
      The Sink nacks a batch only after retrying it for --max-retry-duration (2 min), so nacks that
      last 10 minutes mean BigQuery has refused writes for 12 minutes. Nothing is lost (Pub/Sub keeps
      the messages), but freshness is gone and the backlog grows.
      Runbook: docs/operations.md#sink-nacks
    EOT
  }
}

resource "google_monitoring_alert_policy" "sink_silent" {
  display_name          = "${var.name_prefix}: Sink reports no metrics"
  combiner              = "OR"
  notification_channels = var.notification_channels
  severity              = "ERROR"

  conditions {
    display_name = "no sink_messages_pulled_total for 10 min"
    condition_prometheus_query_language {
      query               = "absent_over_time(sink_messages_pulled_total[10m])"
      duration            = "0s"
      evaluation_interval = "60s"
    }
  }

  documentation {
    mime_type = "text/markdown"
    subject   = "${var.name_prefix}: the Sink (or its metrics sidecar) is not running"
    content   = <<-EOT
      The Sink exports sink_messages_pulled_total from its first second, even when idle, so its
      absence for 10 minutes means no Sink instance runs or none is scraped; every other Sink alert
      is blind until it is fixed.
      Runbook: docs/operations.md#sink-silent
    EOT
  }
}
