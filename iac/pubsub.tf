# Events published by the API.
resource "google_pubsub_topic" "events" {
  # checkov:skip=CKV_GCP_83: Google-managed encryption; a customer-managed KMS key adds a key whose loss or disablement makes the data unreadable, for no control this pipeline needs (docs/operations.md, What is left out)
  name                       = "${var.name_prefix}-events"
  labels                     = local.labels
  message_retention_duration = var.message_retention_duration
  depends_on                 = [google_project_service.required]
}

# Messages that can never be stored: published by the Sink (invalid rows, with error_* attributes)
# and by Pub/Sub itself after max_delivery_attempts.
resource "google_pubsub_topic" "dead_letter" {
  # checkov:skip=CKV_GCP_83: Google-managed encryption; a customer-managed KMS key adds a key whose loss or disablement makes the data unreadable, for no control this pipeline needs (docs/operations.md, What is left out)
  name                       = "${var.name_prefix}-events-dead-letter"
  labels                     = local.labels
  message_retention_duration = var.message_retention_duration
  depends_on                 = [google_project_service.required]
}

# The Sink's pull subscription.
resource "google_pubsub_subscription" "sink" {
  name                       = "${var.name_prefix}-events-sink"
  topic                      = google_pubsub_topic.events.id
  labels                     = local.labels
  ack_deadline_seconds       = var.ack_deadline_seconds
  message_retention_duration = var.message_retention_duration
  retain_acked_messages      = false

  # The Sink's dead letters carry the delivery attempt in their attributes.
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }

  retry_policy {
    minimum_backoff = var.retry_minimum_backoff
    maximum_backoff = var.retry_maximum_backoff
  }

  # An empty ttl means the subscription never expires, however long the Sink is away.
  expiration_policy {
    ttl = ""
  }
}

# Somewhere to read the dead letters from (`gcloud pubsub subscriptions pull`); nothing consumes it
# automatically, so it keeps them for the full retention and never expires.
resource "google_pubsub_subscription" "dead_letter_inspect" {
  name                       = "${var.name_prefix}-events-dead-letter-inspect"
  topic                      = google_pubsub_topic.dead_letter.id
  labels                     = local.labels
  ack_deadline_seconds       = 60
  message_retention_duration = var.message_retention_duration

  expiration_policy {
    ttl = ""
  }
}
