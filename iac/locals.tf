locals {
  bigquery_location = var.bigquery_location != "" ? var.bigquery_location : var.region

  # The event schema has one source, schemas/events.json: the API validates with it, the Sink maps
  # with it (the image carries a copy), and the table is made from it here.
  event_fields = jsondecode(file("${path.module}/../schemas/events.json"))

  # The metadata columns the Sink writes (its --metadata-columns default, as a Pub/Sub BigQuery
  # subscription with write_metadata spells them). The Sink checks the table it finds against its own
  # definition and reports drift, so this list, the table and WAREHOUSE_METADATA_COLUMNS move together.
  metadata_columns = [
    { name = "subscription_name", type = "STRING", mode = "NULLABLE", description = "Pub/Sub subscription the row came through." },
    { name = "message_id", type = "STRING", mode = "NULLABLE", description = "Pub/Sub messageId." },
    { name = "publish_time", type = "TIMESTAMP", mode = "NULLABLE", description = "When Pub/Sub accepted the message." },
    { name = "attributes", type = "JSON", mode = "NULLABLE", description = "The message's attributes (traceparent among them)." },
  ]

  # Partitioning and clustering: the table below and the Sink's settings use these same values.
  partition_field   = "occurred_at"
  clustering_fields = ["event_type", "user_id"]

  # Where the image keeps the schema file (Dockerfile: WORKDIR /app, COPY schemas/events.json).
  schema_path = "/app/schemas/events.json"

  # What both services are told alike: the project (Cloud Run has no key file to take it from), the
  # table and where the image keeps the schema. Each adds its own in cloud_run_api.tf / cloud_run_sink.tf.
  service_env = {
    GOOGLE_CLOUD_PROJECT = var.project_id
    WAREHOUSE_DATASET    = google_bigquery_dataset.warehouse.dataset_id
    WAREHOUSE_TABLE      = google_bigquery_table.events.table_id
    WAREHOUSE_SCHEMA     = local.schema_path
  }

  # Where the API keys secret is mounted in the API container.
  api_keys_mount = "/secrets/api-keys"

  labels = {
    app        = var.name_prefix
    managed-by = "terraform"
  }
}
