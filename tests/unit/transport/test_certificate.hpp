#pragma once
// A throwaway self-signed certificate (EC P-256, valid for a day, subject CN=<common_name>,
// subjectAltName DNS:localhost and IP:127.0.0.1) written as PEM files into a fresh temporary
// directory, generated with the OpenSSL API at test time: no keys live in the repository.
#include <filesystem>
#include <string>

namespace jemhead::transport::testing {

struct TestCertificate {
  explicit TestCertificate(const std::string& common_name);
  ~TestCertificate();  // removes the directory
  TestCertificate(const TestCertificate&) = delete;
  TestCertificate& operator=(const TestCertificate&) = delete;

  std::filesystem::path directory;
  std::filesystem::path certificate_file;  // PEM certificate
  std::filesystem::path key_file;          // PEM private key
};

}  // namespace jemhead::transport::testing
