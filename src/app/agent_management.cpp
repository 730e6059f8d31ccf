#include "app/agent_management.h"

namespace portal {

const char* agent_status_label(const std::string& status) {
    if (status == "active") {
        return "已开通";
    }
    if (status == "not_opened") {
        return "未开通";
    }
    if (status == "disabled") {
        return "已停用";
    }
    return "未知";
}

const char* agent_sync_result_label(const std::string& result) {
    if (result == "created") {
        return "新开通";
    }
    if (result == "updated") {
        return "信息不一致，已更正";
    }
    if (result == "unchanged") {
        return "已开通，信息一致";
    }
    if (result == "disabled") {
        return "已停用";
    }
    return "未知结果";
}

const char* agent_sync_next_step(const std::string& result) {
    if (result == "created") {
        return "请通知经办人使用短信中的初始密码登录，首次登录须设置新密码。";
    }
    if (result == "updated") {
        return "账号的姓名或手机号码已按窗口登记信息更正，请通知经办人核对后登录。";
    }
    if (result == "unchanged") {
        return "账号与窗口登记信息一致，无需处理。";
    }
    if (result == "disabled") {
        return "窗口已撤销该经办人，账号已停用；如需恢复，请到经办机构重新登记。";
    }
    return "请稍后重试，或联系经办机构。";
}

void AgentManagement::reset() {
    agents_.clear();
    sync_results_.clear();
    loading_ = false;
    syncing_ = false;
    synced_ = false;
    error_.clear();
}

void AgentManagement::load() {
    if (loading_) {
        return;
    }
    loading_ = true;
    context_.request("GET", "/api/unit/agents", std::nullopt,
                     [this](Result<nlohmann::json> result) {
                         loading_ = false;
                         if (!result.ok()) {
                             error_ = result.error().message;
                             return;
                         }
                         error_.clear();
                         agents_ = decode_agents(result.value());
                     });
}

void AgentManagement::sync() {
    if (syncing_) {
        return;
    }
    syncing_ = true;
    error_.clear();
    context_.request("POST", "/api/unit/agents/sync", nlohmann::json::object(),
                     [this](Result<nlohmann::json> result) {
                         syncing_ = false;
                         if (!result.ok()) {
                             error_ = result.error().message;
                             return;
                         }
                         synced_ = true;
                         sync_results_ = decode_agent_sync(result.value());
                         load();
                     });
}

} // namespace portal
