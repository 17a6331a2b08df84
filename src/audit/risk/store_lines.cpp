// Declaration lines: bulk upsert, the run's columns, an enterprise's lines, heading rates and the SQL-only
// reference computation of the indicators.
#include <charconv>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include <soci/sqlite3/soci-sqlite3.h>

#include "audit/risk/store.h"
#include "core/error.h"
#include "db/copy.h"
#include "db/row.h"

namespace hq::audit::risk::store {

namespace {

// soci-sqlite3.h declares the SQLite C API inside namespace sqlite_api.
using namespace ::sqlite_api;

constexpr const char* kLineColumns =
    "declaration_no, line, registered_at, tax_code, flow, type_code, office_code, hs_code, origin_country, "
    "customs_value, duty, vat, preferential, channel, amendments";
constexpr const char* kDropIndex = "DROP INDEX audit_declaration_lines_enterprise";
constexpr const char* kCreateIndex =
    "CREATE INDEX audit_declaration_lines_enterprise ON audit_declaration_lines(tax_code, registered_at)";
bool is_bulk(std::int64_t expected, std::int64_t stored) { return expected >= 100'000 && expected * 2 >= stored; }
constexpr int kSqliteRowsPerStatement = 64;         // 15 × 64 parameters per multi-row INSERT
constexpr std::int64_t kPostgresBatch = 500'000;    // lines copied before each INSERT … SELECT

sqlite3* sqlite_of(soci::session& sql) {
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
}

struct Statement {
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
  Statement(sqlite3* d, const std::string& text) : db(d) {
    if (sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr) != SQLITE_OK)
      sqlite_fail(db, "prepare");
  }
  ~Statement() { sqlite3_finalize(stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
};

std::string insert_statement(int rows) {
  std::string text = std::string("INSERT OR REPLACE INTO audit_declaration_lines (") + kLineColumns + ") VALUES ";
  for (int r = 0; r < rows; ++r) text += r ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  return text;
}

void bind_line(sqlite3_stmt* s, int base, const DeclarationLine& l) {
  const auto text = [&](int i, const std::string& v) {
    sqlite3_bind_text(s, base + i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  sqlite3_bind_int64(s, base + 1, l.declaration_no);
  sqlite3_bind_int64(s, base + 2, l.line);
  sqlite3_bind_int64(s, base + 3, l.registered_at);
  text(4, l.tax_code);
  sqlite3_bind_int64(s, base + 5, l.flow);
  text(6, l.type_code);
  text(7, l.office_code);
  text(8, l.hs_code);
  text(9, l.origin_country);
  sqlite3_bind_int64(s, base + 10, l.customs_value);
  sqlite3_bind_int64(s, base + 11, l.duty);
  sqlite3_bind_int64(s, base + 12, l.vat);
  sqlite3_bind_int64(s, base + 13, l.preferential);
  sqlite3_bind_int64(s, base + 14, l.channel);
  sqlite3_bind_int64(s, base + 15, l.amendments);
}

std::int64_t key_of(const DeclarationLine& l) { return l.declaration_no * 1000 + l.line; }  // line ≤ 999

// The highest (declaration, line) key stored, −1 when the table is empty: one step down the primary key.
std::int64_t stored_max_key(soci::session& sql) {
  long long declaration = -1, line = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT declaration_no, line FROM audit_declaration_lines ORDER BY declaration_no DESC, line DESC LIMIT 1",
      soci::into(declaration, ind), soci::into(line);
  return sql.got_data() && ind == soci::i_ok ? declaration * 1000 + line : -1;
}

// Statements prepared once per import; a full buffer goes out as one multi-row INSERT.
//
// Durability: the whole import is one transaction (BEGIN IMMEDIATE … COMMIT) in WAL mode. Pages that do not fit
// the cache spill into the WAL as uncommitted frames; a crash before the commit frame leaves them ignored by
// recovery, so nothing is half-written. `synchronous` stays NORMAL on purpose: in WAL mode NORMAL does not sync
// during the transaction or at its commit anyway, its only syncs are the WAL before the checkpoint copies it
// into the database and the database after; OFF would save just those two and could corrupt the database file
// on a power loss during that checkpoint (docs/performance.md, "step 1 (audit17)").
class SqliteLineWriter : public LineWriter {
 public:
  SqliteLineWriter(soci::session& sql, std::int64_t expected)
      : sql_(sql), db_(sqlite_of(sql)), many_(db_, insert_statement(kSqliteRowsPerStatement)), one_(db_, insert_statement(1)) {
    last_key_ = stored_max_key(sql);
    before_ = last_key_ < 0 ? 0 : count_lines(sql);
    bulk_ = is_bulk(expected, before_);
    if (bulk_) sql_ << kDropIndex;
    buffer_.resize(kSqliteRowsPerStatement);
    // The index on (tax_code, registered_at) takes inserts all over its tree: with the default 2 MB page cache
    // a big import would write the same pages to the WAL again and again. 1 GiB for the import only.
    sql_ << "PRAGMA cache_size = -1048576";
  }
  ~SqliteLineWriter() override {
    try {
      sql_ << "PRAGMA cache_size = -2000";
      sql_ << "PRAGMA threads = 0";
    } catch (...) {  // the session is returned to the pool either way
    }
  }
  void add(const DeclarationLine& line) override {
    track(line);
    buffer_[used_++] = line;
    if (used_ == buffer_.size()) {
      for (int r = 0; r < kSqliteRowsPerStatement; ++r) bind_line(many_.stmt, r * 15, buffer_[r]);
      step(many_);
      used_ = 0;
    }
  }
  // Full statements are bound straight from the batch (no copy into the buffer); the rest goes through add.
  void add_all(const std::vector<DeclarationLine>& lines) override {
    std::size_t i = 0;
    for (; i < lines.size() && used_ > 0; ++i) add(lines[i]);
    for (; i + kSqliteRowsPerStatement <= lines.size(); i += kSqliteRowsPerStatement) {
      for (int r = 0; r < kSqliteRowsPerStatement; ++r) {
        track(lines[i + r]);
        bind_line(many_.stmt, r * 15, lines[i + r]);
      }
      step(many_);
    }
    for (; i < lines.size(); ++i) add(lines[i]);
  }
  std::int64_t finish() override {
    for (std::size_t r = 0; r < used_; ++r) {
      bind_line(one_.stmt, 0, buffer_[r]);
      step(one_);
    }
    used_ = 0;
    if (bulk_) {
      // The parse stage is over: the index's sort may use the second core.
      sql_ << "PRAGMA threads = 2";
      sql_ << kCreateIndex;
    }
    return appending_ ? added_ : count_lines(sql_) - before_;
  }

 private:
  // While every key is above the last one (and above what was stored), every line is a new one: the count of
  // new lines needs no count(*) over the table at the end.
  void track(const DeclarationLine& line) {
    const std::int64_t key = key_of(line);
    if (key > last_key_) last_key_ = key;
    else appending_ = false;
    ++added_;
  }
  void step(Statement& s) {
    if (sqlite3_step(s.stmt) != SQLITE_DONE) sqlite_fail(db_, "insert");
    sqlite3_reset(s.stmt);
  }
  soci::session& sql_;
  sqlite3* db_;
  Statement many_, one_;
  std::vector<DeclarationLine> buffer_;
  std::size_t used_ = 0;
  std::int64_t before_ = 0, last_key_ = -1, added_ = 0;
  bool bulk_ = false, appending_ = true;
};

// Two ways in, chosen line by line. While the keys rise above everything stored (an extract of new
// declarations, in the order VNACCS numbers them), lines are COPYed straight into the table: none can replace
// another. From the first key that does not rise, the rest goes through a temporary table and one
// INSERT … SELECT … ON CONFLICT per batch (the last row of a repeated key wins, as on SQLite). The table is
// locked against other writers (SHARE ROW EXCLUSIVE; readers go on) so "above everything stored" stays true
// until the commit.
class PostgresLineWriter : public LineWriter {
 public:
  PostgresLineWriter(soci::session& sql, std::int64_t expected) : sql_(sql) {
    sql_ << "LOCK TABLE audit_declaration_lines IN SHARE ROW EXCLUSIVE MODE";
    if (expected >= 100'000) {
      long long stored = 0;  // the planner's estimate: exact enough to choose
      sql_ << "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE relname = 'audit_declaration_lines'",
          soci::into(stored);
      bulk_ = is_bulk(expected, stored);
    }
    if (bulk_) sql_ << kDropIndex;
    last_key_ = stored_max_key(sql_);
    copy_ = std::make_unique<db::CopyIn>(sql_, std::string("COPY audit_declaration_lines (") + kLineColumns + ") FROM STDIN");
  }
  void add(const DeclarationLine& l) override {
    const std::int64_t key = key_of(l);
    if (direct_) {
      if (key > last_key_) {
        last_key_ = key;
        row(l);
        ++created_;
        return;
      }
      copy_->finish();  // the first key that does not rise: upserts from here on
      direct_ = false;
      sql_ << "CREATE TEMP TABLE IF NOT EXISTS risk_import_lines (seq bigint, declaration_no bigint, line bigint, "
              "registered_at bigint, tax_code text, flow bigint, type_code text, office_code text, hs_code text, "
              "origin_country text, customs_value bigint, duty bigint, vat bigint, preferential bigint, channel bigint, "
              "amendments bigint) ON COMMIT DROP";
      open();
    }
    // A key twice in one INSERT … ON CONFLICT is an error: the batch goes out before the repeat.
    if (!keys_.insert(key).second) {
      flush();
      keys_.insert(key);
    }
    copy_->number(++seq_);
    row(l);
    if (++pending_ == kPostgresBatch) flush();
  }
  std::int64_t finish() override {
    if (direct_) copy_->finish();
    else flush(), copy_->finish();
    copy_.reset();
    if (bulk_) {
      sql_ << "SET LOCAL maintenance_work_mem = '512MB'";  // the index's sort in memory, this transaction only
      sql_ << kCreateIndex;
    }
    return created_;
  }

 private:
  void row(const DeclarationLine& l) {
    copy_->number(l.declaration_no).number(l.line).number(l.registered_at).text(l.tax_code);
    copy_->number(l.flow).text(l.type_code).text(l.office_code).text(l.hs_code).text(l.origin_country);
    copy_->number(l.customs_value).number(l.duty).number(l.vat).number(l.preferential).number(l.channel);
    copy_->number(l.amendments).end_row();
  }
  void open() {
    copy_ = std::make_unique<db::CopyIn>(sql_, std::string("COPY risk_import_lines (seq, ") + kLineColumns + ") FROM STDIN");
  }
  void flush() {
    if (pending_ == 0) return;
    copy_->finish();
    std::int64_t created = 0;
    sql_ << std::string("WITH ins AS (INSERT INTO audit_declaration_lines (") + kLineColumns +
                ") SELECT " + kLineColumns + " FROM risk_import_lines "
                "ON CONFLICT (declaration_no, line) DO UPDATE SET registered_at = EXCLUDED.registered_at, "
                "tax_code = EXCLUDED.tax_code, flow = EXCLUDED.flow, type_code = EXCLUDED.type_code, "
                "office_code = EXCLUDED.office_code, hs_code = EXCLUDED.hs_code, "
                "origin_country = EXCLUDED.origin_country, customs_value = EXCLUDED.customs_value, "
                "duty = EXCLUDED.duty, vat = EXCLUDED.vat, preferential = EXCLUDED.preferential, "
                "channel = EXCLUDED.channel, amendments = EXCLUDED.amendments RETURNING (xmax = 0) AS inserted) "
                "SELECT count(*) FROM ins WHERE inserted",
        soci::into(created);
    created_ += created;
    sql_ << "TRUNCATE risk_import_lines";
    pending_ = 0;
    keys_.clear();
    open();
  }
  soci::session& sql_;
  std::unique_ptr<db::CopyIn> copy_;
  std::int64_t seq_ = 0, pending_ = 0, created_ = 0, last_key_ = -1;
  std::unordered_set<std::int64_t> keys_;  // (declaration, line) of the pending batch
  bool bulk_ = false, direct_ = true;
};

std::int64_t number(std::string_view s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Splits a COPY text row on tabs (our columns carry no escapes: digits and codes only).
void split_tabs(std::string_view row, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  for (std::size_t i = 0; i <= row.size(); ++i)
    if (i == row.size() || row[i] == '\t') out.push_back(row.substr(start, i - start)), start = i + 1;
}

}  // namespace

bool is_postgresql(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

std::unique_ptr<LineWriter> line_writer(soci::session& sql, std::int64_t expected_lines) {
  if (is_postgresql(sql)) return std::make_unique<PostgresLineWriter>(sql, expected_lines);
  return std::make_unique<SqliteLineWriter>(sql, expected_lines);
}

std::int64_t count_lines(soci::session& sql) {
  long long n = 0;
  sql << "SELECT count(*) FROM audit_declaration_lines", soci::into(n);
  return n;
}

namespace {

// Pushes loaded lines into columns (an enterprise's lines mostly follow each other: its index is looked up once).
struct LinePusher {
  explicit LinePusher(LineColumns& columns) : out(columns) {}
  LineColumns& out;
  std::string last_tax, last_office;
  std::uint32_t ent = 0;
  std::uint16_t off = 0;
  void operator()(std::int64_t decl, std::string_view tax, std::string_view office, std::int64_t at, std::int64_t flow,
                  std::string_view hs, std::int64_t value, std::int64_t duty, std::int64_t pref, std::int64_t channel,
                  std::int64_t amendments) {
    if (tax != last_tax || out.tax_codes.empty()) last_tax.assign(tax), ent = out.enterprise_index(tax);
    if (office != last_office || out.offices.empty()) last_office.assign(office), off = out.office_index(office);
    out.push(ent, off, decl, at, static_cast<std::uint8_t>(flow), hs, value, duty, static_cast<std::uint8_t>(pref),
             static_cast<std::uint8_t>(channel), amendments);
  }
  // A binary COPY row of kCopyColumns (all NOT NULL).
  void operator()(const db::CopyBinaryDecoder::Fields& f) {
    if (f.size() != 8) throw std::runtime_error("unexpected COPY row");
    const auto at = [&](std::size_t i) {
      if (!f[i]) throw std::runtime_error("unexpected NULL in a declaration line");
      return *f[i];
    };
    const auto n = [&](std::size_t i) { return db::CopyBinaryDecoder::integer(at(i)); };
    const std::int64_t small = n(7);
    (*this)(n(0), at(1), at(2), n(3), small & 255, at(4), n(5), n(6), (small >> 8) & 255, (small >> 16) & 255,
            (small >> 24) & 65535);
  }
};

constexpr const char* kLoadColumns =
    "declaration_no, tax_code, office_code, registered_at, flow, hs_code, customs_value, duty, preferential, "
    "channel, amendments";
// PostgreSQL: the four small numbers in one bigint, as the columns keep them (flow, preferential and channel
// as bytes, amendments capped at 65535, all as the static_casts of the text path): the server's binary COPY
// spends most of its time per field sent (a buffer allocated for each), so 8 fields a row instead of 11.
// (Bitwise operators share one precedence in PostgreSQL: every step is in parentheses.)
constexpr const char* kCopyColumns =
    "declaration_no, tax_code, office_code, registered_at, hs_code, customs_value, duty, "
    "((flow & 255) | ((preferential & 255) << 8) | ((channel & 255) << 16) | ((least(amendments, 65535) & 65535) << 24))";

}  // namespace

void load_lines(soci::session& sql, std::int64_t from_at, std::int64_t to_at, LineColumns& out, soci::session* second,
                std::int64_t split_pages) {
  LinePusher push{out};
  const std::string columns = kLoadColumns;
  if (is_postgresql(sql)) {
    // No ORDER BY: the heap is in import order, which is almost always declaration order; the computation
    // checks and sorts when it is not. Binary format: the server sends bigints as 8 bytes and text as is (no
    // number to print and parse again).
    const std::string query = std::string("COPY (SELECT ") + kCopyColumns + " FROM audit_declaration_lines WHERE registered_at >= " +
                              std::to_string(from_at) + " AND registered_at < " + std::to_string(to_at);
    const std::string binary = ") TO STDOUT (FORMAT binary)";
    long long pages = 0, rows = 0;
    sql << "SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint, greatest(c.reltuples, 0)::bigint "
           "FROM pg_class c WHERE c.oid = 'audit_declaration_lines'::regclass",
        soci::into(pages), soci::into(rows);
    // The columns are reserved from the planner's row count (the whole table: an upper bound of the period's
    // lines, up to the statistics' drift): growing 10M-element vectors by doubling copied them and faulted in
    // up to three times their final size. Reserved pages never written cost no memory.
    const auto estimate = static_cast<std::size_t>(rows);
    // A big table is read as two halves of its pages at once (two server processes, one snapshot), the second
    // half into its own columns, appended after the first: heap order is kept.
    if (second && pages >= split_pages && std::thread::hardware_concurrency() >= 2) {
      const std::string half = "'(" + std::to_string(pages / 2) + ",0)'::tid";
      out.reserve(out.size() + estimate + estimate / 16);
      LineColumns rest;
      rest.reserve(estimate / 2 + estimate / 16);
      LinePusher push_rest{rest};
      if (db::copy_out_binary_parallel(sql, {second},
                                       {query + " AND ctid < " + half + binary, query + " AND ctid >= " + half + binary},
                                       [&](std::size_t i, const db::CopyBinaryDecoder::Fields& f) {
                                         if (i == 0) push(f);
                                         else push_rest(f);
                                       })) {
        out.append(rest);
        return;
      }
    }
    out.reserve(out.size() + estimate + estimate / 16);
    db::copy_out_binary(sql, query + binary, [&](const db::CopyBinaryDecoder::Fields& f) { push(f); });
    return;
  }
  sqlite3* db = sqlite_of(sql);
  Statement s(db, "SELECT " + columns + " FROM audit_declaration_lines WHERE registered_at >= ? AND registered_at < ? "
                  "ORDER BY declaration_no, line");
  sqlite3_bind_int64(s.stmt, 1, from_at);
  sqlite3_bind_int64(s.stmt, 2, to_at);
  const auto text = [&](int i) {
    return std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, i)),
                            static_cast<std::size_t>(sqlite3_column_bytes(s.stmt, i)));
  };
  int rc;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW)
    push(sqlite3_column_int64(s.stmt, 0), text(1), text(2), sqlite3_column_int64(s.stmt, 3),
         sqlite3_column_int64(s.stmt, 4), text(5), sqlite3_column_int64(s.stmt, 6), sqlite3_column_int64(s.stmt, 7),
         sqlite3_column_int64(s.stmt, 8), sqlite3_column_int64(s.stmt, 9), sqlite3_column_int64(s.stmt, 10));
  if (rc != SQLITE_DONE) sqlite_fail(db, "load");
}

void enterprise_lines(soci::session& sql, const std::string& tax_code, std::int64_t from_at, std::int64_t to_at,
                      const std::function<void(const DeclarationLine&)>& visit) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kLineColumns +
                                                     " FROM audit_declaration_lines WHERE tax_code = :t AND "
                                                     "registered_at >= :f AND registered_at < :u "
                                                     "ORDER BY declaration_no, line",
                                  soci::use(tax_code), soci::use(from_at), soci::use(to_at));
  DeclarationLine l;
  for (const auto& r : rows) {
    l.declaration_no = db::int_at(r, std::size_t{0});
    l.line = db::int_at(r, 1);
    l.registered_at = db::int_at(r, 2);
    l.tax_code = db::text_at(r, 3);
    l.flow = static_cast<std::uint8_t>(db::int_at(r, 4));
    l.type_code = db::text_at(r, 5);
    l.office_code = db::text_at(r, 6);
    l.hs_code = db::text_at(r, 7);
    l.origin_country = db::text_at(r, 8);
    l.customs_value = db::int_at(r, 9);
    l.duty = db::int_at(r, 10);
    l.vat = db::int_at(r, 11);
    l.preferential = static_cast<std::uint8_t>(db::int_at(r, 12));
    l.channel = static_cast<std::uint8_t>(db::int_at(r, 13));
    l.amendments = db::int_at(r, 14);
    visit(l);
  }
}

std::unordered_map<std::string, std::vector<double>> heading_rates(soci::session& sql,
                                                                   const std::vector<std::string>& headings,
                                                                   std::int64_t from_at, std::int64_t to_at) {
  std::unordered_map<std::string, std::vector<double>> out;
  for (const auto& h : headings) {
    // hs_code is compared as text: the heading's codes lie in [h, h + ":") ("0000" … "9999" are digits).
    const std::string end = h + ":";
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT CAST(sum(duty) AS bigint), CAST(sum(customs_value) AS bigint) FROM audit_declaration_lines "
                        "WHERE flow = 0 AND "
                        "hs_code >= :h AND hs_code < :e AND registered_at >= :f AND registered_at < :u "
                        "GROUP BY tax_code",
         soci::use(h), soci::use(end), soci::use(from_at), soci::use(to_at));
    auto& list = out[h];
    for (const auto& r : rows) {
      const auto duty = static_cast<double>(db::int_at(r, std::size_t{0})), value = static_cast<double>(db::int_at(r, 1));
      if (value > 0) list.push_back(duty / value);
    }
  }
  return out;
}

std::vector<IndicatorValues> reference_indicators(soci::session& sql, const RunWindow& w, std::int64_t min_declarations,
                                                  const std::string& since_on, const std::string& until_on,
                                                  std::int64_t since_at, std::int64_t until_at) {
  if (!is_postgresql(sql))
    throw core::Error(core::ErrorKind::Unavailable, "REFERENCE_NEEDS_POSTGRESQL",
                      "Phép tính đối chiếu bằng SQL chỉ chạy trên PostgreSQL (percentile_cont).");
  const auto n = [](std::int64_t v) { return std::to_string(v); };
  const auto q = [](const std::string& s) {  // dates we formatted ourselves: digits and '-'
    for (char c : s)
      if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-')) throw std::invalid_argument("date");
    return "'" + s + "'";
  };
  const std::string query =
      "WITH cur AS (SELECT * FROM audit_declaration_lines WHERE registered_at >= " + n(w.from_at) +
      " AND registered_at < " + n(w.to_at) +
      "), decl AS (SELECT tax_code, declaration_no, max(channel) AS ch, max(amendments) AS am, min(office_code) AS office"
      " FROM cur GROUP BY tax_code, declaration_no)"
      ", dstat AS (SELECT tax_code, count(*) AS n, count(*) FILTER (WHERE ch = 2) AS red, sum(am) AS am FROM decl"
      " GROUP BY tax_code HAVING count(*) >= " + n(min_declarations) +
      "), home AS (SELECT DISTINCT ON (tax_code) tax_code, office FROM (SELECT tax_code, office, count(*) AS c FROM decl"
      " GROUP BY tax_code, office) x ORDER BY tax_code, c DESC, office)"
      ", val AS (SELECT tax_code, sum(customs_value) AS total, coalesce(sum(customs_value) FILTER (WHERE flow = 0), 0) AS imp,"
      " coalesce(sum(duty) FILTER (WHERE flow = 0), 0) AS imp_duty,"
      " coalesce(sum(customs_value) FILTER (WHERE flow = 0 AND preferential = 1), 0) AS pref FROM cur GROUP BY tax_code)"
      ", heading AS (SELECT tax_code, substr(hs_code, 1, 4) AS h, sum(customs_value) AS v, sum(duty) AS d FROM cur"
      " WHERE flow = 0 GROUP BY tax_code, substr(hs_code, 1, 4))"
      ", med AS (SELECT h, percentile_cont(0.5) WITHIN GROUP (ORDER BY d::float8 / v::float8) AS m FROM heading"
      " WHERE v > 0 GROUP BY h)"
      ", peer AS (SELECT x.tax_code, sum(x.v::float8 * med.m) / sum(x.v::float8) AS rate FROM heading x"
      " JOIN med USING (h) WHERE x.v > 0 GROUP BY x.tax_code)"
      ", prev AS (SELECT tax_code, sum(customs_value) AS v FROM audit_declaration_lines WHERE registered_at >= " +
      n(w.previous_from_at) + " AND registered_at < " + n(w.from_at) + " AND flow = 0 GROUP BY tax_code)"
      ", findings AS (SELECT e.tax_code, count(*) AS n FROM audit_conclusions c JOIN audit_proposals p ON p.id = c.proposal_id"
      " JOIN audit_enterprises e ON e.id = p.enterprise_id WHERE c.signed_on >= " + q(since_on) +
      " AND c.signed_on <= " + q(until_on) +
      " AND c.import_tax + c.export_tax + c.vat + c.excise + c.environment + c.trade_remedy + c.late_interest"
      " + c.penalty > 0 GROUP BY e.tax_code)"
      ", audited AS (SELECT DISTINCT e.tax_code FROM audit_proposals p JOIN audit_enterprises e ON e.id = p.enterprise_id"
      " WHERE p.approved_at IS NOT NULL AND p.status <> 'CANCELLED' AND p.approved_at >= " + n(since_at) +
      " AND p.approved_at < " + n(until_at) + ")"
      " SELECT s.tax_code, coalesce(home.office, ''), s.n, s.red, s.am, val.imp::bigint, val.total::bigint,"
      " val.pref::bigint, coalesce(prev.v, 0)::bigint,"
      " CASE WHEN val.imp > 0 THEN val.imp_duty::float8 / val.imp::float8 ELSE 0 END, coalesce(peer.rate, 0),"
      " coalesce(findings.n, 0), CASE WHEN audited.tax_code IS NULL THEN 0 ELSE 1 END"
      " FROM dstat s JOIN val USING (tax_code) LEFT JOIN home USING (tax_code) LEFT JOIN peer USING (tax_code)"
      " LEFT JOIN prev USING (tax_code) LEFT JOIN findings USING (tax_code) LEFT JOIN audited USING (tax_code)"
      " ORDER BY s.tax_code";
  std::vector<IndicatorValues> out;
  std::vector<std::string_view> f;
  db::copy_out(sql, "COPY (" + query + ") TO STDOUT", [&](std::string_view row) {
    split_tabs(row, f);
    if (f.size() != 13) throw std::runtime_error("unexpected COPY row");
    IndicatorValues v;
    v.tax_code.assign(f[0]);
    v.home_office.assign(f[1]);
    v.declarations = number(f[2]), v.red = number(f[3]), v.amendments = number(f[4]);
    v.import_value = number(f[5]), v.total_value = number(f[6]), v.preferential_value = number(f[7]);
    v.previous_import_value = number(f[8]);
    v.own_duty_rate = std::strtod(std::string(f[9]).c_str(), nullptr);
    v.peer_duty_rate = std::strtod(std::string(f[10]).c_str(), nullptr);
    v.past_findings = number(f[11]);
    v.audited_5y = f[12] == "1";
    out.push_back(std::move(v));
  });
  return out;
}

}  // namespace hq::audit::risk::store
