// Connection profiles: how each meter is reached. At most one default per meter: setting
// the flag on one profile clears it on the meter's others (and a partial unique index
// makes sure no code path can leave two).
#include "core/enum_text.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kSelectProfiles =
    "SELECT id, meter_id, name, protocol, transport, is_default, host, port, device, baud,"
    " address, rs485_delay_ms, probe, modem_init, phone, retries, retry_delay_s, timeout_ms,"
    " options_json FROM connection_profiles ";

template <typename E>
E enum_column(Query& q, std::string_view what) {
  std::string text = q.text();
  auto value = from_text<E>(text);
  if (!value) throw StorageError("stored " + std::string(what) + " '" + text + "' is unknown");
  return *value;
}

ConnectionProfile read_profile_row(Query& q) {
  ConnectionProfile p;
  p.id = q.int64();
  p.meter_id = q.int64();
  p.name = q.text();
  p.protocol = enum_column<Protocol>(q, "protocol");
  p.transport = enum_column<Transport>(q, "transport");
  p.is_default = q.boolean();
  p.host = q.text();
  p.port = static_cast<std::uint16_t>(q.int64());
  p.device = q.text();
  p.baud = static_cast<std::uint32_t>(q.int64());
  p.address = static_cast<std::uint16_t>(q.int64());
  p.rs485_delay_ms = static_cast<std::uint32_t>(q.int64());
  p.probe = q.text();
  p.modem_init = q.text();
  p.phone = q.text();
  p.retries = static_cast<std::uint32_t>(q.int64());
  p.retry_delay_s = static_cast<std::uint32_t>(q.int64());
  p.timeout_ms = static_cast<std::uint32_t>(q.int64());
  p.options_json = q.text();
  return p;
}

// Every column but id and is_default, in the order of the INSERT and UPDATE below.
void bind_profile_fields(Query& q, const ConnectionProfile& p) {
  q.bind(p.meter_id)
      .bind(p.name)
      .bind(to_text(p.protocol))
      .bind(to_text(p.transport))
      .bind(p.host)
      .bind(static_cast<std::int64_t>(p.port))
      .bind(p.device)
      .bind(p.baud)
      .bind(static_cast<std::int64_t>(p.address))
      .bind(p.rs485_delay_ms)
      .bind(p.probe)
      .bind(p.modem_init)
      .bind(p.phone)
      .bind(p.retries)
      .bind(p.retry_delay_s)
      .bind(p.timeout_ms)
      .bind(p.options_json);
}

void run_profile_write(Query& q, const ConnectionProfile& p) {
  try {
    q.run();
  } catch (const Conflict&) {
    throw Conflict("meter " + std::to_string(p.meter_id) +
                   " already has a connection profile named '" + p.name + "'");
  } catch (const NotFound&) {
    throw NotFound("meter " + std::to_string(p.meter_id) + " does not exist");
  }
}

// Clears the meter's other defaults before setting this one: unique indexes are checked
// row by row, so the order matters (here and in PostgreSQL alike).
void make_default(Connection& db, std::int64_t meter_id, std::int64_t profile_id) {
  db.query(
        "UPDATE connection_profiles SET is_default = 0"
        " WHERE meter_id = ? AND id <> ? AND is_default = 1")
      .context("clear default connection profile")
      .bind(meter_id)
      .bind(profile_id)
      .run();
  db.query("UPDATE connection_profiles SET is_default = 1 WHERE id = ?")
      .context("set default connection profile")
      .bind(profile_id)
      .run();
}

}  // namespace

std::int64_t SqliteStore::insert_connection(const ConnectionProfile& p) {
  // Inserted as non-default first, so that a failed insert has changed nothing else.
  auto q = db_.query(
      "INSERT INTO connection_profiles(meter_id, name, protocol, transport, host, port, device,"
      " baud, address, rs485_delay_ms, probe, modem_init, phone, retries, retry_delay_s,"
      " timeout_ms, options_json, is_default)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
  q.context("insert connection profile");
  bind_profile_fields(q, p);
  run_profile_write(q, p);
  std::int64_t id = db_.last_insert_id();
  if (p.is_default) make_default(db_, p.meter_id, id);
  return id;
}

std::optional<ConnectionProfile> SqliteStore::find_connection(std::int64_t id) {
  auto q = db_.query(std::string(kSelectProfiles) + "WHERE id = ?");
  q.context("find connection profile").bind(id);
  if (!q.step()) return std::nullopt;
  return read_profile_row(q);
}

std::vector<ConnectionProfile> SqliteStore::list_connections(std::int64_t meter_id) {
  auto q = db_.query(std::string(kSelectProfiles) + "WHERE meter_id = ? ORDER BY id");
  q.context("list connection profiles").bind(meter_id);
  std::vector<ConnectionProfile> profiles;
  while (q.step()) profiles.push_back(read_profile_row(q));
  return profiles;
}

bool SqliteStore::update_connection(const ConnectionProfile& p) {
  auto q = db_.query(
      "UPDATE connection_profiles SET meter_id = ?, name = ?, protocol = ?, transport = ?,"
      " host = ?, port = ?, device = ?, baud = ?, address = ?, rs485_delay_ms = ?, probe = ?,"
      " modem_init = ?, phone = ?, retries = ?, retry_delay_s = ?, timeout_ms = ?,"
      " options_json = ?, is_default = 0 WHERE id = ?");
  q.context("update connection profile");
  bind_profile_fields(q, p);
  q.bind(p.id);
  run_profile_write(q, p);
  if (db_.changes() == 0) return false;
  if (p.is_default) make_default(db_, p.meter_id, p.id);
  return true;
}

bool SqliteStore::delete_connection(std::int64_t id) {
  db_.query("DELETE FROM connection_profiles WHERE id = ?")
      .context("delete connection profile")
      .bind(id)
      .run();
  return db_.changes() > 0;
}

}  // namespace jemhead::storage::sqlite
