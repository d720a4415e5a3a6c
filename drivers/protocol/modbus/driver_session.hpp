#pragma once
// A drivers::Session for one Modbus meter: reads the meter's point map through a
// ModbusMaster and turns the decoded points into the head-end's records
// (RegisterReading, InstantaneousValue, StatusSnapshot, OutputState). It implements
// exactly the five operations the Modbus driver declares.
#include <memory>

#include "drivers/driver.hpp"
#include "drivers/protocol/modbus/point_map.hpp"
#include "drivers/protocol/modbus/request_plan.hpp"
#include "drivers/protocol/modbus/session.hpp"

namespace jemhead::modbus {

class ModbusSession final : public drivers::Session {
 public:
  ModbusSession(std::int64_t meter_id, PointMap map, RequestLimits limits,
                std::unique_ptr<ModbusMaster> master, std::string map_source = {});

  drivers::Task<std::vector<RegisterReading>> read_registers() override;
  drivers::Task<std::vector<InstantaneousValue>> read_instantaneous() override;
  drivers::Task<StatusSnapshot> read_status() override;
  drivers::Task<std::vector<RegisterReading>> write_presets(
      std::vector<drivers::RegisterPreset> values) override;
  drivers::Task<std::vector<drivers::OutputState>> control_outputs(
      std::vector<drivers::OutputCommand> commands) override;
  drivers::Task<void> close() override;
  std::uint64_t bytes_transferred() const override { return master_->channel_stats().bytes; }
  std::string point_map_source() const override { return map_source_; }

  const ModbusMaster& master() const { return *master_; }

 private:
  drivers::Task<std::vector<RegisterReading>> read_counters(const PointMap& map);
  drivers::Task<std::vector<drivers::OutputState>> read_coils();

  std::int64_t meter_id_;
  PointMap map_;
  RequestLimits limits_;
  std::unique_ptr<ModbusMaster> master_;
  std::string map_source_;  // profile_config.hpp's map_source
};

// How points appear in the head-end's records (exposed for tests and the API docs).
std::string counter_register_id(const CounterPoint& point);  // "counter.<n>"
std::string analog_quantity_text(const AnalogPoint& point);  // "watts", "watts.received"
std::string analog_phase_text(Phase phase);                  // "A", "B", "C", "total", "N"
std::string discrete_input_name(const DiscreteInputPoint& point);
std::string coil_name(const CoilPoint& point);

}  // namespace jemhead::modbus
