#include "sim/dlms/fleet_keys.hpp"

#include "sim/fleet_file.hpp"

namespace jemhead::sim {

namespace {

// LLS secrets travel as the AARQ's GraphicString: printable ASCII, and the manual's
// JEMWare fields are short.
constexpr std::size_t kMaxPasswordChars = 32;

void read_passwords(YamlFields& d, DlmsServerSpec& spec) {
  std::optional<YamlFields> section = d.section("passwords");
  if (!section) return;
  YamlFields& p = *section;
  for (auto [key, slot] :
       {std::pair{"reader", &spec.reader_password}, std::pair{"manager", &spec.manager_password}}) {
    if (auto v = p.text(key, kMaxPasswordChars)) {
      if (v->empty() || !printable(*v)) p.fail(key, "must be 1 to 32 printable ASCII characters");
      *slot = *v;
    }
  }
  p.finish();
}

// The data link's keys, shared by `hdlc:` and `hdlc_tcp:`.
void read_link_keys(YamlFields& h, DlmsHdlcLinkSpec& link) {
  // JEMWare's range is 64-2014 (L6502-L6510); 32 is allowed to exercise segmentation.
  if (auto v = h.integer("max_info", 32, 2014)) link.max_info = static_cast<std::uint16_t>(*v);
  if (auto v = h.integer("inactivity_timeout_s", 0, 65535))
    link.inactivity_timeout_s = static_cast<std::uint32_t>(*v);
  if (auto v = h.integer("inter_frame_timeout_ms", 20, 6000))
    link.inter_frame_timeout_ms = static_cast<std::uint32_t>(*v);
}

void read_listen(YamlFields& f, std::string& address, std::uint16_t& port) {
  if (auto v = f.text("listen", 64)) {
    std::string error;
    if (!parse_loopback_listen(*v, address, port, error)) f.fail("listen", error);
  }
}

// `hdlc:` turns the HDLC pty on; its keys override the inherited ones or the defaults.
void read_hdlc(YamlFields& d, DlmsServerSpec& spec) {
  std::optional<YamlFields> section = d.section("hdlc");
  if (!section) return;
  DlmsHdlcSpec hdlc = spec.hdlc.value_or(DlmsHdlcSpec{});
  YamlFields& h = *section;
  if (auto v = h.integer("baud", 1200, 38400)) {
    if (*v != 1200 && *v != 2400 && *v != 4800 && *v != 9600 && *v != 19200 && *v != 38400)
      h.fail("baud", "must be one of 1200, 2400, 4800, 9600, 19200, 38400");
    hdlc.baud = static_cast<std::uint32_t>(*v);
  }
  if (auto v = h.text("link", 255)) {
    if (v->empty() || v->front() != '/') h.fail("link", "must be an absolute path");
    hdlc.link = *v;
  }
  read_link_keys(h, hdlc);
  h.finish();
  spec.hdlc = hdlc;
}

// `hdlc_tcp:` turns the HDLC-over-TCP listener on, like `hdlc:` the pty.
void read_hdlc_tcp(YamlFields& d, DlmsServerSpec& spec) {
  std::optional<YamlFields> section = d.section("hdlc_tcp");
  if (!section) return;
  DlmsHdlcTcpSpec tcp = spec.hdlc_tcp.value_or(DlmsHdlcTcpSpec{});
  YamlFields& t = *section;
  read_listen(t, tcp.address, tcp.port);
  read_link_keys(t, tcp);
  t.finish();
  spec.hdlc_tcp = tcp;
}

}  // namespace

void read_dlms_settings(YamlFields& parent, std::shared_ptr<const DlmsServerSpec>& spec) {
  std::optional<YamlFields> section = parent.section("dlms");
  if (!section) return;
  auto next = std::make_shared<DlmsServerSpec>(spec ? *spec : DlmsServerSpec{});
  YamlFields& d = *section;
  if (std::optional<YamlFields> t = d.section("tcp")) {
    read_listen(*t, next->tcp_address, next->tcp_port);
    t->finish();
  }
  if (auto v = d.integer("physical_address", 16, 16381))
    next->physical_address = static_cast<std::uint16_t>(*v);
  read_passwords(d, *next);
  if (auto v = d.integer("max_pdu_size", 64, 65535))
    next->max_pdu_size = static_cast<std::uint16_t>(*v);
  if (auto v = d.integer("inactivity_timeout_s", 0, 65535))
    next->inactivity_timeout_s = static_cast<std::uint32_t>(*v);
  read_hdlc(d, *next);
  read_hdlc_tcp(d, *next);
  d.finish();
  spec = std::move(next);
}

}  // namespace jemhead::sim
