# syntax=docker/dockerfile:1
# The warehouse binary for Cloud Run: one image, `api` and `sink` chosen by the service's args.
# Both stages are Ubuntu 24.04 (noble), so the libraries the binary was linked against at build time
# are the ones installed at run time.

# ---- build ----
FROM swift:6.3-noble AS build
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libssl-dev libsqlite3-dev libre2-dev zlib1g-dev libzstd-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.swift names test, bench and release-check targets too, so their folders must exist for the
# manifest to load (.dockerignore admits them); only the warehouse product is built.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY bench ./bench
COPY release-checks ./release-checks
# The cache mount keeps fetched dependencies and objects between builds on the same builder.
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --product warehouse --static-swift-stdlib \
 && install -D -m 0755 "$(swift build -c release --show-bin-path)/warehouse" /out/warehouse

# ---- run ----
FROM ubuntu:24.04
# Only what the binary links besides the (static) Swift runtime, as `ldd warehouse` lists it:
# OpenSSL, SQLite, RE2, zlib and Zstandard, the C++ runtime; plus CA roots for TLS to Google, tzdata, and the
# Public Suffix List the emulator's NET.PUBLIC_SUFFIX and NET.REG_DOMAIN read.
# Versions are left to the noble archive (security updates arrive by rebuilding); hadolint's pin rule
# is skipped for that reason.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata publicsuffix libssl3t64 libsqlite3-0 libre2-10 zlib1g libzstd1 libstdc++6 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/warehouse /usr/local/bin/warehouse
# The schema the API validates with and the Sink maps with (WAREHOUSE_SCHEMA=/app/schemas/events.json).
WORKDIR /app
COPY schemas/events.json /app/schemas/events.json
# A numeric non-root user with no home and no shell login: Cloud Run and Kubernetes can verify it
# is not root without reading /etc/passwd.
USER 65532:65532
ENV PORT=8080
EXPOSE 8080
# Cloud Run probes /healthz itself (startup and liveness probes in iac/); a Docker HEALTHCHECK would
# be ignored there and would need a shell or curl in the image.
# checkov:skip=CKV_DOCKER_2: Cloud Run ignores HEALTHCHECK; iac/cloud_run_*.tf declares startup and liveness probes on /healthz
# Exec form: no shell is involved in starting the binary.
ENTRYPOINT ["/usr/local/bin/warehouse"]
CMD ["api"]
