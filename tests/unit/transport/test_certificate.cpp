#include "tests/unit/transport/test_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace jemhead::transport::testing {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

void write_pem(const std::filesystem::path& path, auto&& writer) {
  FILE* f = std::fopen(path.c_str(), "w");
  check(f != nullptr, "cannot create PEM file");
  const bool ok = writer(f);
  std::fclose(f);
  check(ok, "cannot write PEM file");
}

}  // namespace

TestCertificate::TestCertificate(const std::string& common_name) {
  std::string pattern = (std::filesystem::temp_directory_path() / "jemhead-tls-XXXXXX").string();
  check(::mkdtemp(pattern.data()) != nullptr, "mkdtemp");
  directory = pattern;
  certificate_file = directory / "cert.pem";
  key_file = directory / "key.pem";

  KeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "key generation");
  CertPtr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);  // v3, for the subjectAltName extension
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);  // self-signed

  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    check(ext != nullptr && X509_add_ext(cert.get(), ext.get(), -1) == 1, "extension");
  }
  check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signing");

  write_pem(certificate_file, [&](FILE* f) { return PEM_write_X509(f, cert.get()) == 1; });
  write_pem(key_file, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
}

TestCertificate::~TestCertificate() {
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

}  // namespace jemhead::transport::testing
