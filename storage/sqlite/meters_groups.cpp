// Meters (with their identification fields) and the groups they belong to.
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/json_text.hpp"
#include "storage/sqlite/sql_values.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jemhead::storage::sqlite {

namespace {

constexpr std::string_view kMeterColumns =
    "id, serial, name, location, model, mid, firmware, options_json, group_id, time_zone,"
    " enabled, schedules_json, created_at_us, updated_at_us";

std::string select_meters(std::string_view where) {
  return "SELECT " + std::string(kMeterColumns) + " FROM meters " + std::string(where);
}

Meter read_meter_row(Query& q) {
  Meter m;
  m.id = q.int64();
  m.serial = q.text();
  m.name = q.text();
  m.location = q.text();
  m.model = q.text();
  m.mid = q.boolean();
  m.firmware = q.text();
  m.options = string_list_from_json(q.text(), "meter " + std::to_string(m.id) + " options");
  m.group_id = q.optional_int64();
  m.time_zone = q.text();
  m.enabled = q.boolean();
  m.schedules_json = q.text();
  m.created_at = q.time();
  m.updated_at = q.time();
  return m;
}

// Binds every column a caller can set, in the order of the INSERT and UPDATE below.
void bind_meter_fields(Query& q, const Meter& m) {
  q.bind(m.serial)
      .bind(m.name)
      .bind(m.location)
      .bind(m.model)
      .bind(m.mid)
      .bind(m.firmware)
      .bind(string_list_to_json(m.options))
      .bind(m.group_id)
      .bind(m.time_zone)
      .bind(m.enabled)
      .bind(m.schedules_json);
}

// Runs a meter write, translating constraint failures into messages a user can act on.
void run_meter_write(Query& q, const Meter& m) {
  try {
    q.run();
  } catch (const Conflict&) {
    throw Conflict("a meter with serial '" + m.serial + "' already exists");
  } catch (const NotFound&) {
    throw NotFound("group " + std::to_string(m.group_id.value_or(0)) + " does not exist");
  }
}

// The WHERE clause for a meter filter and a function binding its values in the same order.
struct FilterSql {
  std::string where;
  void bind(Query& q, const MeterFilter& f) const {
    if (f.group_id) q.bind(*f.group_id);
    if (f.mid) q.bind(*f.mid);
    if (f.enabled) q.bind(*f.enabled);
    if (!f.serial_prefix.empty()) q.bind(f.serial_prefix).bind(f.serial_prefix);
    if (!f.text.empty()) q.bind(like_anywhere(f.text)).bind(like_anywhere(f.text));
  }
};

FilterSql filter_sql(const MeterFilter& f) {
  std::string where = "WHERE 1 = 1";
  if (f.group_id) where += " AND group_id = ?";
  if (f.mid) where += " AND mid = ?";
  if (f.enabled) where += " AND enabled = ?";
  // substr/length count characters, so a multi-byte prefix compares whole characters.
  if (!f.serial_prefix.empty()) where += " AND substr(serial, 1, length(?)) = ?";
  // Case-insensitive (ASCII) substring of name or location.
  if (!f.text.empty()) where += " AND (name LIKE ? ESCAPE '\\' OR location LIKE ? ESCAPE '\\')";
  return {where};
}

}  // namespace

void SqliteStore::write_identification(const Meter& m, std::int64_t meter_id) {
  auto q = db_.query(
      "INSERT INTO meter_identification(meter_id, slot, title, value) VALUES (?, ?, ?, ?)"
      " ON CONFLICT(meter_id, slot) DO UPDATE SET title = excluded.title, value = excluded.value");
  q.context("write meter identification");
  for (std::size_t slot = 0; slot < m.identification.size(); ++slot) {
    q.rebind();
    q.bind(meter_id)
        .bind(static_cast<std::int64_t>(slot))
        .bind(m.identification[slot].title)
        .bind(m.identification[slot].value)
        .run();
  }
}

void SqliteStore::read_identification(Meter& m) {
  auto q = db_.query("SELECT slot, title, value FROM meter_identification WHERE meter_id = ?");
  q.context("read meter identification").bind(m.id);
  while (q.step()) {
    auto slot = q.int64();
    if (slot < 0 || static_cast<std::size_t>(slot) >= m.identification.size()) continue;
    auto& field = m.identification[static_cast<std::size_t>(slot)];
    field.title = q.text();
    field.value = q.text();
  }
}

std::int64_t SqliteStore::insert_meter(const Meter& m) {
  auto q = db_.query(
      "INSERT INTO meters(serial, name, location, model, mid, firmware, options_json, group_id,"
      " time_zone, enabled, schedules_json, created_at_us, updated_at_us)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.context("insert meter");
  bind_meter_fields(q, m);
  UtcTime created = or_now(m.created_at);
  q.bind(created).bind(m.updated_at == UtcTime{} ? created : m.updated_at);
  run_meter_write(q, m);
  std::int64_t id = db_.last_insert_id();
  write_identification(m, id);
  return id;
}

std::optional<Meter> SqliteStore::find_meter(std::int64_t id) {
  auto q = db_.query(select_meters("WHERE id = ?"));
  q.context("find meter").bind(id);
  if (!q.step()) return std::nullopt;
  Meter m = read_meter_row(q);
  read_identification(m);
  return m;
}

std::optional<Meter> SqliteStore::find_meter_by_serial(const std::string& serial) {
  auto q = db_.query(select_meters("WHERE serial = ?"));
  q.context("find meter by serial").bind(serial);
  if (!q.step()) return std::nullopt;
  Meter m = read_meter_row(q);
  read_identification(m);
  return m;
}

std::vector<Meter> SqliteStore::list_meters(const MeterFilter& filter, const Page& page) {
  FilterSql sql = filter_sql(filter);
  std::vector<Meter> meters;
  {
    auto q = db_.query(select_meters(sql.where + " AND id > ? ORDER BY id LIMIT ?"));
    q.context("list meters");
    sql.bind(q, filter);
    q.bind(page.after_id).bind(sql_limit(page.limit));
    while (q.step()) meters.push_back(read_meter_row(q));
  }
  for (auto& m : meters) read_identification(m);
  return meters;
}

std::int64_t SqliteStore::count_meters(const MeterFilter& filter) {
  FilterSql sql = filter_sql(filter);
  auto q = db_.query("SELECT COUNT(*) FROM meters " + sql.where);
  q.context("count meters");
  sql.bind(q, filter);
  q.step();
  return q.int64();
}

bool SqliteStore::update_meter(const Meter& m) {
  auto q = db_.query(
      "UPDATE meters SET serial = ?, name = ?, location = ?, model = ?, mid = ?, firmware = ?,"
      " options_json = ?, group_id = ?, time_zone = ?, enabled = ?, schedules_json = ?,"
      " updated_at_us = ?"
      " WHERE id = ?");
  q.context("update meter");
  bind_meter_fields(q, m);
  q.bind(or_now(m.updated_at)).bind(m.id);
  run_meter_write(q, m);
  if (db_.changes() == 0) return false;
  write_identification(m, m.id);
  return true;
}

bool SqliteStore::delete_meter(std::int64_t id) {
  auto q = db_.query("DELETE FROM meters WHERE id = ?");
  q.context("delete meter").bind(id).run();
  return db_.changes() > 0;
}

namespace {

Group read_group_row(Query& q) {
  Group g;
  g.id = q.int64();
  g.name = q.text();
  g.description = q.text();
  g.schedules_json = q.text();
  g.created_at = q.time();
  return g;
}

void run_group_write(Query& q, const Group& g) {
  try {
    q.run();
  } catch (const Conflict&) {
    throw Conflict("a group named '" + g.name + "' already exists");
  }
}

}  // namespace

std::int64_t SqliteStore::insert_group(const Group& g) {
  auto q = db_.query(
      "INSERT INTO meter_groups(name, description, schedules_json, created_at_us)"
      " VALUES (?, ?, ?, ?)");
  q.context("insert group")
      .bind(g.name)
      .bind(g.description)
      .bind(g.schedules_json)
      .bind(or_now(g.created_at));
  run_group_write(q, g);
  return db_.last_insert_id();
}

std::optional<Group> SqliteStore::find_group(std::int64_t id) {
  auto q = db_.query(
      "SELECT id, name, description, schedules_json, created_at_us FROM meter_groups"
      " WHERE id = ?");
  q.context("find group").bind(id);
  if (!q.step()) return std::nullopt;
  return read_group_row(q);
}

std::vector<Group> SqliteStore::list_groups(const Page& page) {
  auto q = db_.query(
      "SELECT id, name, description, schedules_json, created_at_us FROM meter_groups"
      " WHERE id > ? ORDER BY id LIMIT ?");
  q.context("list groups").bind(page.after_id).bind(sql_limit(page.limit));
  std::vector<Group> groups;
  while (q.step()) groups.push_back(read_group_row(q));
  return groups;
}

bool SqliteStore::update_group(const Group& g) {
  auto q = db_.query(
      "UPDATE meter_groups SET name = ?, description = ?, schedules_json = ? WHERE id = ?");
  q.context("update group").bind(g.name).bind(g.description).bind(g.schedules_json).bind(g.id);
  run_group_write(q, g);
  return db_.changes() > 0;
}

bool SqliteStore::delete_group(std::int64_t id) {
  // Checked first for a precise message; the foreign key (RESTRICT) stays as the backstop.
  std::int64_t members = 0;
  {
    auto q = db_.query("SELECT COUNT(*) FROM meters WHERE group_id = ?");
    q.context("count group members").bind(id).step();
    members = q.int64();
  }
  if (members > 0)
    throw Conflict("group " + std::to_string(id) + " still has " + std::to_string(members) +
                   " meter(s); move or delete them first");
  auto q = db_.query("DELETE FROM meter_groups WHERE id = ?");
  q.context("delete group").bind(id).run();
  return db_.changes() > 0;
}

}  // namespace jemhead::storage::sqlite
