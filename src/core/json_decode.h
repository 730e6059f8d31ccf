// Non-throwing JSON reading. Emscripten builds run without C++ exception catching, so an
// uncaught nlohmann::json exception would abort the whole module: parse and read only through
// these helpers, which check types first.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace portal::json_decode {

// Parses `text`; nullopt when it is not valid JSON.
std::optional<nlohmann::json> parse(std::string_view text);

// Returns the string member `key` of `object`, or nullopt when `object` is not an object or
// the member is missing or not a string.
std::optional<std::string> string_member(const nlohmann::json& object, const char* key);

// Returns the integer member `key` of `object`, or nullopt when missing or not an integer.
std::optional<long long> integer_member(const nlohmann::json& object, const char* key);

// Returns the boolean member `key` of `object`, or nullopt when missing or not a boolean.
std::optional<bool> bool_member(const nlohmann::json& object, const char* key);

// Returns a pointer to the object member `key`, or nullptr when missing or not an object.
const nlohmann::json* object_member(const nlohmann::json& object, const char* key);

} // namespace portal::json_decode
