# GitHub Actions authenticates by Workload Identity Federation: short-lived tokens, no service-account
# keys anywhere. Two providers, because they admit different tokens:
#   github-main: jobs on main of var.github_repository that run in its protected `production` (CD) or
#                `infrastructure` (terraform apply) environment; GitHub then sets the token's subject to
#                repo:OWNER/NAME:environment:ENV, which a required reviewer guards;
#   github-pr:   pull requests into main from branches of the same repository (terraform plan, read-only).
resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = "${var.name_prefix}-github"
  display_name              = "GitHub Actions"
  description               = "Tokens from GitHub Actions of ${var.github_repository}."
  depends_on                = [google_project_service.required]
}

resource "google_iam_workload_identity_pool_provider" "github_main" {
  # checkov:skip=CKV_GCP_125: the subject is matched exactly (repo:OWNER/NAME:environment:ENV), but OWNER/NAME is var.github_repository, which checkov cannot resolve; scripts/delivery test_workload_identity checks the condition
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-main"
  display_name                       = "GitHub main branch"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
    "attribute.ref"        = "assertion.ref"
  }
  attribute_condition = join(" && ", [
    "assertion.repository == \"${var.github_repository}\"",
    "assertion.ref == \"refs/heads/main\"",
    "(assertion.sub == \"repo:${var.github_repository}:environment:production\" || assertion.sub == \"repo:${var.github_repository}:environment:infrastructure\")",
  ])
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_iam_workload_identity_pool_provider" "github_pr" {
  # checkov:skip=CKV_GCP_125: the subject is matched exactly (repo:OWNER/NAME:pull_request), but OWNER/NAME is var.github_repository, which checkov cannot resolve; scripts/delivery test_workload_identity checks the condition
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-pr"
  display_name                       = "GitHub pull requests"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
    "attribute.ref"        = "assertion.ref"
    "attribute.event_name" = "assertion.event_name"
  }
  attribute_condition = "assertion.sub == \"repo:${var.github_repository}:pull_request\" && assertion.event_name == \"pull_request\" && assertion.base_ref == \"main\""
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

# Principal sets are pool-wide, so they are told apart by attributes only one provider can produce:
# a pull_request token's ref is refs/pull/N/merge, never refs/heads/main, and both providers admit
# tokens of var.github_repository alone.
locals {
  github_pool          = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}"
  github_main          = "${local.github_pool}/attribute.ref/refs/heads/main"
  github_pull_requests = "${local.github_pool}/attribute.event_name/pull_request"
}

# ---- CD: push images, deploy the two services ----

resource "google_service_account" "deploy" {
  account_id   = "${var.name_prefix}-deploy"
  display_name = "warehouse CD (GitHub Actions)"
  description  = "Pushes images and deploys the api and sink services; nothing else."
}

resource "google_service_account_iam_member" "deploy_from_github_main" {
  service_account_id = google_service_account.deploy.name
  role               = "roles/iam.workloadIdentityUser"
  member             = local.github_main
}

resource "google_artifact_registry_repository_iam_member" "deploy_pushes_images" {
  repository = google_artifact_registry_repository.images.name
  location   = google_artifact_registry_repository.images.location
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.deploy.member
}

resource "google_cloud_run_v2_service_iam_member" "deploy_updates_api" {
  name     = module.api.name
  location = module.api.location
  role     = "roles/run.developer"
  member   = google_service_account.deploy.member
}

resource "google_cloud_run_v2_service_iam_member" "deploy_updates_sink" {
  name     = module.sink.name
  location = module.sink.location
  role     = "roles/run.developer"
  member   = google_service_account.deploy.member
}

# Deploying a revision that runs as a service account needs actAs on that account, on it alone.
resource "google_service_account_iam_member" "deploy_acts_as_api" {
  service_account_id = google_service_account.api.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.deploy.member
}

resource "google_service_account_iam_member" "deploy_acts_as_sink" {
  service_account_id = google_service_account.sink.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.deploy.member
}

# The smoke test calls the API with an identity token when the API is private.
resource "google_cloud_run_v2_service_iam_member" "deploy_invokes_api" {
  name     = module.api.name
  location = module.api.location
  role     = "roles/run.invoker"
  member   = google_service_account.deploy.member
}

# ---- Terraform plan on pull requests: read-only ----

resource "google_service_account" "plan" {
  account_id   = "${var.name_prefix}-plan"
  display_name = "warehouse terraform plan (GitHub Actions, pull requests)"
  description  = "Reads the project and the state to plan; changes nothing."
}

resource "google_service_account_iam_member" "plan_from_github_pr" {
  service_account_id = google_service_account.plan.name
  role               = "roles/iam.workloadIdentityUser"
  member             = local.github_pull_requests
}

# Read access to each kind of resource iac/ manages, and to IAM policies (securityReviewer), but not
# the basic Viewer role: Viewer is a project reader, which BigQuery datasets admit to their data.
resource "google_project_iam_member" "plan_reads" {
  for_each = toset([
    "roles/artifactregistry.reader",
    "roles/bigquery.metadataViewer",
    "roles/iam.securityReviewer",
    "roles/iam.serviceAccountViewer",
    "roles/iam.workloadIdentityPoolViewer",
    "roles/monitoring.viewer",
    "roles/pubsub.viewer",
    "roles/run.viewer",
    "roles/secretmanager.viewer",
    "roles/serviceusage.serviceUsageViewer",
  ])
  project = var.project_id
  role    = each.value
  member  = google_service_account.plan.member
}

resource "google_storage_bucket_iam_member" "plan_reads_state" {
  count  = var.state_bucket != "" ? 1 : 0
  bucket = var.state_bucket
  role   = "roles/storage.objectViewer"
  member = google_service_account.plan.member
}

# ---- Terraform apply on main, as an account made by hand ----

resource "google_service_account_iam_member" "terraform_from_github_main" {
  count              = var.terraform_service_account_email != "" ? 1 : 0
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.terraform_service_account_email}"
  role               = "roles/iam.workloadIdentityUser"
  member             = local.github_main
}
