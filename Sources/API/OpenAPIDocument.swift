/// The API's contract, OpenAPI 3.1, served verbatim at `/openapi.yaml`.
///
/// Written as JSON, which is YAML too (YAML 1.2 is a superset of JSON), so the test that holds the
/// handlers to it parses it with WireJSON and the project needs no YAML parser.
///
/// The handlers are hand-written rather than generated with swift-openapi-generator: the routes are
/// few, and what matters most in them is not expressible in the generated types' terms (reading a
/// body of up to 1 MiB once and validating it with the Sink's own `RowValidator`, answering 413 before
/// reading an oversized body, 503 with `Retry-After`, keyset tokens, the read cache). A generator
/// would also add a build plugin and two packages to every build. `OpenAPIContractTests` keeps the two
/// honest: every route, status and error body the handlers give is checked against this document.
enum OpenAPIDocument {
    /// The document as an API with `authentication` serves it: without keys (`warehouse serve`,
    /// `warehouse api --no-auth`) no operation requires X-API-Key, so clients are not told otherwise.
    static func text(for authentication: APIAuthentication) -> String {
        switch authentication {
        case .disabled: withoutKeys
        case .apiKeys: text
        }
    }

    static let withoutKeys = text.replacingOccurrences(of: #""security": [{"apiKey": []}],"#, with: #""security": [],"#)

    static let text = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "warehouse API",
            "version": "1.0.0",
            "description": "Producers POST events (validated against the events table's schema, then published to Pub/Sub); consumers GET them back from BigQuery, newest first, a page at a time. Every answer carries X-Request-Id. Every error has the body ErrorBody. A path asked with a method it does not have answers 405 with Allow."
          },
          "servers": [{"url": "http://127.0.0.1:8080"}],
          "security": [{"apiKey": []}],
          "paths": {
            "/ingestData": {
              "post": {
                "operationId": "ingestData",
                "summary": "Publish one event or an array of events (all or nothing at validation).",
                "description": "Needs a key with the ingest scope. Up to 500 events and 1 MiB by default. Each event is checked against schemas/events.json; one invalid event and nothing is published. A traceparent header is carried to each message as an attribute (a new one is made when it is absent or malformed). The events of a request are published together, all or none: on 503 none is (unless the publish went through and its answer was lost, then all are), so retry the request; event_id makes the retry idempotent.",
                "parameters": [
                  {"name": "traceparent", "in": "header", "required": false, "schema": {"type": "string"}, "description": "W3C Trace Context."}
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {"oneOf": [{"$ref": "#/components/schemas/Event"}, {"type": "array", "minItems": 1, "maxItems": 500, "items": {"$ref": "#/components/schemas/Event"}}]}
                    }
                  }
                },
                "responses": {
                  "202": {"description": "Every event is published; one messageId per event, in order.", "headers": {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestAccepted"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthenticated"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "413": {"$ref": "#/components/responses/TooLarge"},
                  "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
                  "429": {"$ref": "#/components/responses/RateLimited"},
                  "431": {"$ref": "#/components/responses/HeadTooLarge"},
                  "503": {"$ref": "#/components/responses/Unavailable"}
                }
              }
            },
            "/getData": {
              "get": {
                "operationId": "getData",
                "summary": "Read events, newest first (occurred_at DESC, event_id DESC), a page at a time.",
                "description": "Needs a key with the read scope. The window from..to (default: the last 24 hours) may span at most 31 days by default. Identical reads within a short time share one BigQuery query.",
                "parameters": [
                  {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 10}},
                  {"name": "from", "in": "query", "required": false, "schema": {"type": "string", "format": "date-time"}, "description": "RFC 3339, inclusive."},
                  {"name": "to", "in": "query", "required": false, "schema": {"type": "string", "format": "date-time"}, "description": "RFC 3339, exclusive; after from."},
                  {"name": "event_type", "in": "query", "required": false, "schema": {"type": "string", "minLength": 1, "maxLength": 256}, "description": "At most 1024 bytes of UTF-8."},
                  {"name": "user_id", "in": "query", "required": false, "schema": {"type": "string", "minLength": 1, "maxLength": 256}, "description": "At most 1024 bytes of UTF-8."},
                  {"name": "pageToken", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 8192, "pattern": "^[A-Za-z0-9_-]*$"}, "description": "nextPageToken of the previous page, with the same from, to and filters (or none of them)."}
                ],
                "responses": {
                  "200": {"description": "A page of events.", "headers": {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventsPage"}}}},
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "401": {"$ref": "#/components/responses/Unauthenticated"},
                  "403": {"$ref": "#/components/responses/Forbidden"},
                  "429": {"$ref": "#/components/responses/RateLimited"},
                  "431": {"$ref": "#/components/responses/HeadTooLarge"},
                  "503": {"$ref": "#/components/responses/Unavailable"}
                }
              }
            },
            "/healthz": {
              "get": {
                "operationId": "healthz", "summary": "The process is up.", "security": [],
                "responses": {"200": {"description": "Up.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}
              }
            },
            "/readyz": {
              "get": {
                "operationId": "readyz", "summary": "Pub/Sub and BigQuery are reachable (checked at most every few seconds).", "security": [],
                "responses": {
                  "200": {"description": "Ready.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Readiness"}}}},
                  "503": {"description": "Not ready.", "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Readiness"}}}}
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics", "summary": "Prometheus text exposition.", "security": [],
                "responses": {
                  "200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}
                }
              }
            },
            "/openapi.yaml": {
              "get": {
                "operationId": "openapi", "summary": "This document.", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1 (JSON, which is YAML).", "content": {"application/yaml": {"schema": {"type": "string"}}}}}
              }
            }
          },
          "components": {
            "securitySchemes": {
              "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "A key given to the API by the operator (WAREHOUSE_API_KEYS or a key file), with the ingest and/or read scope."}
            },
            "headers": {
              "RequestId": {"description": "The request's id (the caller's X-Request-Id when it sent a usable one).", "schema": {"type": "string"}},
              "RetryAfter": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer", "minimum": 1}}
            },
            "responses": {
              "BadRequest": {"description": "Invalid JSON, an invalid event (each error has index and field) or an invalid parameter (each error has field).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "Unauthenticated": {"description": "No X-API-Key, or a key the API does not know.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "Forbidden": {"description": "The key lacks the scope of the route.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "NotFound": {"description": "Nothing here.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "HeadTooLarge": {"description": "The request line and headers together are over the server's limit (16 KiB by default).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "TooLarge": {"description": "The body or the number of events is over the limit.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "UnsupportedMediaType": {"description": "The body is not sent as application/json.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "RateLimited": {"description": "Over the caller's rate limit.", "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}},
              "Unavailable": {"description": "Pub/Sub or BigQuery cannot take the request now.", "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
            },
            "schemas": {
              "Event": {
                "type": "object",
                "required": ["event_id", "event_type", "occurred_at"],
                "properties": {
                  "event_id": {"type": ["string", "number", "boolean"], "description": "The idempotency key. Text; a number or a boolean is stored as its text, as BigQuery does."},
                  "event_type": {"type": ["string", "number", "boolean"], "description": "Text; a number or a boolean is stored as its text."},
                  "user_id": {"type": ["string", "number", "boolean", "null"], "description": "Text or null; a number or a boolean is stored as its text."},
                  "occurred_at": {"type": ["string", "number"], "description": "A timestamp BigQuery accepts: text such as RFC 3339, or seconds since the epoch."},
                  "payload": {"description": "Any JSON."}
                },
                "additionalProperties": false
              },
              "IngestAccepted": {
                "type": "object", "required": ["messageIds"],
                "properties": {"messageIds": {"type": "array", "items": {"type": "string"}}}
              },
              "EventsPage": {
                "type": "object", "required": ["rows", "nextPageToken", "stats"],
                "properties": {
                  "rows": {"type": "array", "items": {"$ref": "#/components/schemas/StoredEvent"}},
                  "nextPageToken": {"type": ["string", "null"], "description": "Absent (null) on the last page."},
                  "stats": {
                    "type": "object", "required": ["totalBytesProcessed", "cacheHit"],
                    "properties": {
                      "totalBytesProcessed": {"type": ["string", "null"], "description": "An int64, as text."},
                      "cacheHit": {"type": "boolean", "description": "Served from the API's cache, a query shared with an identical read, or BigQuery's cache."}
                    }
                  }
                }
              },
              "StoredEvent": {
                "type": "object", "required": ["event_id", "event_type", "user_id", "occurred_at", "payload"],
                "properties": {
                  "event_id": {"type": "string"},
                  "event_type": {"type": "string"},
                  "user_id": {"type": ["string", "null"]},
                  "occurred_at": {"type": "string", "format": "date-time"},
                  "payload": {"description": "The JSON the producer sent, or null."}
                }
              },
              "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
              "Readiness": {
                "type": "object", "required": ["status", "checks"],
                "properties": {"status": {"type": "string"}, "checks": {"type": "object", "additionalProperties": {"type": "string"}}}
              },
              "ErrorBody": {
                "type": "object", "required": ["error"],
                "properties": {
                  "error": {
                    "type": "object", "required": ["code", "status", "message"],
                    "properties": {
                      "code": {"type": "integer", "description": "The HTTP status."},
                      "status": {"type": "string", "description": "INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, RESOURCE_EXHAUSTED, UNAVAILABLE or INTERNAL."},
                      "message": {"type": "string"},
                      "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorDetail"}}
                    }
                  }
                }
              },
              "ErrorDetail": {
                "type": "object", "required": ["field", "reason", "message"],
                "properties": {
                  "index": {"type": "integer", "description": "The event's position in the request (ingest only)."},
                  "field": {"type": "string", "description": "The event field or request parameter."},
                  "reason": {"type": "string"},
                  "message": {"type": "string"}
                }
              }
            }
          }
        }
        """#
}
