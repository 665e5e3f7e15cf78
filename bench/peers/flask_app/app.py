"""The peer of our API in bench/api: the design most answers to "HTTP in front of Pub/Sub and BigQuery"
use, a Flask app under gunicorn with Google's Python clients, serving the same two routes.

  POST /ingestData  an event object or an array of them; each must have the required fields of
                    schemas/events.json (event_id, event_type, occurred_at) as strings; each is published
                    to the topic as its JSON (google-cloud-pubsub, gRPC, the client's default batching),
                    and the answer, once every publish is acknowledged, is 202 {"messageIds": [...]}.
  GET  /getData     limit, from, to (RFC 3339; default the last 24 hours), event_type, user_id: one
                    parameterized jobs.query (google-cloud-bigquery) with the same SQL text and
                    parameters as ours (Sources/API/EventsSQL.swift), newest first. No cache.

Configuration (environment): PUBSUB_EMULATOR_HOST (host:port of the emulator's gRPC Pub/Sub),
BIGQUERY_API_ENDPOINT (URL of the emulator's BigQuery REST), GOOGLE_CLOUD_PROJECT, WAREHOUSE_DATASET,
WAREHOUSE_TABLE, WAREHOUSE_TOPIC. Anonymous credentials: it talks to an emulator only.

  gunicorn --workers 4 --worker-class gthread --threads 8 --bind 127.0.0.1:8090 --chdir bench/peers/flask_app app:app
"""
import datetime
import json
import os

from flask import Flask, Response, request
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery, pubsub_v1

PROJECT = os.environ.get("GOOGLE_CLOUD_PROJECT", "local-project")
DATASET = os.environ.get("WAREHOUSE_DATASET", "warehouse")
TABLE = os.environ.get("WAREHOUSE_TABLE", "events")
TOPIC = os.environ.get("WAREHOUSE_TOPIC", "events")
REQUIRED = ("event_id", "event_type", "occurred_at")
COLUMNS = ("event_id", "event_type", "user_id", "occurred_at", "payload")
MAX_EVENTS = 500
SQL = f"""SELECT {", ".join(f"`{c}`" for c in COLUMNS)}
FROM `{PROJECT}.{DATASET}.{TABLE}`
WHERE occurred_at >= @from AND occurred_at < @to
  AND (@event_type IS NULL OR event_type = @event_type)
  AND (@user_id IS NULL OR user_id = @user_id)
  AND (@after_time IS NULL OR occurred_at < @after_time OR (occurred_at = @after_time AND event_id < @after_id))
ORDER BY occurred_at DESC, event_id DESC
LIMIT @limit"""

app = Flask(__name__)
# One client of each per worker process (gunicorn forks before importing the app without --preload).
publisher = pubsub_v1.PublisherClient()
topic_path = publisher.topic_path(PROJECT, TOPIC)
bq = bigquery.Client(project=PROJECT, credentials=AnonymousCredentials(),
                     client_options=ClientOptions(api_endpoint=os.environ.get("BIGQUERY_API_ENDPOINT", "http://127.0.0.1:9050")))


def problem(status, detail):
    return Response(json.dumps({"error": detail}), status=status, mimetype="application/json")


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@app.post("/ingestData")
def ingest():
    try:
        body = json.loads(request.get_data())
    except ValueError:
        return problem(400, "the body is not JSON")
    events = body if isinstance(body, list) else [body]
    if not events or len(events) > MAX_EVENTS:
        return problem(400, f"send 1 to {MAX_EVENTS} events")
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            return problem(400, f"event {index} is not an object")
        for field in REQUIRED:
            if not isinstance(event.get(field), str) or not event[field]:
                return problem(400, f"event {index}: {field} is required")
    futures = [publisher.publish(topic_path, json.dumps(event, separators=(",", ":")).encode()) for event in events]
    try:
        ids = [future.result(timeout=30) for future in futures]
    except Exception as error:  # noqa: BLE001 - any publish failure is the service's
        return problem(503, f"publish failed: {type(error).__name__}")
    return Response(json.dumps({"messageIds": ids}), status=202, mimetype="application/json")


@app.get("/getData")
def get_data():
    args = request.args
    try:
        limit = int(args.get("limit", "100"))
        now = datetime.datetime.now(datetime.timezone.utc)
        start = parse_time(args["from"]) if "from" in args else now - datetime.timedelta(hours=24)
        end = parse_time(args["to"]) if "to" in args else now
    except (ValueError, KeyError):
        return problem(400, "limit, from or to is malformed")
    if not 1 <= limit <= 1000 or end <= start:
        return problem(400, "limit must be 1-1000 and from before to")
    config = bigquery.QueryJobConfig(query_parameters=[
        bigquery.ScalarQueryParameter("from", "TIMESTAMP", start),
        bigquery.ScalarQueryParameter("to", "TIMESTAMP", end),
        bigquery.ScalarQueryParameter("event_type", "STRING", args.get("event_type")),
        bigquery.ScalarQueryParameter("user_id", "STRING", args.get("user_id")),
        bigquery.ScalarQueryParameter("after_time", "TIMESTAMP", None),
        bigquery.ScalarQueryParameter("after_id", "STRING", None),
        bigquery.ScalarQueryParameter("limit", "INT64", limit + 1),
    ])
    rows = []
    for row in bq.query_and_wait(SQL, job_config=config):
        rows.append({
            "event_id": row["event_id"], "event_type": row["event_type"], "user_id": row["user_id"],
            "occurred_at": row["occurred_at"].strftime("%Y-%m-%dT%H:%M:%S.%fZ") if row["occurred_at"] else None,
            "payload": row["payload"],
        })
    more = len(rows) > limit
    return Response(json.dumps({"rows": rows[:limit], "nextPageToken": "more" if more else None}),
                    status=200, mimetype="application/json")
