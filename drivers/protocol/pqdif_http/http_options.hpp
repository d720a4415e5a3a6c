#pragma once
// The "http" connection profile's options (options_json): how to reach the meter's web
// server for its PQDIF files (manual part4 §3.7: HTTP on port 80, /pqdif; §1: an account
// with the 'Read Power Quality' right). Host and port are the profile's own (port 0: 80
// for http, 443 for https).
//
//   scheme                  "http" (default) or "https" (transport tls implies https)
//   path                    the listing's path, default "/pqdif"; files are PATH/NAME
//   username, password      HTTP Basic credentials (the password is never echoed)
//   verify_peer             https: check the certificate (default true)
//   ca_file, server_name    https: trust this PEM bundle; name to check and send as SNI
//   delete_after_retrieval  delete each file on the meter once stored (default false)
//   max_file_bytes          refuse larger files (default 256 MiB)
#include <chrono>
#include <cstdint>
#include <string>

#include "core/connection_profile.hpp"
#include "core/validation.hpp"
#include "net/http_client.hpp"

namespace jemhead::pqdif_http {

struct HttpPullConfig {
  bool https = false;
  std::string host;
  std::uint16_t port = 80;
  std::string path = "/pqdif";
  std::string username;
  std::string password;
  net::HttpTls tls;
  bool delete_after_retrieval = false;
  std::uint64_t max_file_bytes = 256ull << 20;
  std::chrono::milliseconds timeout{5000};  // the profile's timeout_ms, per exchange or read
};

struct HttpPullOptions {
  HttpPullConfig config;
  Validation validation;  // every problem, named "options/<key>" (or "transport")
};

HttpPullOptions read_http_pull_options(const ConnectionProfile& profile);

}  // namespace jemhead::pqdif_http
