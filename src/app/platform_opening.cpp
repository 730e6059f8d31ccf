#include "app/platform_opening.h"

namespace portal {

void AgentPermissions::reset() {
    items_.clear();
    loaded_ = false;
    loading_ = false;
    error_.clear();
}

void AgentPermissions::load() {
    if (loading_) {
        return;
    }
    loading_ = true;
    context_.request("GET", "/api/agent/insurance-types", std::nullopt,
                     [this](Result<nlohmann::json> result) {
                         loading_ = false;
                         if (!result.ok()) {
                             error_ = result.error().message;
                             return;
                         }
                         error_.clear();
                         items_ = decode_permissions(result.value());
                         loaded_ = true;
                     });
}

bool AgentPermissions::can_declare(const std::string& insurance_type) const {
    return declare_refusal(insurance_type).empty();
}

std::string AgentPermissions::declare_refusal(const std::string& insurance_type) const {
    for (const InsurancePermission& item : items_) {
        if (item.insuranceType != insurance_type) {
            continue;
        }
        if (!item.allowed) {
            return item.reason.empty() ? "请到经办机构核实经办人手机号码和网报开通标志"
                                       : item.reason;
        }
        if (!item.opened) {
            return "请先在“开通多险平台”中开通该险种";
        }
        return "";
    }
    return "该险种信息尚未加载";
}

void AgentPermissions::mark_opened(const std::vector<PlatformOpeningResult>& results) {
    for (const PlatformOpeningResult& result : results) {
        for (InsurancePermission& item : items_) {
            if (item.insuranceType == result.insuranceType && result.opened) {
                item.opened = true;
            }
        }
    }
}

void PlatformOpening::reset() {
    ticked_.clear();
    results_.clear();
    form_error_.clear();
    unit_mismatch_.clear();
    opening_ = false;
    result_open_ = false;
}

void PlatformOpening::load() {
    permissions_.load();
}

void PlatformOpening::sync_ticks() {
    const auto& items = permissions_.items();
    if (ticked_.size() == items.size()) {
        return;
    }
    ticked_.assign(items.size(), false);
    for (size_t i = 0; i < items.size(); ++i) {
        ticked_[i] = items[i].allowed && !items[i].opened;
    }
}

bool PlatformOpening::ticked(size_t index) {
    sync_ticks();
    return index < ticked_.size() && ticked_[index];
}

void PlatformOpening::set_ticked(size_t index, bool value) {
    sync_ticks();
    const auto& items = permissions_.items();
    // A type the agent may not handle stays unticked, because the server would reject it.
    if (index < ticked_.size() && (items[index].allowed || !value)) {
        ticked_[index] = value;
    }
}

bool PlatformOpening::platform_open() const {
    for (const InsurancePermission& item : permissions_.items()) {
        if (item.allowed && item.opened) {
            return true;
        }
    }
    return false;
}

void PlatformOpening::open() {
    if (opening_) {
        return;
    }
    sync_ticks();
    nlohmann::json types = nlohmann::json::array();
    const auto& items = permissions_.items();
    for (size_t i = 0; i < items.size(); ++i) {
        if (ticked_[i]) {
            types.push_back(items[i].insuranceType);
        }
    }
    if (types.empty()) {
        form_error_ = "请至少勾选一个险种";
        return;
    }
    form_error_.clear();
    opening_ = true;
    context_.request("POST", "/api/agent/platform", nlohmann::json{{"insuranceTypes", types}},
                     [this](Result<nlohmann::json> result) {
                         opening_ = false;
                         results_.clear();
                         unit_mismatch_.clear();
                         if (!result.ok()) {
                             if (result.error().code == "unit_info_mismatch") {
                                 unit_mismatch_ = result.error().message;
                                 result_open_ = true;
                             } else {
                                 form_error_ = result.error().message;
                             }
                             return;
                         }
                         results_ = decode_platform_opening(result.value());
                         permissions_.mark_opened(results_);
                         result_open_ = true;
                     });
}

} // namespace portal
