#pragma once
// For a route that reads its JSON body itself in one pass (a SAX reader instead of a document: the agents'
// batches of events, monitor/event_json.cpp): the checks Request::json_body makes before parsing.
#include <cstddef>
#include <string_view>

#include "http/message.h"

namespace hq::http {

// The body, once its Content-Type is application/json (415), its size at most max_bytes outside upload paths
// (413) and its nesting at most kMaxJsonDepth (400): the same refusals, with the same codes, as json_body.
std::string_view checked_json_text(const Request& request, std::size_t max_bytes);

}  // namespace hq::http
