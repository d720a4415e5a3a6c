// USER MANAGEMENT: appendix C users, the privilege catalogue (manual spelling), limits,
// credential, unique-name and once-per-user rules, group expansion, schema coverage.
#include <gtest/gtest.h>

#include <algorithm>

#include "config_test_support.hpp"
#include "core/config/users_privileges.hpp"
#include "core/config/users_rules.hpp"

namespace jemhead::config::test {
namespace {

MeterUser user(std::string name, std::string password, std::vector<Privilege> privileges = {}) {
  MeterUser u;
  u.username = std::move(name);
  u.password = std::move(password);
  for (auto p : privileges) u.privileges.push_back({p});
  return u;
}

// "u3", "x[3]y": built with += (GCC 12 warns falsely on literal + std::string).
std::string numbered(std::string_view before, std::size_t n, std::string_view after = "") {
  std::string out(before);
  out += std::to_string(n);
  out += after;
  return out;
}

TEST(ConfigUsers, FactoryDefaultsFromAppendixC) {
  const UserManagement um;
  EXPECT_EQ(um.admin.username, "admin");
  EXPECT_EQ(um.admin.password, "admin");
  ASSERT_EQ(um.users.size(), 2u);
  EXPECT_EQ(um.users[0], user("user1", "user1",
                              {Privilege::set_time, Privilege::freeze_registers,
                               Privilege::activate_test_mode, Privilege::billing_period_reset,
                               Privilege::preset_registers, Privilege::meter_battery_status}));
  EXPECT_EQ(um.users[1],
            user("user2", "user2", {Privilege::set_time, Privilege::billing_period_reset}));
  EXPECT_EQ(summary(validate(MeterConfiguration{})), std::vector<Expected>{});
}

TEST(ConfigUsers, ValidationTable) {
  const std::string given = "users_credentials_given";
  const std::string unique = "users_unique_usernames";
  const std::string once = "users_privilege_listed_once";
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"no other users", [](MeterConfiguration& c) { c.users.users.clear(); }, {}},
      {"nine other users (ten combinations)",
       [](MeterConfiguration& c) {
         c.users.users.clear();
         for (int i = 1; i <= 9; ++i)
           c.users.users.push_back(user(numbered("u", std::size_t(i)), "secret"));
       },
       {}},
      {"ten other users (eleven combinations)",
       [](MeterConfiguration& c) {
         c.users.users.clear();
         for (int i = 1; i <= 10; ++i)
           c.users.users.push_back(user(numbered("u", std::size_t(i)), "secret"));
       },
       {{"users.users", "count", "L7104, L7110-L7112, L13890-L13897"}}},
      {"admin password of 32 characters",
       [](MeterConfiguration& c) { c.users.admin.password = std::string(32, 'p'); },
       {}},
      {"admin password of 33 characters",
       [](MeterConfiguration& c) { c.users.admin.password = std::string(33, 'p'); },
       {{"users.admin.password", "max_length", "L7060-L7070, L13884"}}},
      {"user password and name of 33 characters",
       [](MeterConfiguration& c) {
         c.users.users[0].password = std::string(33, 'p');
         c.users.users[0].username = std::string(33, 'n');
       },
       {{"users.users[0].username", "max_length", "L7104-L7114"},
        {"users.users[0].password", "max_length", "L7104-L7114"}}},
      {"admin without password",
       [](MeterConfiguration& c) { c.users.admin.password.clear(); },
       {{"users.admin.password", given, "L7104-L7122"}}},
      {"user without name or password",
       [](MeterConfiguration& c) { c.users.users.push_back(user("", "")); },
       {{"users.users[2].username", given, "L7104-L7122"},
        {"users.users[2].password", given, "L7104-L7122"}}},
      {"user named like the admin",
       [](MeterConfiguration& c) { c.users.users[1].username = "admin"; },
       {{"users.users[1].username", unique, "L790-L812, L7110-L7118"}}},
      {"two users with one name",
       [](MeterConfiguration& c) { c.users.users.push_back(user("user1", "other")); },
       {{"users.users[2].username", unique, "L790-L812, L7110-L7118"}}},
      {"same password for two users is accepted",
       [](MeterConfiguration& c) { c.users.users[1].password = "user1"; },
       {}},
      {"every privilege once",
       [](MeterConfiguration& c) {
         MeterUser u = user("all", "all");
         for (const auto& info : kPrivileges) u.privileges.push_back({info.privilege});
         c.users.users.push_back(u);
       },
       {}},
      {"a privilege twice",
       [](MeterConfiguration& c) { c.users.users[1].privileges.push_back({Privilege::set_time}); },
       {{"users.users[1].privileges[2].privilege", once, "L7086-L7099"}}},
      {"more entries than privileges",
       [](MeterConfiguration& c) {
         c.users.users[1].privileges.assign(kPrivileges.size() + 1, {Privilege::master});
       },
       [&] {
         std::vector<Expected> e{{"users.users[1].privileges", "count", "L7074-L7099"}};
         for (std::size_t k = 1; k <= kPrivileges.size(); ++k)
           e.push_back(
               {numbered("users.users[1].privileges[", k, "].privilege"), once, "L7086-L7099"});
         return e;
       }()},
      {"unknown privilege",
       [](MeterConfiguration& c) {
         c.users.users[0].privileges[0].privilege = static_cast<Privilege>(99);
       },
       {{"users.users[0].privileges[0].privilege", "enum", "L7074-L7099"}}},
  });
}

TEST(ConfigUsers, PrivilegeNamesAreTheManuals) {
  const auto names = privilege_names();
  ASSERT_EQ(names.size(), 33u);
  EXPECT_EQ(names.front(), "Master");
  EXPECT_EQ(names[1], "Configure All Meter Settings");
  // Spelled as in the MID lists (L389-L445), including their capitalisation.
  for (std::string_view expected : {"Configure Primary/PTCT Settings",
                                    "Configure Display Registers",
                                    "Configure Load Profile",
                                    "Configure Loss Compensation",
                                    "Configure TOU/DST settings",
                                    "Configure Input/Output Settings",
                                    "Configure Trigger Settings",
                                    "Configure Demand Settings",
                                    "Configure Transformer Correction",
                                    "Firmware/Option Upgrade",
                                    "Activate Test Mode",
                                    "Preset Registers",
                                    "Configure Meter Identification",
                                    "Configure Communication Settings",
                                    "Configure Protocol Settings",
                                    "Configure Display Settings",
                                    "Configure User Admin",
                                    "Change Password",
                                    "Set Time",
                                    "Freeze Registers",
                                    "Meter/Battery Status",
                                    "Read Triggered Alarms",
                                    "Read Display registers",
                                    "Read Load Profile",
                                    "Read Event/Diagnostic Logs",
                                    "Read Security Logs",
                                    "Billing Period Reset",
                                    "Read All Meter Data",
                                    "Configuration File Access",
                                    "Read Power Quality"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  // Names and JSON spellings are distinct and round-trip.
  for (const auto& info : kPrivileges) {
    EXPECT_EQ(std::count(names.begin(), names.end(), info.name), 1) << info.name;
    EXPECT_EQ(privilege_from_name(info.name), info.privilege) << info.name;
    EXPECT_EQ(privilege_name(info.privilege), info.name);
    EXPECT_EQ(from_text<Privilege>(to_text(info.privilege)), info.privilege);
  }
  EXPECT_EQ(privilege_from_name("configure load profile"), std::nullopt);
}

TEST(ConfigUsers, GroupsExpandToTheirPrivileges) {
  const auto all = expand_privileges(std::vector{Privilege::master});
  EXPECT_EQ(all.size(), kPrivileges.size());

  const auto config = expand_privileges(std::vector{Privilege::configure_all_meter_settings});
  EXPECT_TRUE(config.count(Privilege::configure_load_profile));
  EXPECT_TRUE(config.count(Privilege::configure_user_admin));
  EXPECT_TRUE(config.count(Privilege::configure_power_quality_settings));
  EXPECT_FALSE(config.count(Privilege::set_time));
  EXPECT_FALSE(config.count(Privilege::read_all_meter_data));
  EXPECT_FALSE(config.count(Privilege::master));
  // Every "Configure ..." privilege and the group itself.
  const auto configures = std::count_if(kPrivileges.begin(), kPrivileges.end(), [](auto& i) {
    return i.name.starts_with("Configure ") &&
           i.privilege != Privilege::configure_all_meter_settings;
  });
  EXPECT_EQ(config.size(), static_cast<std::size_t>(configures) + 1);

  const auto one = expand_privileges(std::vector{Privilege::set_time});
  EXPECT_EQ(one, (std::set<Privilege>{Privilege::set_time}));
}

TEST(ConfigUsers, JsonNamesPasswordFields) {
  const auto doc = to_json(MeterConfiguration{});
  const auto& users = doc.at("users").as_object();
  EXPECT_EQ(users.at("admin").at("password"), "admin");
  const auto& first = users.at("users").as_array().at(0);
  EXPECT_EQ(first.at("password"), "user1");
  EXPECT_EQ(first.at("privileges").as_array().at(3).at("privilege"), "billing_period_reset");
  const auto back = from_json(doc);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.users, UserManagement{});
}

TEST(ConfigUsers, ProblemMessagesNeverContainPasswords) {
  MeterConfiguration c;
  c.users.users.push_back(user("user1", "s3cr3t-pass", {Privilege::set_time, Privilege::set_time}));
  int users_problems = 0;
  for (const auto& p : validate(c)) {
    users_problems += p.path.starts_with("users.") ? 1 : 0;
    EXPECT_EQ(p.message.find("s3cr3t-pass"), std::string::npos) << p.path;
  }
  EXPECT_EQ(users_problems, 2);  // the repeated name and the repeated privilege
}

TEST(ConfigUsers, RulesAreListedWithTheDocumentRules) {
  EXPECT_EQ(rules_listed_with_document_rules(users_rule_refs()).size(), 3u);
}

TEST(ConfigUsers, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.users.users = {user("u", "p", {Privilege::set_time})};
  // admin name and password; one user: name, password, one privilege.
  EXPECT_EQ(section_leaves(c, "users"), 2 + 3);
}

}  // namespace
}  // namespace jemhead::config::test
