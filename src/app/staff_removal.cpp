#include "app/staff_removal.h"

#include <cstdio>

namespace portal {

namespace {

// Parses "YYYY-MM" into year and month; false when malformed.
bool parse_month(const std::string& text, int& year, int& month) {
    char tail = 0;
    if (text.size() != 7 || std::sscanf(text.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2) {
        return false;
    }
    return text[4] == '-' && month >= 1 && month <= 12 && year >= 1900;
}

bool parse_date(const std::string& text, CalendarDate& date) {
    char tail = 0;
    if (text.size() != 10 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &date.year, &date.month, &date.day, &tail) != 3) {
        return false;
    }
    return text[4] == '-' && text[7] == '-' && isValidDate(date);
}

} // namespace

const std::vector<RemovalReason>& removal_reasons() {
    static const std::vector<RemovalReason> reasons = {
        {"suspension_contract_ended", "暂停缴费", "劳动合同期满终止"},
        {"suspension_resigned", "暂停缴费", "本人辞职"},
        {"suspension_dismissed", "暂停缴费", "单位辞退、解除劳动合同"},
        {"suspension_enlisted", "暂停缴费", "应征入伍"},
        {"suspension_other", "暂停缴费", "其他原因中断缴费"},
        {"termination_retired", "终止缴费", "退休"},
        {"termination_died", "终止缴费", "死亡"},
    };
    return reasons;
}

void StaffRemoval::start_for(const StaffMember& member) {
    staff_ = member;
    for (size_t i = 0; i < 3; ++i) {
        ticked[i] = member.active_record(kInsuranceTypes[i]) != nullptr &&
                    permissions_.can_declare(kInsuranceTypes[i]);
    }
    const CalendarDate today = context_.today();
    end_month = format_month(today.year, today.month);
    event_date.clear();
    reason = 0;
    renew();
}

std::string StaffRemoval::check(const std::string& field) const {
    const CalendarDate today = context_.today();
    if (field == "staffId") {
        if (!staff_) {
            return "请从人员列表中选择要减员的人员";
        }
        return staff_->duplicateRecords ? kDuplicateRecordsMessage : "";
    }
    if (field == "endMonth") {
        int year = 0;
        int month = 0;
        if (!parse_month(end_month, year, month)) {
            return "停保年月应为“年-月”格式，如" + format_month(today.year, today.month);
        }
        if (year * 12 + month > today.year * 12 + today.month) {
            return "停保年月不能晚于当月";
        }
        return "";
    }
    if (field == "eventDate") {
        CalendarDate date;
        if (event_date.empty()) {
            return "请输入减员原因的发生日期，如" + formatDate(today);
        }
        if (!parse_date(event_date, date)) {
            return "日期应为“年-月-日”格式且真实存在，如" + formatDate(today);
        }
        if (today < date) {
            return "发生日期不能晚于今天";
        }
        return "";
    }
    if (field == "reason") {
        return reason >= 0 && static_cast<size_t>(reason) < removal_reasons().size()
                   ? ""
                   : "请选择减员原因";
    }
    return "";
}

void StaffRemoval::check_field(const std::string& field) {
    if (field == "insuranceTypes") {
        check_types();
        if (field_error("insuranceTypes").empty() && staff_) {
            for (const std::string& type : ticked_types()) {
                if (staff_->active_record(type) == nullptr) {
                    set_error("insuranceTypes",
                              "该人员没有" + insurance_type_name(type) + "的在保记录，无需减员");
                    break;
                }
            }
        }
        return;
    }
    set_error(field, check(field));
}

bool StaffRemoval::validate() {
    for (const char* field : {"staffId", "insuranceTypes", "reason", "endMonth", "eventDate"}) {
        check_field(field);
    }
    return !has_errors();
}

void StaffRemoval::submit() {
    if (busy() || !validate()) {
        return;
    }
    const RemovalReason& chosen = removal_reasons()[static_cast<size_t>(reason)];
    nlohmann::json body = {
        {"kind", "removal"},
        {"insuranceTypes", ticked_types()},
        {"staffId", staff_->staffId},
        {"endMonth", end_month},
        {"reason", std::string(chosen.category) + "：" + chosen.label},
        // The reference backend ignores these two; the agency's system records them.
        {"reasonCode", chosen.code},
        {"eventDate", event_date},
    };
    send(std::move(body), [this] { renew(); });
}

} // namespace portal
