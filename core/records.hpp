#pragma once
// Records the head-end keeps about its own work: job runs (the manual's retrieval and
// task event logs), configuration versions and the audit log of every write.
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace jemhead {

struct JobRun {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::string kind;  // "registers", "load_profile", ...
  UtcTime started_at{};
  std::optional<UtcTime> finished_at;
  std::string outcome = "running";  // running, ok, failed, partial, refused
  std::int64_t values = 0;
  std::int64_t bytes = 0;
  std::string error;
};

struct ConfigVersion {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::int64_t version = 0;  // 1, 2, ... per meter
  UtcTime created_at{};
  std::string author;
  std::string reason;
  std::string document_json;
};

struct AuditEntry {
  std::int64_t id = 0;
  UtcTime at{};
  std::string actor;   // token name
  std::string action;  // "meter.create", "meter.update", ...
  std::string target;  // "meter/12"
  std::string detail_json = "{}";
};

}  // namespace jemhead
