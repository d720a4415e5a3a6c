// Every kind of configuration error names the file, the 1-based line and the key path,
// and all of a file's errors are reported together.
#include <gtest/gtest.h>

#include "tests/unit/service/config_test_support.hpp"

namespace jemhead::service {
namespace {

using testing::error_lines;
using testing::load;

TEST(ServiceConfigErrors, BadEnumValueNamesFileLineKeyAndAllowedValues) {
  auto r = load(
      "api:\n"
      "  tokens:\n"
      "    - name: ops\n"
      "      role: superuser\n"
      "      sha256: \"2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b\"\n");
  EXPECT_EQ(error_lines(r),
            "t.yaml:4: api.tokens[0].role: must be one of viewer, operator, admin "
            "(got 'superuser')\n");
}

TEST(ServiceConfigErrors, UnknownKeysAtEveryLevelListWhatIsAllowed) {
  auto r = load(
      "threds: 2\n"
      "storage:\n"
      "  backend: sqlite\n"
      "  sqlite:\n"
      "    pth: x.db\n");
  ASSERT_EQ(r.errors.size(), 2u) << error_lines(r);
  EXPECT_EQ(r.errors[0].line, 1);
  EXPECT_EQ(r.errors[0].key, "threds");
  EXPECT_NE(r.errors[0].message.find("allowed: data_dir, threads, ready_file, api"),
            std::string::npos);
  EXPECT_EQ(r.errors[1].to_string(),
            "t.yaml:5: storage.sqlite.pth: unknown key (allowed: path, synchronous)");
}

TEST(ServiceConfigErrors, WrongTypesAreNamed) {
  auto r = load(
      "threads: many\n"
      "api:\n"
      "  listen: \"127.0.0.1:80\"\n"
      "metrics:\n"
      "  enabled: yes\n"
      "logging: [text]\n");
  EXPECT_EQ(error_lines(r),
            "t.yaml:1: threads: must be an integer between 1 and 64 (got 'many')\n"
            "t.yaml:3: api.listen: must be a list\n"
            "t.yaml:5: metrics.enabled: must be true or false (got 'yes')\n"
            "t.yaml:6: logging: must be a mapping of keys to values\n");
}

TEST(ServiceConfigErrors, OutOfRangeNumbersAreNamed) {
  auto r = load(
      "threads: 0\n"
      "api:\n"
      "  handler_threads: 1000\n"
      "  body_limit_bytes: -5\n");
  EXPECT_EQ(error_lines(r),
            "t.yaml:1: threads: must be an integer between 1 and 64 (got 0)\n"
            "t.yaml:3: api.handler_threads: must be an integer between 1 and 256 (got 1000)\n"
            "t.yaml:4: api.body_limit_bytes: must be an integer between 1024 and 1073741824 "
            "(got -5)\n");
}

TEST(ServiceConfigErrors, ListenAddressesMustBeIpAndPort) {
  auto r = load(
      "api:\n"
      "  listen:\n"
      "    - \"127.0.0.1:8080\"\n"
      "    - \"localhost:80\"\n"
      "    - \"::1:80\"\n"
      "    - \"[::1]:70000\"\n");
  ASSERT_EQ(r.errors.size(), 3u) << error_lines(r);
  EXPECT_EQ(r.errors[0].line, 4);
  EXPECT_EQ(r.errors[0].key, "api.listen[1]");
  EXPECT_EQ(r.errors[1].line, 5);
  EXPECT_NE(r.errors[1].message.find("IPv6 addresses go in brackets"), std::string::npos);
  EXPECT_EQ(r.errors[2].to_string(),
            "t.yaml:6: api.listen[3]: port must be an integer between 0 and 65535 (0 = "
            "ephemeral) (got '[::1]:70000')");
  EXPECT_EQ(error_lines(load("api: {listen: []}\n")),
            "t.yaml:1: api.listen: must name at least one address\n");
}

TEST(ServiceConfigErrors, TokensNeedNameAndDigestAndMustBeUnique) {
  const std::string digest = "\"2BB80D537B1DA3E38BD30361AA855686BDE0EACD7162FEF6A25FE97BF527A25B\"";
  auto r = load(
      "api:\n"
      "  tokens:\n"
      "    - {name: a, role: admin, sha256: " +
      digest +
      "}\n"
      "    - {name: a, role: viewer, sha256: \"00\"}\n"
      "    - {name: c, sha256: " +
      digest +
      "}\n"
      "    - {role: viewer, sha256: \"ab\", colour: red}\n");
  EXPECT_EQ(error_lines(r),
            "t.yaml:4: api.tokens[1].name: duplicate token name 'a'\n"
            "t.yaml:4: api.tokens[1].sha256: must be 64 hexadecimal digits (use `jemhead "
            "hash-token`)\n"
            "t.yaml:5: api.tokens[2].sha256: the same token is configured twice\n"
            "t.yaml:6: api.tokens[3].colour: unknown key (allowed: name, role, sha256)\n"
            "t.yaml:6: api.tokens[3].name: must not be empty (it names the caller in the "
            "audit log)\n"
            "t.yaml:6: api.tokens[3].sha256: must be 64 hexadecimal digits (use `jemhead "
            "hash-token`)\n");

  auto good = load("api: {tokens: [{name: a, role: operator, sha256: " + digest + "}]}\n");
  ASSERT_TRUE(good.ok()) << error_lines(good);
  // Digests are compared in lower case, whatever case the file uses.
  EXPECT_EQ(good.config.api.tokens[0].sha256_hex,
            "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b");
  EXPECT_EQ(good.config.api.tokens[0].role, api::Role::operator_);
}

TEST(ServiceConfigErrors, DuplicateKeysAreErrorsNotSilentlyMerged) {
  auto r = load("threads: 2\nthreads: 3\n");
  EXPECT_EQ(error_lines(r), "t.yaml:2: threads: duplicate key\n");
}

TEST(ServiceConfigErrors, SyntaxErrorsCarryTheLine) {
  auto r = load("threads: 2\napi:\n  listen: [\"127.0.0.1:1\"\n  tokens: []\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, "t.yaml");
  EXPECT_GE(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].message.rfind("invalid YAML: ", 0), 0u) << r.errors[0].message;
}

TEST(ServiceConfigErrors, RootMustBeAMapping) {
  EXPECT_EQ(error_lines(load("- a\n- b\n")),
            "t.yaml:1: the file must be a mapping of keys to values\n");
  EXPECT_EQ(error_lines(load("just text\n")),
            "t.yaml:1: the file must be a mapping of keys to values\n");
}

TEST(ServiceConfigErrors, OversizedFileIsRefusedBeforeParsing) {
  std::string huge(kMaxConfigBytes + 1, '#');
  auto r = load(huge);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("larger than"), std::string::npos);
}

TEST(ServiceConfigErrors, DeepNestingIsAnErrorNotACrash) {
  std::string deep(5000, '[');
  auto r = load("threads: " + deep + "\n");
  EXPECT_FALSE(r.ok());
}

TEST(ServiceConfigErrors, ManyProblemsAreAllCollectedInFileOrder) {
  auto r = load(
      "data_dir: \"\"\n"                // 1
      "threads: 100\n"                  // 2
      "storage:\n"                      // 3
      "  backend: postgres\n"           // 4
      "  sqlite: {synchronous: off}\n"  // 5
      "logging:\n"                      // 6
      "  format: xml\n"                 // 7
      "  level: verbose\n"              // 8
      "fleet:\n"                        // 9
      "  meters:\n"                     // 10
      "    - serial: \"\"\n");          // 11
  EXPECT_EQ(error_lines(r),
            "t.yaml:1: data_dir: must not be empty\n"
            "t.yaml:2: threads: must be an integer between 1 and 64 (got 100)\n"
            "t.yaml:4: storage.backend: must be one of sqlite (got 'postgres')\n"
            "t.yaml:5: storage.sqlite.synchronous: must be one of normal, full (got 'off')\n"
            "t.yaml:7: logging.format: must be one of text, json (got 'xml')\n"
            "t.yaml:8: logging.level: must be one of trace, debug, info, warn, error (got "
            "'verbose')\n"
            "t.yaml:11: fleet.meters[0].serial: must not be empty\n");
}

}  // namespace
}  // namespace jemhead::service
