#include "api/meter_serials.hpp"

namespace jemhead::api {

std::optional<std::string> meter_serial(storage::Store& store,
                                        const std::optional<std::int64_t>& meter) {
  if (!meter) return std::nullopt;
  const auto m = store.find_meter(*meter);
  return m ? std::optional<std::string>(m->serial) : std::nullopt;
}

std::optional<std::string> MeterSerials::of(const std::optional<std::int64_t>& meter) {
  if (!meter) return std::nullopt;
  auto it = known_.find(*meter);
  if (it == known_.end()) it = known_.emplace(*meter, meter_serial(store_, meter)).first;
  return it->second;
}

}  // namespace jemhead::api
