-- The hub's store. Times are epoch milliseconds (bigint) of the hub's clock unless named `at`
-- inside a site's event (the site's clock); days are the site's local service day.

-- One building. Only a digest of its credential is kept; a revoked site keeps its history.
CREATE TABLE sites (
  site_id text PRIMARY KEY,
  name text NOT NULL,
  region text NOT NULL,
  credential_hash text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at bigint NOT NULL,
  venue jsonb
);

-- Where each site's feed stands: the next sequence the hub expects, and which life of the feed.
CREATE TABLE site_feed (
  site_id text PRIMARY KEY REFERENCES sites ON DELETE CASCADE,
  feed_id text,
  next_seq bigint NOT NULL DEFAULT 1
);

-- A digest of every applied event by sequence: a resend (cut into batches however the site
-- likes) is recognised seq by seq, and a site restored from an old backup shows up as a
-- different digest at a sequence the hub already has.
CREATE TABLE feed_seqs (
  site_id text NOT NULL REFERENCES sites ON DELETE CASCADE,
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (site_id, seq)
);

-- The latest state of every thing a site changed (ticket, counter, survey...), by natural key.
-- Partitioned by month of the service day; each month by hash of the site (see hub/src/db/partitions.ts).
CREATE TABLE events (
  site_id text NOT NULL,
  day date NOT NULL,
  key text NOT NULL,
  kind text NOT NULL,
  at bigint NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (site_id, day, key)
) PARTITION BY RANGE (day);
CREATE INDEX events_kind ON events (site_id, kind, day);

-- A site's state now, as it reported it with its last batch or heartbeat.
CREATE TABLE site_live (
  site_id text PRIMARY KEY REFERENCES sites ON DELETE CASCADE,
  live jsonb,
  last_seen_at bigint,
  lag_seconds double precision,
  clock_skew_ms bigint,
  site_config_version integer NOT NULL DEFAULT 0,
  skew_noticed_at bigint
);

-- What the hub saw about a site that a person should know.
CREATE TABLE notices (
  id bigserial PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites ON DELETE CASCADE,
  kind text NOT NULL,
  at bigint NOT NULL,
  message jsonb NOT NULL,
  detail jsonb
);
CREATE INDEX notices_site_at ON notices (site_id, at DESC, id DESC);

-- Central settings per site: each version holds the whole set (venue, staff, settings).
CREATE TABLE config_versions (
  site_id text NOT NULL REFERENCES sites ON DELETE CASCADE,
  version integer NOT NULL,
  at bigint NOT NULL,
  created_by text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (site_id, version)
);

-- What the site said after applying a version.
CREATE TABLE config_results (
  site_id text NOT NULL,
  version integer NOT NULL,
  at bigint NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'refused')),
  reason jsonb,
  PRIMARY KEY (site_id, version),
  FOREIGN KEY (site_id, version) REFERENCES config_versions ON DELETE CASCADE
);

-- People who use the hub's pages.
CREATE TABLE hub_users (
  username text PRIMARY KEY,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('hub-admin', 'hub-viewer')),
  created_at bigint NOT NULL
);

CREATE TABLE hub_sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES hub_users ON DELETE CASCADE,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
