#include "app/unit_info.h"

#include <algorithm>

namespace portal {

void UnitInfoScreen::reset() {
    unit_.reset();
    loading_ = false;
    confirming_ = false;
    confirmation_failed_ = false;
    error_.clear();
    confirmation_result_.clear();
    chosen_name = 0;
}

void UnitInfoScreen::load() {
    if (loading_) {
        return;
    }
    loading_ = true;
    error_.clear();
    context_.request("GET", "/api/unit", std::nullopt, [this](Result<nlohmann::json> result) {
        loading_ = false;
        if (!result.ok()) {
            error_ = result.error().message;
            return;
        }
        unit_ = decode_unit_info(result.value());
        if (!unit_) {
            error_ = "单位信息无法识别，请稍后重试";
        }
        chosen_name = 0;
    });
}

std::vector<std::string> UnitInfoScreen::candidate_names() const {
    std::vector<std::string> names;
    if (!unit_) {
        return names;
    }
    auto add = [&names](const std::string& name) {
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    };
    add(unit_->name);
    for (const UnitRegistration& registration : unit_->registrations) {
        add(registration.unitName);
    }
    return names;
}

void UnitInfoScreen::confirm() {
    const std::vector<std::string> names = candidate_names();
    if (confirming_ || names.empty()) {
        return;
    }
    const std::string name = names[std::clamp<size_t>(chosen_name, 0, names.size() - 1)];
    confirming_ = true;
    confirmation_result_.clear();
    context_.request("POST", "/api/unit/confirmation", nlohmann::json{{"name", name}},
                     [this, name](Result<nlohmann::json> result) {
                         confirming_ = false;
                         confirmation_failed_ = !result.ok();
                         if (!result.ok()) {
                             confirmation_result_ = result.error().message;
                             return;
                         }
                         if (auto unit = decode_unit_info(result.value())) {
                             unit_ = std::move(unit);
                         }
                         chosen_name = 0;
                         confirmation_result_ = "单位信息已确认，单位名称为“" + name +
                                                "”，经办人现在可以开通多险平台。";
                     });
}

} // namespace portal
