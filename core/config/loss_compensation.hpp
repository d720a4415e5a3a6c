#pragma once
// TRANSFORMER LOSS COMPENSATION (manual L6738-L7041): iron and copper losses of the
// transformers (and lines) between the meter and the billing point, added to or subtracted
// from what the meter measures, plus a flat System Loss. Appendix C: "Loss Compensation
// disabled" (L13878-L13880).
//
// The manual gives no range for any value and no formula for the percentages JEMWare shows
// for entered transformer data (L6843-L6845, "a set of equations", L6763): the ranges below
// are chosen, and those percentages are not computed here.
#include "core/config/field_visitor.hpp"
#include "core/config/loss_compensation_enums.hpp"

namespace jemhead::config {

// One column "Transformer A/B/C" of the Transformer (Delivered/Received) page (L6914-L6956).
struct TransformerData {
  double rated_va = 0;  // per phase, VA not kVA (L6914-L6922)
  double rated_voltage = 0;
  double fe_loss_no_load_watts = 0;
  double cu_loss_full_load_watts = 0;
  double exciting_current_pct = 0;
  double impedance_pct = 0;
  double line_resistance_ohms = 0;  // optional (L6954-L6956)

  bool blank() const { return *this == TransformerData{}; }

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("rated_va", s.rated_va, Range{0, 1e10}, Seed{"L6914-L6922"},
            "Transformer Rated VA, per phase, in VA");
    v.field("rated_voltage", s.rated_voltage, Range{0, 1e6}, Seed{"L6924-L6932"},
            "Transformer Rated Voltage: L-N for 4-wire wye and network, L-L for delta and "
            "3-wire wye services");
    v.field("fe_loss_no_load_watts", s.fe_loss_no_load_watts, Range{0, 1e8}, Seed{"L6934-L6936"},
            "Transformer Fe loss at No Load, W per phase at rated voltage (core)");
    v.field("cu_loss_full_load_watts", s.cu_loss_full_load_watts, Range{0, 1e8},
            Seed{"L6938-L6940"},
            "Transformer Cu loss at Full Load, W per phase at rated voltage and VA (windings)");
    v.field("exciting_current_pct", s.exciting_current_pct, Range{0, 100}, Seed{"L6942-L6944"},
            "Transformer Exciting Current, % of rated VA at rated voltage");
    v.field("impedance_pct", s.impedance_pct, Range{0, 100}, Seed{"L6946-L6948"},
            "Transformer Impedance, % of rated VA at rated voltage and VA");
    v.field("line_resistance_ohms", s.line_resistance_ohms, Range{0, 1e4}, Seed{"L6950-L6956"},
            "Line Resistance from transformer secondary to CT primary, ohms (optional)");
  }
  bool operator==(const TransformerData&) const = default;
};

// One column of the Percents (Delivered/Received) page: losses at Test Amps and the primary
// configuration's nominal voltage (L6964-L6994).
struct LossPercents {
  double fe_watt_loss_pct = 0;
  double cu_watt_loss_pct = 0;
  double fe_var_loss_pct = 0;
  double cu_var_loss_pct = 0;

  bool blank() const { return *this == LossPercents{}; }

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("fe_watt_loss_pct", s.fe_watt_loss_pct, Range{0, 100}, Seed{"L6972"},
            "Fe Watt Loss (Iron), %");
    v.field("cu_watt_loss_pct", s.cu_watt_loss_pct, Range{0, 100}, Seed{"L6974"},
            "Cu Watt Loss (Copper), %");
    v.field("fe_var_loss_pct", s.fe_var_loss_pct, Range{0, 100}, Seed{"L6976"},
            "Fe VAR Loss (Iron), %");
    v.field("cu_var_loss_pct", s.cu_var_loss_pct, Range{0, 100}, Seed{"L6978"},
            "Cu VAR Loss (Copper), %");
  }
  bool operator==(const LossPercents&) const = default;
};

// Columns A, B and C; with Enter for Total System all three hold the same values
// (rule tlc_total_system_phases_equal).
template <class T>
struct PerPhase {
  T a;
  T b;
  T c;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("a", s.a, "Phase A (Transformer A)");
    v.section("b", s.b, "Phase B (Transformer B)");
    v.section("c", s.c, "Phase C (Transformer C)");
  }
  bool operator==(const PerPhase&) const = default;
};

// System Loss page (L6995-L7041): a flat % applied after TLC over the whole range.
struct SystemLoss {
  LossOperation operation = LossOperation::add;
  double loss_pct_a = 0;
  double loss_pct_b = 0;
  double loss_pct_c = 0;

  bool blank() const { return loss_pct_a == 0 && loss_pct_b == 0 && loss_pct_c == 0; }

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("operation", s.operation, Seed{"L7021-L7025"}, "Add or subtract the system loss");
    v.field("loss_pct_a", s.loss_pct_a, Range{0, 100}, Seed{"L6997-L7007, L7021-L7023"},
            "System loss, phase A (or every phase with Enter for Total System), %");
    v.field("loss_pct_b", s.loss_pct_b, Range{0, 100}, Seed{"L6997-L7007, L7021-L7023"},
            "System loss, phase B, %");
    v.field("loss_pct_c", s.loss_pct_c, Range{0, 100}, Seed{"L6997-L7007, L7021-L7023"},
            "System loss, phase C, %");
  }
  bool operator==(const SystemLoss&) const = default;
};

// Delivered or received power flow: its Status and add/subtract (Settings tab), its
// Transformer and Percents pages and its part of the System Loss page.
struct TlcDirection {
  bool status = false;
  LossOperation operation = LossOperation::add;
  PerPhase<TransformerData> transformer;
  PerPhase<LossPercents> percents;
  SystemLoss system_loss;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("status", s.status, Seed{"L6879-L6885, L13880"}, "Compensate this power flow");
    v.field("operation", s.operation, Seed{"L6819-L6835, L6879-L6885"},
            "Add the losses to or subtract them from the measured Watts and VARs");
    v.section("transformer", s.transformer, Seed{"L6889-L6956"},
              "Transformer page (Enter Transformer Parameters)");
    v.section("percents", s.percents, Seed{"L6957-L6994"},
              "Percents page (Enter Percentage Losses)");
    v.section("system_loss", s.system_loss, Seed{"L6995-L7041"}, "System Loss page");
  }
  bool operator==(const TlcDirection&) const = default;
};

struct LossCompensation {
  TlcEntryMode entry_mode = TlcEntryMode::transformer_parameters;  // first choice; C silent
  TlcScope scope = TlcScope::total_system;
  // Test Amps is a pull-down whose values the manual does not give (L6875-L6877): any
  // current up to the class amps (rule tlc_test_amps_within_class); 2.5 A chosen.
  double test_amps = 2.5;
  bool system_loss = false;  // "enable the System Loss configuration" (L7010-L7014)
  TlcDirection delivered;    // "typically added" (L6819-L6823)
  TlcDirection received{false, LossOperation::subtract, {}, {}, {LossOperation::subtract}};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("entry_mode", s.entry_mode, Seed{"L6865-L6867"},
            "Enter Transformer Parameters or Enter Percentage Losses");
    v.field("scope", s.scope, Seed{"L6869-L6873"}, "Enter for Total System or for Each Phase");
    v.field("test_amps", s.test_amps, Range{0.01, 20}, Seed{"L6875-L6877, L6982-L6986"},
            "Test Amps: the current at which percent losses are entered or shown, A");
    v.field("system_loss", s.system_loss, Seed{"L7010-L7014"},
            "System Loss enabled (unlocks the System Loss page)");
    v.section("delivered", s.delivered, Seed{"L6819-L6825, L6839-L6845"},
              "Delivered power (sent to a load)");
    v.section("received", s.received, Seed{"L6829-L6835, L6849-L6855"},
              "Received power (from a load)");
  }
  bool operator==(const LossCompensation&) const = default;
};

// The meter's mode (L7029-L7037): TLC is on when either power flow is compensated.
inline TlcMode tlc_mode(const LossCompensation& lc) {
  const bool tlc = lc.delivered.status || lc.received.status;
  if (lc.system_loss) return tlc ? TlcMode::system_loss_and_tlc : TlcMode::system_loss_only;
  return tlc ? TlcMode::tlc_only : TlcMode::no_system_loss_and_no_tlc;
}

}  // namespace jemhead::config
