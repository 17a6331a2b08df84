#pragma once
// The enterprise directory's folded names, held in memory for the name search (GET /audit/enterprises?q=…).
// Pure data structure: no SQL. name_search.h loads it through the store and keeps it fresh.
//
// A snapshot keeps the enterprises in name order (name_folded, id): an enterprise is its position there. For
// each distinct search word the snapshot keeps the ascending positions of the enterprises that have it
// (postings), so a query word — a word prefix — is a range of the sorted vocabulary, and a query is the
// intersection of its words' postings, starting from the rarest: the result comes out in name order, its
// size is the exact count. Enterprises written after the snapshot sit in a small delta, searched linearly;
// their snapshot entries are marked stale. The owner rebuilds the snapshot when the delta grows.
// Memory: about 8 (id) + 4 × 4 (offsets, tax-code rank) + name + tax code + 4 × words bytes per enterprise
// (memory_bytes() tells).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hq::audit {

class NameIndex {
 public:
  // An enterprise as the search sees it. search_words: its distinct folded words, space-separated (the
  // audit_enterprises.search_words column, rules' joined_words).
  struct Entry {
    std::int64_t id = 0;
    std::string name_folded, tax_code, search_words;
  };
  struct Query {
    std::vector<std::string> words;  // folded words, each matched as the prefix of a word; at least one
    bool by_tax_code = false;        // else by (name_folded, id)
    bool descending = false;
    std::int64_t offset = 0, limit = 20;
  };
  struct Result {
    std::vector<std::int64_t> ids;  // the page, in order
    std::int64_t total = 0;         // every match (exact)
  };

  // Builds a snapshot from enterprises given one at a time, so the directory is never held twice as rows.
  class Builder {
   public:
    void add(std::int64_t id, std::string_view name_folded, std::string_view tax_code, std::string_view search_words);
    NameIndex build() &&;

   private:
    std::vector<std::int64_t> ids_;
    std::string names_, taxes_;
    std::vector<std::uint32_t> name_at_{0}, tax_at_{0}, word_at_{0};
    std::vector<std::uint32_t> words_;  // each enterprise's word numbers (first-seen numbering)
    std::unordered_map<std::string, std::uint32_t> numbers_;
    std::vector<std::string> vocabulary_;
    std::vector<std::string_view> scratch_;  // one enterprise's words
  };

  NameIndex() = default;

  // A new or changed enterprise: it replaces the snapshot's entry (if any) and any earlier change.
  void upsert(const Entry& entry);
  Result search(const Query& query) const;

  std::size_t size() const { return ids_.size() - stale_count_ + delta_.size(); }
  std::size_t pending() const { return delta_.size(); }  // enterprises outside the snapshot
  std::size_t memory_bytes() const;

 private:
  struct Fresh {
    std::int64_t id = 0;
    std::string name_folded, tax_code;
    std::vector<std::string> words;
  };
  struct Range {
    std::uint32_t first = 0, last = 0;  // vocabulary words [first, last) start with the query word
    std::size_t postings = 0;
  };

  std::string_view name(std::uint32_t pos) const { return {names_.data() + name_at_[pos], name_at_[pos + 1] - name_at_[pos]}; }
  std::string_view tax(std::uint32_t pos) const { return {taxes_.data() + tax_at_[pos], tax_at_[pos + 1] - tax_at_[pos]}; }
  Range range_of(const std::string& word) const;
  std::vector<std::uint32_t> expand(const Range& r) const;
  std::vector<std::uint32_t> narrow(std::vector<std::uint32_t> candidates, const Range& r) const;
  std::vector<std::uint32_t> snapshot_matches(const std::vector<std::string>& words) const;
  bool is_stale(std::uint32_t pos) const { return (stale_[pos / 64] >> (pos % 64)) & 1U; }

  // The snapshot, in name order.
  std::vector<std::int64_t> ids_;
  std::string names_, taxes_;
  std::vector<std::uint32_t> name_at_, tax_at_;  // offsets into names_ / taxes_ (size + 1)
  std::vector<std::uint32_t> tax_rank_;          // position → rank in tax-code order
  std::vector<std::uint32_t> by_id_;             // positions in id order
  std::vector<std::string> vocabulary_;          // sorted
  std::vector<std::uint32_t> posting_at_;        // offsets into postings_ (vocabulary size + 1)
  std::vector<std::uint32_t> postings_;
  // Later changes.
  std::vector<std::uint64_t> stale_;  // bit per position
  std::size_t stale_count_ = 0;
  std::vector<Fresh> delta_;
  std::unordered_map<std::int64_t, std::size_t> delta_at_;
};

}  // namespace hq::audit
