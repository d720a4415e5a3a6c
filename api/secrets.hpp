#pragma once
// Meter passwords (DLMS LLS, SFTP...) live in connection-profile options. They are never
// returned by the API nor written to the audit log: secret-looking keys read back as
// "***", and a "***" sent back on update keeps the stored value, so GET-modify-PUT works.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string_view>

namespace jemhead::api {

inline constexpr std::string_view kRedacted = "***";

// password, passwd, secret, token, key, credential... (case-insensitive substring)
bool is_secret_key(std::string_view key);

// `v` with the value of every secret-looking key replaced by "***", at any depth.
boost::json::value redact_secrets(boost::json::value v);

// Where `incoming` holds "***" under a secret key, put back the value from `stored`.
void restore_redacted(boost::json::object& incoming, const boost::json::object& stored);

}  // namespace jemhead::api
