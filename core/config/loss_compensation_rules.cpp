#include "core/config/loss_compensation_rules.hpp"

#include <array>
#include <string>

#include "core/config/meter_configuration.hpp"
#include "core/config/number_text.hpp"

namespace jemhead::config {

namespace {

constexpr std::string_view kRoot = "loss_compensation";

template <class T>
void check_blank_phases(const PerPhase<T>& p, const std::string& path, std::string_view why,
                        Problems& out) {
  const std::array<std::pair<const T*, std::string_view>, 3> cols{
      {{&p.a, "a"}, {&p.b, "b"}, {&p.c, "c"}}};
  for (const auto& [col, name] : cols) {
    if (col->blank()) continue;
    std::string msg = "must be blank (zero) ";
    msg += why;
    report(out, kTlcInactiveEntriesBlank, child_path(path, name), std::move(msg));
  }
}

void check_inactive(const LossCompensation& lc, const TlcDirection& d, const std::string& path,
                    Problems& out) {
  if (lc.entry_mode == TlcEntryMode::percentage_losses)
    check_blank_phases(d.transformer, child_path(path, "transformer"),
                       "with Enter Percentage Losses", out);
  else
    check_blank_phases(d.percents, child_path(path, "percents"),
                       "with Enter Transformer Parameters: JEMWare computes these percentages",
                       out);
  if (!lc.system_loss && !d.system_loss.blank())
    report(out, kTlcInactiveEntriesBlank, child_path(path, "system_loss"),
           "system loss percentages must be zero while System Loss is not enabled");
}

template <class T>
void check_equal_phases(const PerPhase<T>& p, const std::string& path, Problems& out) {
  for (const auto& [col, name] : {std::pair{&p.b, "b"}, std::pair{&p.c, "c"}}) {
    if (*col == p.a) continue;
    report(out, kTlcTotalSystemPhasesEqual, child_path(path, name),
           "with Enter for Total System every phase holds phase A's values");
  }
}

void check_total_system(const LossCompensation& lc, const TlcDirection& d, const std::string& path,
                        Problems& out) {
  if (lc.scope != TlcScope::total_system) return;
  check_equal_phases(d.transformer, child_path(path, "transformer"), out);
  check_equal_phases(d.percents, child_path(path, "percents"), out);
  const auto sl = child_path(path, "system_loss");
  if (d.system_loss.loss_pct_b != d.system_loss.loss_pct_a)
    report(out, kTlcTotalSystemPhasesEqual, child_path(sl, "loss_pct_b"),
           "with Enter for Total System every phase holds phase A's value");
  if (d.system_loss.loss_pct_c != d.system_loss.loss_pct_a)
    report(out, kTlcTotalSystemPhasesEqual, child_path(sl, "loss_pct_c"),
           "with Enter for Total System every phase holds phase A's value");
}

void check_ratings(const LossCompensation& lc, const TlcDirection& d, const std::string& path,
                   Problems& out) {
  if (!d.status || lc.entry_mode != TlcEntryMode::transformer_parameters) return;
  // With Total System the other columns repeat A (checked above): A alone is enough.
  const std::array<std::pair<const TransformerData*, std::string_view>, 3> cols{
      {{&d.transformer.a, "a"}, {&d.transformer.b, "b"}, {&d.transformer.c, "c"}}};
  const std::size_t n = lc.scope == TlcScope::total_system ? 1 : 3;
  for (std::size_t i = 0; i < n; ++i) {
    const auto col = child_path(child_path(path, "transformer"), cols[i].second);
    if (cols[i].first->rated_va <= 0)
      report(out, kTlcTransformerRatingsGiven, child_path(col, "rated_va"),
             "a compensated power flow needs the transformer's rated VA");
    if (cols[i].first->rated_voltage <= 0)
      report(out, kTlcTransformerRatingsGiven, child_path(col, "rated_voltage"),
             "a compensated power flow needs the transformer's rated voltage");
  }
}

}  // namespace

std::span<const RuleRef> loss_compensation_rule_refs() {
  static constexpr std::array refs{kTlcInactiveEntriesBlank, kTlcTotalSystemPhasesEqual,
                                   kTlcTransformerRatingsGiven, kTlcTestAmpsWithinClass};
  return refs;
}

void check_loss_compensation_rules(const MeterConfiguration& c, Problems& out) {
  const auto& lc = c.loss_compensation;
  const std::string root(kRoot);
  for (const auto& [d, name] :
       {std::pair{&lc.delivered, "delivered"}, std::pair{&lc.received, "received"}}) {
    const auto path = child_path(root, name);
    check_inactive(lc, *d, path, out);
    check_total_system(lc, *d, path, out);
    check_ratings(lc, *d, path, out);
  }
  if (lc.test_amps > c.primary.class_amps) {
    std::string msg = "test amps ";
    msg += format_number(lc.test_amps);
    msg += " A exceed the meter's class amps ";
    msg += std::to_string(c.primary.class_amps);
    report(out, kTlcTestAmpsWithinClass, child_path(root, "test_amps"), std::move(msg));
  }
}

}  // namespace jemhead::config
