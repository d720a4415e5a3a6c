#pragma once
// COMMUNICATION SETUP, ports 1-5: optical (L4999-L5116), serial ports 2-4 (L5117-L5271) and
// the internal analog modem (L5272-L5309). Factory defaults: appendix C (L13566-L13650).
#include <string>

#include "core/config/communication_enums.hpp"
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

// The only baud-rate list the manual prints is Modbus's (L12603): 1200, 2400, 9600, 19200,
// 38400. The optical port goes "from 1,200 to 19,200" (L5077), so it stops at 19200. The
// port screens are screenshots; 4800 is not in the printed list and is not offered.
inline const Allowed kSerialBaudRates{{1200, 2400, 9600, 19200, 38400}};
inline const Allowed kOpticalBaudRates{{1200, 2400, 9600, 19200}};

struct OpticalPort {
  int baud_rate = 9600;
  CommProtocol protocol_type = CommProtocol::binary;
  int device_address = 1;
  int password_timeout_minutes = 1;
  // The callouts name an "Active Power LED" and a "Reactive Power Infrared LED"
  // (L5087-L5093); appendix C does not list them, so each follows what its name says.
  TestPulseSource led_test_pulse = TestPulseSource::watt_hours;
  TestPulseSource optical_test_pulse = TestPulseSource::var_hours;
  // "similar to Test Mode" (L5104) with no range: a whole multiplier 1-1000, default 1.
  int test_pulse_scaling = 1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("baud_rate", s.baud_rate, kOpticalBaudRates, Seed{"L5077, L13575"}, "Baud Rate");
    v.field("protocol_type", s.protocol_type, Seed{"L5079-L5081, L13577"},
            "Protocol Type: binary or dlms");
    v.field("device_address", s.device_address, Range{0, 254}, Seed{"L5083, L13579"},
            "Device (Meter) Address; 0 is the global address");
    v.field("password_timeout_minutes", s.password_timeout_minutes, Range{1, 60},
            Seed{"L5085, L13581"}, "Password Timeout, minutes");
    v.field("led_test_pulse", s.led_test_pulse, Seed{"L5096-L5098"},
            "LED Test Pulse follows Watt-hours or VAR-hours");
    v.field("optical_test_pulse", s.optical_test_pulse, Seed{"L5096-L5098"},
            "Optical (infrared) Test Pulse follows Watt-hours or VAR-hours");
    v.field("test_pulse_scaling", s.test_pulse_scaling, Range{1, 1000}, Seed{"L5104"},
            "Test Pulse Scaling (range not in the manual)");
  }
  bool operator==(const OpticalPort&) const = default;
};

struct SerialPort {
  CommMode comm_mode = CommMode::rs232;
  int baud_rate = 19200;
  CommProtocol protocol_type = CommProtocol::binary;
  // "0 - 254 with MODBUS" (L5183) is rule comm_modbus_device_address; other protocols'
  // limits are not given (DNP3 itself allows up to 65519).
  int device_address = 1;
  // Range not given for serial ports; the optical port's 1-60 (L5085).
  int password_timeout_minutes = 5;
  // Delays have no stated range; 0-1000 ms covers the suggested 0/40 ms (L5213-L5237).
  int tx_start_delay_ms = 0;
  int tx_end_delay_ms = 0;
  int turnaround_delay_ms = 0;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("comm_mode", s.comm_mode, Seed{"L5125, L5235-L5239, L13597"},
            "Comm Mode: rs232 or rs485 (port 2: RS-232 only)");
    v.field("baud_rate", s.baud_rate, kSerialBaudRates, Seed{"L5127, L12603, L13583"}, "Baud Rate");
    v.field("protocol_type", s.protocol_type, Seed{"L5129, L5247"}, "Protocol Type");
    v.field("device_address", s.device_address, Range{0, 65519}, Seed{"L5177-L5183, L5249"},
            "Device Address (Modbus: 0-254)");
    v.field("password_timeout_minutes", s.password_timeout_minutes, Range{1, 60},
            Seed{"L5185-L5191, L13589"}, "Password Timeout for Binary, minutes");
    v.field("tx_start_delay_ms", s.tx_start_delay_ms, Range{0, 1000}, Seed{"L5213-L5217"},
            "TX Start Delay: RTS set to first character, ms (RS-485: 40)");
    v.field("tx_end_delay_ms", s.tx_end_delay_ms, Range{0, 1000}, Seed{"L5219-L5223"},
            "TX End Delay: TX buffer drained to RTS reset, ms (RS-485: 40)");
    v.field("turnaround_delay_ms", s.turnaround_delay_ms, Range{0, 1000}, Seed{"L5225-L5231"},
            "Turnaround Delay: command received to RTS set, ms (RS-485: 0)");
  }
  bool operator==(const SerialPort&) const = default;
};

// An answer window of the modem's Answer Settings tab. The tab is a screenshot
// (L5301-L5309); appendix C gives these fields (L13638-L13650). Its "Frequency: Every Day"
// is the only value the manual shows, so it is not a field.
struct AnswerWindow {
  int start_minute = 0;  // "Answer Window Start: 00:00", minutes after midnight
  int duration_minutes = 1439;
  int rings_to_answer = 2;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("start_minute", s.start_minute, Range{0, 1439}, Seed{"L13640"},
            "Answer Window Start, minutes after midnight");
    v.field("duration_minutes", s.duration_minutes, Range{0, 1440}, Seed{"L13642"},
            "Duration of the window, minutes");
    // The limit is ours: rings are counted, 0 = do not answer (appendix C's delayed window).
    v.field("rings_to_answer", s.rings_to_answer, Range{0, 15}, Seed{"L13644, L13650"},
            "Number of rings to answer; 0 = do not answer");
  }
  bool operator==(const AnswerWindow&) const = default;
};

// Port 5. The Auto Call, Phone Home and Power Outage tabs have no fields in the manual
// (L5301-L5309, nothing in appendix C) and are not described.
struct InternalModem {
  int baud_rate = 9600;
  CommProtocol protocol_type = CommProtocol::binary;
  int device_address = 1;
  int password_timeout_minutes = 10;
  std::string modem_init_string = "ATV0E0";
  AnswerWindow normal_answer_window;
  AnswerWindow delayed_answer_window{0, 1439, 0};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("baud_rate", s.baud_rate, kSerialBaudRates, Seed{"L5274-L5299, L13628"}, "Baud Rate");
    v.field("protocol_type", s.protocol_type, Seed{"L5274-L5299, L13630"}, "Protocol Type");
    v.field("device_address", s.device_address, Range{0, 65519}, Seed{"L5274-L5299, L13632"},
            "Meter Address (Modbus: 0-254)");
    v.field("password_timeout_minutes", s.password_timeout_minutes, Range{1, 60},
            Seed{"L5274-L5299, L13634"}, "Password Timeout, minutes");
    // No limit in the manual; 40 characters holds any Hayes init string in practice.
    v.field("modem_init_string", s.modem_init_string, MaxLength{40}, Seed{"L5299, L13636"},
            "Modem Init String");
    v.section("normal_answer_window", s.normal_answer_window, Seed{"L13638-L13646"},
              "Answer Settings: Normal Answer Window");
    v.section("delayed_answer_window", s.delayed_answer_window, Seed{"L13648-L13650"},
              "Answer Settings: Delayed Answer Window (appendix C: 0 rings)");
  }
  bool operator==(const InternalModem&) const = default;
};

}  // namespace jemhead::config
