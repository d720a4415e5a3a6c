#pragma once
// Makes the database agree with the fleet section of the configuration at start-up, in one
// transaction: groups matched by name, meters by serial, connection profiles by (meter,
// name). Rows that already match are left untouched, so applying the same file twice
// writes nothing. Rows the file does not mention (created through the API) are kept.
#include <cstddef>
#include <string>

#include "service/config.hpp"
#include "storage/repository.hpp"

namespace jemhead::service {

struct FleetApplyStats {
  std::size_t groups_created = 0, groups_updated = 0;
  std::size_t meters_created = 0, meters_updated = 0;
  std::size_t connections_created = 0, connections_updated = 0;
  std::size_t unchanged = 0;

  std::size_t changes() const {
    return groups_created + groups_updated + meters_created + meters_updated + connections_created +
           connections_updated;
  }
  std::string summary() const;
};

// Every change is also written to the audit log with `actor` (e.g. "config:/etc/jemhead.yaml").
// Throws storage errors; nothing is written then.
FleetApplyStats apply_fleet(storage::Repository& repo, const FleetConfig& fleet,
                            const std::string& actor);

}  // namespace jemhead::service
