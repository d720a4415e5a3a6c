#include "engine/config_read_back.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>

#include "engine/config_drift_alarm.hpp"
#include "engine/config_push_plan.hpp"
#include "engine/meter_io.hpp"

namespace jemhead::engine {

namespace asio = boost::asio;
namespace json = boost::json;
using drivers::Task;

namespace {

// What the read-back got from one profile's session.
struct ReadIo {
  std::optional<drivers::MeterIdentity> identity;
  std::vector<LoadProfileLayout> layouts;
  std::vector<std::string> errors;
};

Task<ReadIo> read_back_session(const drivers::Driver* driver, ResourceBudget* budget, Meter meter,
                               ConnectionProfile profile, bool identity,
                               std::vector<std::uint8_t> lp_profiles) {
  ReadIo out;
  auto leasing = lease_for(budget, profile);
  auto lease = co_await std::move(leasing);
  std::unique_ptr<drivers::Session> session;
  try {
    const auto executor = co_await asio::this_coro::executor;
    auto opening = driver->open(meter, profile, executor);
    session = co_await std::move(opening);
  } catch (...) {
    out.errors.push_back(profile.name + ": " + error_text(std::current_exception()));
    co_return out;
  }
  if (identity) {
    try {
      auto reading = session->read_identity();
      out.identity = co_await std::move(reading);
    } catch (...) {
      out.errors.push_back("identity: " + error_text(std::current_exception()));
    }
  }
  for (const auto p : lp_profiles) {
    try {
      // An empty window: the layout (capture objects and period) only, no intervals.
      drivers::LoadProfileRequest request;
      request.profile = p;
      const auto now = utc_now();
      request.after = now;
      request.to = now;
      auto reading = session->read_load_profile(request);
      auto read = co_await std::move(reading);
      out.layouts.push_back(std::move(read.layout));
    } catch (...) {
      std::string what = "load profile ";
      what += std::to_string(p);
      what += ": ";
      what += error_text(std::current_exception());
      out.errors.push_back(std::move(what));
    }
  }
  try {
    auto closing = session->close();
    co_await std::move(closing);
  } catch (const drivers::DriverError&) {
  }
  co_return out;
}

}  // namespace

ReadBack read_back(const ConfigPushContext& ctx, const Meter& meter,
                   const std::vector<ConnectionProfile>& profiles, std::size_t document_profiles) {
  ReadBack out;
  std::string why_identity, why_lp;
  const auto identity = ctx.drivers.route(profiles, Capability::read_identity, why_identity);
  const auto lp = ctx.drivers.route(profiles, Capability::read_load_profile, why_lp);
  std::vector<std::uint8_t> lp_profiles;
  for (std::size_t p = 1;
       p <= std::max<std::size_t>(1, std::min<std::size_t>(2, document_profiles)); ++p)
    lp_profiles.push_back(static_cast<std::uint8_t>(p));
  if (!identity) out.errors.push_back(why_identity);
  if (!lp) out.errors.push_back(why_lp);
  std::vector<std::pair<ConnectionProfile, std::pair<bool, bool>>> plan;  // profile, (id, lp)
  if (identity) plan.push_back({*identity, {true, false}});
  if (lp) {
    if (identity && identity->name == lp->name)
      plan.back().second.second = true;
    else
      plan.push_back({*lp, {false, true}});
  }
  for (const auto& [profile, what] : plan) {
    ReadIo io_result;
    try {
      io_result = run_blocking(
          ctx.io,
          read_back_session(ctx.drivers.find(profile.protocol), ctx.budget, meter, profile,
                            what.first, what.second ? lp_profiles : std::vector<std::uint8_t>{}),
          ctx.deadline(), "the meter I/O");
    } catch (...) {
      io_result.errors.push_back(profile.name + ": " + error_text(std::current_exception()));
    }
    if (io_result.identity) {
      config::observe_identity(io_result.identity->fields, out.observed);
      out.anything = true;
    }
    for (const auto& layout : io_result.layouts) {
      config::observe_load_profile(layout, out.observed);
      out.anything = true;
    }
    for (auto& e : io_result.errors) out.errors.push_back(std::move(e));
    if (out.protocol.empty() && (io_result.identity || !io_result.layouts.empty()))
      out.protocol = std::string(to_text(profile.protocol));
  }
  return out;
}

ConfigReadback readback_record(const Meter& meter, const ReadBack& rb,
                               const std::optional<ConfigVersion>& version,
                               const std::string& trigger, config::ReadbackComparison* cmp_out) {
  ConfigReadback r;
  r.meter_id = meter.id;
  r.read_at = utc_now();
  r.trigger = trigger;
  auto observed = config::to_json(rb.observed);
  json::array errors;
  for (const auto& e : rb.errors) errors.emplace_back(e);
  observed["errors"] = std::move(errors);
  r.observed_json = json::serialize(observed);
  if (version) {
    r.compared_version = version->version;
    const auto cmp =
        config::compare_readback(parse_document(version->document_json), rb.observed, meter.serial);
    r.differences_json = json::serialize(config::to_json(cmp.differences));
    r.drift = cmp.drift();
    if (cmp_out) *cmp_out = cmp;
  }
  return r;
}

ConfigReadback run_readback(const ConfigPushContext& ctx, std::int64_t meter_id,
                            const std::string& trigger) {
  auto& repo = ctx.repo;
  const auto meter = repo.find_meter(meter_id);
  if (!meter) throw ConfigPushRejected(404, "no meter " + std::to_string(meter_id));
  const auto profiles = repo.list_connections(meter_id);
  const auto latest = repo.latest_config_version(meter_id);
  const std::size_t lp_profiles =
      latest ? parse_document(latest->document_json).load_profile.profiles.size() : 1;
  const auto rb = read_back(ctx, *meter, profiles, lp_profiles);
  if (!rb.anything) {
    std::string why = "nothing of the configuration could be read";
    for (const auto& e : rb.errors) {
      why += "; ";
      why += e;
    }
    throw ConfigPushRejected(409, why);
  }
  auto record = readback_record(*meter, rb, latest, trigger, nullptr);
  repo.transact([&](storage::Store& s) { record = s.insert_config_readback(record); });
  ctx.log->info("meter {}: configuration read-back ({}) {}", meter_id, trigger,
                !latest        ? "stored (no version to compare with)"
                : record.drift ? "found drift from version " + std::to_string(latest->version)
                               : "matches version " + std::to_string(latest->version));
  if (record.drift) raise_drift_alarm(ctx, *meter, record);
  return record;
}

}  // namespace jemhead::engine
