// An agent's batch of events read from the request body in one pass (nlohmann's SAX interface): each event's
// known fields go straight into an EventItem, without the JSON document (a map node and a string per field of
// every event, then copied into the Event and freed) that json_body builds. The refusals are the DOM's, in
// the same order: malformed JSON, a body that is not an object, `events` not a list / empty / too long, then
// the events one by one (parse_event, rules.cpp).
#include "core/error.h"
#include "monitor/rules.h"

namespace hq::monitor {

namespace {

using Kind = ItemField::Kind;

class EventsReader {
 public:
  // Values: a scalar, or the start of an object or an array.
  bool null() {
    scalar(Kind::Null);
    return true;
  }
  bool boolean(bool value) {
    if (ItemField* f = scalar(Kind::Boolean)) f->boolean = value;
    return true;
  }
  bool number_integer(std::int64_t value) {
    if (ItemField* f = scalar(Kind::Integer)) f->integer = value;
    return true;
  }
  // As the DOM's get<std::int64_t>() reads it: past INT64_MAX it wraps to a negative size, refused by range.
  bool number_unsigned(std::uint64_t value) { return number_integer(static_cast<std::int64_t>(value)); }
  bool number_float(double, const std::string&) {
    scalar(Kind::Other);
    return true;
  }
  bool string(std::string& value) {
    if (ItemField* f = scalar(Kind::String)) f->text = value;
    return true;
  }
  bool binary(nlohmann::json::binary_t&) {
    scalar(Kind::Other);
    return true;
  }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& name) {
    if (depth_ == 1) events_key_ = name == "events";
    else if (in_item_ && depth_ == 3) field_ = event_field(name);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  bool top_is_object() const { return top_object_; }
  bool events_is_list() const { return events_list_; }
  std::size_t count() const { return count_; }
  std::vector<EventItem> take() { return std::move(items_); }

 private:
  // Where a value begins: the top, the value of "events", an element of that list, a field of an event.
  // Returns the event field it fills, if any.
  ItemField* begin(Kind kind, bool object, bool container) {
    opening_events_ = opening_item_ = false;
    if (depth_ == 0) {
      top_object_ = object;
    } else if (depth_ == 1 && top_object_ && events_key_) {  // a repeated "events" key: the last one counts
      items_.clear();
      count_ = 0;
      events_list_ = opening_events_ = container && !object;
    } else if (depth_ == 2 && in_events_) {
      if (++count_ <= kMaxEventsPerRequest) {
        items_.emplace_back().object = object;
        opening_item_ = object;
      }
    } else if (depth_ == 3 && in_item_ && field_) {
      ItemField& f = items_.back().fields[static_cast<std::size_t>(*field_)];
      f = ItemField{};
      f.kind = kind;
      return &f;
    }
    return nullptr;
  }
  ItemField* scalar(Kind kind) { return begin(kind, false, false); }
  bool open(bool object) {
    begin(Kind::Other, object, true);
    ++depth_;
    if (depth_ == 2 && opening_events_) in_events_ = true;
    if (depth_ == 3 && opening_item_) in_item_ = true;
    return true;
  }
  bool close() {
    if (depth_ == 3) in_item_ = false;
    if (depth_ == 2) in_events_ = false;
    --depth_;
    return true;
  }

  std::size_t depth_ = 0;
  bool top_object_ = false, events_key_ = false, events_list_ = false;
  bool opening_events_ = false, opening_item_ = false, in_events_ = false, in_item_ = false;
  std::optional<EventField> field_;
  std::size_t count_ = 0;
  std::vector<EventItem> items_;
};

}  // namespace

std::vector<EventItem> read_event_items(std::string_view body) {
  EventsReader reader;
  if (!nlohmann::json::sax_parse(body.begin(), body.end(), &reader))
    core::bad_input("MALFORMED_JSON", "Nội dung yêu cầu không phải JSON hợp lệ.");
  if (!reader.top_is_object()) core::bad_input("MALFORMED_JSON", "Nội dung yêu cầu phải là một đối tượng JSON.");
  check_item_count("events", reader.events_is_list(), reader.count());
  return reader.take();
}

}  // namespace hq::monitor
