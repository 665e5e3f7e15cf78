# The API: POST /ingestData → Pub/Sub, GET /getData ← BigQuery. What it shares with the Sink (container,
# probes, sidecar) is in modules/cloud_run_service; what is its own is here.
# Environment names are exactly those `warehouse api --help` documents (scripts/delivery checks).
module "api" {
  source = "./modules/cloud_run_service"
  # checkov:skip=CKV2_WAREHOUSE_1: the network path is open by default so the first apply and deploy work end to end, but Cloud Run admits only callers holding run.invoker (an identity token) unless var.api_public, and the API demands a key as well; set var.api_ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER behind a load balancer with Cloud Armor (docs/operations.md, Reaching the API); scripts/delivery test_public_access holds the default to private invocation

  name                  = "${var.name_prefix}-api"
  command               = "api"
  location              = var.region
  labels                = local.labels
  image                 = var.image
  metrics_sidecar_image = var.metrics_sidecar_image
  ingress               = var.api_ingress
  service_account       = google_service_account.api.email
  concurrency           = var.api_concurrency
  min_instances         = var.api_min_instances
  max_instances         = var.api_max_instances
  memory                = "512Mi"
  cpu_idle              = true

  shared_env = local.service_env
  env = {
    WAREHOUSE_TOPIC         = google_pubsub_topic.events.name
    WAREHOUSE_API_KEYS_FILE = "${local.api_keys_mount}/keys"
  }
  settings = var.api_settings

  secret_volumes = [{
    name       = "api-keys"
    secret     = google_secret_manager_secret.api_keys.secret_id
    mount_path = local.api_keys_mount
    file       = "keys"
  }]

  depends_on = [google_secret_manager_secret_iam_member.api_reads_keys]
}

# The service was a resource of this root module before the module existed.
moved {
  from = google_cloud_run_v2_service.api
  to   = module.api.google_cloud_run_v2_service.this
}
