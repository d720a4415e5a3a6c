#include "storage/sqlite/migrations.hpp"

#include <string>

#include "storage/repository.hpp"
#include "storage/sqlite/connection.hpp"

namespace jemhead::storage::sqlite {

// Portable-SQL conventions, so that a PostgreSQL backend can mirror the same tables:
// INTEGER ids (BIGINT identity there), times as INTEGER microseconds since the Unix epoch
// (UTC), booleans as 0/1 with a CHECK, JSON documents as TEXT, no reserved words as names.
// WITHOUT ROWID is a storage hint only (a plain table with that primary key elsewhere).
namespace {

constexpr std::string_view kFleetSchema = R"sql(
CREATE TABLE meter_groups (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  description   TEXT NOT NULL DEFAULT '',
  created_at_us INTEGER NOT NULL
);

CREATE TABLE meters (
  id            INTEGER PRIMARY KEY,
  serial        TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL DEFAULT '',
  location      TEXT NOT NULL DEFAULT '',
  model         TEXT NOT NULL DEFAULT '',
  mid           INTEGER NOT NULL DEFAULT 0 CHECK (mid IN (0, 1)),
  firmware      TEXT NOT NULL DEFAULT '',
  options_json  TEXT NOT NULL DEFAULT '[]',
  group_id      INTEGER REFERENCES meter_groups(id) ON DELETE RESTRICT,
  time_zone     TEXT NOT NULL DEFAULT 'UTC',
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL
);
CREATE INDEX meters_by_group ON meters(group_id);

-- The meter's ten user-titled identification fields (manual part2 section 1), one row per slot.
CREATE TABLE meter_identification (
  meter_id INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  slot     INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 9),
  title    TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (meter_id, slot)
) WITHOUT ROWID;

CREATE TABLE connection_profiles (
  id             INTEGER PRIMARY KEY,
  meter_id       INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  protocol       TEXT NOT NULL,
  transport      TEXT NOT NULL,
  is_default     INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  host           TEXT NOT NULL DEFAULT '',
  port           INTEGER NOT NULL DEFAULT 0,
  device         TEXT NOT NULL DEFAULT '',
  baud           INTEGER NOT NULL,
  address        INTEGER NOT NULL,
  rs485_delay_ms INTEGER NOT NULL,
  probe          TEXT NOT NULL DEFAULT '',
  modem_init     TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  retries        INTEGER NOT NULL,
  retry_delay_s  INTEGER NOT NULL,
  timeout_ms     INTEGER NOT NULL,
  options_json   TEXT NOT NULL DEFAULT '{}',
  UNIQUE (meter_id, name)
);
-- At most one default profile per meter (the code also clears the others first).
CREATE UNIQUE INDEX connection_profiles_one_default
  ON connection_profiles(meter_id) WHERE is_default = 1;
)sql";

// (Step 6 replaces this table with load_profile_intervals, one row per interval.)
// The load-profile key puts interval_end before channel: collection appends whole
// intervals in time order, so new rows land at the end of the meter's key range, and time
// range reads are one index range. The upsert's conflict target names the same columns.
constexpr std::string_view kReadingsSchema = R"sql(
CREATE TABLE load_profile (
  meter_id        INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  profile         INTEGER NOT NULL CHECK (profile IN (1, 2)),
  channel         INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 16),
  interval_end_us INTEGER NOT NULL,
  value           REAL NOT NULL,
  status          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meter_id, profile, interval_end_us, channel)
) WITHOUT ROWID;

CREATE TABLE registers (
  id          INTEGER PRIMARY KEY,
  meter_id    INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  register_id TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  value       REAL NOT NULL,
  unit        TEXT NOT NULL DEFAULT '',
  read_at_us  INTEGER NOT NULL,
  source      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX registers_by_meter_time ON registers(meter_id, read_at_us);

CREATE TABLE instantaneous (
  id         INTEGER PRIMARY KEY,
  meter_id   INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  quantity   TEXT NOT NULL,
  phase      TEXT NOT NULL DEFAULT '',
  value      REAL NOT NULL,
  unit       TEXT NOT NULL DEFAULT '',
  read_at_us INTEGER NOT NULL,
  source     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX instantaneous_by_meter_time ON instantaneous(meter_id, read_at_us);

CREATE TABLE log_events (
  id            INTEGER PRIMARY KEY,
  meter_id      INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  log_name      TEXT NOT NULL,
  event_time_us INTEGER NOT NULL,
  code          TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  raw           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX log_events_by_meter_time ON log_events(meter_id, event_time_us);

-- meter_id is NULL while the sender of a pushed alarm is unresolved (quarantine).
CREATE TABLE alarms (
  id              INTEGER PRIMARY KEY,
  meter_id        INTEGER REFERENCES meters(id) ON DELETE CASCADE,
  alarm_type      TEXT NOT NULL,
  event_time_us   INTEGER NOT NULL,
  received_at_us  INTEGER NOT NULL,
  channel         TEXT NOT NULL DEFAULT '',
  fields_json     TEXT NOT NULL DEFAULT '{}',
  raw             TEXT NOT NULL DEFAULT '',
  acknowledged    INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
  acknowledged_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alarms_by_meter ON alarms(meter_id);
CREATE INDEX alarms_by_time ON alarms(event_time_us);

CREATE TABLE pq_files (
  id           INTEGER PRIMARY KEY,
  meter_id     INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  data_type    TEXT NOT NULL DEFAULT '',
  start_us     INTEGER NOT NULL,
  end_us       INTEGER NOT NULL,
  size_bytes   INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  arrived_via  TEXT NOT NULL DEFAULT '',
  stored_at_us INTEGER NOT NULL
);
CREATE INDEX pq_files_by_meter_start ON pq_files(meter_id, start_us);
)sql";

constexpr std::string_view kOperationsSchema = R"sql(
CREATE TABLE checkpoints (
  meter_id       INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  checkpoint_key TEXT NOT NULL,
  value          TEXT NOT NULL,
  updated_at_us  INTEGER NOT NULL,
  PRIMARY KEY (meter_id, checkpoint_key)
) WITHOUT ROWID;

CREATE TABLE job_runs (
  id             INTEGER PRIMARY KEY,
  meter_id       INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  started_at_us  INTEGER NOT NULL,
  finished_at_us INTEGER,
  outcome        TEXT NOT NULL,
  value_count    INTEGER NOT NULL DEFAULT 0,
  byte_count     INTEGER NOT NULL DEFAULT 0,
  error          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_by_meter ON job_runs(meter_id);

CREATE TABLE config_versions (
  id            INTEGER PRIMARY KEY,
  meter_id      INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL CHECK (version >= 1),
  created_at_us INTEGER NOT NULL,
  author        TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',
  document_json TEXT NOT NULL,
  UNIQUE (meter_id, version)
);

-- No foreign keys: the audit trail outlives what it talks about.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at_us       INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_time ON audit_log(at_us);
CREATE INDEX audit_log_by_actor ON audit_log(actor);
CREATE INDEX audit_log_by_target ON audit_log(target);
)sql";

// The collection engine: job runs record why and how they ran (trigger, profile,
// attempts, per-kind results); history is listed per meter newest first, filtered and
// purged by time, hence the indexes ((meter_id, id) replaces the plain meter_id one). The
// trigger column is run_trigger because TRIGGER is an SQL keyword. Runs stored before
// this step were all started through the API, so 'manual' is their trigger.
constexpr std::string_view kEngineSchema = R"sql(
ALTER TABLE job_runs ADD COLUMN run_trigger TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE job_runs ADD COLUMN nominal_at_us INTEGER;
ALTER TABLE job_runs ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE job_runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_runs ADD COLUMN error_type TEXT NOT NULL DEFAULT '';
ALTER TABLE job_runs ADD COLUMN results_json TEXT NOT NULL DEFAULT '[]';
DROP INDEX job_runs_by_meter;
CREATE INDEX job_runs_by_meter_id ON job_runs(meter_id, id);
CREATE INDEX job_runs_by_start ON job_runs(started_at_us);

CREATE TABLE meter_health (
  meter_id             INTEGER PRIMARY KEY REFERENCES meters(id) ON DELETE CASCADE,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  healthy              INTEGER NOT NULL DEFAULT 1 CHECK (healthy IN (0, 1)),
  last_success_us      INTEGER,
  last_failure_us      INTEGER,
  next_attempt_us      INTEGER,
  last_error           TEXT NOT NULL DEFAULT ''
);

-- Schedules per kind as a JSON object, validated by the engine; the meter's own entries
-- override its group's.
ALTER TABLE meters ADD COLUMN schedules_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE meter_groups ADD COLUMN schedules_json TEXT NOT NULL DEFAULT '{}';
)sql";

// Load profile and clock (issue 5): the layout each stored load-profile channel had when
// it was collected (so values are served with their units, and a reconfigured meter is
// noticed), and the meter clock readings of time checks and syncs. Clock readings are
// listed per meter newest first, hence the (meter_id, id) index; job_run_id is kept when
// the run is purged (the reading outlives the history).
constexpr std::string_view kLoadProfileClockSchema = R"sql(
CREATE TABLE load_profile_channels (
  meter_id         INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  profile          INTEGER NOT NULL CHECK (profile IN (1, 2)),
  channel          INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 16),
  obis             TEXT NOT NULL DEFAULT '',
  quantity         TEXT NOT NULL DEFAULT '',
  phase            TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL DEFAULT '',
  unit             TEXT NOT NULL DEFAULT '',
  capture_period_s INTEGER NOT NULL CHECK (capture_period_s >= 0),
  updated_at_us    INTEGER NOT NULL,
  PRIMARY KEY (meter_id, profile, channel)
) WITHOUT ROWID;

CREATE TABLE clock_readings (
  id            INTEGER PRIMARY KEY,
  meter_id      INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  read_at_us    INTEGER NOT NULL,
  meter_time_us INTEGER NOT NULL,
  offset_us     INTEGER NOT NULL,
  source        TEXT NOT NULL DEFAULT '',
  job_run_id    INTEGER,
  reading_kind  TEXT NOT NULL CHECK (reading_kind IN ('check', 'sync_before', 'sync_after'))
);
CREATE INDEX clock_readings_by_meter_id ON clock_readings(meter_id, id);
)sql";

// Load profile one row per interval instead of one per channel value: the key (meter,
// profile, interval end) is stored once for up to 16 values, whose BLOB layout is in
// load_profile_blob.hpp (a bytea elsewhere). Per-value rows cost ~30 bytes of key and
// record overhead per 8-byte value. The status column is the OR of the channels' statuses.
// The existing rows are packed by lp_pack / lp_status_or (load_profile_functions.hpp, on
// every connection before migrations run), reading the old table in key order; the old
// table is dropped (its pages are reused by new rows; VACUUM returns them to the OS).
// Channels 1..16 and the values being numbers are checked by the code before writing.
constexpr std::string_view kLoadProfileIntervalsSchema = R"sql(
CREATE TABLE load_profile_intervals (
  meter_id        INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  profile         INTEGER NOT NULL CHECK (profile IN (1, 2)),
  interval_end_us INTEGER NOT NULL,
  status          INTEGER NOT NULL DEFAULT 0,
  vals            BLOB NOT NULL,
  PRIMARY KEY (meter_id, profile, interval_end_us)
) WITHOUT ROWID;

INSERT INTO load_profile_intervals(meter_id, profile, interval_end_us, status, vals)
  SELECT meter_id, profile, interval_end_us, lp_status_or(status), lp_pack(channel, value, status)
  FROM load_profile
  GROUP BY meter_id, profile, interval_end_us
  ORDER BY meter_id, profile, interval_end_us;

DROP TABLE load_profile;
)sql";

// PQDIF files (issue 6). The bytes are content-addressed on disk (storage/file_store.hpp);
// a row is one (file name, content): the serial is part of the name, so the pair names
// one file of one meter, and re-ingesting it finds the row (idempotent across restarts)
// while different content under the same name is kept as another row. A file whose meter
// is unknown is kept with meter_id NULL, and deleting a meter keeps its files (SET NULL):
// the original recordings are never dropped. data_type and file_time_us come from the
// name and are NULL when it does not follow the meter's convention; the parse columns
// stay NULL/'pending' until the codec has read the file. Lists are newest first by id,
// per meter or by file time; the parser finds unparsed files by the partial index. The
// (file_name, sha256) key also serves "do we have this name already" (retrieval).
// The older pq_files table (step 2) stays, unused: nothing reads or writes it any more
// (dropping a table in a migration is kept for a release that announces it).
constexpr std::string_view kPqdifFilesSchema = R"sql(
CREATE TABLE pqdif_files (
  id                   INTEGER PRIMARY KEY,
  meter_id             INTEGER REFERENCES meters(id) ON DELETE SET NULL,
  file_name            TEXT NOT NULL,
  sha256               TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes           INTEGER NOT NULL CHECK (size_bytes >= 0),
  data_type            INTEGER CHECK (data_type >= 0),
  file_time_us         INTEGER,
  received_at_us       INTEGER NOT NULL,
  source               TEXT NOT NULL
    CHECK (source IN ('sftp', 'http', 'scp', 'ftp', 'web_alarm', 'mail_alarm', 'upload')),
  compressed           INTEGER CHECK (compressed IN (0, 1)),
  parse_status         TEXT NOT NULL DEFAULT 'pending'
    CHECK (parse_status IN ('pending', 'ok', 'partial', 'failed')),
  parse_error          TEXT NOT NULL DEFAULT '',
  first_observation_us INTEGER,
  last_observation_us  INTEGER,
  observation_count    INTEGER CHECK (observation_count >= 0),
  UNIQUE (file_name, sha256)
);
CREATE INDEX pqdif_files_by_meter_id ON pqdif_files(meter_id, id);
CREATE INDEX pqdif_files_by_file_time ON pqdif_files(file_time_us);
CREATE INDEX pqdif_files_pending ON pqdif_files(id) WHERE parse_status = 'pending';
)sql";

// Parsed PQDIF content (issue 6): one row per observation of a file and one per series
// instance of an observation, the channel and series definitions folded into the series
// row so values can be read without the data source. `values_blob` holds value_count IEEE
// doubles, little-endian, nothing else: decoded values (scale and offset applied, shared
// series copied, time series in seconds from time_start_us), so readers need no PQDIF
// knowledge. Doubles even where the file stored int16 or float: the sample files' sizes
// make this a few MB per file at most, and exact values beat a smaller, lossy, blob.
// Content is replaced as a whole with the file's parse result in one transaction, so a
// 'pending' file has no content and a parsed one has all of what was read. Deleting a file
// row removes its content (CASCADE).
constexpr std::string_view kPqdifContentSchema = R"sql(
CREATE TABLE pqdif_observations (
  id                INTEGER PRIMARY KEY,
  file_id           INTEGER NOT NULL REFERENCES pqdif_files(id) ON DELETE CASCADE,
  index_in_file     INTEGER NOT NULL CHECK (index_in_file >= 0),
  name              TEXT NOT NULL,
  time_start_us     INTEGER NOT NULL,
  time_create_us    INTEGER NOT NULL,
  time_triggered_us INTEGER,
  trigger_method    INTEGER NOT NULL,
  channel_count     INTEGER NOT NULL CHECK (channel_count >= 0),
  data_source_name  TEXT NOT NULL,
  UNIQUE (file_id, index_in_file)
);

CREATE TABLE pqdif_series (
  id                INTEGER PRIMARY KEY,
  observation_id    INTEGER NOT NULL REFERENCES pqdif_observations(id) ON DELETE CASCADE,
  channel_index     INTEGER NOT NULL CHECK (channel_index >= 0),
  channel_name      TEXT NOT NULL,
  phase             INTEGER NOT NULL,
  quantity_type     TEXT NOT NULL,
  quantity_measured INTEGER,
  channel_group_id  INTEGER,
  series_index      INTEGER NOT NULL CHECK (series_index >= 0),
  value_type        TEXT NOT NULL,
  units             INTEGER NOT NULL,
  characteristic    TEXT NOT NULL,
  storage_method    INTEGER NOT NULL,
  shared_from       TEXT,
  value_count       INTEGER NOT NULL CHECK (value_count >= 0),
  values_blob       BLOB NOT NULL CHECK (length(values_blob) = 8 * value_count),
  UNIQUE (observation_id, channel_index, series_index)
);
)sql";

// Pushed alarms and outbound webhooks (issue 7).
// - alarm_messages: every arrival (a web POST's body, a whole e-mail) exactly as received,
//   raw as a BLOB (a mail need not be UTF-8), never changed. Its meter is SET NULL when the
//   meter is deleted: the message is evidence and outlives the fleet entry.
// - alarms: one row per event; a repeated arrival of the same event (web and mail, a
//   meter's retry) finds the row by `identity` (alarm_identity()) and is counted in
//   `arrivals`, listed in `channels` (a JSON array, first channel first) and recorded in
//   alarm_arrivals. meter_id NULL is the quarantine (sender unresolved).
// - Deleting a meter keeps its alarms (SET NULL, like pqdif_files): an alarm is an
//   operator-facing record that must not vanish silently with a fleet edit. The alarm then
//   has no meter and is listed with the quarantined ones (its identity still names the
//   old meter id, so it never merges with a new meter's alarms unless SQLite reuses that
//   id for a new meter and the same event repeats, which is harmless: it is one event).
//   The placeholder table of step 2 cascaded; that lost alarms on a meter delete.
// - The step-2 rows are copied over: alarm_type becomes event_type_text (and event_type
//   when it is one of the manual's codes, else 'other'), raw becomes raw_json, channel a
//   one-element list (empty when it was neither web nor mail), and each gets the identity
//   'migrated:<id>' so that no new arrival merges into it. They have no message
//   (first_message_id NULL) and no arrival rows.
// - webhook_deliveries: one per (subscription, alarm), UNIQUE so queueing twice is a
//   no-op; the dispatcher polls (state, next_attempt_at_us).
// The table is rebuilt by copy + rename (SQLite cannot change a column's constraints in
// place); tables referencing alarms are created after the rename.
constexpr std::string_view kAlarmsSchema = R"sql(
CREATE TABLE alarm_messages (
  id             INTEGER PRIMARY KEY,
  channel        TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
  received_at_us INTEGER NOT NULL,
  remote_address TEXT NOT NULL DEFAULT '',
  sender         TEXT NOT NULL DEFAULT '',
  tls            INTEGER NOT NULL DEFAULT 0 CHECK (tls IN (0, 1)),
  content_type   TEXT NOT NULL DEFAULT '',
  raw            BLOB NOT NULL,
  meter_id       INTEGER REFERENCES meters(id) ON DELETE SET NULL,
  outcome        TEXT NOT NULL,
  detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alarm_messages_by_outcome ON alarm_messages(outcome, id);
CREATE INDEX alarm_messages_by_meter ON alarm_messages(meter_id);

CREATE TABLE alarms_v9 (
  id                 INTEGER PRIMARY KEY,
  identity           TEXT NOT NULL UNIQUE,
  meter_id           INTEGER REFERENCES meters(id) ON DELETE SET NULL,
  sender_key         TEXT NOT NULL DEFAULT '',
  event_type         TEXT NOT NULL
    CHECK (event_type IN ('OU', 'SS', 'PQ', 'RE', 'BAT', 'TS', 'CFG', 'PQD', 'other')),
  event_type_text    TEXT NOT NULL DEFAULT '',
  event_time_us      INTEGER NOT NULL,
  received_at_us     INTEGER NOT NULL,
  channels           TEXT NOT NULL DEFAULT '[]',
  arrivals           INTEGER NOT NULL DEFAULT 1 CHECK (arrivals >= 1),
  first_message_id   INTEGER REFERENCES alarm_messages(id),
  fields_json        TEXT NOT NULL DEFAULT '{}',
  raw_json           TEXT NOT NULL DEFAULT '',
  pqdif_file_id      INTEGER REFERENCES pqdif_files(id) ON DELETE SET NULL,
  follow_up          TEXT NOT NULL DEFAULT '',
  acknowledged       INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
  acknowledged_by    TEXT NOT NULL DEFAULT '',
  acknowledged_at_us INTEGER
);

INSERT INTO alarms_v9(id, identity, meter_id, event_type, event_type_text, event_time_us,
                      received_at_us, channels, fields_json, raw_json, acknowledged,
                      acknowledged_by)
  SELECT id, 'migrated:' || id, meter_id,
         CASE WHEN alarm_type IN ('OU', 'SS', 'PQ', 'RE', 'BAT', 'TS', 'CFG', 'PQD')
              THEN alarm_type ELSE 'other' END,
         alarm_type, event_time_us, received_at_us,
         CASE WHEN channel IN ('web', 'mail') THEN '["' || channel || '"]' ELSE '[]' END,
         fields_json, raw, acknowledged, acknowledged_by
  FROM alarms ORDER BY id;

DROP TABLE alarms;
ALTER TABLE alarms_v9 RENAME TO alarms;
CREATE INDEX alarms_by_meter ON alarms(meter_id, id);
CREATE INDEX alarms_by_time ON alarms(event_time_us);
CREATE INDEX alarms_by_type ON alarms(event_type, id);
CREATE INDEX alarms_by_acknowledged ON alarms(acknowledged, id);
CREATE INDEX alarms_quarantined ON alarms(id) WHERE meter_id IS NULL;
CREATE INDEX alarms_by_pqdif_file ON alarms(pqdif_file_id) WHERE pqdif_file_id IS NOT NULL;

CREATE TABLE alarm_arrivals (
  id             INTEGER PRIMARY KEY,
  alarm_id       INTEGER NOT NULL REFERENCES alarms(id) ON DELETE CASCADE,
  message_id     INTEGER NOT NULL REFERENCES alarm_messages(id),
  channel        TEXT NOT NULL CHECK (channel IN ('web', 'mail')),
  received_at_us INTEGER NOT NULL
);
CREATE INDEX alarm_arrivals_by_alarm ON alarm_arrivals(alarm_id, id);
CREATE INDEX alarm_arrivals_by_message ON alarm_arrivals(message_id);

CREATE TABLE webhook_subscriptions (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL DEFAULT '',
  url                 TEXT NOT NULL,
  event_types_json    TEXT NOT NULL DEFAULT '[]',
  include_quarantined INTEGER NOT NULL DEFAULT 0 CHECK (include_quarantined IN (0, 1)),
  secret              TEXT NOT NULL DEFAULT '',
  enabled             INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at_us       INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
  id                 INTEGER PRIMARY KEY,
  subscription_id    INTEGER NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  alarm_id           INTEGER NOT NULL REFERENCES alarms(id) ON DELETE CASCADE,
  state              TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at_us INTEGER NOT NULL,
  last_error         TEXT NOT NULL DEFAULT '',
  delivered_at_us    INTEGER,
  created_at_us      INTEGER NOT NULL,
  UNIQUE (subscription_id, alarm_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at_us);
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries(subscription_id, id);
CREATE INDEX webhook_deliveries_by_alarm ON webhook_deliveries(alarm_id);
)sql";

// Step 10 (issue 8): configuration management.
// - config_versions gains where a version came from (source) and, for versions built from
//   a group template, that template's version number (a number, not a reference: the
//   meter's history outlives the group's templates).
// - config_template_versions: a group's template, immutable versions numbered per group.
// - config_overrides: one JSON merge patch per meter over its group's template.
// - config_pushes: one row per push job; config_push_results one row per section outcome
//   in the order the push recorded them (a child table rather than a JSON column, so the
//   sections still pending delivery can be queried). Outcomes are not CHECKed: the record
//   keeps them as text and push drivers add their own.
// - config_readbacks: what a read-back observed and its differences from the stored
//   version. "trigger" is an SQL keyword, hence readback_trigger.
constexpr std::string_view kConfigurationSchema = R"sql(
ALTER TABLE config_versions ADD COLUMN source TEXT NOT NULL DEFAULT 'operator'
  CHECK (source IN ('operator', 'template', 'read_back', 'import'));
ALTER TABLE config_versions ADD COLUMN template_version INTEGER
  CHECK (template_version IS NULL OR template_version >= 1);

CREATE TABLE config_template_versions (
  id            INTEGER PRIMARY KEY,
  group_id      INTEGER NOT NULL REFERENCES meter_groups(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL CHECK (version >= 1),
  created_at_us INTEGER NOT NULL,
  author        TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL DEFAULT '',
  document_json TEXT NOT NULL,
  UNIQUE (group_id, version)
);

CREATE TABLE config_overrides (
  meter_id      INTEGER PRIMARY KEY REFERENCES meters(id) ON DELETE CASCADE,
  patch_json    TEXT NOT NULL DEFAULT '{}',
  updated_at_us INTEGER NOT NULL,
  author        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE config_pushes (
  id              INTEGER PRIMARY KEY,
  meter_id        INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  version         INTEGER NOT NULL CHECK (version >= 1),
  sections_json   TEXT NOT NULL DEFAULT '[]',
  confirmed       INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
  requested_by    TEXT NOT NULL DEFAULT '',
  requested_at_us INTEGER NOT NULL,
  started_at_us   INTEGER,
  finished_at_us  INTEGER,
  status          TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'partial', 'failed', 'refused')),
  impact_json     TEXT NOT NULL DEFAULT '{}',
  error           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX config_pushes_by_meter ON config_pushes(meter_id, id);
CREATE INDEX config_pushes_unfinished ON config_pushes(id) WHERE status IN ('queued', 'running');

CREATE TABLE config_push_results (
  push_id  INTEGER NOT NULL REFERENCES config_pushes(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  section  TEXT NOT NULL,
  outcome  TEXT NOT NULL,
  detail   TEXT NOT NULL DEFAULT '',
  protocol TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (push_id, position)
) WITHOUT ROWID;

CREATE TABLE config_readbacks (
  id               INTEGER PRIMARY KEY,
  meter_id         INTEGER NOT NULL REFERENCES meters(id) ON DELETE CASCADE,
  read_at_us       INTEGER NOT NULL,
  compared_version INTEGER,
  readback_trigger TEXT NOT NULL DEFAULT '',
  observed_json    TEXT NOT NULL DEFAULT '{}',
  differences_json TEXT NOT NULL DEFAULT '[]',
  drift            INTEGER NOT NULL DEFAULT 0 CHECK (drift IN (0, 1))
);
CREATE INDEX config_readbacks_by_meter ON config_readbacks(meter_id, id);
)sql";

constexpr Migration kMigrations[] = {
    {1, "fleet: groups, meters, identification, connection profiles", kFleetSchema},
    {2, "readings: load profile, registers, instantaneous, events, alarms, PQ files",
     kReadingsSchema},
    {3, "operations: checkpoints, job runs, configuration versions, audit log", kOperationsSchema},
    {4, "engine: job run details and indexes, meter health, schedules", kEngineSchema},
    {5, "load profile channel layouts, clock readings", kLoadProfileClockSchema},
    {6, "load profile stored one row per interval", kLoadProfileIntervalsSchema},
    {7, "PQDIF files: stored originals and their metadata", kPqdifFilesSchema},
    {8, "PQDIF content: parsed observations and series", kPqdifContentSchema},
    {9, "pushed alarms: messages, merged alarms, arrivals; webhook subscriptions, deliveries",
     kAlarmsSchema},
    {10, "configuration: version sources, group templates, overrides, pushes, read-backs",
     kConfigurationSchema},
};

constexpr std::string_view kVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (
  version       INTEGER PRIMARY KEY,
  description   TEXT NOT NULL,
  applied_at_us INTEGER NOT NULL
)
)sql";

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

int stored_schema_version(Connection& connection) {
  auto q = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  q.context("read schema version");
  q.step();
  return static_cast<int>(q.int64());
}

namespace {

void refuse_newer(int stored) {
  if (stored > latest_schema_version())
    throw StorageError("database schema version " + std::to_string(stored) +
                       " is newer than this build supports (" +
                       std::to_string(latest_schema_version()) +
                       "); use a newer jemhead or restore a matching backup");
}

// One step in one transaction: the DDL and its version row commit together or not at all.
void apply(Connection& connection, const Migration& step) {
  connection.exec("BEGIN IMMEDIATE");
  try {
    int stored = stored_schema_version(connection);  // re-read under the write lock
    refuse_newer(stored);
    if (stored < step.version) {
      connection.exec(step.sql);
      connection
          .query(
              "INSERT INTO schema_version(version, description, applied_at_us)"
              " VALUES (?, ?, ?)")
          .context("record schema version")
          .bind(step.version)
          .bind(step.description)
          .bind(utc_now())
          .run();
    }
    connection.exec("COMMIT");
  } catch (const StorageError& e) {
    connection.exec("ROLLBACK");
    throw StorageError("schema migration " + std::to_string(step.version) + " (" +
                       std::string(step.description) + ") failed: " + e.what());
  } catch (...) {
    connection.exec("ROLLBACK");
    throw;
  }
}

}  // namespace

int migrate(Connection& connection) {
  connection.exec(kVersionTable);
  int stored = stored_schema_version(connection);
  refuse_newer(stored);
  for (const auto& step : kMigrations)
    if (step.version > stored) apply(connection, step);
  return stored_schema_version(connection);
}

}  // namespace jemhead::storage::sqlite
