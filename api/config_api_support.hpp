#pragma once
// What the configuration routes share (issue 8): reading a document from a request,
// the 422 body listing every configuration problem, meter passwords in documents, JSON
// merge patches (overrides) and the JSON of stored versions.
//
// Secrets: every string value under a key containing "password" (users[*].password,
// DLMS client passwords...) is a meter password. Responses show it as kMaskedSecret; a
// document sent back with kMaskedSecret at such a path keeps the value stored at the
// same path of the reference document (the latest version, template or overrides), so
// GET-modify-PUT works without the client ever seeing a password.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "api/handler_support.hpp"
#include "api/problem.hpp"
#include "core/config/config_diff.hpp"
#include "core/config/meter_configuration.hpp"
#include "core/records.hpp"

namespace jemhead::api {

inline constexpr std::string_view kMaskedSecret = "********";

bool is_config_secret_key(std::string_view key);
// `v` with every secret string replaced by kMaskedSecret, at any depth.
boost::json::value mask_config_secrets(boost::json::value v);
// Puts the reference's value back wherever `incoming` holds kMaskedSecret under a secret
// key. Paths are matched as they are (list entries by index). A mask with no string at
// that path in the reference is a problem (rule "masked_secret"): there is nothing to keep.
void restore_config_secrets(boost::json::value& incoming, const boost::json::value* reference,
                            config::Problems& problems);

// RFC 7386: `patch`'s members replace the target's, null removes, objects merge.
boost::json::value merge_patch(boost::json::value target, const boost::json::value& patch);

// [{path, rule, message, seed}]
boost::json::array problems_json(const config::Problems& problems);
// 422 problem+json: "detail" summarising, "errors" [{field, message}] like every other
// 422 of the API, and "problems" with each problem's rule and seed reference.
net::HttpResponse config_problems_response(const std::string& what,
                                           const config::Problems& problems);

// A stored document (JSON text) as JSON; a corrupt row is a StorageError (500).
boost::json::value stored_document(const std::string& document_json);
// The typed configuration of a stored document (reading only: stored documents passed
// validation when they were written, later rules are reported by validate()).
config::MeterConfiguration stored_configuration(const std::string& document_json);

// {version, created_at, author, reason, source, template_version}; with_document adds
// document (masked), derived and problems (today's rules over the stored document).
boost::json::object version_json(const ConfigVersion& v, bool with_document);
boost::json::object template_json(const ConfigTemplateVersion& v, bool with_document);

// "meter/<id>", the audit target of a meter's configuration.
std::string meter_target(std::int64_t meter_id);
// "/api/v1/meters/<id>/config/versions/<n>".
std::string version_location(std::int64_t meter_id, std::int64_t version);
// The 404 of a meter with no configuration version at all.
ApiError no_version_yet(std::int64_t meter_id);
// The latest version's document (the reference masked passwords are restored from);
// nullopt without a version.
std::optional<boost::json::value> latest_document(storage::Store& s, std::int64_t meter_id);
// A new version of the meter (not stored yet) holding `normalised`, by the caller.
ConfigVersion new_config_version(const Call& call, std::int64_t meter_id, std::string reason,
                                 const boost::json::object& normalised, ConfigSource source);

// The meter, 404 when unknown.
Meter config_meter(storage::Store& s, std::int64_t meter_id);
// Version `n` of the meter, 404 naming both when absent.
ConfigVersion config_version_or_404(storage::Store& s, std::int64_t meter_id, std::int64_t n);

// A changed value as responses show it: a password leaf as kMaskedSecret, any other value
// with the passwords inside it masked.
boost::json::value masked_change_value(const std::string& path, const boost::json::value& v);

// Changes grouped by their top-level section, in the order the sections first appear:
// [{section, changes:[{path, old, new}]}], passwords masked.
boost::json::array sections_json(const std::vector<config::ConfigChange>& changes);

// A document checked against `reference` (masked secrets restored) and validated: the
// typed configuration and the normalised JSON to store, or the problems found.
struct CheckedDocument {
  config::MeterConfiguration config;
  boost::json::object normalised;
  config::Problems problems;
};
CheckedDocument check_document(boost::json::value document, const boost::json::value* reference);

// Only these members in a request object: a typo must not be ignored silently (422).
void allow_members(const boost::json::object& body,
                   std::initializer_list<std::string_view> allowed);
// The "document" member of a request object (400 when missing or not an object).
boost::json::value document_member(const boost::json::object& body);
// An optional string member ("reason"), 422 when not a string.
std::string string_member(const boost::json::object& body, std::string_view key);

}  // namespace jemhead::api
