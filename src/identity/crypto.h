#pragma once
// Password hashing (Argon2id via libsodium) and opaque tokens. Only token hashes are ever stored.
#include <cstddef>
#include <string>
#include <string_view>

namespace hq::identity {

void init_crypto();  // sodium_init; call once at start
std::string hash_password(const std::string& password);
bool verify_password(const std::string& stored_hash, const std::string& password);
// True when a stored hash was made with other Argon2id limits than hash_password uses today (raised since),
// so a successful login rehashes the password it has just verified.
bool password_needs_rehash(const std::string& stored_hash);
// A hash with explicit limits (tests and migrations of old hashes use it to make "old" hashes).
std::string hash_password_with(const std::string& password, unsigned long long opslimit, std::size_t memlimit);
// 256-bit random token, URL-safe base64 without padding.
std::string new_token();
// Hex BLAKE2b-256 of a token: what the sessions table stores.
std::string token_hash(std::string_view token);
// The CSRF token belonging to a session token (keyed BLAKE2b, so it needs no storage of its own).
std::string csrf_for(std::string_view session_token);
bool constant_time_equal(std::string_view a, std::string_view b);
// A one-time password a person can type: 14 characters from an alphabet without look-alikes.
std::string new_temporary_password();

}  // namespace hq::identity
