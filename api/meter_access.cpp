#include "api/meter_access.hpp"

#include <boost/asio/this_coro.hpp>
#include <map>
#include <memory>

#include "api/problem.hpp"
#include "engine/meter_io.hpp"

namespace jemhead::api {

namespace asio = boost::asio;
using drivers::Task;

namespace {

OperationError to_error(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const drivers::ProtocolException& e) {
    return {std::string(e.kind()), e.what(), e.code, e.function};
  } catch (const drivers::DriverError& e) {
    return {std::string(e.kind()), e.what(), std::nullopt, std::nullopt};
  } catch (const std::exception& e) {
    return {"internal", e.what(), std::nullopt, std::nullopt};
  }
}

Task<void> read_one(drivers::Session& session, ReadOutcome& out) {
  switch (out.kind) {
    case ReadKind::registers: out.registers = co_await session.read_registers(); break;
    case ReadKind::instantaneous: out.instantaneous = co_await session.read_instantaneous(); break;
    case ReadKind::status: out.status = co_await session.read_status(); break;
  }
}

// One session per profile, the kinds routed to it read in turn; a failure of one kind is
// recorded and the next is still tried.
Task<std::vector<ReadOutcome>> read_job(const drivers::DriverRegistry* registry,
                                        engine::ResourceBudget* budget, Meter meter,
                                        std::vector<ConnectionProfile> profiles,
                                        std::vector<ReadOutcome> plan) {
  for (const auto& profile : profiles) {
    std::vector<ReadOutcome*> mine;
    for (auto& o : plan)
      if (o.profile == profile.name) mine.push_back(&o);
    if (mine.empty()) continue;
    const auto* driver = registry->find(profile.protocol);
    auto leasing = engine::lease_for(budget, profile);
    auto lease = co_await std::move(leasing);
    std::unique_ptr<drivers::Session> session;
    std::exception_ptr open_failure;
    try {
      session = co_await driver->open(meter, profile, co_await asio::this_coro::executor);
    } catch (...) {
      open_failure = std::current_exception();
    }
    for (auto* o : mine) {
      if (open_failure) {
        o->error = to_error(open_failure);
        continue;
      }
      o->map_source = session->point_map_source();
      std::exception_ptr failure;
      try {
        co_await read_one(*session, *o);
      } catch (...) {
        failure = std::current_exception();
      }
      if (failure) o->error = to_error(failure);
    }
    if (session) co_await session->close();
  }
  co_return plan;
}

template <typename T, typename Op>
Task<WriteOutcome<T>> write_job(const drivers::Driver* driver, engine::ResourceBudget* budget,
                                Meter meter, ConnectionProfile profile, Op op) {
  WriteOutcome<T> out;
  out.profile = profile.name;
  auto leasing = engine::lease_for(budget, profile);
  auto lease = co_await std::move(leasing);
  std::exception_ptr failure;
  std::unique_ptr<drivers::Session> session;
  try {
    session = co_await driver->open(meter, profile, co_await asio::this_coro::executor);
    out.read_back = co_await op(*session);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) out.error = to_error(failure);
  if (session) co_await session->close();
  co_return out;
}

}  // namespace

Capability capability_of(ReadKind kind) {
  switch (kind) {
    case ReadKind::registers: return Capability::read_registers;
    case ReadKind::instantaneous: return Capability::read_instantaneous;
    case ReadKind::status: return Capability::read_status;
  }
  return Capability::read_registers;
}

Validation MeterAccess::validate_options(const ConnectionProfile& profile) const {
  const auto* driver = registry_.find(profile.protocol);
  return driver ? driver->validate_options(profile) : Validation{};
}

MeterAccess::MeterAccess(const drivers::DriverRegistry& registry, asio::any_io_executor executor,
                         std::chrono::milliseconds deadline, engine::ResourceBudget* budget)
    : registry_(registry), executor_(std::move(executor)), deadline_(deadline), budget_(budget) {}

ConnectionProfile MeterAccess::route(const std::vector<ConnectionProfile>& profiles,
                                     Capability capability) const {
  std::string why;
  auto profile = registry_.route(profiles, capability, why);
  if (!profile) throw ApiError(409, why);
  return *profile;
}

std::vector<ReadOutcome> MeterAccess::read(const Meter& meter,
                                           const std::vector<ConnectionProfile>& profiles,
                                           const std::vector<ReadKind>& kinds) const {
  std::vector<ReadOutcome> plan;
  for (auto kind : kinds) {
    ReadOutcome o;
    o.kind = kind;
    o.profile = route(profiles, capability_of(kind)).name;
    plan.push_back(std::move(o));
  }
  try {
    return engine::run_blocking(executor_, read_job(&registry_, budget_, meter, profiles, plan),
                                deadline_, "the job");
  } catch (...) {
    const auto error = to_error(std::current_exception());
    for (auto& o : plan) o.error = error;
    return plan;
  }
}

namespace {
template <typename T, typename Op>
WriteOutcome<T> run_write(const drivers::DriverRegistry& registry, asio::any_io_executor executor,
                          engine::ResourceBudget* budget, std::chrono::milliseconds deadline,
                          const Meter& meter, const ConnectionProfile& profile, Op op) {
  try {
    return engine::run_blocking(
        executor, write_job<T>(registry.find(profile.protocol), budget, meter, profile, op),
        deadline, "the job");
  } catch (...) {
    WriteOutcome<T> out;
    out.profile = profile.name;
    out.error = to_error(std::current_exception());
    return out;
  }
}
}  // namespace

WriteOutcome<std::vector<RegisterReading>> MeterAccess::write_presets(
    const Meter& meter, const ConnectionProfile& profile,
    std::vector<drivers::RegisterPreset> presets) const {
  return run_write<std::vector<RegisterReading>>(
      registry_, executor_, budget_, deadline_, meter, profile,
      [presets = std::move(presets)](drivers::Session& s) { return s.write_presets(presets); });
}

WriteOutcome<engine::ClockSyncResult> MeterAccess::sync_clock(const Meter& meter,
                                                              const ConnectionProfile& profile,
                                                              std::chrono::microseconds tolerance,
                                                              bool force) const {
  return run_write<engine::ClockSyncResult>(
      registry_, executor_, budget_, deadline_, meter, profile,
      [tolerance, force](drivers::Session& s) { return engine::sync_clock(s, tolerance, force); });
}

WriteOutcome<std::vector<drivers::OutputState>> MeterAccess::control_outputs(
    const Meter& meter, const ConnectionProfile& profile,
    std::vector<drivers::OutputCommand> commands) const {
  return run_write<std::vector<drivers::OutputState>>(
      registry_, executor_, budget_, deadline_, meter, profile,
      [commands = std::move(commands)](drivers::Session& s) {
        return s.control_outputs(commands);
      });
}

}  // namespace jemhead::api
