#include "history/chain.h"

#include <sodium.h>

namespace hq::history {

namespace {

std::string joined_content(const Entry& e) {  // format 1
  const std::string separator(1, '\x1f');
  return e.prev_hash + separator + std::to_string(e.id) + separator + std::to_string(e.at) + separator +
         std::to_string(e.account_id) + separator + e.username + separator + e.unit_code + separator + e.action +
         separator + e.entity_type + separator + e.entity_id + separator + e.summary + separator + e.client_address;
}

std::string length_prefixed_content(const Entry& e) {  // format 2
  std::string content(1, '\x02');
  for (const std::string& field :
       {e.prev_hash, std::to_string(e.id), std::to_string(e.at), std::to_string(e.account_id), e.username, e.unit_code,
        e.action, e.entity_type, e.entity_id, e.summary, e.client_address})
    content += std::to_string(field.size()) + ':' + field;
  return content;
}

}  // namespace

std::string entry_hash(const Entry& e) {
  if (e.format != 1 && e.format != 2) return "";
  const std::string content = e.format == 1 ? joined_content(e) : length_prefixed_content(e);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()), content.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool ChainVerifier::feed(const Entry& entry) {
  if (!result_.ok) return false;
  ++result_.checked;
  if (entry.prev_hash != previous_hash_) {
    result_.ok = false;
    result_.first_bad_id = entry.id;
    result_.problem = "Mục " + std::to_string(entry.id) + " không nối với mục trước (mục " +
                      std::to_string(previous_id_) + " đã bị sửa hoặc một mục ở giữa đã bị xóa).";
    return false;
  }
  if (entry.format < previous_format_ || entry.format > kEntryFormat) {
    result_.ok = false;
    result_.first_bad_id = entry.id;
    result_.problem = "Mục " + std::to_string(entry.id) + " ghi theo định dạng " + std::to_string(entry.format) +
                      " sau mục định dạng " + std::to_string(previous_format_) + " (định dạng đã bị sửa).";
    return false;
  }
  if (entry_hash(entry) != entry.hash) {
    result_.ok = false;
    result_.first_bad_id = entry.id;
    result_.problem = "Nội dung mục " + std::to_string(entry.id) + " đã bị sửa đổi.";
    return false;
  }
  previous_hash_ = entry.hash;
  previous_id_ = entry.id;
  previous_format_ = entry.format;
  return true;
}

ChainCheck ChainVerifier::finish(std::int64_t head_last_id, const std::string& head_last_hash) {
  if (result_.ok && (head_last_id != previous_id_ || head_last_hash != previous_hash_)) {
    result_.ok = false;
    result_.first_bad_id = previous_id_ + 1;
    result_.problem = "Các mục sau mục " + std::to_string(previous_id_) + " (đến mục " + std::to_string(head_last_id) +
                      ") đã bị xóa.";
  }
  return result_;
}

}  // namespace hq::history
