import GRDB

/// The emulated Pub/Sub's tables, beside BigQuery's in the same SQLite file.
enum PubSubSchema {
    static let migrations: [EmulatorDatabase.Migration] = [
        .init(name: "pubsub-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pubsub_topics (
                        name TEXT PRIMARY KEY NOT NULL,
                        project TEXT NOT NULL,
                        resource TEXT NOT NULL
                    );
                    CREATE TABLE pubsub_subscriptions (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        project TEXT NOT NULL,
                        topic TEXT NOT NULL,
                        filter TEXT,
                        resource TEXT NOT NULL
                    );
                    CREATE INDEX pubsub_subscriptions_by_topic ON pubsub_subscriptions(topic);
                    -- One row per message per subscription (fan-out copies), deleted on ack. The rowid is
                    -- what an ackId names, so acks need no secondary index.
                    CREATE TABLE pubsub_messages (
                        id INTEGER PRIMARY KEY,
                        subscription_id INTEGER NOT NULL,
                        message_id INTEGER NOT NULL,
                        data TEXT NOT NULL, -- standard padded base64, exactly what a pull returns
                        attributes TEXT,
                        ordering_key TEXT,
                        publish_micros INTEGER NOT NULL,
                        visible_micros INTEGER NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0
                    );
                    -- The pull query: ready messages of one subscription, oldest first.
                    CREATE INDEX pubsub_messages_ready ON pubsub_messages(subscription_id, visible_micros);
                    -- messageIds never repeat, even after a restart with every message acked.
                    CREATE TABLE pubsub_counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                    INSERT INTO pubsub_counters(name, value) VALUES ('message_id', 0);
                    """)
        }
    ]
}
