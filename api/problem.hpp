#pragma once
// RFC 9457 problem details: every error the API returns is application/problem+json with
// type, title, status and detail, plus "errors": [{field, message}] when input failed
// validation. Handlers throw ApiError; RestApi turns it into the response.
#include <stdexcept>
#include <string>
#include <vector>

#include "core/validation.hpp"
#include "net/http_server.hpp"

namespace jemhead::api {

struct ApiError : std::runtime_error {
  ApiError(int status_code, std::string detail_text, std::vector<FieldError> field_errors = {})
      : std::runtime_error(detail_text),
        status(status_code),
        detail(std::move(detail_text)),
        errors(std::move(field_errors)) {}
  int status;
  std::string detail;
  std::vector<FieldError> errors;
};

// 422 naming every field of a failed validation.
[[noreturn]] void throw_invalid(Validation&& v, const std::string& what);

net::HttpResponse problem_response(int status, const std::string& detail,
                                   const std::vector<FieldError>& errors = {});

}  // namespace jemhead::api
