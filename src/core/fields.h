#pragma once
// Naming each member once where a table or a JSON object keys it by its own name (the column `unit_id` is the
// member `unit_id`, the key "status" is `r.status`), so the name is not written twice on every line.
//
//   HQ_JSON_FIELDS(r, id, kind, status)   ->  {"id", r.id}, {"kind", r.kind}, {"status", r.status}
//   json{HQ_JSON_FIELDS(r, id, kind), {"created_at", instant(r.created_at)}}   // mixes with other pairs
//
// db::RowMapping's HQ_ROW_FIELDS (db/row_mapping.h) is built on the same expansion. Keys and values are
// exactly what the hand-written pairs said; a member keyed by another name, or a value that is converted,
// stays written out by hand. Up to 64 names a call (a recursive __VA_OPT__ expansion).

// HQ_FOR_EACH(m, a, b, x, y) -> m(a, b, x) m(a, b, y); HQ_FOR_EACH_LISTED: the same, separated by commas.
#define HQ_FOR_EACH(m, a, b, ...) __VA_OPT__(HQ_EXPAND_(HQ_EACH_(m, a, b, __VA_ARGS__)))
#define HQ_FOR_EACH_LISTED(m, a, b, ...) __VA_OPT__(HQ_EXPAND_(HQ_LISTED_(m, a, b, __VA_ARGS__)))

#define HQ_JSON_FIELD_(object, unused, name) {#name, object.name}
#define HQ_JSON_FIELDS(object, ...) HQ_FOR_EACH_LISTED(HQ_JSON_FIELD_, object, ~, __VA_ARGS__)

#define HQ_EACH_(m, a, b, x, ...) m(a, b, x) __VA_OPT__(HQ_EACH_AGAIN_ HQ_PARENS_(m, a, b, __VA_ARGS__))
#define HQ_EACH_AGAIN_() HQ_EACH_
#define HQ_LISTED_(m, a, b, x, ...) m(a, b, x) __VA_OPT__(, HQ_LISTED_AGAIN_ HQ_PARENS_(m, a, b, __VA_ARGS__))
#define HQ_LISTED_AGAIN_() HQ_LISTED_
#define HQ_PARENS_ ()
#define HQ_EXPAND_(...) HQ_EXPAND3_(HQ_EXPAND3_(HQ_EXPAND3_(HQ_EXPAND3_(__VA_ARGS__))))
#define HQ_EXPAND3_(...) HQ_EXPAND2_(HQ_EXPAND2_(HQ_EXPAND2_(HQ_EXPAND2_(__VA_ARGS__))))
#define HQ_EXPAND2_(...) HQ_EXPAND1_(HQ_EXPAND1_(HQ_EXPAND1_(HQ_EXPAND1_(__VA_ARGS__))))
#define HQ_EXPAND1_(...) __VA_ARGS__
