resource "google_bigquery_dataset" "warehouse" {
  # checkov:skip=CKV_GCP_81: Google-managed encryption; a customer-managed KMS key adds a key whose loss or disablement makes the data unreadable, for no control this pipeline needs (docs/operations.md, What is left out)
  dataset_id  = replace(var.name_prefix, "-", "_")
  location    = local.bigquery_location
  description = "Events stored by the warehouse Sink."
  labels      = local.labels
  depends_on  = [google_project_service.required]
}

resource "google_bigquery_table" "events" {
  # checkov:skip=CKV_GCP_80: Google-managed encryption; a customer-managed KMS key adds a key whose loss or disablement makes the data unreadable, for no control this pipeline needs (docs/operations.md, What is left out)
  dataset_id          = google_bigquery_dataset.warehouse.dataset_id
  table_id            = "events"
  description         = "One row per event; schema from schemas/events.json plus the Sink's metadata columns."
  labels              = local.labels
  deletion_protection = var.table_deletion_protection

  schema = jsonencode(concat(local.event_fields, local.metadata_columns))

  # Every read names a time window (the API's /getData requires one), so it scans only those days.
  time_partitioning {
    type          = "DAY"
    field         = local.partition_field
    expiration_ms = var.partition_expiration_days > 0 ? var.partition_expiration_days * 86400000 : null
  }
  require_partition_filter = true

  # What /getData filters by, in that order.
  clustering = local.clustering_fields
}
