#pragma once
// One configuration operation (clock, presets, outputs) over one routed session, waited
// for from a push worker thread (internal to engine/config_push_*.cpp).
#include <boost/asio/this_coro.hpp>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "engine/config_push_context.hpp"
#include "engine/meter_io.hpp"

namespace jemhead::engine {

// One operation's outcome over one session.
template <typename T>
struct IoResult {
  std::optional<T> value;
  std::string error;              // "" when it worked
  bool refused_by_meter = false;  // the meter answered with a protocol exception
};

template <typename T, typename Op>
drivers::Task<IoResult<T>> in_session(const drivers::Driver* driver, ResourceBudget* budget,
                                      Meter meter, ConnectionProfile profile, Op op) {
  IoResult<T> out;
  auto leasing = lease_for(budget, profile);
  auto lease = co_await std::move(leasing);
  std::unique_ptr<drivers::Session> session;
  std::exception_ptr failure;
  try {
    const auto executor = co_await boost::asio::this_coro::executor;
    auto opening = driver->open(meter, profile, executor);
    session = co_await std::move(opening);
    auto running = op(*session);
    out.value = co_await std::move(running);
  } catch (const drivers::ProtocolException&) {
    failure = std::current_exception();
    out.refused_by_meter = true;
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) out.error = error_text(failure);
  if (session) {
    try {
      auto closing = session->close();
      co_await std::move(closing);
    } catch (const drivers::DriverError&) {
      // What was done is done; a failed goodbye changes nothing about it.
    }
  }
  co_return out;
}

// Runs `op` over a session of `profile` within the context's deadline; every failure
// (including the deadline) comes back as the result's error.
template <typename T, typename Op>
IoResult<T> run_in_session(const ConfigPushContext& ctx, const Meter& meter,
                           const ConnectionProfile& profile, Op op) {
  try {
    return run_blocking(
        ctx.io, in_session<T>(ctx.drivers.find(profile.protocol), ctx.budget, meter, profile, op),
        ctx.deadline(), "the meter I/O");
  } catch (...) {
    IoResult<T> out;
    out.error = error_text(std::current_exception());
    return out;
  }
}

}  // namespace jemhead::engine
