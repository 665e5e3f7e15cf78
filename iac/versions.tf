terraform {
  required_version = ">= 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }

  # Remote state: left for you to fill, because the bucket is yours. Create a versioned bucket once
  # (`gcloud storage buckets create gs://YOUR-STATE-BUCKET --uniform-bucket-level-access` and
  # `gcloud storage buckets update gs://YOUR-STATE-BUCKET --versioning`), then
  # `terraform init -backend-config="bucket=YOUR-STATE-BUCKET" -backend-config="prefix=warehouse"`.
  # CI passes the same two settings from repository variables (see .github/workflows/terraform.yml).
  backend "gcs" {}
}
