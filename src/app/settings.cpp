#include "app/settings.h"

#include "core/json_decode.h"

namespace portal {

namespace {

Error invalid(const std::string& what) {
    return {"invalid_settings", "门户配置文件 portal-config.json 有误：" + what};
}

} // namespace

Result<PortalSettings> parse_settings(std::string_view json_text) {
    auto root = json_decode::parse(json_text);
    if (!root || !root->is_object()) {
        return invalid("不是合法的 JSON 对象");
    }

    PortalSettings settings;
    for (auto [key, target] : {std::pair{"legacyHallUrl", &settings.legacyHallUrl},
                               std::pair{"policySiteUrl", &settings.policySiteUrl}}) {
        if (!root->contains(key)) {
            continue;
        }
        auto value = json_decode::string_member(*root, key);
        if (!value) {
            return invalid(std::string(key) + " 应为字符串");
        }
        *target = *value;
    }

    auto notices = root->find("notices");
    if (notices != root->end()) {
        if (!notices->is_array()) {
            return invalid("notices 应为数组");
        }
        for (const auto& item : *notices) {
            auto title = json_decode::string_member(item, "title");
            if (!title) {
                return invalid("notices 中的每一项都应有字符串 title");
            }
            settings.notices.push_back({*title, json_decode::string_member(item, "date").value_or("")});
        }
    }
    return settings;
}

} // namespace portal
