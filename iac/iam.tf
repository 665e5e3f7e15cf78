# Least privilege: each role on the narrowest resource that has an IAM policy for it.
# scripts/delivery tests hold each service account to exactly this list.

# ---- API ----

resource "google_pubsub_topic_iam_member" "api_publishes_events" {
  topic  = google_pubsub_topic.events.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.api.member
}

# The API's /readyz reads the topic (topics.get), which publisher does not include.
resource "google_pubsub_topic_iam_member" "api_reads_topic" {
  topic  = google_pubsub_topic.events.id
  role   = "roles/pubsub.viewer"
  member = google_service_account.api.member
}

# jobs.query runs a job, and jobs live in the project: jobUser has no narrower home.
resource "google_project_iam_member" "api_runs_query_jobs" {
  project = var.project_id
  role    = "roles/bigquery.jobUser"
  member  = google_service_account.api.member
}

resource "google_bigquery_dataset_iam_member" "api_reads_dataset" {
  dataset_id = google_bigquery_dataset.warehouse.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = google_service_account.api.member
}

resource "google_secret_manager_secret_iam_member" "api_reads_keys" {
  secret_id = google_secret_manager_secret.api_keys.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.api.member
}

# The Managed Prometheus sidecar writes the API's /metrics as this identity; metric writes are
# project-scoped.
resource "google_project_iam_member" "api_writes_metrics" {
  project = var.project_id
  role    = "roles/monitoring.metricWriter"
  member  = google_service_account.api.member
}

# ---- Sink ----

resource "google_pubsub_subscription_iam_member" "sink_pulls" {
  subscription = google_pubsub_subscription.sink.id
  role         = "roles/pubsub.subscriber"
  member       = google_service_account.sink.member
}

# dataEditor on the dataset: insertAll, and the Sink's check that the table exists as it expects.
resource "google_bigquery_dataset_iam_member" "sink_writes_dataset" {
  dataset_id = google_bigquery_dataset.warehouse.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = google_service_account.sink.member
}

resource "google_pubsub_topic_iam_member" "sink_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.sink.member
}

resource "google_project_iam_member" "sink_writes_metrics" {
  project = var.project_id
  role    = "roles/monitoring.metricWriter"
  member  = google_service_account.sink.member
}

# ---- Pub/Sub service agent: dead-lettering after max_delivery_attempts ----
# Pub/Sub forwards a message as its own service agent: it must publish to the dead-letter topic and
# acknowledge on the source subscription, or the message stays in the subscription for ever.

locals {
  pubsub_service_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic_iam_member" "pubsub_agent_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "pubsub_agent_acks_forwarded" {
  subscription = google_pubsub_subscription.sink.id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

# ---- Who may call the API ----

# Only when asked: the API is then reachable by anyone who knows its URL (and an API key).
resource "google_cloud_run_v2_service_iam_member" "api_public" {
  # checkov:skip=CKV2_WAREHOUSE_2: exists only when var.api_public (default false) is set on purpose; the API still demands an API key; scripts/delivery test_public_access holds it to that
  count    = var.api_public ? 1 : 0
  name     = module.api.name
  location = module.api.location
  role     = "roles/run.invoker"
  member   = "allUsers"
}
