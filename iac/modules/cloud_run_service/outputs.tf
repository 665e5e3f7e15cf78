output "name" {
  description = "The Cloud Run service's name."
  value       = google_cloud_run_v2_service.this.name
}

output "location" {
  description = "The Cloud Run service's region."
  value       = google_cloud_run_v2_service.this.location
}

output "uri" {
  description = "The Cloud Run service's run.app URL."
  value       = google_cloud_run_v2_service.this.uri
}
