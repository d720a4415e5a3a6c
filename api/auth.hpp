#pragma once
// Bearer-token authentication with three roles. Tokens are configured by their SHA-256
// (hex) only, so the configuration file never holds a usable secret.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.hpp"

namespace jemhead::api {

enum class Role { viewer, operator_, admin };  // each role includes the ones before it

}  // namespace jemhead::api

namespace jemhead {
template <>
struct EnumText<api::Role> {
  static constexpr std::array<std::pair<api::Role, std::string_view>, 3> names{{
      {api::Role::viewer, "viewer"},
      {api::Role::operator_, "operator"},
      {api::Role::admin, "admin"},
  }};
};
}  // namespace jemhead

namespace jemhead::api {

struct ApiToken {
  std::string name;  // who, in the audit log
  Role role = Role::viewer;
  std::string sha256_hex;  // lower-case hex of SHA-256(token)
};

struct Principal {
  std::string name;
  Role role;
};

std::string sha256_hex(std::string_view data);

// The principal for an "Authorization: Bearer <token>" header value, or nullopt.
// Compares digests in constant time.
std::optional<Principal> authenticate(const std::vector<ApiToken>& tokens,
                                      std::string_view authorization_header);

inline bool allows(Role have, Role need) {
  return static_cast<int>(have) >= static_cast<int>(need);
}

}  // namespace jemhead::api
