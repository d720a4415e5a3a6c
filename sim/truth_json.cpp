#include "sim/truth_json.hpp"

#include <boost/json.hpp>

namespace jemhead::sim {

namespace json = boost::json;

namespace {

constexpr const char* kPhaseNames[] = {"A", "B", "C"};

json::object phase_json(const PhaseValues& p, double pt, double ct) {
  const double k = pt * ct;
  return json::object{
      {"measured", p.measured},
      {"volts", p.volts * pt},
      {"amps", p.amps * ct},
      {"voltage_angle", p.voltage_angle},
      {"current_angle", p.current_angle},
      {"watts", p.watts * k},
      {"vars", p.vars * k},
      {"va", p.va * k},
      {"power_factor", p.power_factor},
      {"q", p.q * k},
  };
}

json::object phase_energy_json(const PhaseEnergy& e) {
  return json::object{
      {"wh_delivered", e.wh_delivered},
      {"wh_received", e.wh_received},
      {"varh_delivered", e.varh_delivered},
      {"varh_received", e.varh_received},
      {"varh_q1", e.varh_quadrant[0]},
      {"varh_q2", e.varh_quadrant[1]},
      {"varh_q3", e.varh_quadrant[2]},
      {"varh_q4", e.varh_quadrant[3]},
      {"vah_delivered", e.vah_delivered},
      {"vah_received", e.vah_received},
      {"qh_delivered", e.qh_delivered},
      {"qh_received", e.qh_received},
      {"ah", e.ah},
      {"v2h", e.v2h},
      {"a2h", e.a2h},
  };
}

}  // namespace

json::object instantaneous_json(const Instantaneous& v, double pt, double ct) {
  const double k = pt * ct;
  json::object phases;
  for (int ph = 0; ph < kPhases; ++ph) phases[kPhaseNames[ph]] = phase_json(v.phase[ph], pt, ct);
  const TotalValues& t = v.total;
  json::object out{
      {"frequency", v.frequency},
      {"phases", std::move(phases)},
      {"total",
       json::object{
           {"watts", t.watts * k},
           {"vars", t.vars * k},
           {"q", t.q * k},
           {"va_arithmetic", t.va_arithmetic * k},
           {"va_vectorial", t.va_vectorial * k},
           {"power_factor_arithmetic", t.power_factor_arithmetic},
           {"power_factor_vectorial", t.power_factor_vectorial},
           {"amps_neutral", t.amps_neutral * ct},
           {"volts_average", t.volts_average * pt},
           {"amps_average", t.amps_average * ct},
       }},
  };
  if (v.has_line_to_line)
    out["volts_line_to_line"] = json::object{{"AB", v.volts_line_to_line[0] * pt},
                                             {"BC", v.volts_line_to_line[1] * pt},
                                             {"CA", v.volts_line_to_line[2] * pt}};
  else
    out["volts_line_to_line"] = nullptr;
  return out;
}

json::object energy_json(const EnergyRegisters& e) {
  json::object out;
  for (int ph = 0; ph < kPhases; ++ph) out[kPhaseNames[ph]] = phase_energy_json(e.phase[ph]);
  json::object poly = phase_energy_json(e.phase[kPoly]);
  poly["vah_vectorial_delivered"] = e.vah_vectorial_delivered;
  poly["vah_vectorial_received"] = e.vah_vectorial_received;
  out["polyphase"] = std::move(poly);
  return out;
}

json::object identity_json(const SimMeter& meter) {
  const MeterSpec& s = meter.spec();
  json::array options;
  for (const auto& o : s.options) options.emplace_back(o);
  json::array ids;
  for (const auto& f : s.identification)
    ids.emplace_back(json::object{{"title", f.title}, {"value", f.value}});
  const auto& p = meter.model().parameters();
  return json::object{
      {"serial", s.serial},
      {"model", s.effective_model()},
      {"mid", s.mid},
      {"form", s.meter_form()},
      {"service", std::string(to_text(s.service))},
      {"elements", element_count(s.service)},
      {"voltage_basis", line_to_line_basis(s.service) ? "L-L" : "L-N"},
      {"frequency", s.frequency},
      {"class_amps", s.class_amps},
      {"nominal_voltage", s.nominal_voltage},
      {"nominal_current", s.nominal_current},
      {"pt_ratio", s.pt_ratio},
      {"ct_ratio", s.ct_ratio},
      {"transformer_factor", s.transformer_factor()},
      {"firmware", json::object{{"summary", s.firmware.summary()},
                                {"register", s.firmware.register_fw},
                                {"metrology", s.firmware.metrology},
                                {"service", s.firmware.service},
                                {"pq", s.firmware.pq},
                                {"fpga", s.firmware.fpga}}},
      {"options", std::move(options)},
      {"identification", std::move(ids)},
      {"seed", s.seed},
      {"model_parameters", json::object{{"load_level", p.load_level},
                                        {"generation", p.generation},
                                        {"power_factor_angle", p.power_factor_angle},
                                        {"morning_peak_hour", p.morning_hour},
                                        {"evening_peak_hour", p.evening_hour},
                                        {"base_load", p.base_load}}},
  };
}

json::object clock_json(const SimMeter& meter, RealClock::time_point real_now) {
  const UtcTime sim = meter.simulated_now(real_now);
  const UtcTime clock = meter.meter_time_now(real_now);
  return json::object{
      {"simulated_time", format_iso8601(sim)},
      {"meter_time", format_iso8601(clock)},
      {"offset_us", to_unix_micros(clock) - to_unix_micros(sim)},
      {"time_factor", meter.time_factor()},
      {"clock_drift_ppm", meter.clock_drift_ppm()},
      {"epoch", format_iso8601(meter.epoch())},
      {"integration_step", meter.spec().integration_step},
  };
}

json::object truth_json(const SimMeter& meter, const Truth& truth) {
  const MeterSpec& s = meter.spec();
  return json::object{
      {"serial", s.serial},
      {"simulated_time", format_iso8601(truth.simulated)},
      {"meter_time", format_iso8601(truth.meter_time)},
      {"secondary",
       json::object{{"instantaneous", instantaneous_json(truth.instantaneous, 1.0, 1.0)},
                    {"energy", energy_json(truth.energy)}}},
      {"primary",
       json::object{
           {"instantaneous", instantaneous_json(truth.instantaneous, s.pt_ratio, s.ct_ratio)},
           {"energy", energy_json(truth.energy.to_primary(s.pt_ratio, s.ct_ratio))}}},
  };
}

}  // namespace jemhead::sim
