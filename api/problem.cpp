#include "api/problem.hpp"

#include <boost/json.hpp>

namespace jemhead::api {

void throw_invalid(Validation&& v, const std::string& what) {
  auto errors = v.take();
  std::string detail = what + " is invalid: ";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i) detail += "; ";
    detail += errors[i].field + ": " + errors[i].message;
  }
  throw ApiError(422, detail, std::move(errors));
}

net::HttpResponse problem_response(int status, const std::string& detail,
                                   const std::vector<FieldError>& errors) {
  boost::json::object body;
  body["type"] = "about:blank";
  body["title"] = net::reason_phrase(status);
  body["status"] = status;
  body["detail"] = detail;
  if (!errors.empty()) {
    boost::json::array list;
    for (const auto& e : errors)
      list.push_back(boost::json::object{{"field", e.field}, {"message", e.message}});
    body["errors"] = std::move(list);
  }
  net::HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace jemhead::api
