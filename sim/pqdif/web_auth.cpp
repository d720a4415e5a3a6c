#include "sim/pqdif/web_auth.hpp"

#include "core/digest/base64.hpp"

namespace jemhead::sim {

const WebUser* authenticate(const WebServerSpec& spec, std::string_view authorization) {
  constexpr std::string_view kScheme = "basic ";
  if (authorization.size() <= kScheme.size()) return nullptr;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if ((authorization[i] | 0x20) != kScheme[i]) return nullptr;
  auto pair = digest::base64_decode(authorization.substr(kScheme.size()));
  if (!pair) return nullptr;
  const auto colon = pair->find(':');
  if (colon == std::string::npos) return nullptr;
  const std::string_view name = std::string_view(*pair).substr(0, colon);
  const std::string_view password = std::string_view(*pair).substr(colon + 1);
  for (const auto& user : spec.users)
    if (user.name == name && user.password == password) return &user;
  return nullptr;
}

}  // namespace jemhead::sim
