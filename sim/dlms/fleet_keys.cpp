#include "sim/dlms/fleet_keys.hpp"

#include "sim/fleet_file.hpp"

namespace jemhead::sim {

namespace {

// LLS secrets travel as the AARQ's GraphicString: printable ASCII, and the manual's
// JEMWare fields are short.
constexpr std::size_t kMaxPasswordChars = 32;

bool printable(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

void read_passwords(YamlFields& d, DlmsServerSpec& spec) {
  if (!d.has("passwords")) {
    d.child("passwords");
    return;
  }
  YamlFields p(d.child("passwords"), d.file(), d.child_path("passwords"));
  for (auto [key, slot] :
       {std::pair{"reader", &spec.reader_password}, std::pair{"manager", &spec.manager_password}}) {
    if (auto v = p.text(key, kMaxPasswordChars)) {
      if (v->empty() || !printable(*v)) p.fail(key, "must be 1 to 32 printable ASCII characters");
      *slot = *v;
    }
  }
  p.finish();
}

}  // namespace

void read_dlms_settings(YamlFields& parent, std::shared_ptr<const DlmsServerSpec>& spec) {
  if (!parent.has("dlms")) {
    parent.child("dlms");
    return;
  }
  auto next = std::make_shared<DlmsServerSpec>(spec ? *spec : DlmsServerSpec{});
  YamlFields d(parent.child("dlms"), parent.file(), parent.child_path("dlms"));
  if (d.has("tcp")) {
    YamlFields t(d.child("tcp"), d.file(), d.child_path("tcp"));
    if (auto v = t.text("listen", 64)) {
      std::string error;
      if (!parse_loopback_listen(*v, next->tcp_address, next->tcp_port, error))
        t.fail("listen", error);
    }
    t.finish();
  } else {
    d.child("tcp");
  }
  if (auto v = d.integer("physical_address", 16, 16381))
    next->physical_address = static_cast<std::uint16_t>(*v);
  read_passwords(d, *next);
  if (auto v = d.integer("max_pdu_size", 64, 65535))
    next->max_pdu_size = static_cast<std::uint16_t>(*v);
  if (auto v = d.integer("inactivity_timeout_s", 0, 65535))
    next->inactivity_timeout_s = static_cast<std::uint32_t>(*v);
  d.finish();
  spec = std::move(next);
}

}  // namespace jemhead::sim
