#include "app/staff_change.h"

#include "app/registration.h"

#include <algorithm>
#include <cctype>

namespace portal {

namespace {

std::string trimmed(const std::string& text) {
    const char* spaces = " \t\r\n";
    const size_t first = text.find_first_not_of(spaces);
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

std::optional<long long> parse_whole_yuan(const std::string& text) {
    const std::string value = trimmed(text);
    if (value.empty() || value.size() > 9 ||
        !std::all_of(value.begin(), value.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    return std::stoll(value);
}

} // namespace

void StaffChange::start_for(const StaffMember& member) {
    staff_ = member;
    new_name = member.name;
    new_base = current_base() > 0 ? std::to_string(current_base()) : "";
    for (size_t i = 0; i < 3; ++i) {
        ticked[i] = member.active_record(kInsuranceTypes[i]) != nullptr &&
                    permissions_.can_declare(kInsuranceTypes[i]);
    }
    renew();
}

long long StaffChange::current_base() const {
    if (!staff_) {
        return 0;
    }
    for (const StaffRecord& record : staff_->records) {
        if (record.status == "active") {
            return record.contributionBase;
        }
    }
    return 0;
}

std::string StaffChange::check(const std::string& field) const {
    if (field == "staffId") {
        return staff_ ? "" : "请从人员列表中选择要变更信息的人员";
    }
    if (field == "name") {
        if (trimmed(new_name).empty()) {
            return "请输入姓名";
        }
        if (staff_ && trimmed(new_name) == staff_->name &&
            parse_whole_yuan(new_base).value_or(-1) == current_base()) {
            return "姓名和缴费基数均未变更，请修改后再提交";
        }
        return check_person_name(trimmed(new_name));
    }
    if (field == "contributionBase") {
        auto value = parse_whole_yuan(new_base);
        if (!value) {
            return "缴费基数应为整数元";
        }
        if (*value < bounds.minimum || *value > bounds.maximum) {
            return "缴费基数应在" + std::to_string(bounds.minimum) + "元至" +
                   std::to_string(bounds.maximum) + "元之间";
        }
        return "";
    }
    return "";
}

void StaffChange::check_field(const std::string& field) {
    if (field == "insuranceTypes") {
        check_types();
        if (field_error("insuranceTypes").empty() && staff_) {
            for (const std::string& type : ticked_types()) {
                if (staff_->active_record(type) == nullptr) {
                    set_error("insuranceTypes",
                              "该人员没有" + insurance_type_name(type) + "的在保记录，不能变更");
                    break;
                }
            }
        }
        return;
    }
    set_error(field, check(field));
}

bool StaffChange::validate() {
    for (const char* field : {"staffId", "insuranceTypes", "name", "contributionBase"}) {
        check_field(field);
    }
    return !has_errors();
}

void StaffChange::submit() {
    if (busy() || !validate()) {
        return;
    }
    nlohmann::json changes = nlohmann::json::object();
    if (trimmed(new_name) != staff_->name) {
        changes["name"] = trimmed(new_name);
    }
    const long long base = parse_whole_yuan(new_base).value_or(0);
    if (base != current_base()) {
        changes["contributionBase"] = base;
    }
    nlohmann::json body = {{"kind", "change"},
                           {"insuranceTypes", ticked_types()},
                           {"staffId", staff_->staffId},
                           {"changes", changes}};
    send(std::move(body), [this] { renew(); });
}

} // namespace portal
