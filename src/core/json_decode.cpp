#include "core/json_decode.h"

namespace portal::json_decode {

namespace {

const nlohmann::json* find_member(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) {
        return nullptr;
    }
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

} // namespace

std::optional<nlohmann::json> parse(std::string_view text) {
    nlohmann::json value = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                 /*allow_exceptions=*/false);
    if (value.is_discarded()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> string_member(const nlohmann::json& object, const char* key) {
    const nlohmann::json* member = find_member(object, key);
    if (member == nullptr || !member->is_string()) {
        return std::nullopt;
    }
    return member->get_ref<const std::string&>();
}

std::optional<long long> integer_member(const nlohmann::json& object, const char* key) {
    const nlohmann::json* member = find_member(object, key);
    if (member == nullptr || !member->is_number_integer()) {
        return std::nullopt;
    }
    return member->get<long long>();
}

std::optional<bool> bool_member(const nlohmann::json& object, const char* key) {
    const nlohmann::json* member = find_member(object, key);
    if (member == nullptr || !member->is_boolean()) {
        return std::nullopt;
    }
    return member->get<bool>();
}

const nlohmann::json* object_member(const nlohmann::json& object, const char* key) {
    const nlohmann::json* member = find_member(object, key);
    return (member != nullptr && member->is_object()) ? member : nullptr;
}

} // namespace portal::json_decode
