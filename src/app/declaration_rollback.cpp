#include "app/declaration_rollback.h"

#include "core/json_decode.h"

#include <algorithm>
#include <cctype>

namespace portal {

std::string rollback_refusal(const std::string& status) {
    if (status == "pending") {
        return "";
    }
    if (status == "approved") {
        return "该申报已审核通过，不能回退。只有待审核的申报可以回退；如需更正，请办理减员或人员信息变更。";
    }
    if (status == "rejected") {
        return "该申报已审核未通过，不能回退，也无需回退。只有待审核的申报可以回退；请按审核意见修改后重新申报。";
    }
    if (status == "rolled_back") {
        return "该申报已回退，无需再次回退。";
    }
    return "只有待审核的申报可以回退。";
}

void DeclarationRollback::reset() {
    page_ = {};
    loading_ = false;
    busy_ = false;
    outcome_failed_ = false;
    error_.clear();
    lookup_id.clear();
    looked_up_.reset();
    lookup_note_.clear();
    chosen_.reset();
    outcome_.clear();
}

void DeclarationRollback::load(int page) {
    loading_ = true;
    context_.request("GET",
                     "/api/declarations?status=pending&page=" + std::to_string(std::max(page, 1)) +
                         "&pageSize=20",
                     std::nullopt, [this](Result<nlohmann::json> result) {
                         loading_ = false;
                         if (!result.ok()) {
                             error_ = result.error().message;
                             return;
                         }
                         error_.clear();
                         page_ = decode_declaration_page(result.value());
                     });
}

void DeclarationRollback::lookup() {
    looked_up_.reset();
    const bool digits = !lookup_id.empty() && lookup_id.size() <= 12 &&
                        std::all_of(lookup_id.begin(), lookup_id.end(),
                                    [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits) {
        lookup_note_ = "请输入申报编号（数字）";
        return;
    }
    lookup_note_.clear();
    context_.request("GET", "/api/declarations/" + lookup_id, std::nullopt,
                     [this](Result<nlohmann::json> result) {
                         if (!result.ok()) {
                             lookup_note_ = result.error().code == "not_found"
                                                ? "未找到该申报编号，请核对后重新输入"
                                                : result.error().message;
                             return;
                         }
                         const nlohmann::json* item =
                             json_decode::object_member(result.value(), "declaration");
                         looked_up_ = item ? decode_declaration(*item) : std::nullopt;
                         if (!looked_up_) {
                             lookup_note_ = "申报记录无法识别，请稍后重试";
                             return;
                         }
                         lookup_note_ = rollback_refusal(looked_up_->status);
                     });
}

void DeclarationRollback::choose(const Declaration& declaration) {
    outcome_.clear();
    const std::string refusal = rollback_refusal(declaration.status);
    if (!refusal.empty()) {
        outcome_ = refusal;
        outcome_failed_ = true;
        return;
    }
    chosen_ = declaration;
}

void DeclarationRollback::confirm() {
    if (busy_ || !chosen_) {
        return;
    }
    busy_ = true;
    const Declaration declaration = *chosen_;
    context_.request(
        "POST", "/api/declarations/" + std::to_string(declaration.id) + "/rollback",
        nlohmann::json::object(), [this, declaration](Result<nlohmann::json> result) {
            busy_ = false;
            chosen_.reset();
            outcome_failed_ = !result.ok();
            if (!result.ok()) {
                outcome_ = result.error().message;
            } else {
                outcome_ = "已回退申报 " + std::to_string(declaration.id) + "（" + declaration.name +
                           "，" + declaration.insuranceTypeName + declaration.kindName +
                           "），可重新申报。";
            }
            looked_up_.reset();
            load(page_.page);
        });
}

} // namespace portal
