#include "identity/crypto.h"

#include <sodium.h>

#include <stdexcept>

namespace hq::identity {

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string hash_password_with(const std::string& password, unsigned long long opslimit, std::size_t memlimit) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

std::string hash_password(const std::string& password) {
  return hash_password_with(password, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

bool password_needs_rehash(const std::string& stored_hash) {
  // 1: other limits (or another algorithm); -1: not a hash libsodium reads. Both deserve a fresh hash.
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

namespace {

std::string blake2b_hex(std::string_view message, std::string_view key) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()), key.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace

std::string token_hash(std::string_view token) { return blake2b_hex(token, ""); }

std::string csrf_for(std::string_view session_token) {
  // Keys for crypto_generichash must be 16–64 bytes; session tokens are 43 characters.
  return blake2b_hex("haiquan-csrf", session_token.substr(0, 64));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string new_temporary_password() {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int i = 0; i < 14; ++i) password += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return password.substr(0, 4) + "-" + password.substr(4, 5) + "-" + password.substr(9);
}

}  // namespace hq::identity
