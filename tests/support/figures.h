#pragma once
// Named figures (an audit report's totals or a row's figures, e-services statistics…: a map from the figure's name
// to its value) checked against the expected ones: each on its own, its name in the failure message.
#include <initializer_list>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace hq::test {

template <class Map>
void expect_figures(const Map& actual,
                    std::initializer_list<std::pair<std::string, typename Map::mapped_type>> expected) {
  for (const auto& [name, value] : expected) {
    const auto found = actual.find(name);
    if (found == actual.end()) ADD_FAILURE() << "no figure " << name;
    else EXPECT_EQ(found->second, value) << name;
  }
}

}  // namespace hq::test
