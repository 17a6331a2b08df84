#pragma once
// The JSON page a paged list route answers, made from a service's page (core::Page<T>: `.items`, `.total`),
// each item through `to_json`:
//
//   const http::Paging p = http::paging(request);
//   return Response::ok(http::page_json(service.runs(request.principal, p.offset(), p.page_size), p, run_json));
#include <utility>

#include <nlohmann/json.hpp>

#include "http/message.h"

namespace hq::http {

template <typename Page, typename ToJson>
nlohmann::json page_json(const Page& page, const Paging& paging, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return page_json(std::move(items), page.total, paging);
}

}  // namespace hq::http
