#include "core/config/users_rules.hpp"

#include <array>
#include <set>
#include <string>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

namespace {

void check_credentials(const std::string& username, const std::string& password,
                       const std::string& path, Problems& out) {
  if (username.empty())
    report(out, kUsersCredentialsGiven, child_path(path, "username"), "a user needs a name");
  if (password.empty())
    report(out, kUsersCredentialsGiven, child_path(path, "password"), "a user needs a password");
}

}  // namespace

std::span<const RuleRef> users_rule_refs() {
  static constexpr std::array refs{kUsersCredentialsGiven, kUsersUniqueUsernames,
                                   kUsersPrivilegeListedOnce};
  return refs;
}

void check_users_rules(const MeterConfiguration& c, Problems& out) {
  const auto& um = c.users;
  check_credentials(um.admin.username, um.admin.password, "users.admin", out);
  std::set<std::string> names{um.admin.username};
  for (std::size_t i = 0; i < um.users.size(); ++i) {
    const auto& u = um.users[i];
    const auto path = item_path("users.users", i);
    check_credentials(u.username, u.password, path, out);
    if (!u.username.empty() && !names.insert(u.username).second) {
      std::string msg = "user name '";
      msg += u.username;
      msg += "' is used twice";
      report(out, kUsersUniqueUsernames, child_path(path, "username"), std::move(msg));
    }
    std::set<Privilege> seen;
    for (std::size_t k = 0; k < u.privileges.size(); ++k) {
      if (seen.insert(u.privileges[k].privilege).second) continue;
      std::string msg = "'";
      msg += privilege_name(u.privileges[k].privilege);
      msg += "' is selected twice";
      report(out, kUsersPrivilegeListedOnce,
             child_path(item_path(child_path(path, "privileges"), k), "privilege"), std::move(msg));
    }
  }
}

}  // namespace jemhead::config
