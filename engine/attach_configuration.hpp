#pragma once
// Hands the meter's latest configuration version to the drivers (issue 8: "the meter's
// point maps ... used by the drivers come from this configuration"). Called by whoever
// loads a meter for a session (the job runner, the API's direct reads and writes), on the
// thread that may block on the repository. The document travels on the Meter (not stored
// with it): the Driver::open interface stays as it is. Meters none of whose profiles
// reads its map from the configuration skip the lookup (it runs once per job).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/connection_profile.hpp"
#include "core/meter.hpp"
#include "core/protocol.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

inline void attach_configuration(storage::Repository& repo, Meter& meter,
                                 const std::vector<ConnectionProfile>& profiles) {
  const bool needed = std::any_of(profiles.begin(), profiles.end(), [](const auto& profile) {
    return reads_point_map_from_configuration(profile.protocol);
  });
  if (!needed) return;
  if (auto version = repo.latest_config_version(meter.id)) {
    meter.configuration_version = version->version;
    meter.configuration_json =
        std::make_shared<const std::string>(std::move(version->document_json));
  }
}

}  // namespace jemhead::engine
