# ---- Where ----

variable "project_id" {
  description = "Google Cloud project everything is created in."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id (6-30 characters: lowercase letters, digits, hyphens)."
  }
}

variable "region" {
  description = "Region of the Cloud Run services, the Artifact Registry repository and the BigQuery dataset's location when bigquery_location is empty."
  type        = string
  default     = "europe-west1"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name, so several pipelines can share a project."
  type        = string
  default     = "warehouse"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,17}$", var.name_prefix))
    error_message = "name_prefix must be 2-18 lowercase letters, digits or hyphens, starting with a letter (service account ids are at most 30 characters)."
  }
}

# ---- What runs ----

variable "image" {
  description = "Container image of the warehouse binary, by digest (REGION-docker.pkg.dev/PROJECT/REPO/warehouse@sha256:...). CD replaces it on each deploy; Terraform ignores later changes to it."
  type        = string
  validation {
    condition     = can(regex("@sha256:[0-9a-f]{64}$", var.image)) || can(regex("^us-docker.pkg.dev/cloudrun/container/hello", var.image))
    error_message = "image must be pinned by digest (…@sha256:<64 hex>), or be Cloud Run's placeholder image for the first apply."
  }
}

variable "metrics_sidecar_image" {
  description = "Google Managed Prometheus sidecar for Cloud Run: scrapes each service's /metrics on localhost and writes it to Cloud Monitoring."
  type        = string
  default     = "us-docker.pkg.dev/cloud-ops-agents-artifacts/cloud-run-gmp-sidecar/cloud-run-gmp-sidecar:1.2.0"
}

# ---- Pub/Sub ----

variable "ack_deadline_seconds" {
  description = "Ack deadline of the Sink's subscription. The Sink extends leases itself (--lease-extension), so this only bounds how long a crashed Sink's messages wait for redelivery."
  type        = number
  default     = 60
  validation {
    condition     = var.ack_deadline_seconds >= 10 && var.ack_deadline_seconds <= 600
    error_message = "ack_deadline_seconds must be between 10 and 600 (Pub/Sub's limits)."
  }
}

variable "message_retention_duration" {
  description = "How long unacknowledged messages are kept, e.g. 604800s (7 days, Pub/Sub's maximum for a subscription): the time an outage of the Sink or of BigQuery can last without losing data."
  type        = string
  default     = "604800s"
  validation {
    condition     = can(regex("^[0-9]+s$", var.message_retention_duration)) && tonumber(trimsuffix(var.message_retention_duration, "s")) >= 600 && tonumber(trimsuffix(var.message_retention_duration, "s")) <= 604800
    error_message = "message_retention_duration must be seconds written like 604800s, between 600s and 604800s."
  }
}

variable "max_delivery_attempts" {
  description = "Deliveries after which Pub/Sub moves a message to the dead-letter topic (the Sink dead-letters invalid rows itself; this catches messages that crash or time out every time)."
  type        = number
  default     = 10
  validation {
    condition     = var.max_delivery_attempts >= 5 && var.max_delivery_attempts <= 100
    error_message = "max_delivery_attempts must be between 5 and 100 (Pub/Sub's limits)."
  }
}

variable "retry_minimum_backoff" {
  description = "Pub/Sub's least wait before redelivering a nacked message."
  type        = string
  default     = "10s"
}

variable "retry_maximum_backoff" {
  description = "Pub/Sub's longest wait before redelivering a nacked message."
  type        = string
  default     = "600s"
}

# ---- BigQuery ----

variable "bigquery_location" {
  description = "Location of the dataset (EU, US or a region); empty means var.region."
  type        = string
  default     = ""
}

variable "partition_expiration_days" {
  description = "Days a partition of the events table is kept; 0 keeps partitions forever."
  type        = number
  default     = 400
  validation {
    condition     = var.partition_expiration_days >= 0 && floor(var.partition_expiration_days) == var.partition_expiration_days
    error_message = "partition_expiration_days must be a whole number of days, 0 for never."
  }
}

variable "table_deletion_protection" {
  description = "Whether Terraform refuses to delete the events table. Turn it off only to tear a test project down."
  type        = bool
  default     = true
}

# ---- Cloud Run ----

variable "api_public" {
  description = "Whether anyone on the internet may invoke the API (allUsers gets run.invoker). The API still demands an API key; off means callers need IAM (an identity token)."
  type        = bool
  default     = false
}

variable "api_ingress" {
  description = "Who can reach the API over the network: INGRESS_TRAFFIC_ALL (the default: the run.app URL, where Cloud Run lets through only callers holding run.invoker unless api_public), INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER (only through a load balancer you put in front, with Cloud Armor) or INGRESS_TRAFFIC_INTERNAL_ONLY."
  type        = string
  default     = "INGRESS_TRAFFIC_ALL"
  validation {
    condition     = contains(["INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"], var.api_ingress)
    error_message = "api_ingress must be INGRESS_TRAFFIC_ALL, INGRESS_TRAFFIC_INTERNAL_ONLY or INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER."
  }
}

variable "api_concurrency" {
  description = "Requests one API instance serves at once."
  type        = number
  default     = 80
  validation {
    condition     = var.api_concurrency >= 1 && var.api_concurrency <= 1000
    error_message = "api_concurrency must be between 1 and 1000."
  }
}

variable "api_min_instances" {
  description = "API instances kept warm (0 allows scale to zero, at the price of a cold start)."
  type        = number
  default     = 1
  validation {
    condition     = var.api_min_instances >= 0
    error_message = "api_min_instances must not be negative."
  }
}

variable "api_max_instances" {
  description = "Most API instances Cloud Run may start (bounds cost and the load on BigQuery)."
  type        = number
  default     = 10
  validation {
    condition     = var.api_max_instances >= 1 && var.api_max_instances <= 1000
    error_message = "api_max_instances must be between 1 and 1000."
  }
}

variable "sink_min_instances" {
  description = "Sink instances always running; at least 1, because a pull subscriber that scales to zero stops pulling."
  type        = number
  default     = 1
  validation {
    condition     = var.sink_min_instances >= 1
    error_message = "sink_min_instances must be at least 1: the Sink pulls, so nothing would wake it."
  }
}

variable "sink_max_instances" {
  description = "Most Sink instances (Cloud Run scales them on CPU; Pub/Sub spreads messages over them)."
  type        = number
  default     = 4
  validation {
    condition     = var.sink_max_instances >= 1 && var.sink_max_instances <= 100
    error_message = "sink_max_instances must be between 1 and 100."
  }
}

variable "api_settings" {
  description = "Extra API settings, as the environment variables `warehouse api --help` documents (e.g. WAREHOUSE_RATE_LIMIT). A test refuses names the binary does not document."
  type        = map(string)
  default = {
    WAREHOUSE_LOG_LEVEL = "info"
  }
  # Not these: switching auth off or pointing at emulators has no place in the cloud, and the rest are
  # set by cloud_run_api.tf and local.service_env from the resources themselves.
  validation {
    condition = length(setintersection(keys(var.api_settings), [
      "WAREHOUSE_NO_AUTH", "PUBSUB_EMULATOR_HOST", "BIGQUERY_EMULATOR_HOST", "PORT", "WAREHOUSE_HOST", "GOOGLE_CLOUD_PROJECT",
      "WAREHOUSE_TOPIC", "WAREHOUSE_DATASET", "WAREHOUSE_TABLE", "WAREHOUSE_SCHEMA", "WAREHOUSE_API_KEYS_FILE",
    ])) == 0
    error_message = "api_settings must not set WAREHOUSE_NO_AUTH, the emulator hosts, PORT, WAREHOUSE_HOST, or what Terraform sets from the resources."
  }
}

variable "sink_settings" {
  description = "Extra Sink settings, as the environment variables `warehouse sink --help` documents (e.g. WAREHOUSE_MAX_BATCH_ROWS). A test refuses names the binary does not document."
  type        = map(string)
  default = {
    WAREHOUSE_LOG_LEVEL = "info"
  }
  validation {
    condition = length(setintersection(keys(var.sink_settings), [
      "PUBSUB_EMULATOR_HOST", "BIGQUERY_EMULATOR_HOST", "PORT", "GOOGLE_CLOUD_PROJECT", "WAREHOUSE_SUBSCRIPTION",
      "WAREHOUSE_DEAD_LETTER_TOPIC", "WAREHOUSE_DATASET", "WAREHOUSE_TABLE", "WAREHOUSE_SCHEMA", "WAREHOUSE_PARTITION_FIELD",
      "WAREHOUSE_CLUSTERING_FIELDS", "WAREHOUSE_REQUIRE_PARTITION_FILTER", "WAREHOUSE_METADATA_COLUMNS", "WAREHOUSE_SHUTDOWN_DEADLINE",
    ])) == 0
    error_message = "sink_settings must not set the emulator hosts, PORT, or what Terraform sets from the resources (the table's layout among them)."
  }
}

# ---- GitHub ----

variable "github_repository" {
  description = "The GitHub repository (OWNER/NAME) whose main branch may deploy through Workload Identity Federation."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be OWNER/NAME."
  }
}

# ---- Monitoring ----

variable "notification_channels" {
  description = "Cloud Monitoring notification channel ids (projects/P/notificationChannels/N) every alert goes to. Empty: alerts open incidents in the console only."
  type        = list(string)
  default     = []
}

variable "api_availability_goal" {
  description = "API availability SLO: the share of requests answered without a 5xx over 28 days."
  type        = number
  default     = 0.995
  validation {
    condition     = var.api_availability_goal > 0.9 && var.api_availability_goal < 1
    error_message = "api_availability_goal must be between 0.9 and 1 (exclusive)."
  }
}

variable "api_latency_goal" {
  description = "API latency SLO: the share of requests answered within api_latency_threshold_ms over 28 days."
  type        = number
  default     = 0.99
  validation {
    condition     = var.api_latency_goal > 0.9 && var.api_latency_goal < 1
    error_message = "api_latency_goal must be between 0.9 and 1 (exclusive)."
  }
}

variable "api_latency_threshold_ms" {
  description = "The latency a request must beat to count as good for the latency SLO."
  type        = number
  default     = 500
}

variable "freshness_goal" {
  description = "Freshness SLO: the share of events stored within freshness_threshold_seconds of being published, over 28 days."
  type        = number
  default     = 0.99
  validation {
    condition     = var.freshness_goal > 0.9 && var.freshness_goal < 1
    error_message = "freshness_goal must be between 0.9 and 1 (exclusive)."
  }
}

variable "freshness_threshold_seconds" {
  description = "Publish-to-stored time an event must beat to count as fresh (a bucket bound of sink_publish_to_stored_seconds: 1, 1.5, 2, 3, 5, 10 …)."
  type        = number
  default     = 2
  validation {
    condition     = contains([1, 1.5, 2, 3, 5, 10, 30, 60], var.freshness_threshold_seconds)
    error_message = "freshness_threshold_seconds must be a bucket bound of the Sink's latency histogram: 1, 1.5, 2, 3, 5, 10, 30 or 60."
  }
}

variable "backlog_age_alert_seconds" {
  description = "Oldest unacknowledged message age that pages (see docs/operations.md for why 600)."
  type        = number
  default     = 600
}

variable "terraform_service_account_email" {
  description = "Service account the Terraform workflow applies as on main. It needs admin roles over everything here, so it is made by hand once (see docs/operations.md) and only bound to GitHub here. Empty: apply only from a workstation."
  type        = string
  default     = ""
}

variable "state_bucket" {
  description = "Name of the GCS bucket holding the Terraform state (the backend's bucket): the plan identity gets read access to it."
  type        = string
  default     = ""
}
