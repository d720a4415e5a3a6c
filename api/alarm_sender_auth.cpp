#include "api/alarm_sender_auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <charconv>

#include "core/digest/sha256.hpp"

// Rules (see alarm_sender_auth.hpp):
// - A sender matches when every credential it configures matches and, when it has an
//   allow list, the peer address is in one of its ranges. A sender that configures nothing
//   at all matches everyone: that is how an operator says "any meter may post here".
// - Refusal is 403 when the request proved who it is (a sender with at least one
//   credential matched) but came from an address that sender does not allow, or when the
//   policy consists only of address-bound senders (no credential could help); otherwise
//   401, so the caller adds WWW-Authenticate: Basic and the meter may retry with
//   credentials.
// - Digests are compared in constant time; reasons name senders and addresses, never a
//   token, password or digest.

namespace jemhead::api {

namespace {

namespace ip = boost::asio::ip;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// SHA-256 of `secret` against a configured hex digest (either case), in constant time.
bool digest_matches(std::string_view secret, const std::string& configured_hex) {
  const auto presented = digest::sha256_hex(secret);
  const auto configured = lower(configured_hex);
  if (configured.size() != presented.size()) return false;
  return CRYPTO_memcmp(configured.data(), presented.data(), presented.size()) == 0;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct BasicCredentials {
  std::string user;
  std::string password;
};

// "Basic dXNlcjpwYXNz" -> {user, pass}; nullopt for any other scheme or bad encoding.
std::optional<BasicCredentials> parse_basic(std::string_view header) {
  header = trim(header);
  constexpr std::string_view scheme = "basic";
  if (header.size() <= scheme.size() || lower(header.substr(0, scheme.size())) != scheme ||
      (header[scheme.size()] != ' ' && header[scheme.size()] != '\t'))
    return std::nullopt;
  const auto encoded = trim(header.substr(scheme.size()));
  if (encoded.empty() || encoded.size() % 4 != 0 || encoded.size() > 4096) return std::nullopt;
  std::string decoded(encoded.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                reinterpret_cast<const unsigned char*>(encoded.data()),
                                static_cast<int>(encoded.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes the '=' padding stands for as zeros.
  std::size_t length = static_cast<std::size_t>(n);
  for (auto it = encoded.rbegin(); it != encoded.rend() && *it == '=' && length > 0; ++it) --length;
  decoded.resize(length);
  const auto colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return BasicCredentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

bool has_credentials(const AlarmSender& s) {
  return !s.url_token_sha256.empty() || !s.basic_user.empty() || !s.basic_password_sha256.empty() ||
         !s.client_certificate_subject.empty();
}

bool credentials_match(const AlarmSender& s, const net::HttpRequest& request,
                       std::string_view url_token, const std::optional<BasicCredentials>& basic) {
  if (!s.url_token_sha256.empty() &&
      (url_token.empty() || !digest_matches(url_token, s.url_token_sha256)))
    return false;
  if (!s.basic_user.empty() || !s.basic_password_sha256.empty()) {
    if (!basic) return false;
    // Both halves are always compared, so the time taken does not tell which was wrong.
    const bool user_ok = equal_constant_time(basic->user, s.basic_user);
    const bool password_ok = digest_matches(basic->password, s.basic_password_sha256);
    if (!user_ok || !password_ok) return false;
  }
  if (!s.client_certificate_subject.empty() &&
      (!request.tls || request.client_certificate_subject != s.client_certificate_subject))
    return false;
  return true;
}

bool address_allowed(const AlarmSender& s, const std::string& peer) {
  if (s.allow_addresses.empty()) return true;
  return std::any_of(
      s.allow_addresses.begin(), s.allow_addresses.end(),
      [&](const std::string& range) { return address_in_range(peer, range).value_or(false); });
}

// An address as bytes, IPv4-mapped IPv6 folded to IPv4 so "::ffff:10.1.2.3" is in
// "10.0.0.0/8" (dual-stack listeners report IPv4 peers that way).
struct RawAddress {
  bool v4 = false;
  std::array<unsigned char, 16> bytes{};
  unsigned bits() const { return v4 ? 32u : 128u; }
};

std::optional<RawAddress> parse_address(std::string_view text) {
  boost::system::error_code ec;
  const auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  RawAddress out;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    const auto v4 = ip::make_address_v4(ip::v4_mapped, a.to_v6()).to_bytes();
    out.v4 = true;
    std::copy(v4.begin(), v4.end(), out.bytes.begin());
  } else if (a.is_v4()) {
    const auto v4 = a.to_v4().to_bytes();
    out.v4 = true;
    std::copy(v4.begin(), v4.end(), out.bytes.begin());
  } else {
    out.bytes = a.to_v6().to_bytes();
  }
  return out;
}

}  // namespace

std::optional<bool> address_in_range(std::string_view address, std::string_view range) {
  const auto peer = parse_address(trim(address));
  if (!peer) return std::nullopt;
  range = trim(range);
  const auto slash = range.find('/');
  const auto base_text = range.substr(0, slash);
  // A mapped range ("::ffff:10.0.0.0/104") folds to IPv4 like the address does, so its
  // prefix is counted from the IPv4 part.
  const bool mapped_text = base_text.find('.') != std::string_view::npos &&
                           base_text.find(':') != std::string_view::npos;
  const auto base = parse_address(base_text);
  if (!base) return std::nullopt;
  unsigned prefix = base->bits();
  if (slash != std::string_view::npos) {
    const auto digits = range.substr(slash + 1);
    unsigned value = 0;
    const auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || err != std::errc{} || end != digits.data() + digits.size())
      return std::nullopt;
    if (base->v4 && mapped_text) {
      if (value < 96 || value > 128) return std::nullopt;
      value -= 96;
    }
    if (value > base->bits()) return std::nullopt;
    prefix = value;
  }
  if (peer->v4 != base->v4) return false;
  // Host bits set in the range ("10.1.2.3/8") are ignored, as most tools do.
  for (unsigned i = 0; i < prefix; ++i) {
    const unsigned mask = 0x80u >> (i % 8);
    if ((peer->bytes[i / 8] & mask) != (base->bytes[i / 8] & mask)) return false;
  }
  return true;
}

SenderCheck check_alarm_sender(const AlarmSenderPolicy& policy, const net::HttpRequest& request,
                               std::string_view url_token) {
  const auto basic = parse_basic(request.header("authorization"));
  const AlarmSender* wrong_address = nullptr;
  bool any_credentials = false;
  for (const auto& sender : policy.senders) {
    const bool credentialed = has_credentials(sender);
    any_credentials = any_credentials || credentialed;
    if (!credentials_match(sender, request, url_token, basic)) continue;
    if (address_allowed(sender, request.peer_address)) {
      SenderCheck ok;
      ok.sender = &sender;
      ok.ok = true;
      ok.status = 200;
      ok.reason = "sender '";
      ok.reason += sender.name;
      ok.reason += "'";
      return ok;
    }
    if (credentialed && !wrong_address) wrong_address = &sender;
  }
  SenderCheck refused;
  if (policy.allow_anonymous) {
    refused.ok = true;
    refused.status = 200;
    refused.reason = "anonymous sender";
    return refused;
  }
  if (wrong_address) {
    refused.status = 403;
    refused.reason = "sender '";
    refused.reason += wrong_address->name;
    refused.reason += "' may not post from address ";
    refused.reason += request.peer_address;
  } else if (!any_credentials && !policy.senders.empty()) {
    refused.status = 403;
    refused.reason = "address ";
    refused.reason += request.peer_address;
    refused.reason += " may not post alarms";
  } else {
    refused.status = 401;
    refused.reason = "the request's credentials match no configured alarm sender";
  }
  return refused;
}

}  // namespace jemhead::api
