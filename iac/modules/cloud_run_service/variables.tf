variable "name" {
  description = "The Cloud Run service's name (NAME_PREFIX-api, NAME_PREFIX-sink)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$", var.name))
    error_message = "name must be a Cloud Run service name: lowercase letters, digits and hyphens, starting with a letter, at most 49 characters."
  }
}

variable "command" {
  description = "The `warehouse` subcommand the service runs (its args) and the name of its container, which the sidecar waits for."
  type        = string
  validation {
    condition     = contains(["api", "sink"], var.command)
    error_message = "command must be api or sink."
  }
}

variable "location" {
  description = "The region the service runs in."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.location))
    error_message = "location must be a region such as europe-west1."
  }
}

variable "labels" {
  description = "Labels on the service (the root's local.labels)."
  type        = map(string)
  default     = {}
}

variable "image" {
  description = "The warehouse image for the first apply; CD replaces it by digest and the service ignores later changes to it (the root's var.image validates it)."
  type        = string
  validation {
    condition     = length(var.image) > 0
    error_message = "image must not be empty."
  }
}

variable "metrics_sidecar_image" {
  description = "The Managed Prometheus sidecar, which scrapes localhost:8080/metrics into Cloud Monitoring."
  type        = string
  validation {
    condition     = length(var.metrics_sidecar_image) > 0
    error_message = "metrics_sidecar_image must not be empty."
  }
}

variable "ingress" {
  description = "Who can reach the service over the network (INGRESS_TRAFFIC_ALL, INGRESS_TRAFFIC_INTERNAL_ONLY or INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER)."
  type        = string
  validation {
    condition     = contains(["INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"], var.ingress)
    error_message = "ingress must be INGRESS_TRAFFIC_ALL, INGRESS_TRAFFIC_INTERNAL_ONLY or INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER."
  }
}

variable "service_account" {
  description = "The email of the service account the service runs as (its own, holding only its roles)."
  type        = string
}

variable "concurrency" {
  description = "Requests one instance serves at once; null leaves Cloud Run's default (the Sink, which serves only its health and metrics routes)."
  type        = number
  default     = null
  validation {
    condition     = var.concurrency == null ? true : var.concurrency >= 1 && var.concurrency <= 1000
    error_message = "concurrency must be null or between 1 and 1000."
  }
}

variable "min_instances" {
  description = "Instances kept running when idle."
  type        = number
  validation {
    condition     = var.min_instances >= 0
    error_message = "min_instances must not be negative."
  }
}

variable "max_instances" {
  description = "The most instances the service scales out to."
  type        = number
  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 1000
    error_message = "max_instances must be between 1 and 1000."
  }
}

variable "memory" {
  description = "Memory limit of the warehouse container (one CPU is given either way), such as 512Mi or 1Gi."
  type        = string
  validation {
    condition     = can(regex("^[1-9][0-9]*(Mi|Gi)$", var.memory))
    error_message = "memory must be a whole number of Mi or Gi, such as 512Mi."
  }
}

variable "cpu_idle" {
  description = "true: CPU only while a request is being served (the API); false: CPU always allocated, as a pull subscriber working between requests needs (the Sink). The sidecar follows."
  type        = bool
}

variable "shared_env" {
  description = "Environment both services get alike (the root's local.service_env: the project, the table and the schema file)."
  type        = map(string)
  validation {
    condition     = alltrue([for name in keys(var.shared_env) : can(regex("^[A-Z][A-Z0-9_]*$", name)) && name != "PORT"])
    error_message = "shared_env names must be upper-case environment variable names, and not PORT (Cloud Run sets it)."
  }
}

variable "env" {
  description = "Environment this service gets from the resources Terraform makes, named as `warehouse COMMAND --help` documents (scripts/delivery checks)."
  type        = map(string)
  validation {
    condition     = alltrue([for name in keys(var.env) : can(regex("^[A-Z][A-Z0-9_]*$", name)) && name != "PORT"])
    error_message = "env names must be upper-case environment variable names, and not PORT (Cloud Run sets it)."
  }
}

variable "settings" {
  description = "The operator's extra settings (var.api_settings, var.sink_settings), whose own validation refuses what env and shared_env set."
  type        = map(string)
  default     = {}
}

variable "secret_volumes" {
  description = "Secret Manager secrets mounted read-only, each as one file holding its latest version: the volume's name, the secret's id, the directory it is mounted at and the file's name there."
  type = list(object({
    name       = string
    secret     = string
    mount_path = string
    file       = string
  }))
  default = []
  validation {
    condition     = alltrue([for volume in var.secret_volumes : startswith(volume.mount_path, "/") && !strcontains(volume.file, "/")])
    error_message = "each secret volume's mount_path must be absolute and its file a plain name."
  }
}
