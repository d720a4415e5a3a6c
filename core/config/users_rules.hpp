#pragma once
// Cross-field rules of USER MANAGEMENT (manual L7042-L7264), including those that read other
// sections or the meter's hardware.
#include <span>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// A username/password combination has both parts (L7104-L7122).
inline constexpr RuleRef kUsersCredentialsGiven{"users_credentials_given", "L7104-L7122"};
// Logging in picks the user by name (L790-L812, L7116-L7118): names are unique, the
// admin's included.
inline constexpr RuleRef kUsersUniqueUsernames{"users_unique_usernames", "L790-L812, L7110-L7118"};
// A privilege is a checkbox: selected once per user.
inline constexpr RuleRef kUsersPrivilegeListedOnce{"users_privilege_listed_once", "L7086-L7099"};

// Every rule check_users_rules applies (for cross_field_rules()).
std::span<const RuleRef> users_rule_refs();
void check_users_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
