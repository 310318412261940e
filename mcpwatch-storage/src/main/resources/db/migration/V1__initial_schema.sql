-- mcpwatch schema, version 1. Shared by SQLite and PostgreSQL: only TEXT, INTEGER, BIGINT and
-- DOUBLE PRECISION columns, no auto-increment (ids are assigned by mcpwatch, the single writer),
-- no column named after a keyword (value, key, order, offset, user, position, count, sum, ...).
-- Times are epoch milliseconds (BIGINT, UTC).

-- One row (id = 1): the last committed engine state's header.
CREATE TABLE engine_meta (
  id INTEGER NOT NULL PRIMARY KEY,
  commit_seq BIGINT NOT NULL,
  committed_ms BIGINT NOT NULL,
  next_boundary_ms BIGINT NOT NULL
);

-- Every alarm ever committed. ord_no is its position in the last commit, NULL once it was removed
-- from the configuration (its history stays readable). history_from_id is the first history item
-- the engine still held at the last commit (older items stay readable until pruned).
CREATE TABLE alarm_state (
  env TEXT NOT NULL,
  alarm_name TEXT NOT NULL,
  ord_no INTEGER,
  spec_json TEXT NOT NULL,
  series_key TEXT NOT NULL,
  period_seconds INTEGER NOT NULL,
  evaluation_periods INTEGER NOT NULL,
  state_value TEXT NOT NULL,
  state_reason TEXT NOT NULL,
  state_reason_data TEXT,
  transitioned_ms BIGINT NOT NULL,
  last_evaluated_ms BIGINT,
  matched_events BIGINT NOT NULL,
  history_from_id BIGINT,
  removed_ms BIGINT,
  PRIMARY KEY (env, alarm_name)
);

-- DescribeAlarmHistory items, append-only, pruned by age.
CREATE TABLE alarm_history (
  id BIGINT NOT NULL PRIMARY KEY,
  env TEXT NOT NULL,
  alarm_name TEXT NOT NULL,
  alarm_type TEXT NOT NULL,
  ts_ms BIGINT NOT NULL,
  item_type TEXT NOT NULL,
  summary TEXT NOT NULL,
  history_data TEXT NOT NULL
);
CREATE INDEX alarm_history_by_alarm ON alarm_history (env, alarm_name, id);
CREATE INDEX alarm_history_by_time ON alarm_history (ts_ms);

-- Every watched metric series ever committed (metric key + unit). ord_no is its position in the
-- last commit (NULL when no longer watched); its buckets from live_from_ms on are the live ones.
CREATE TABLE metric_series (
  id BIGINT NOT NULL PRIMARY KEY,
  series_key TEXT NOT NULL UNIQUE,
  env TEXT NOT NULL,
  namespace TEXT NOT NULL,
  metric_name TEXT NOT NULL,
  dimensions_json TEXT NOT NULL,
  unit TEXT,
  ord_no INTEGER,
  live_from_ms BIGINT
);

-- Aggregated samples per bucket (10 s or 60 s wide). NULL in a double column means NaN;
-- neg_zero has bit 1 (sum), 2 (min), 4 (max) set where the value is -0.0.
CREATE TABLE metric_bucket (
  series_id BIGINT NOT NULL,
  start_ms BIGINT NOT NULL,
  sample_sum DOUBLE PRECISION,
  sample_count BIGINT NOT NULL,
  sample_min DOUBLE PRECISION,
  sample_max DOUBLE PRECISION,
  neg_zero INTEGER NOT NULL,
  PRIMARY KEY (series_id, start_ms)
);
CREATE INDEX metric_bucket_by_time ON metric_bucket (start_ms);

-- Where each source stands; kind 'files' (a JSON array of file checkpoints) or 'opaque'.
CREATE TABLE source_checkpoint (
  source_key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);

-- The notification outbox: one row per message and subscription, plus every attempt.
CREATE TABLE outbox_item (
  id TEXT NOT NULL PRIMARY KEY,
  seq BIGINT NOT NULL,
  message_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  protocol TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  topic_arn TEXT NOT NULL,
  subscription_arn TEXT NOT NULL,
  alarm_name TEXT,
  subject TEXT,
  body TEXT NOT NULL,
  unsubscribe_url TEXT,
  sender_name TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  last_error TEXT
);
CREATE INDEX outbox_item_due ON outbox_item (status, next_attempt_ms);
CREATE INDEX outbox_item_by_seq ON outbox_item (seq);

CREATE TABLE outbox_attempt (
  item_id TEXT NOT NULL,
  attempt_no INTEGER NOT NULL,
  at_ms BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (item_id, attempt_no)
);

-- SNS-style subscriptions; seq keeps creation order.
CREATE TABLE subscription (
  arn TEXT NOT NULL PRIMARY KEY,
  seq BIGINT NOT NULL,
  sub_id TEXT NOT NULL,
  topic_arn TEXT NOT NULL,
  protocol TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  status TEXT NOT NULL,
  token TEXT,
  created_ms BIGINT NOT NULL,
  token_issued_ms BIGINT,
  confirmed_ms BIGINT
);
CREATE INDEX subscription_by_token ON subscription (token);
