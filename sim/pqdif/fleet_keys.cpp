#include "sim/pqdif/fleet_keys.hpp"

#include <array>
#include <string_view>

#include "sim/fleet_file.hpp"
#include "sim/pqdif/push/push_fleet_keys.hpp"

namespace jemhead::sim {

namespace {

constexpr std::array<std::string_view, 11> kMlChannels{
    "volts_a",     "volts_b",    "volts_c",  "amps_a",   "amps_b",   "amps_c",
    "watts_total", "vars_total", "va_total", "pf_total", "frequency"};

void read_recording(YamlFields& p, std::string_view key, PqRecordingSpec& rec,
                    std::uint32_t* samples_per_cycle) {
  std::optional<YamlFields> section = p.section(key);
  if (!section) return;
  YamlFields& r = *section;
  if (auto v = r.boolean("enabled")) rec.enabled = *v;
  if (auto v = r.integer("pre_cycles", 0, 60)) rec.pre_cycles = static_cast<std::uint32_t>(*v);
  if (auto v = r.integer("post_cycles", 0, 60)) rec.post_cycles = static_cast<std::uint32_t>(*v);
  if (auto v = r.integer("max_cycles", 1, 3600)) rec.max_cycles = static_cast<std::uint32_t>(*v);
  if (samples_per_cycle) {
    if (auto v = r.integer("samples_per_cycle", 16, 512)) {
      if (*v != 16 && *v != 128 && *v != 512)
        r.fail("samples_per_cycle", "must be 16 (Low), 128 (Medium) or 512 (High)");
      *samples_per_cycle = static_cast<std::uint32_t>(*v);
    }
  }
  if (rec.pre_cycles + rec.post_cycles >= rec.max_cycles)
    r.fail("max_cycles", "must exceed pre_cycles + post_cycles (it includes both)");
  r.finish();
}

void read_measurement_log(YamlFields& p, PqdifSpec& spec) {
  std::optional<YamlFields> section = p.section("measurement_log");
  if (!section) return;
  YamlFields& m = *section;
  if (auto v = m.integer("interval_minutes", 0, 10080)) {
    if (*v != 0 && *v < 10) m.fail("interval_minutes", "must be 0 (off) or 10 to 10080");
    spec.ml_interval_minutes = static_cast<std::uint32_t>(*v);
  }
  if (auto v = m.integer("record_minutes", 1, 1440))
    spec.ml_record_minutes = static_cast<std::uint32_t>(*v);
  YAML::Node channels = m.child("channels");
  if (channels.IsDefined() && !channels.IsNull()) {
    if (!channels.IsSequence() || channels.size() == 0 || channels.size() > 50)
      m.fail("channels", "must be a list of 1 to 50 channel names");
    spec.ml_channels.clear();
    for (const auto& item : channels) {
      if (!item.IsScalar() || !known_ml_channel(item.Scalar())) {
        std::string names;
        for (auto n : kMlChannels) (names += names.empty() ? "" : ", ") += n;
        throw FleetError(m.file(), line_of(item), m.child_path("channels"),
                         "each channel must be one of " + names);
      }
      spec.ml_channels.push_back(item.Scalar());
    }
  }
  if (spec.ml_interval_minutes != 0 && (spec.ml_interval_minutes % spec.ml_record_minutes != 0 ||
                                        1440 % spec.ml_record_minutes != 0))
    m.fail("record_minutes", "must divide interval_minutes and 1440");
  if (spec.ml_interval_minutes % 1440 != 0 && 1440 % spec.ml_interval_minutes != 0)
    m.fail("interval_minutes", "must divide a day or be whole days");
  m.finish();
}

void read_users(YamlFields& w, WebServerSpec& spec) {
  YAML::Node users = w.child("users");
  if (!users.IsDefined() || users.IsNull()) return;
  // The meter has 10 username/password combinations (part4 §1).
  if (!users.IsSequence() || users.size() == 0 || users.size() > 10)
    w.fail("users", "must be a list of 1 to 10 users");
  spec.users.clear();
  std::size_t index = 0;
  for (const auto& entry : users) {
    YamlFields u(entry, w.file(), w.child_path("users") + "[" + std::to_string(index++) + "]");
    WebUser user;
    auto name = u.text("name", 32);
    auto password = u.text("password", 32);
    if (!name || name->empty() || !printable(*name) || name->find(':') != std::string::npos)
      u.fail("name", "is required: 1 to 32 printable characters without ':'");
    if (!password || !printable(*password)) u.fail("password", "is required: printable text");
    user.name = *name;
    user.password = *password;
    user.read_power_quality = u.boolean("read_power_quality").value_or(false);
    u.finish();
    spec.users.push_back(std::move(user));
  }
}

}  // namespace

bool known_ml_channel(const std::string& name) {
  for (auto n : kMlChannels)
    if (n == name) return true;
  return false;
}

void read_pqdif_settings(YamlFields& parent, std::shared_ptr<const PqdifSpec>& spec) {
  std::optional<YamlFields> section = parent.section("pqdif");
  if (!section) return;
  auto next = std::make_shared<PqdifSpec>(spec ? *spec : PqdifSpec{});
  YamlFields& p = *section;
  if (auto v = p.text("mode", 16)) {
    if (*v == "multiple")
      next->mode = PqdifFileMode::multiple;
    else if (*v == "single")
      next->mode = PqdifFileMode::single;
    else
      p.fail("mode", "must be multiple or single");
  }
  if (auto v = p.boolean("compressed")) next->compressed = *v;
  if (auto v = p.integer("events_per_day", 0, 1000))
    next->events_per_day = static_cast<std::uint32_t>(*v);
  if (auto v = p.integer("max_file_bytes", 4096, 16 << 20))
    next->max_file_bytes = static_cast<std::uint32_t>(*v);
  if (auto v = p.integer("max_files", 1, 100000)) next->max_files = static_cast<std::uint32_t>(*v);
  if (auto v = p.integer("max_store_bytes", 1 << 20, std::int64_t{1} << 32))
    next->max_store_bytes = static_cast<std::uint64_t>(*v);
  read_recording(p, "waveform", next->waveform, &next->waveform_samples_per_cycle);
  read_recording(p, "hsrms", next->hsrms, nullptr);
  read_measurement_log(p, *next);
  read_push_settings(p, next->push);
  if (auto v = p.text("export_directory", 4096)) {
    if (!v->empty() && v->front() != '/')
      p.fail("export_directory", "must be an absolute path (or empty: no export)");
    next->export_directory = *v;
    // The `meters:` default is read from the `meters` mapping itself; one directory per
    // meter then, since each meter's store is its own.
    next->export_per_serial = parent.child_path("pqdif") == "meters.pqdif";
  }
  p.finish();
  spec = std::move(next);
}

void read_web_settings(YamlFields& parent, std::shared_ptr<const WebServerSpec>& spec) {
  std::optional<YamlFields> section = parent.section("web");
  if (!section) return;
  auto next = std::make_shared<WebServerSpec>(spec ? *spec : WebServerSpec{});
  YamlFields& w = *section;
  if (auto v = w.text("listen", 64)) {
    std::string error;
    if (!parse_loopback_listen(*v, next->address, next->port, error)) w.fail("listen", error);
  }
  read_users(w, *next);
  w.finish();
  spec = std::move(next);
}

}  // namespace jemhead::sim
