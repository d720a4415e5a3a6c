#pragma once
// The "sftp" connection profile's options (options_json): how to log in to the meter's
// SFTP server for its PQDIF files (manual part4 §3.7: SFTP, default port 22; §1: an account
// with the 'Read Power Quality' right). Host and port are the profile's own.
//
//   username                 required
//   password                 or private_key_file (PEM/OpenSSH key; private_key_passphrase)
//   known_hosts_file         the host keys trusted (default: the service user's
//                            ~/.ssh/known_hosts)
//   host_key_policy          "strict" (default: the meter's key must be known) or
//                            "accept_new" (an unknown key is trusted and written to
//                            known_hosts_file; a changed key is always refused)
//   directory                where the meter keeps its files (default: the login directory)
//   delete_after_retrieval   delete each file on the meter once stored (default false)
//   max_file_bytes           refuse larger files (default 256 MiB)
#include <chrono>
#include <cstdint>
#include <string>

#include "core/connection_profile.hpp"
#include "core/validation.hpp"

namespace jemhead::pqdif_sftp {

enum class HostKeyPolicy { strict, accept_new };

struct SftpPullConfig {
  std::string host;
  std::uint16_t port = 22;
  std::string username;
  std::string password;
  std::string private_key_file;
  std::string private_key_passphrase;
  std::string known_hosts_file;
  HostKeyPolicy host_key_policy = HostKeyPolicy::strict;
  std::string directory = ".";
  bool delete_after_retrieval = false;
  std::uint64_t max_file_bytes = 256ull << 20;
  std::chrono::milliseconds timeout{5000};  // the profile's timeout_ms, per operation
};

struct SftpPullOptions {
  SftpPullConfig config;
  Validation validation;
};

SftpPullOptions read_sftp_pull_options(const ConnectionProfile& profile);

}  // namespace jemhead::pqdif_sftp
