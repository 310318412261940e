-- mcpwatch schema, version 2: where the service that holds the database runs, so that `status`
-- can say so and `subscriptions confirm/remove` reach it at the address it really listens on.
-- One row (id = 1), written by `mcpwatch run` once its HTTP endpoint is bound; stopped_ms is set
-- by a clean stop (a row without it and no writer lock means the last run ended abruptly).
CREATE TABLE service_run (
  id INTEGER NOT NULL PRIMARY KEY,
  pid BIGINT NOT NULL,
  host_name TEXT NOT NULL,
  listen_url TEXT,
  started_ms BIGINT NOT NULL,
  stopped_ms BIGINT
);
