# The API's keys (one KEY:SCOPES a line, as `warehouse api --help` describes --api-keys-file).
# Terraform makes the secret, never its value, so no key lands in the state file. Add a version once:
#   printf 'KEY1:ingest+read\nKEY2:read\n' | gcloud secrets versions add warehouse-api-keys --data-file=-
resource "google_secret_manager_secret" "api_keys" {
  secret_id = "${var.name_prefix}-api-keys"
  labels    = local.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.required]
}
