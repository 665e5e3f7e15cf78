# PromQL the dashboard and the alerts share. Metric names are the binary's own (Sources/API/APIMetrics.swift,
# Sources/Sink/SinkMetrics.swift `SinkMetricNames`), scraped from /metrics by the Managed Prometheus
# sidecar; Google's own metrics appear in PromQL as `<service>_googleapis_com:<metric path with _>`.
locals {
  subscription_selector = "monitored_resource=\"pubsub_subscription\",subscription_id=\"${google_pubsub_subscription.sink.name}\""
  api_service_selector  = "monitored_resource=\"cloud_run_revision\",service_name=\"${module.api.name}\""

  promql = {
    api_requests_by_route = "sum by (route) (rate(api_requests_total[5m]))"
    api_errors_by_route   = "sum by (route, status) (rate(api_request_errors_total[5m]))"
    api_p95_by_route      = "histogram_quantile(0.95, sum by (route, le) (rate(api_request_duration_seconds_bucket[5m])))"
    api_publish_failures  = "sum(rate(api_publish_failures_total[5m]))"
    api_5xx_share         = "sum(rate(run_googleapis_com:request_count{${local.api_service_selector},response_code_class=\"5xx\"}[5m])) / sum(rate(run_googleapis_com:request_count{${local.api_service_selector}}[5m]))"

    backlog_messages   = "sum(pubsub_googleapis_com:subscription_num_undelivered_messages{${local.subscription_selector}})"
    oldest_unacked_age = "max(pubsub_googleapis_com:subscription_oldest_unacked_message_age{${local.subscription_selector}})"
    # Messages Pub/Sub forwarded after max_delivery_attempts, and rows the Sink dead-lettered itself.
    pubsub_dead_lettered = "sum(rate(pubsub_googleapis_com:subscription_dead_letter_message_count{${local.subscription_selector}}[5m]))"
    sink_dead_lettered   = "sum by (reason) (rate(sink_messages_dead_lettered_total[5m]))"

    sink_rows_inserted = "sum(rate(sink_rows_inserted_total[5m]))"
    sink_acked         = "sum(rate(sink_messages_acked_total[5m]))"
    sink_nacked        = "sum(rate(sink_messages_nacked_total[5m]))"
    sink_retries       = "sum by (reason) (rate(sink_retries_total[5m]))"
    sink_insert_p95    = "histogram_quantile(0.95, sum by (le) (rate(sink_insert_duration_seconds_bucket[5m])))"
    sink_freshness_p50 = "histogram_quantile(0.50, sum by (le) (rate(sink_publish_to_stored_seconds_bucket[5m])))"
    sink_freshness_p99 = "histogram_quantile(0.99, sum by (le) (rate(sink_publish_to_stored_seconds_bucket[5m])))"
    sink_in_flight     = "sum(sink_messages_in_flight)"
  }
}
