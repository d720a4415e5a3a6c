#pragma once
// The Modbus slave of one simulated meter, without any I/O: it answers request PDUs the
// way the manual describes the meter (Appendix B) from the meter's metrology at the
// instant of the request, and keeps the state writes change. Transports (TCP listener,
// RTU bus on a pty) feed it PDUs; the control endpoint reads its truth.
//
// Rules (manual L12784-12899, docs/modbus.md):
//  - FCs other than 01, 02, 03, 04, 05, 15, 16 -> exception 01;
//  - an address no point of the map covers -> 02; a register read or preset starting on
//    the low word of a counter -> 02; one ending on a high word (a split pair) -> 03;
//  - presets with "Allow Register Presets" off, output forcing with "Allow Digital
//    Outputs Control" off -> 01; presets of more than 120 registers -> 03;
//  - presets to a MID meter -> 01 (the security key locks Preset Registers, L411).
// Every request is answered from one snapshot of the model (one instant).
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drivers/protocol/modbus/pdu.hpp"
#include "sim/modbus/counter_source.hpp"
#include "sim/modbus/slave_image.hpp"
#include "sim/modbus/slave_spec.hpp"
#include "sim/modbus/slave_state.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim {

inline constexpr std::uint16_t kMaxPresetRegisters = 120;  // L12877-12879

class ModbusSlave {
 public:
  using Now = std::function<RealClock::time_point()>;
  // Throws std::invalid_argument if a counter of the map has no energy register.
  ModbusSlave(
      SimMeter& meter, std::shared_ptr<const ModbusSlaveSpec> spec,
      Now now = [] { return RealClock::now(); });

  const std::string& serial() const { return meter_.spec().serial; }
  const ModbusSlaveSpec& spec() const { return *spec_; }
  const modbus::PointMap& map() const { return *map_; }
  const std::vector<CounterSource>& counter_sources() const { return sources_; }
  SimMeter& meter() const { return meter_; }

  // Answers one request PDU (never empty: a normal or an exception response).
  modbus::Bytes serve(modbus::ByteView request_pdu);

  // The image at the current simulated instant, or at `at` (nullopt when the model
  // cannot evaluate it), with a copy of the state it was built from.
  struct Snapshot {
    SlaveImage image;
    SlaveState state;
    UtcTime meter_time{};
  };
  std::optional<Snapshot> snapshot(std::optional<UtcTime> at = std::nullopt);

  FaultSettings faults() const;
  void set_faults(FaultSettings faults);

  // Control API: drive inputs the meter would see from the field.
  void set_digital_input(std::uint16_t channel, bool on);                // 1..14
  void force_trigger(std::uint16_t channel, std::optional<bool> state);  // 1..64; null clears
  void force_status(modbus::MeterStatus status, std::optional<bool> state);

  // Transport events, for the counters.
  void count_swallowed_request();  // a fault kept the meter from hearing it
  void count_fault_applied();
  void count_wrong_unit_id();
  void count_crc_errors(std::uint64_t n);
  void count_frame_timeout();
  void count_session_accepted();
  void count_session_refused();
  void count_session_closed();

  std::uint64_t next_random();  // for garbage bytes; deterministic per meter

 private:
  modbus::Bytes serve_locked(modbus::ByteView pdu);
  modbus::Bytes exception(std::uint8_t fc, modbus::ExceptionCode code);
  Truth truth_now();
  ImageContext image_context() const;
  SlaveImage image_now(unsigned tables, Truth& truth);

  modbus::Bytes read_bits(const modbus::ReadBitsRequest& r);
  modbus::Bytes read_registers(const modbus::ReadRegistersRequest& r);
  modbus::Bytes write_coil(const modbus::WriteSingleCoilRequest& r);
  modbus::Bytes write_coils(const modbus::WriteMultipleCoilsRequest& r);
  modbus::Bytes preset(const modbus::WriteMultipleRegistersRequest& r);
  // 02/03 for a register range over counter pairs; nullopt when whole pairs are covered.
  std::optional<modbus::ExceptionCode> check_pairs(std::uint16_t address,
                                                   std::uint16_t quantity) const;

  SimMeter& meter_;
  std::shared_ptr<const ModbusSlaveSpec> spec_;
  std::shared_ptr<const modbus::PointMap> map_;  // with the spec's allow overrides applied
  std::vector<CounterSource> sources_;
  AddressIndex index_;
  Now now_;
  mutable std::mutex mutex_;
  SlaveState state_;
  FaultSettings faults_;
  std::uint64_t random_state_;
};

}  // namespace jemhead::sim
