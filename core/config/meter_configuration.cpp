#include "core/config/meter_configuration.hpp"

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <vector>

#include "core/config/communication_rules.hpp"
#include "core/config/demand_rules.hpp"
#include "core/config/display_registers_rules.hpp"
#include "core/config/display_rules.hpp"
#include "core/config/input_output_derived.hpp"
#include "core/config/input_output_rules.hpp"
#include "core/config/json_read_visitor.hpp"
#include "core/config/json_write_visitor.hpp"
#include "core/config/load_profile_derived.hpp"
#include "core/config/load_profile_rules.hpp"
#include "core/config/loss_compensation_rules.hpp"
#include "core/config/measurement_log_derived.hpp"
#include "core/config/measurement_log_rules.hpp"
#include "core/config/meter_hardware_rules.hpp"
#include "core/config/primary_derived.hpp"
#include "core/config/primary_rules.hpp"
#include "core/config/protocols_derived.hpp"
#include "core/config/protocols_rules.hpp"
#include "core/config/schema_visitor.hpp"
#include "core/config/status_word_rules.hpp"
#include "core/config/time_of_use_rules.hpp"
#include "core/config/timekeeping_rules.hpp"
#include "core/config/triggers_derived.hpp"
#include "core/config/triggers_rules.hpp"
#include "core/config/users_rules.hpp"
#include "core/config/validate_visitor.hpp"

namespace jemhead::config {

boost::json::object to_json(const MeterConfiguration& c) {
  return JsonWriteVisitor::write(c);
}

ReadResult read_json(const boost::json::value& v) {
  ReadResult r;
  JsonReadVisitor::read(v, r.config, "", r.problems);
  return r;
}

ReadResult from_json(const boost::json::value& v) {
  auto r = read_json(v);
  auto more = validate(r.config);
  r.problems.insert(r.problems.end(), more.begin(), more.end());
  return r;
}

ReadResult from_json_text(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec) {
    ReadResult r;
    r.problems.push_back({"", "syntax", ec.message(), ""});
    return r;
  }
  return from_json(v);
}

Problems validate(const MeterConfiguration& c) {
  Problems out;
  ValidateVisitor::check(c, "", out);
  check_primary_rules(c.primary, "primary", out);
  check_load_profile_rules(c.load_profile, "load_profile", out);
  check_demand_rules(c.demands, "demands", out);
  check_meter_hardware_rules(c, out);
  check_display_registers_rules(c, out);
  check_measurement_log_rules(c, out);
  check_time_of_use_rules(c, out);
  check_timekeeping_rules(c, out);
  check_input_output_rules(c, out);
  check_triggers_rules(c, out);
  check_status_word_rules(c, out);
  check_communication_rules(c, out);
  check_protocols_rules(c, out);
  check_display_rules(c, out);
  check_loss_compensation_rules(c, out);
  check_users_rules(c, out);
  return out;
}

std::span<const RuleRef> cross_field_rules() {
  static const std::vector<RuleRef> rules = [] {
    std::vector<RuleRef> all{
        kConnectionTypeForForm,     kPqVoltageBasis,
        kNominalCurrentWithinClass, kCurrentSegmentsAscending,
        kLpQuantityForType,         kLpPhaseForQuantity,
        kLpDirectionForQuantity,    kDemandSubintervalDividesInterval,
    };
    for (auto section :
         {meter_hardware_rule_refs, display_registers_rule_refs, measurement_log_rule_refs,
          time_of_use_rule_refs, timekeeping_rule_refs, input_output_rule_refs, triggers_rule_refs,
          status_word_rule_refs, communication_rule_refs, protocols_rule_refs, display_rule_refs,
          loss_compensation_rule_refs, users_rule_refs}) {
      const auto refs = section();
      all.insert(all.end(), refs.begin(), refs.end());
    }
    return all;
  }();
  return rules;
}

boost::json::object json_schema() {
  auto schema = SchemaVisitor::object_schema(MeterConfiguration{});
  boost::json::object out;
  out["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  out["$id"] = "urn:jemhead:meter-configuration";
  out["title"] = "JEMStar II meter configuration";
  for (auto& kv : schema) out[kv.key()] = std::move(kv.value());
  return out;
}

boost::json::object derived_values(const MeterConfiguration& c) {
  boost::json::object primary;
  primary["vt_ratio"] = vt_ratio(c.primary);
  primary["ct_ratio"] = ct_ratio(c.primary);
  primary["transformer_factor"] = transformer_factor(c.primary);
  primary["full_scale_watts_secondary"] = full_scale_watts_secondary(c.primary);
  primary["full_scale_watts_primary"] = full_scale_watts_primary(c.primary);
  boost::json::array ml_groups;
  for (const auto& g : c.measurement_log.groups) {
    const auto days = ml_storage_days(c.measurement_log, g);
    ml_groups.push_back(boost::json::object{
        {"number", g.number},
        {"storage_days", days ? boost::json::value(*days) : boost::json::value(nullptr)}});
  }
  boost::json::object out;
  out["primary"] = std::move(primary);
  out["load_profile"] = load_profile_derived_json(c.primary, c.load_profile);
  out["measurement_log"] = boost::json::object{{"groups", std::move(ml_groups)}};
  out["input_output"] = input_output_derived_json(c.primary, c.input_output);
  out["triggers"] = triggers_derived_json(c.primary, c.triggers);
  out["protocols"] = protocols_derived_json(c.primary);
  out["loss_compensation"] =
      boost::json::object{{"tlc_mode", to_text(tlc_mode(c.loss_compensation))}};
  return out;
}

}  // namespace jemhead::config
