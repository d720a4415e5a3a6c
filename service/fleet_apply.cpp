#include "service/fleet_apply.hpp"

#include <map>

namespace jemhead::service {

namespace {

// What the configuration defines about a meter; ids and timestamps belong to the database.
bool same_definition(const Meter& a, const Meter& b) {
  if (a.identification.size() != b.identification.size()) return false;
  for (std::size_t i = 0; i < a.identification.size(); ++i)
    if (a.identification[i].title != b.identification[i].title ||
        a.identification[i].value != b.identification[i].value)
      return false;
  return a.serial == b.serial && a.name == b.name && a.location == b.location &&
         a.model == b.model && a.mid == b.mid && a.firmware == b.firmware &&
         a.options == b.options && a.group_id == b.group_id && a.time_zone == b.time_zone &&
         a.enabled == b.enabled && a.schedules_json == b.schedules_json;
}

bool same_definition(const ConnectionProfile& a, const ConnectionProfile& b) {
  return a.name == b.name && a.protocol == b.protocol && a.transport == b.transport &&
         a.is_default == b.is_default && a.host == b.host && a.port == b.port &&
         a.device == b.device && a.baud == b.baud && a.address == b.address &&
         a.rs485_delay_ms == b.rs485_delay_ms && a.probe == b.probe &&
         a.modem_init == b.modem_init && a.phone == b.phone && a.retries == b.retries &&
         a.retry_delay_s == b.retry_delay_s && a.timeout_ms == b.timeout_ms &&
         a.options_json == b.options_json;
}

std::map<std::string, Group> groups_by_name(storage::Store& store) {
  std::map<std::string, Group> out;
  storage::Page page{0, 500};
  for (;;) {
    auto batch = store.list_groups(page);
    for (auto& g : batch) out[g.name] = g;
    if (batch.size() < page.limit) break;
    page.after_id = batch.back().id;
  }
  return out;
}

class FleetApplier {
 public:
  FleetApplier(storage::Store& store, std::string actor)
      : store_(store), actor_(std::move(actor)) {}

  void apply(const FleetConfig& fleet) {
    auto existing = groups_by_name(store_);
    for (const auto& g : fleet.groups) group_ids_[g.name] = upsert_group(g, existing);
    for (const auto& m : fleet.meters) {
      const std::int64_t meter_id = upsert_meter(m);
      for (const auto& c : m.connections) upsert_connection(meter_id, c);
    }
  }
  const FleetApplyStats& stats() const { return stats_; }

 private:
  std::int64_t upsert_group(const Group& wanted, const std::map<std::string, Group>& existing) {
    auto it = existing.find(wanted.name);
    if (it == existing.end()) {
      const auto id = store_.insert_group(wanted);
      audit("group.create", "group/" + std::to_string(id));
      ++stats_.groups_created;
      return id;
    }
    Group row = it->second;
    if (row.description == wanted.description && row.schedules_json == wanted.schedules_json) {
      ++stats_.unchanged;
      return row.id;
    }
    row.description = wanted.description;
    row.schedules_json = wanted.schedules_json;
    store_.update_group(row);
    audit("group.update", "group/" + std::to_string(row.id));
    ++stats_.groups_updated;
    return row.id;
  }

  std::int64_t upsert_meter(const FleetMeter& fm) {
    Meter wanted = fm.meter;
    wanted.group_id =
        fm.group.empty() ? std::nullopt : std::optional<std::int64_t>(group_ids_.at(fm.group));
    auto row = store_.find_meter_by_serial(wanted.serial);
    if (!row) {
      const auto id = store_.insert_meter(wanted);
      audit("meter.create", "meter/" + std::to_string(id));
      ++stats_.meters_created;
      return id;
    }
    if (same_definition(*row, wanted)) {
      ++stats_.unchanged;
      return row->id;
    }
    wanted.id = row->id;
    wanted.created_at = row->created_at;
    store_.update_meter(wanted);
    audit("meter.update", "meter/" + std::to_string(wanted.id));
    ++stats_.meters_updated;
    return wanted.id;
  }

  void upsert_connection(std::int64_t meter_id, const ConnectionProfile& c) {
    ConnectionProfile wanted = c;
    wanted.meter_id = meter_id;
    for (const auto& row : store_.list_connections(meter_id)) {
      if (row.name != wanted.name) continue;
      wanted.id = row.id;
      if (same_definition(row, wanted)) {
        ++stats_.unchanged;
        return;
      }
      store_.update_connection(wanted);
      audit("connection.update", "connection/" + std::to_string(row.id));
      ++stats_.connections_updated;
      return;
    }
    const auto id = store_.insert_connection(wanted);
    audit("connection.create", "connection/" + std::to_string(id));
    ++stats_.connections_created;
  }

  void audit(std::string action, std::string target) {
    AuditEntry e;
    e.at = utc_now();
    e.actor = actor_;
    e.action = std::move(action);
    e.target = std::move(target);
    e.detail_json = R"({"source":"configuration"})";
    store_.append_audit(e);
  }

  storage::Store& store_;
  std::string actor_;
  std::map<std::string, std::int64_t> group_ids_;
  FleetApplyStats stats_;
};

}  // namespace

std::string FleetApplyStats::summary() const {
  return "groups +" + std::to_string(groups_created) + " ~" + std::to_string(groups_updated) +
         ", meters +" + std::to_string(meters_created) + " ~" + std::to_string(meters_updated) +
         ", connections +" + std::to_string(connections_created) + " ~" +
         std::to_string(connections_updated) + ", unchanged " + std::to_string(unchanged);
}

FleetApplyStats apply_fleet(storage::Repository& repo, const FleetConfig& fleet,
                            const std::string& actor) {
  FleetApplyStats stats;
  repo.transact([&](storage::Store& store) {
    FleetApplier applier(store, actor);  // fresh per attempt: stats describe the commit
    applier.apply(fleet);
    stats = applier.stats();
  });
  return stats;
}

}  // namespace jemhead::service
