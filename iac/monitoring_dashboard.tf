locals {
  # One tile per question an operator asks, in the order they ask it (docs/operations.md).
  dashboard_tiles = [
    { title = "API requests/s by route", query = local.promql.api_requests_by_route },
    { title = "API errors/s by route and status", query = local.promql.api_errors_by_route },
    { title = "API p95 latency by route (s)", query = local.promql.api_p95_by_route },
    { title = "API publish failures/s", query = local.promql.api_publish_failures },
    { title = "Pub/Sub backlog (undelivered messages)", query = local.promql.backlog_messages },
    { title = "Oldest unacked message age (s)", query = local.promql.oldest_unacked_age },
    { title = "Dead letters/s: forwarded by Pub/Sub", query = local.promql.pubsub_dead_lettered },
    { title = "Dead letters/s: published by the Sink, by reason", query = local.promql.sink_dead_lettered },
    { title = "Sink rows inserted/s", query = local.promql.sink_rows_inserted },
    { title = "Sink retries/s by reason", query = local.promql.sink_retries },
    { title = "Sink nacks/s (retry budget spent)", query = local.promql.sink_nacked },
    { title = "Sink insertAll p95 (s)", query = local.promql.sink_insert_p95 },
    { title = "Freshness: publish to stored p50 (s)", query = local.promql.sink_freshness_p50 },
    { title = "Freshness: publish to stored p99 (s)", query = local.promql.sink_freshness_p99 },
  ]
}

resource "google_monitoring_dashboard" "pipeline" {
  dashboard_json = jsonencode({
    displayName = "${var.name_prefix}: API, Pub/Sub, Sink"
    mosaicLayout = {
      columns = 12
      tiles = [for index, tile in local.dashboard_tiles : {
        xPos   = (index % 2) * 6
        yPos   = floor(index / 2) * 4
        width  = 6
        height = 4
        widget = {
          title = tile.title
          xyChart = {
            dataSets = [{
              plotType        = "LINE"
              timeSeriesQuery = { prometheusQuery = tile.query }
            }]
          }
        }
      }]
    }
  })
  depends_on = [google_project_service.required]
}
