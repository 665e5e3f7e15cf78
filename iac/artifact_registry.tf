resource "google_artifact_registry_repository" "images" {
  # checkov:skip=CKV_GCP_84: images hold no data; Google-managed encryption; a customer-managed KMS key adds a key whose loss or disablement makes the data unreadable, for no control this pipeline needs (docs/operations.md, What is left out)
  repository_id = var.name_prefix
  location      = var.region
  format        = "DOCKER"
  description   = "warehouse container images, pushed by CD and deployed by digest."
  labels        = local.labels

  docker_config {
    immutable_tags = true
  }

  # Keep the last 20 images (enough to roll back) and nothing untagged older than a week.
  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 20
    }
  }
  cleanup_policies {
    id     = "delete-old-untagged"
    action = "DELETE"
    condition {
      tag_state  = "UNTAGGED"
      older_than = "604800s"
    }
  }

  depends_on = [google_project_service.required]
}
