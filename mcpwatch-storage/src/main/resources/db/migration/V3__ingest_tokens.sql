-- mcpwatch schema, version 3: the digests of the PutLogEvents batches taken, committed with their
-- events, so that a shipper's retry of a batch whose answer was lost (the service stopped or crashed
-- after the commit) counts nothing again after a restart. Pruned once older than an hour (a
-- retry comes within minutes).
CREATE TABLE ingest_tokens (
  token TEXT NOT NULL PRIMARY KEY,
  taken_ms BIGINT NOT NULL
);
CREATE INDEX ingest_tokens_taken ON ingest_tokens (taken_ms);
