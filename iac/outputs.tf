output "api_url" {
  description = "The API's URL."
  value       = module.api.uri
}

output "topic" {
  description = "The events topic (full name)."
  value       = google_pubsub_topic.events.id
}

output "subscription" {
  description = "The Sink's subscription (full name)."
  value       = google_pubsub_subscription.sink.id
}

output "dead_letter_subscription" {
  description = "Where to read dead letters from."
  value       = google_pubsub_subscription.dead_letter_inspect.id
}

output "table_id" {
  description = "The events table, as PROJECT.DATASET.TABLE."
  value       = "${var.project_id}.${google_bigquery_dataset.warehouse.dataset_id}.${google_bigquery_table.events.table_id}"
}

output "image_repository" {
  description = "Where CD pushes images."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "deploy_service_account" {
  description = "The identity CD deploys as (set as the repository variable DEPLOY_SERVICE_ACCOUNT)."
  value       = google_service_account.deploy.email
}

output "plan_service_account" {
  description = "The read-only identity pull requests plan as (repository variable PLAN_SERVICE_ACCOUNT)."
  value       = google_service_account.plan.email
}

output "workload_identity_provider_main" {
  description = "Provider for main-branch workflows (repository variable WIF_PROVIDER_MAIN)."
  value       = google_iam_workload_identity_pool_provider.github_main.name
}

output "workload_identity_provider_pr" {
  description = "Provider for pull-request workflows (repository variable WIF_PROVIDER_PR)."
  value       = google_iam_workload_identity_pool_provider.github_pr.name
}
