#include "app/staff_addition.h"

#include "app/registration.h"
#include "core/mobile.h"

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

// Counts UTF-8 code points.
size_t character_count(const std::string& text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
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

// The document kinds that each entry of addition_document_types() accepts.
bool document_accepts(int document_type, IdCardKind kind) {
    switch (document_type) {
    case 0:
        return kind == IdCardKind::resident;
    case 1:
        return kind == IdCardKind::hong_kong_residence_permit ||
               kind == IdCardKind::macao_residence_permit ||
               kind == IdCardKind::taiwan_residence_permit;
    case 2:
        return kind == IdCardKind::foreign_permanent_residence ||
               kind == IdCardKind::foreign_permanent_residence_legacy;
    default:
        return false;
    }
}

} // namespace

const std::vector<const char*>& addition_document_types() {
    static const std::vector<const char*> types = {"居民身份证", "港澳台居民居住证",
                                                   "外国人永久居留身份证"};
    return types;
}

const std::vector<const char*>& addition_ethnicities() {
    static const std::vector<const char*> names = {"汉族", "畲族", "回族", "满族", "蒙古族",
                                                   "壮族", "苗族", "土家族", "高山族", "其他民族"};
    return names;
}

const std::vector<const char*>& addition_household_types() {
    static const std::vector<const char*> types = {"本省城镇户籍", "本省农村户籍", "外省城镇户籍",
                                                   "外省农村户籍", "港澳台及外籍人员"};
    return types;
}

const std::vector<const char*>& addition_employment_forms() {
    static const std::vector<const char*> forms = {"全日制用工", "非全日制用工", "劳务派遣"};
    return forms;
}

void StaffAddition::begin() {
    if (idempotency_key().empty()) {
        renew();
    }
}

void StaffAddition::clear() {
    document_type = 0;
    ethnicity = 0;
    household_type = 0;
    employment_form = 0;
    start_month_choice = 0;
    id_card_number.clear();
    name.clear();
    mobile.clear();
    contribution_base.clear();
    remark.clear();
    for (bool& tick : ticked) {
        tick = false;
    }
    derived_ = {};
    id_card_valid_ = false;
    base_note_.clear();
    renew();
}

void StaffAddition::id_card_changed(bool still_typing) {
    const IdCardVerdict verdict = validateIdCardNumber(id_card_number, context_.today());
    id_card_valid_ = !verdict.isBlocked();
    derived_ = id_card_valid_ ? verdict.details : IdCardDetails{};

    std::string message;
    for (const Finding& finding : verdict.findings) {
        if (finding.severity != Severity::block) {
            continue;
        }
        const bool incomplete = finding.code == "wrong_length" || finding.code == "empty";
        if (still_typing && incomplete) {
            break;
        }
        message = finding.message;
        break;
    }
    if (message.empty() && id_card_valid_ && !document_accepts(document_type, verdict.details.kind)) {
        id_card_valid_ = false;
        message = std::string("该号码是") + std::string(idCardKindName(verdict.details.kind)) +
                  "号码，与所选证件类型“" + addition_document_types()[document_type] + "”不符";
    }
    set_error("idCardNumber", message);
}

std::string StaffAddition::derived_sex() const {
    switch (derived_.sex) {
    case Sex::male:
        return "男";
    case Sex::female:
        return "女";
    case Sex::unknown:
        break;
    }
    return "";
}

std::string StaffAddition::derived_birth_date() const {
    return derived_.birthDate ? formatDate(*derived_.birthDate) : "";
}

void StaffAddition::clamp_contribution_base() {
    base_note_.clear();
    auto value = parse_whole_yuan(contribution_base);
    if (!value) {
        return;
    }
    if (*value < bounds.minimum) {
        base_note_ = "低于缴费基数下限，已调整为" + std::to_string(bounds.minimum) + "元";
        contribution_base = std::to_string(bounds.minimum);
    } else if (*value > bounds.maximum) {
        base_note_ = "高于缴费基数上限，已调整为" + std::to_string(bounds.maximum) + "元";
        contribution_base = std::to_string(bounds.maximum);
    }
}

std::vector<std::string> StaffAddition::start_month_options() const {
    const CalendarDate today = context_.today();
    return {format_month(today.year, today.month), previous_month(today.year, today.month)};
}

std::string StaffAddition::check(const std::string& field) {
    if (field == "idCardNumber") {
        id_card_changed(false);
        return field_error("idCardNumber");
    }
    if (field == "name") {
        const std::string value = trimmed(name);
        if (value.empty()) {
            return "请输入姓名";
        }
        return check_person_name(value);
    }
    if (field == "mobile") {
        if (trimmed(mobile).empty()) {
            return "请输入手机号码";
        }
        const MobileVerdict verdict = validateMobileNumber(mobile);
        for (const Finding& finding : verdict.findings) {
            if (finding.severity == Severity::block) {
                return finding.message;
            }
        }
        return "";
    }
    if (field == "contributionBase") {
        auto value = parse_whole_yuan(contribution_base);
        if (trimmed(contribution_base).empty()) {
            return "请输入月缴费基数";
        }
        if (!value) {
            return "缴费基数应为整数元";
        }
        if (*value < bounds.minimum || *value > bounds.maximum) {
            return "缴费基数应在" + std::to_string(bounds.minimum) + "元至" +
                   std::to_string(bounds.maximum) + "元之间";
        }
        return "";
    }
    if (field == "startMonth") {
        const bool work_injury = ticked[1];
        if (start_month_choice == 1 && work_injury) {
            return "工伤保险只能从当月（" + start_month_options()[0] + "）开始参保，请改选当月";
        }
        return "";
    }
    if (field == "remark") {
        return character_count(remark) > 100 ? "备注最多100个字" : "";
    }
    return "";
}

void StaffAddition::check_field(const std::string& field) {
    if (field == "insuranceTypes") {
        check_types();
        set_error("startMonth", check("startMonth"));
        return;
    }
    if (field == "idCardNumber") {
        id_card_changed(false);
        return;
    }
    set_error(field, check(field));
}

bool StaffAddition::validate() {
    for (const char* field :
         {"idCardNumber", "name", "mobile", "insuranceTypes", "startMonth", "contributionBase",
          "remark"}) {
        check_field(field);
    }
    return !has_errors();
}

void StaffAddition::submit() {
    if (busy() || !validate()) {
        return;
    }
    const IdCardVerdict verdict = validateIdCardNumber(id_card_number, context_.today());
    auto base = parse_whole_yuan(contribution_base);
    const std::vector<std::string> months = start_month_options();

    nlohmann::json body = {
        {"kind", "addition"},
        {"insuranceTypes", ticked_types()},
        {"idCardNumber", verdict.normalized},
        {"name", trimmed(name)},
        {"contributionBase", base.value_or(0)},
        {"startMonth", months[start_month_choice == 1 ? 1 : 0]},
        // The contract's required fields come first; the reference backend stores only those
        // and ignores the rest, which the agency's own system records.
        {"documentType", addition_document_types()[document_type]},
        {"ethnicity", addition_ethnicities()[ethnicity]},
        {"mobile", validateMobileNumber(mobile).normalized},
        {"householdType", addition_household_types()[household_type]},
        {"employmentForm", addition_employment_forms()[employment_form]},
        {"remark", trimmed(remark)},
    };
    send(std::move(body), [this] { clear(); });
}

} // namespace portal
