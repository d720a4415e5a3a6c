#pragma once
// Hands the meter's latest configuration version to the drivers (issue 8: "the meter's
// point maps ... used by the drivers come from this configuration"). Called by whoever
// loads a meter for a session (the job runner, the API's direct reads and writes), on the
// thread that may block on the repository. The document travels on the Meter (not stored
// with it): the Driver::open interface stays as it is.
#include <memory>
#include <string>

#include "core/meter.hpp"
#include "storage/repository.hpp"

namespace jemhead::engine {

inline void attach_configuration(storage::Repository& repo, Meter& meter) {
  if (auto version = repo.latest_config_version(meter.id)) {
    meter.configuration_version = version->version;
    meter.configuration_json =
        std::make_shared<const std::string>(std::move(version->document_json));
  }
}

}  // namespace jemhead::engine
