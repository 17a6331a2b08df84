#include "audit/name_index.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace hq::audit {

namespace {

// The words of a search_words value (" cong ty thep "), each once, into `words`.
void split_words(std::string_view joined, std::vector<std::string_view>& words) {
  words.clear();
  std::size_t start = 0;
  while (start < joined.size()) {
    const auto end = std::min(joined.find(' ', start), joined.size());
    if (end > start) words.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
}

// The first 16 bytes of a text as two big-endian numbers (zero-padded): comparing them compares those
// bytes, which spares most string comparisons when sorting a million names.
struct SortKey {
  std::uint64_t high = 0, low = 0;
  std::uint32_t row = 0;
};
SortKey sort_key(std::string_view text, std::uint32_t row) {
  SortKey key{0, 0, row};
  for (std::size_t i = 0; i < 16; ++i) {
    const std::uint64_t byte = i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    (i < 8 ? key.high : key.low) |= byte << (8 * (7 - i % 8));
  }
  return key;
}

// Rows 0..n-1 ordered by (text, id).
template <typename Text, typename Id>
std::vector<std::uint32_t> sorted_rows(std::size_t n, Text&& text, Id&& id) {
  std::vector<SortKey> keys;
  keys.reserve(n);
  for (std::uint32_t row = 0; row < n; ++row) keys.push_back(sort_key(text(row), row));
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    const auto ta = text(a.row), tb = text(b.row);
    const int c = ta.substr(std::min<std::size_t>(16, ta.size())).compare(tb.substr(std::min<std::size_t>(16, tb.size())));
    return c != 0 ? c < 0 : id(a.row) < id(b.row);
  });
  std::vector<std::uint32_t> rows;
  rows.reserve(n);
  for (const auto& k : keys) rows.push_back(k.row);
  return rows;
}

std::uint32_t checked_offset(std::size_t size) {
  if (size > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("name index over 4 GB");
  return static_cast<std::uint32_t>(size);
}

bool has_prefix(std::string_view word, std::string_view prefix) { return word.substr(0, prefix.size()) == prefix; }

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// The positions of a bit set, ascending.
std::vector<std::uint32_t> positions_of(const std::vector<std::uint64_t>& bits) {
  std::vector<std::uint32_t> positions;
  for (std::size_t w = 0; w < bits.size(); ++w)
    for (std::uint64_t b = bits[w]; b != 0; b &= b - 1)
      positions.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(b))));
  return positions;
}

}  // namespace

void NameIndex::Builder::add(std::int64_t id, std::string_view name_folded, std::string_view tax_code,
                             std::string_view search_words) {
  ids_.push_back(id);
  names_ += name_folded;
  name_at_.push_back(checked_offset(names_.size()));
  taxes_ += tax_code;
  tax_at_.push_back(checked_offset(taxes_.size()));
  split_words(search_words, scratch_);
  for (const auto word : scratch_) {
    auto [it, added] = numbers_.try_emplace(std::string(word), static_cast<std::uint32_t>(vocabulary_.size()));
    if (added) vocabulary_.emplace_back(word);
    words_.push_back(it->second);
  }
  word_at_.push_back(checked_offset(words_.size()));
}

NameIndex NameIndex::Builder::build() && {
  const std::size_t n = ids_.size();
  checked_offset(n);
  const auto name_of = [&](std::uint32_t i) {
    return std::string_view(names_.data() + name_at_[i], name_at_[i + 1] - name_at_[i]);
  };
  const auto tax_of = [&](std::uint32_t i) {
    return std::string_view(taxes_.data() + tax_at_[i], tax_at_[i + 1] - tax_at_[i]);
  };
  const auto id_of = [&](std::uint32_t row) { return ids_[row]; };
  const std::vector<std::uint32_t> order = sorted_rows(n, name_of, id_of);  // position → row added

  NameIndex index;
  index.ids_.reserve(n);
  index.names_.reserve(names_.size());
  index.taxes_.reserve(taxes_.size());
  index.name_at_.reserve(n + 1);
  index.tax_at_.reserve(n + 1);
  index.name_at_.push_back(0);
  index.tax_at_.push_back(0);
  for (const auto row : order) {
    index.ids_.push_back(ids_[row]);
    index.names_ += name_of(row);
    index.name_at_.push_back(static_cast<std::uint32_t>(index.names_.size()));
    index.taxes_ += tax_of(row);
    index.tax_at_.push_back(static_cast<std::uint32_t>(index.taxes_.size()));
  }
  std::string().swap(names_);
  std::string().swap(taxes_);

  auto by_tax = sorted_rows(n, [&](std::uint32_t pos) { return index.tax(pos); }, [&](std::uint32_t pos) { return index.ids_[pos]; });
  index.tax_rank_.resize(n);
  for (std::uint32_t rank = 0; rank < n; ++rank) index.tax_rank_[by_tax[rank]] = rank;
  index.by_id_ = std::move(by_tax);
  if (std::is_sorted(ids_.begin(), ids_.end())) {  // added in id order (the store's load): invert `order`
    for (std::uint32_t pos = 0; pos < n; ++pos) index.by_id_[order[pos]] = pos;
  } else {
    std::iota(index.by_id_.begin(), index.by_id_.end(), 0U);
    std::sort(index.by_id_.begin(), index.by_id_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return index.ids_[a] < index.ids_[b]; });
  }

  // Words renumbered in sorted order; postings filled by ascending position, so each list comes out sorted.
  std::vector<std::uint32_t> sorted(vocabulary_.size());
  std::iota(sorted.begin(), sorted.end(), 0U);
  std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t a, std::uint32_t b) { return vocabulary_[a] < vocabulary_[b]; });
  std::vector<std::uint32_t> renumber(sorted.size());
  for (std::uint32_t i = 0; i < sorted.size(); ++i) renumber[sorted[i]] = i;
  index.vocabulary_.reserve(sorted.size());
  for (const auto w : sorted) index.vocabulary_.push_back(std::move(vocabulary_[w]));
  index.posting_at_.assign(sorted.size() + 1, 0);
  for (const auto w : words_) ++index.posting_at_[renumber[w] + 1];
  std::partial_sum(index.posting_at_.begin(), index.posting_at_.end(), index.posting_at_.begin());
  std::vector<std::uint32_t> cursor(index.posting_at_.begin(), index.posting_at_.end() - 1);
  index.postings_.resize(words_.size());
  for (std::uint32_t pos = 0; pos < n; ++pos) {
    const auto row = order[pos];
    for (auto i = word_at_[row]; i < word_at_[row + 1]; ++i) index.postings_[cursor[renumber[words_[i]]]++] = pos;
  }
  index.stale_.assign(n / 64 + 1, 0);
  return index;
}

NameIndex::Range NameIndex::range_of(const std::string& word) const {
  const auto first = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), word);
  const auto last = std::partition_point(first, vocabulary_.end(), [&](const std::string& w) { return has_prefix(w, word); });
  Range r{static_cast<std::uint32_t>(first - vocabulary_.begin()), static_cast<std::uint32_t>(last - vocabulary_.begin()), 0};
  r.postings = posting_at_[r.last] - posting_at_[r.first];
  return r;
}

// The positions of the enterprises with a word in the range, ascending.
std::vector<std::uint32_t> NameIndex::expand(const Range& r) const {
  const auto begin = postings_.begin() + posting_at_[r.first], end = postings_.begin() + posting_at_[r.last];
  if (r.last - r.first == 1) return {begin, end};
  if (r.postings * 16 < ids_.size()) {  // few: sorting them costs less than a bit per enterprise
    std::vector<std::uint32_t> positions(begin, end);
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    return positions;
  }
  std::vector<std::uint64_t> bits(ids_.size() / 64 + 1, 0);
  for (auto it = begin; it != end; ++it) bits[*it / 64] |= std::uint64_t{1} << (*it % 64);
  return positions_of(bits);
}

// The candidates that also have a word in the range. Per word of the range, each candidate is looked up
// in its postings (binary search from the previous hit) when there are few candidates; otherwise the
// range's postings are read once into a bit set.
std::vector<std::uint32_t> NameIndex::narrow(std::vector<std::uint32_t> candidates, const Range& r) const {
  if (candidates.empty()) return candidates;
  std::vector<char> keep(candidates.size(), 0);
  const std::size_t lookups = (r.last - r.first) * candidates.size() * 8;
  if (lookups < r.postings) {
    for (auto w = r.first; w < r.last; ++w) {
      auto it = postings_.begin() + posting_at_[w];
      const auto end = postings_.begin() + posting_at_[w + 1];
      for (std::size_t i = 0; i < candidates.size() && it != end; ++i) {
        it = std::lower_bound(it, end, candidates[i]);
        if (it != end && *it == candidates[i]) keep[i] = 1;
      }
    }
  } else if (r.last - r.first == 1) {
    const auto begin = postings_.begin() + posting_at_[r.first], end = postings_.begin() + posting_at_[r.last];
    std::vector<std::uint32_t> both;
    std::set_intersection(candidates.begin(), candidates.end(), begin, end, std::back_inserter(both));
    return both;
  } else {
    std::vector<std::uint64_t> bits(ids_.size() / 64 + 1, 0);
    for (auto i = posting_at_[r.first]; i < posting_at_[r.last]; ++i)
      bits[postings_[i] / 64] |= std::uint64_t{1} << (postings_[i] % 64);
    for (std::size_t i = 0; i < candidates.size(); ++i) keep[i] = (bits[candidates[i] / 64] >> (candidates[i] % 64)) & 1U;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (keep[i]) candidates[kept++] = candidates[i];
  candidates.resize(kept);
  return candidates;
}

// The snapshot's live enterprises that match every word, in name order: the rarest word's postings,
// narrowed by the others from the rarest up.
std::vector<std::uint32_t> NameIndex::snapshot_matches(const std::vector<std::string>& words) const {
  std::vector<std::uint32_t> matches;
  if (words.empty()) {
    matches.resize(ids_.size());
    std::iota(matches.begin(), matches.end(), 0U);
  } else {
    std::vector<Range> ranges;
    for (const auto& w : words) {
      ranges.push_back(range_of(w));
      if (ranges.back().postings == 0) return {};
    }
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.postings < b.postings; });
    matches = expand(ranges.front());
    for (std::size_t i = 1; i < ranges.size() && !matches.empty(); ++i) matches = narrow(std::move(matches), ranges[i]);
  }
  if (stale_count_ > 0)
    matches.erase(std::remove_if(matches.begin(), matches.end(), [&](std::uint32_t pos) { return is_stale(pos); }),
                  matches.end());
  return matches;
}

void NameIndex::upsert(const Entry& entry) {
  Fresh fresh{entry.id, entry.name_folded, entry.tax_code, {}};
  std::vector<std::string_view> words;
  split_words(entry.search_words, words);
  for (const auto w : words) fresh.words.emplace_back(w);
  if (const auto it = delta_at_.find(entry.id); it != delta_at_.end()) {
    delta_[it->second] = std::move(fresh);
    return;
  }
  const auto it = std::lower_bound(by_id_.begin(), by_id_.end(), entry.id,
                                   [&](std::uint32_t pos, std::int64_t id) { return ids_[pos] < id; });
  if (it != by_id_.end() && ids_[*it] == entry.id && !is_stale(*it)) {
    stale_[*it / 64] |= std::uint64_t{1} << (*it % 64);
    ++stale_count_;
  }
  delta_at_[entry.id] = delta_.size();
  delta_.push_back(std::move(fresh));
}

NameIndex::Result NameIndex::search(const Query& q) const {
  const auto snapshot = snapshot_matches(q.words);
  std::vector<const Fresh*> fresh;
  for (const auto& f : delta_) {
    const bool all = std::all_of(q.words.begin(), q.words.end(), [&](const std::string& w) {
      return std::any_of(f.words.begin(), f.words.end(), [&](const std::string& x) { return has_prefix(x, w); });
    });
    if (all) fresh.push_back(&f);
  }
  Result result;
  result.total = static_cast<std::int64_t>(snapshot.size() + fresh.size());
  const auto offset = static_cast<std::size_t>(std::max<std::int64_t>(q.offset, 0));
  const auto wanted = std::min(offset + static_cast<std::size_t>(std::max<std::int64_t>(q.limit, 0)),
                               static_cast<std::size_t>(result.total));
  if (offset >= wanted) return result;

  // The first `wanted` of each side in the requested order, then merged. Keys: (name, id) or tax code.
  struct Key {
    std::string_view text;
    std::int64_t id;
  };
  const auto before = [&](const Key& a, const Key& b) {
    const int c = a.text.compare(b.text);
    const bool less = c != 0 ? c < 0 : a.id < b.id;
    return q.descending ? (c != 0 ? c > 0 : a.id > b.id) : less;
  };
  const auto snapshot_key = [&](std::uint32_t pos) { return Key{q.by_tax_code ? tax(pos) : name(pos), ids_[pos]}; };
  const auto fresh_key = [&](const Fresh* f) { return Key{q.by_tax_code ? f->tax_code : f->name_folded, f->id}; };
  std::vector<std::uint32_t> head;
  const auto take = std::min(wanted, snapshot.size());
  if (!q.by_tax_code) {  // positions are name order
    if (q.descending)
      head.assign(snapshot.rbegin(), snapshot.rbegin() + static_cast<std::ptrdiff_t>(take));
    else
      head.assign(snapshot.begin(), snapshot.begin() + static_cast<std::ptrdiff_t>(take));
  } else {
    head = snapshot;
    const auto by_rank = [&](std::uint32_t a, std::uint32_t b) {
      return q.descending ? tax_rank_[a] > tax_rank_[b] : tax_rank_[a] < tax_rank_[b];
    };
    std::partial_sort(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(take), head.end(), by_rank);
    head.resize(take);
  }
  std::sort(fresh.begin(), fresh.end(), [&](const Fresh* a, const Fresh* b) { return before(fresh_key(a), fresh_key(b)); });
  std::size_t i = 0, j = 0;
  for (std::size_t n = 0; n < wanted; ++n) {
    const bool from_snapshot = j == fresh.size() || (i < head.size() && before(snapshot_key(head[i]), fresh_key(fresh[j])));
    const std::int64_t id = from_snapshot ? ids_[head[i++]] : fresh[j++]->id;
    if (n >= offset) result.ids.push_back(id);
  }
  return result;
}

std::size_t NameIndex::memory_bytes() const {
  std::size_t bytes = bytes_of(ids_) + names_.capacity() + taxes_.capacity() + bytes_of(name_at_) + bytes_of(tax_at_) +
                      bytes_of(tax_rank_) + bytes_of(by_id_) + bytes_of(posting_at_) + bytes_of(postings_) +
                      bytes_of(stale_) + bytes_of(vocabulary_) + bytes_of(delta_);
  for (const auto& w : vocabulary_) bytes += w.capacity() + 1;
  for (const auto& f : delta_) {
    bytes += f.name_folded.capacity() + f.tax_code.capacity() + bytes_of(f.words) + 64;  // + the id map's node
    for (const auto& w : f.words) bytes += w.capacity();
  }
  return bytes;
}

}  // namespace hq::audit
