# One identity per service, so each holds only what its own code calls.
resource "google_service_account" "api" {
  account_id   = "${var.name_prefix}-api"
  display_name = "warehouse API (Cloud Run)"
  description  = "Publishes events and reads the events table."
}

resource "google_service_account" "sink" {
  account_id   = "${var.name_prefix}-sink"
  display_name = "warehouse Sink (Cloud Run)"
  description  = "Pulls the subscription, writes the events table, publishes dead letters."
}
