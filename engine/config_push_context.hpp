#pragma once
// What every part of a configuration push or read-back works with (internal to
// engine/config_push_*.cpp): storage, the drivers, the I/O executor and session budget the
// meter I/O runs under, the options and the log.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "engine/config_push_runner.hpp"

namespace jemhead::engine {

struct ConfigPushContext {
  storage::Repository& repo;
  const drivers::DriverRegistry& drivers;
  boost::asio::any_io_executor io;
  ResourceBudget* budget;
  ConfigPushOptions options;
  std::shared_ptr<spdlog::logger> log;

  std::chrono::milliseconds deadline() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(options.deadline);
  }
};

// A driver failure in words: "<kind>: <message>" for a DriverError, else the message.
std::string error_text(std::exception_ptr failure);

// "meter/<id>", the audit target of pushes.
std::string target_of(std::int64_t meter_id);

}  // namespace jemhead::engine
