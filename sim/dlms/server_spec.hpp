#pragma once
// One simulated meter's DLMS server as the fleet file configures it (docs/simulator.md,
// "DLMS server"). Defaults are the manual's: Physical ID 100 (L6525-L6527), passwords
// ClientId1/ClientId2 (L6567-L6583), Max APDU 512 (L6486-L6494), TCP inactivity 60 s
// (L6547-L6549).
#include <cstdint>
#include <optional>
#include <string>

namespace jemhead::sim {

// The HDLC data link's own settings, whatever carries it. Defaults are the manual's HDLC
// settings (L6502-L6539).
struct DlmsHdlcLinkSpec {
  std::uint16_t max_info = 128;                 // max info field transmit and receive
  std::uint32_t inactivity_timeout_s = 120;     // idle link dropped (L6531-L6533); 0 = never
  std::uint32_t inter_frame_timeout_ms = 1000;  // a frame stalled this long is dropped
};

// HDLC (IEC 62056-46) on a pseudo-terminal of the meter's own, as its serial, optical or
// modem port would carry it.
struct DlmsHdlcSpec : DlmsHdlcLinkSpec {
  std::uint32_t baud = 9600;  // the pty's nominal speed (the optical port's default, L13575)
  // A symlink to the pty's device for clients configured with a fixed path; "{serial}" is
  // replaced by the meter's serial. Empty: none (the device is reported by GET /dlms).
  std::string link;
};

// HDLC frames in a TCP stream, as a terminal server in front of the meter's serial port
// carries them (the manual leaves the DLMS TCP framing open; jemhead's profiles choose).
// Loopback only, port 0 = any free port. The inactivity timeout also closes the connection.
struct DlmsHdlcTcpSpec : DlmsHdlcLinkSpec {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
};

struct DlmsServerSpec {
  // IEC 62056-47 wrapper over TCP: loopback only, port 0 = any free port.
  std::string tcp_address = "127.0.0.1";
  std::uint16_t tcp_port = 0;
  // HDLC lower address (Unit ID, 16..16381). The wrapper addresses the management logical
  // device by wPort 1 and does not use it; kept for the HDLC transport and reported.
  std::uint16_t physical_address = 100;
  std::string reader_password = "ClientId2";   // client SAP 2: read everything
  std::string manager_password = "ClientId1";  // client SAP 1: read everything, set the time
  std::uint16_t max_pdu_size = 512;         // Max APDU Receive and Transmit (both 512 by default)
  std::uint32_t inactivity_timeout_s = 60;  // 0 = never close an idle connection
  std::optional<DlmsHdlcSpec> hdlc;         // HDLC on a pty as well as the TCP wrapper
  std::optional<DlmsHdlcTcpSpec> hdlc_tcp;  // HDLC over a TCP listener of its own as well
};

}  // namespace jemhead::sim
