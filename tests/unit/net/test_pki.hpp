#pragma once
// A throw-away PKI for TLS tests, made with the OpenSSL API (no `openssl` program needed):
// CAs, a server certificate for 127.0.0.1/::1/localhost and client certificates, each
// written as PEM files (name.pem, name.key) into a directory. P-256 keys keep it fast.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jemhead::testing {

class TestPki {
 public:
  struct Issued {
    std::string certificate_file;
    std::string key_file;
  };

  explicit TestPki(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // A self-signed CA named `name` ("O=Jemhead Test,CN=<name>").
  Issued make_ca(const std::string& name) {
    auto key = new_key();
    auto cert = build(name, key.get(), nullptr, nullptr, Kind::ca);
    cas_.push_back({name, Pair{std::move(key), std::move(cert)}});
    return write(name, cas_.back().second);
  }

  // A server certificate signed by CA `ca` for 127.0.0.1, ::1 and localhost.
  Issued make_server(const std::string& name, const std::string& ca) {
    return issue(name, ca, Kind::server);
  }

  // A client certificate "O=Utility,CN=<common_name>" signed by CA `ca`; its RFC 2253
  // subject is "CN=<common_name>,O=Utility".
  Issued make_client(const std::string& name, const std::string& common_name,
                     const std::string& ca) {
    return issue(name, ca, Kind::client, common_name);
  }

 private:
  enum class Kind { ca, server, client };
  struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  };
  struct CertFree {
    void operator()(X509* c) const { X509_free(c); }
  };
  using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
  using Cert = std::unique_ptr<X509, CertFree>;
  struct Pair {
    Key key;
    Cert cert;
  };

  static void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test PKI: ") + what + " failed");
  }

  static Key new_key() {
    Key key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EVP_EC_gen");
    return key;
  }

  Issued issue(const std::string& name, const std::string& ca, Kind kind,
               const std::string& common_name = {}) {
    for (auto& [ca_name, pair] : cas_) {
      if (ca_name != ca) continue;
      auto key = new_key();
      auto cert = build(common_name.empty() ? name : common_name, key.get(), pair.cert.get(),
                        pair.key.get(), kind);
      Pair issued{std::move(key), std::move(cert)};
      return write(name, issued);
    }
    std::string message = "test PKI: no CA named ";
    message += ca;
    throw std::runtime_error(message);
  }

  static void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "X509V3_EXT_conf_nid");
    const bool added = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    check(added, "X509_add_ext");
  }

  Cert build(const std::string& common_name, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
             Kind kind) {
    Cert cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial_);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
    check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
    X509_NAME* subject = X509_get_subject_name(cert.get());
    const auto* org =
        reinterpret_cast<const unsigned char*>(kind == Kind::client ? "Utility" : "Jemhead Test");
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC, org, -1, -1, 0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509* signer = issuer ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1,
          "X509_set_issuer_name");
    add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
    if (issuer) add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid");
    switch (kind) {
      case Kind::ca:
        add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
      case Kind::server:
        add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
        add_extension(cert.get(), signer, NID_subject_alt_name,
                      "IP:127.0.0.1,IP:::1,DNS:localhost");
        break;
      case Kind::client:
        add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(cert.get(), signer, NID_ext_key_usage, "clientAuth");
        break;
    }
    check(X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) > 0, "X509_sign");
    return cert;
  }

  Issued write(const std::string& name, const Pair& pair) const {
    Issued out{(dir_ / (name + ".pem")).string(), (dir_ / (name + ".key")).string()};
    std::unique_ptr<FILE, int (*)(FILE*)> cert_file(std::fopen(out.certificate_file.c_str(), "w"),
                                                    &std::fclose);
    check(cert_file != nullptr, "opening the certificate file");
    check(PEM_write_X509(cert_file.get(), pair.cert.get()) == 1, "PEM_write_X509");
    std::unique_ptr<FILE, int (*)(FILE*)> key_file(std::fopen(out.key_file.c_str(), "w"),
                                                   &std::fclose);
    check(key_file != nullptr, "opening the key file");
    check(PEM_write_PrivateKey(key_file.get(), pair.key.get(), nullptr, nullptr, 0, nullptr,
                               nullptr) == 1,
          "PEM_write_PrivateKey");
    return out;
  }

  std::filesystem::path dir_;
  std::vector<std::pair<std::string, Pair>> cas_;
  long serial_ = 0;
};

}  // namespace jemhead::testing
