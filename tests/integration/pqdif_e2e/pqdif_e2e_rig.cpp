#include "tests/integration/pqdif_e2e/pqdif_e2e_rig.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <set>
#include <thread>

#include "core/digest/sha256.hpp"

namespace jemhead::testing::pqdif_e2e {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string sim_fleet(int count, const std::string& defaults, const std::string& list,
                      double time_factor) {
  std::string y = "seed: 29\n";
  y += "time_factor: " + std::to_string(time_factor) + "\n";
  y += "start_time: \"2026-03-01T00:00:00Z\"\n";
  y += "meters:\n";
  y += "  count: " + std::to_string(count) + "\n";
  y += "  serial_base: 61000001\n";
  y += "  pqdif: " + defaults + "\n";
  y += "  web: { listen: \"127.0.0.1:0\", users: [{ name: " + kUser + ", password: \"" + kPassword +
       "\", read_power_quality: true }, { name: billing, password: b, read_power_quality: false "
       "}] }\n";
  if (!list.empty()) y += "  list:\n" + list;
  return y;
}

std::map<std::string, HttpTarget> meter_webs(const Jemsim& sim) {
  const auto r = sim.call("GET", "/pqdif");
  EXPECT_EQ(r.status, 200) << r.body;
  std::map<std::string, HttpTarget> out;
  const auto doc = r.json();
  for (const auto& m : doc.at("meters").as_array())
    if (m.at("web").is_string())
      out[std::string(m.at("serial").as_string())] =
          HttpTarget::parse(json::value_to<std::string>(m.at("web")));
  return out;
}

std::string head_meter(const std::string& serial, const HttpTarget& web, const std::string& extra) {
  std::string y = "    - serial: \"" + serial + "\"\n";
  y += "      name: \"PQ " + serial + "\"\n";
  y += extra;
  y += "      connections:\n";
  y += "        - {name: web, protocol: http, transport: tcp, host: " + web.host +
       ", port: " + std::to_string(web.port) +
       ", default: true, retries: 0, options: {username: " + kUser + ", password: \"" + kPassword +
       "\"}}\n";
  return y;
}

std::string head_meter_sftp(const std::string& serial, std::uint16_t port,
                            const std::string& options) {
  std::string y = "    - serial: \"" + serial + "\"\n";
  y += "      name: \"PQ " + serial + "\"\n";
  y += "      connections:\n";
  y += "        - {name: sftp, protocol: sftp, transport: tcp, host: 127.0.0.1, port: " +
       std::to_string(port) + ", default: true, retries: 0, options: " + options + "}\n";
  return y;
}

std::map<std::string, ServedFile> directory_files(const std::string& dir) {
  std::map<std::string, ServedFile> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (!e.is_regular_file() || !name.ends_with(".pqd")) continue;
    const auto bytes = read_file(e.path().string());
    out[name] = {bytes.size(), digest::sha256_hex(bytes)};
  }
  return out;
}

std::map<std::string, ServedFile> truth_files(const json::object& truth) {
  std::map<std::string, ServedFile> out;
  for (const auto& f : truth.at("files").as_array())
    out[std::string(f.at("name").as_string())] = {static_cast<std::size_t>(f.at("size").as_int64()),
                                                  std::string(f.at("sha256").as_string())};
  return out;
}

json::object sim_files(const Jemsim& sim, const std::string& serial) {
  const auto r = sim.call("GET", "/meters/" + serial + "/pqdif");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

std::int64_t meter_id(const Jemhead& head, const std::string& serial) {
  const auto r = head.call("GET", "/api/v1/meters?serial_prefix=" + serial);
  EXPECT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  for (const auto& m : doc.at("items").as_array())
    if (m.at("serial").as_string() == serial) return m.at("id").as_int64();
  ADD_FAILURE() << "jemhead has no meter " << serial;
  return 0;
}

std::vector<json::object> stored_rows(const Jemhead& head, std::int64_t meter) {
  std::vector<json::object> out;
  std::string after;
  while (true) {
    const auto r = head.call(
        "GET", "/api/v1/pqdif?limit=1000&meter=" + std::to_string(meter) + after, "", kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return out;
    const auto body = r.json();
    for (const auto& item : body.at("items").as_array()) out.push_back(item.as_object());
    const auto& next = body.at("next_after");
    if (next.is_null()) return out;
    after = "&after=" + std::to_string(next.as_int64());
  }
}

namespace {

// The newest pqdif run of a meter, or an empty object.
json::object newest_run(const Jemhead& head, std::int64_t meter) {
  const auto r =
      head.call("GET", "/api/v1/meters/" + std::to_string(meter) + "/jobs?kind=pqdif&limit=1", "",
                kViewerToken);
  EXPECT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  const auto& items = doc.at("items").as_array();
  return items.empty() ? json::object{} : items.at(0).as_object();
}

std::string text(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
}

}  // namespace

std::map<std::int64_t, std::int64_t> newest_pqdif_jobs(const Jemhead& head,
                                                       const std::vector<std::int64_t>& meters) {
  std::map<std::int64_t, std::int64_t> out;
  for (auto m : meters) {
    const auto run = newest_run(head, m);
    out[m] = run.empty() ? 0 : run.at("id").as_int64();
  }
  return out;
}

std::map<std::int64_t, json::object> retrieve_now(const Jemhead& head,
                                                  const std::vector<std::int64_t>& meters,
                                                  const std::map<std::int64_t, std::int64_t>& after,
                                                  std::chrono::seconds timeout) {
  auto before = after.empty() ? newest_pqdif_jobs(head, meters) : after;
  for (auto m : meters) {
    const auto r = head.call("POST", "/api/v1/meters/" + std::to_string(m) + "/collect",
                             R"({"kinds":["pqdif"]})", kOperatorToken);
    EXPECT_EQ(r.status, 202) << r.body;
  }
  std::map<std::int64_t, json::object> done;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (done.size() < meters.size() && std::chrono::steady_clock::now() < deadline) {
    for (auto m : meters) {
      if (done.count(m)) continue;
      auto run = newest_run(head, m);
      if (!run.empty() && run.at("id").as_int64() > before[m] &&
          run.at("outcome").as_string() != "running")
        done[m] = std::move(run);
    }
    if (done.size() < meters.size()) std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(done.size(), meters.size())
      << "pqdif jobs did not finish within " << timeout.count() << " s";
  return done;
}

bool wait_parsed(const Jemhead& head, const std::vector<std::int64_t>& meters,
                 std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    bool pending = false;
    for (auto m : meters) {
      const auto r =
          head.call("GET", "/api/v1/pqdif?limit=1&status=pending&meter=" + std::to_string(m), "",
                    kViewerToken);
      EXPECT_EQ(r.status, 200) << r.body;
      pending = pending || !r.json().at("items").as_array().empty();
    }
    if (!pending) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

bool close_enough(double stored, double truth, Compared& stats) {
  ++stats.values;
  if (stored == truth) return true;
  if (std::isfinite(stored) && std::isfinite(truth) && (stored < 0) == (truth < 0)) {
    const auto a = std::bit_cast<std::int64_t>(stored);
    const auto b = std::bit_cast<std::int64_t>(truth);
    if ((a > b ? a - b : b - a) <= 2) {
      ++stats.values_off_by_ulps;
      return true;
    }
  }
  if (std::fabs(stored - truth) <= 1e-9 * std::fabs(truth)) {
    ++stats.values_relative;
    return true;
  }
  return false;
}

namespace {

double number(const json::value& v) {
  return v.is_null() ? std::nan("") : v.to_number<double>();
}

void expect_observation(const Jemhead& head, std::int64_t file_id, const std::string& file,
                        std::size_t index, const json::object& listed, const json::object& truth,
                        Compared& stats) {
  const auto where = file + " observation " + std::to_string(index);
  EXPECT_EQ(listed.at("name"), truth.at("name")) << where;
  EXPECT_EQ(listed.at("time_start"), truth.at("start")) << where;
  EXPECT_EQ(listed.at("time_triggered"), truth.at("triggered")) << where;
  EXPECT_EQ(listed.at("channel_count"), truth.at("channel_count")) << where;

  // Series metadata from the listing: (channel, series) -> (channel name, value count).
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::string, std::int64_t>> listing;
  std::int64_t value_count = 0;
  for (const auto& c : listed.at("channels").as_array())
    for (const auto& s : c.at("series").as_array()) {
      listing[{c.at("channel").as_int64(), s.at("series").as_int64()}] = {
          text(c.at("name")), s.at("value_count").as_int64()};
      value_count += s.at("value_count").as_int64();
    }
  EXPECT_EQ(value_count, truth.at("value_count").as_int64()) << where;
  const auto& truth_series = truth.at("series").as_array();
  EXPECT_EQ(listing.size(), truth_series.size()) << where;

  // Values: the whole observation, undecimated.
  const auto r = head.call(
      "GET", "/api/v1/pqdif/" + std::to_string(file_id) + "/observations/" + std::to_string(index),
      "", kViewerToken);
  ASSERT_EQ(r.status, 200) << where << ": " << r.body;
  const auto values_doc = r.json();
  std::map<std::pair<std::int64_t, std::int64_t>, const json::array*> values;
  for (const auto& s : values_doc.at("series").as_array()) {
    EXPECT_FALSE(s.at("decimated").as_bool()) << where;
    values[{s.at("channel").as_int64(), s.at("series").as_int64()}] = &s.at("values").as_array();
  }
  for (const auto& t : truth_series) {
    ++stats.series;
    const std::pair key{t.at("channel").as_int64(), t.at("series").as_int64()};
    const auto what =
        where + " channel " + std::to_string(key.first) + " series " + std::to_string(key.second);
    const auto it = listing.find(key);
    ASSERT_NE(it, listing.end()) << what << " is not in jemhead's listing";
    EXPECT_EQ(it->second.first, t.at("channel_name").as_string()) << what;
    EXPECT_EQ(it->second.second, t.at("count").as_int64()) << what;
    ASSERT_TRUE(values.count(key)) << what << " has no values";
    const auto& got = *values.at(key);
    ASSERT_EQ(static_cast<std::int64_t>(got.size()), t.at("count").as_int64()) << what;
    const auto& first = t.at("first").as_array();
    for (std::size_t k = 0; k < first.size(); ++k) {
      const double stored = number(got.at(k));
      const double expected = number(first.at(k));
      EXPECT_TRUE(close_enough(stored, expected, stats))
          << what << " value " << k << ": jemhead " << stored << ", truth " << expected;
    }
  }
}

}  // namespace

void expect_stored_equals_truth(const Jemhead& head, std::int64_t meter, const json::object& truth,
                                Compared& stats, const std::string& source) {
  const auto serial = text(truth.at("serial"));
  const bool compressed = truth.at("compressed").as_bool();
  const auto rows = stored_rows(head, meter);
  std::map<std::string, json::object> by_name;
  for (const auto& row : rows)
    EXPECT_TRUE(by_name.emplace(text(row.at("file_name")), row).second)
        << serial << ": " << row.at("file_name") << " is stored twice";
  const auto& files = truth.at("files").as_array();
  std::set<std::string> truth_names;
  for (const auto& f : files) truth_names.insert(text(f.at("name")));
  std::set<std::string> stored_names;
  for (const auto& [name, row] : by_name) stored_names.insert(name);
  ASSERT_EQ(stored_names, truth_names) << serial << ": the stored files are not the meter's";
  EXPECT_EQ(rows.size(), files.size()) << serial;

  for (const auto& fv : files) {
    const auto& f = fv.as_object();
    const auto name = text(f.at("name"));
    const auto& row = by_name.at(name);
    ++stats.files;
    EXPECT_EQ(row.at("size_bytes").as_int64(), f.at("size").as_int64()) << name;
    EXPECT_EQ(row.at("sha256"), f.at("sha256")) << name;
    EXPECT_EQ(row.at("data_type"), f.at("data_type")) << name;
    EXPECT_EQ(row.at("data_type_names"), f.at("data_type_names")) << name;
    EXPECT_EQ(row.at("source").as_string(), source) << name;
    EXPECT_EQ(row.at("meter_serial").as_string(), serial) << name;
    EXPECT_EQ(row.at("compressed"), json::value(compressed)) << name;
    EXPECT_EQ(row.at("parse_status").as_string(), "ok") << name << ": " << row.at("parse_error");
    EXPECT_EQ(row.at("observation_count"), f.at("observation_count")) << name;
    const auto id = row.at("id").as_int64();

    const auto download =
        head.call("GET", "/api/v1/pqdif/" + std::to_string(id) + "/download", "", kViewerToken);
    ASSERT_EQ(download.status, 200) << name;
    EXPECT_EQ(static_cast<std::int64_t>(download.body.size()), f.at("size").as_int64()) << name;
    EXPECT_EQ(digest::sha256_hex(download.body), f.at("sha256").as_string()) << name;

    const auto r =
        head.call("GET", "/api/v1/pqdif/" + std::to_string(id) + "/observations", "", kViewerToken);
    ASSERT_EQ(r.status, 200) << name << ": " << r.body;
    const auto listing = r.json();
    const auto& listed = listing.at("observations").as_array();
    const auto& expected = f.at("observations").as_array();
    ASSERT_EQ(listed.size(), expected.size()) << name;
    for (std::size_t i = 0; i < listed.size(); ++i) {
      ++stats.observations;
      EXPECT_EQ(listed[i].at("index").as_int64(), static_cast<std::int64_t>(i)) << name;
      expect_observation(head, id, name, i, listed[i].as_object(), expected[i].as_object(), stats);
    }
  }
}

}  // namespace jemhead::testing::pqdif_e2e
