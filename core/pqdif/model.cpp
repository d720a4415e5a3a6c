#include "core/pqdif/model.hpp"

#include <cmath>

namespace jemhead::pqdif {

const SeriesDefinition* series_definition(const DataSource& source, const ChannelInstance& channel,
                                          std::size_t series_index) {
  if (channel.channel_definition_index >= source.channels.size()) return nullptr;
  const auto& definition = source.channels[channel.channel_definition_index];
  if (series_index >= definition.series.size()) return nullptr;
  return &definition.series[series_index];
}

UtcTime absolute_time(const Observation& observation, double seconds) {
  return observation.time_start + Micros{std::llround(seconds * 1e6)};
}

}  // namespace jemhead::pqdif
