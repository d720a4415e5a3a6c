#pragma once
// USER MANAGEMENT (manual L7042-L7264): the meter's username/password combinations and
// each one's privileges. The same credentials log into JEMWare, the meter display, the web
// server and SFTP (L7108-L7122, L7228-L7264). Factory defaults: appendix C (L13882-L13897).
//
// SECRETS: every field named `password` holds a meter password in clear text (the meter
// needs it so); whatever stores, logs or exports a document must treat those fields as
// secrets.
#include <string>
#include <utility>
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/users_enums.hpp"
#include "core/config/users_privileges.hpp"

namespace jemhead::config {

// The Admin password "can be up to 32 characters" (L7062-L7064). The manual gives no limit
// for other users (its "6-digit alphanumeric" rule, L1998-L2000, contradicts the defaults
// admin/user1/user2) nor for user names: 32 for all.
inline constexpr std::size_t kMaxPasswordLength = 32;
inline constexpr std::size_t kMaxUsernameLength = 32;

struct PrivilegeEntry {
  Privilege privilege = Privilege::read_all_meter_data;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("privilege", s.privilege, Seed{"L7074-L7099"}, "A privilege or group of privileges");
  }
  bool operator==(const PrivilegeEntry&) const = default;
};

// The Admin ("Master") user: every privilege, the only one that may change privileges
// (L7048, L7060-L7070).
struct AdminUser {
  std::string username = "admin";
  std::string password = "admin";

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("username", s.username, MaxLength{kMaxUsernameLength}, Seed{"L13884"},
            "Admin user name");
    v.field("password", s.password, MaxLength{kMaxPasswordLength}, Seed{"L7060-L7070, L13884"},
            "Admin password (secret), up to 32 characters");
  }
  bool operator==(const AdminUser&) const = default;
};

struct MeterUser {
  std::string username;
  std::string password;
  // Only what is selected; none = the user can connect but do nothing.
  std::vector<PrivilegeEntry> privileges;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("username", s.username, MaxLength{kMaxUsernameLength}, Seed{"L7104-L7114"},
            "User name");
    v.field("password", s.password, MaxLength{kMaxPasswordLength}, Seed{"L7104-L7114"},
            "Password (secret)");
    v.list("privileges", s.privileges, Count{0, kPrivileges.size()}, Seed{"L7074-L7099"},
           "Selected privileges; master and configure_all_meter_settings select groups");
  }
  bool operator==(const MeterUser&) const = default;
};

inline MeterUser default_meter_user(std::string name, std::vector<Privilege> privileges) {
  MeterUser u;
  u.username = name;
  u.password = std::move(name);
  for (auto p : privileges) u.privileges.push_back({p});
  return u;
}

struct UserManagement {
  AdminUser admin;
  std::vector<MeterUser> users{
      default_meter_user("user1", {Privilege::set_time, Privilege::freeze_registers,
                                   Privilege::activate_test_mode, Privilege::billing_period_reset,
                                   Privilege::preset_registers, Privilege::meter_battery_status}),
      default_meter_user("user2", {Privilege::set_time, Privilege::billing_period_reset}),
  };

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("admin", s.admin, Seed{"L7060-L7070, L13884-L13886"}, "Admin (Master) user");
    v.list("users", s.users, Count{0, 9}, Seed{"L7104, L7110-L7112, L13890-L13897"},
           "Other users: up to 10 username/password combinations with the admin");
  }
  bool operator==(const UserManagement&) const = default;
};

}  // namespace jemhead::config
