#include "eservices/crl_fetch.h"

#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace hq::eservices {

namespace {
constexpr unsigned long kMaxCrlBytes = 20UL * 1024 * 1024;  // a national CA's CRL is a few MB

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (!code) return "không rõ lỗi";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}
}  // namespace

FetchedCrl fetch_crl(const std::string& url, int timeout_seconds) {
  FetchedCrl out;
  if (url.rfind("http://", 0) != 0) {
    out.error = "chỉ tải CRL qua http:// (điểm phân phối CRL)";
    return out;
  }
  ERR_clear_error();
  BIO* body = OSSL_HTTP_get(url.c_str(), nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0, nullptr, nullptr, 0,
                            kMaxCrlBytes, timeout_seconds);
  if (!body) {
    out.error = "không tải được " + url + ": " + openssl_error();
    return out;
  }
  std::string bytes;
  char chunk[16384];
  for (int n; (n = BIO_read(body, chunk, sizeof chunk)) > 0;) bytes.append(chunk, static_cast<std::size_t>(n));
  BIO_free_all(body);
  // Distribution points serve DER; some serve PEM.
  const auto* der = reinterpret_cast<const unsigned char*>(bytes.data());
  X509_CRL* crl = d2i_X509_CRL(nullptr, &der, static_cast<long>(bytes.size()));
  if (!crl) {
    BIO* text = BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
    crl = PEM_read_bio_X509_CRL(text, nullptr, nullptr, nullptr);
    BIO_free(text);
  }
  if (!crl) {
    out.error = url + " không trả về một CRL";
    ERR_clear_error();
    return out;
  }
  BIO* pem = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_CRL(pem, crl);
  char* data = nullptr;
  const long size = BIO_get_mem_data(pem, &data);
  out.pem = std::string(data, static_cast<std::size_t>(size));
  BIO_free(pem);
  X509_CRL_free(crl);
  return out;
}

}  // namespace hq::eservices
