#include "app/registration.h"

#include "app/password_policy.h"
#include "core/credit_code.h"
#include "core/id_card.h"
#include "core/json_decode.h"
#include "core/mobile.h"
#include "core/text_normalize.h"

#include <utility>

namespace portal {

namespace {

constexpr size_t kMaxUnitNameCharacters = 100;

bool is_ascii_letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

// Usernames: 4 to 20 letters, digits or underscores, starting with a letter.
std::string check_username(const std::string& value) {
    if (!is_ascii_letter(value.front())) {
        return "用户名须以英文字母开头";
    }
    for (char c : value) {
        if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '_') {
            return "用户名只能包含英文字母、数字和下划线";
        }
    }
    if (value.size() < 4 || value.size() > 20) {
        return "用户名应为4至20个字符，当前为" + std::to_string(value.size()) + "个";
    }
    return "";
}

constexpr const char* kWireNames[] = {"creditCode", "unitName",     "username",
                                      "name",       "idCardNumber", "mobile",
                                      "smsCode",    "password",     ""};

} // namespace

std::string check_person_name(const std::string& value) {
    if (value.empty()) {
        return "请输入姓名";
    }
    size_t offset = 0;
    size_t count = 0;
    bool han_only = true;
    bool latin_only = is_ascii_letter(value.front());
    while (offset < value.size()) {
        bool well_formed = true;
        const char32_t c = decodeCodePoint(value, offset, well_formed);
        ++count;
        const bool latin_mark = c == U' ' || c == U'.' || c == U'-' || c == U'·';
        han_only = han_only && (isHanCharacter(c) || c == U'·');
        latin_only = latin_only && (c < 0x80 ? is_ascii_letter(static_cast<char>(c)) || latin_mark
                                             : c == U'·');
    }
    if (han_only) {
        return count >= 2 && count <= 30 ? "" : "中文姓名应为2至30个汉字";
    }
    if (latin_only) {
        return count >= 2 && count <= 60 ? "" : "英文姓名应为2至60个字母";
    }
    return "姓名只能由汉字（可含“·”）或英文字母组成";
}

const char* registration_field_label(RegistrationKind kind, RegistrationField field) {
    const bool unit = kind == RegistrationKind::Unit;
    switch (field) {
    case RegistrationField::CreditCode:
        return "统一社会信用代码";
    case RegistrationField::UnitName:
        return "单位名称";
    case RegistrationField::Username:
        return "用户名";
    case RegistrationField::Name:
        return unit ? "法人姓名" : "姓名";
    case RegistrationField::IdCardNumber:
        return unit ? "法人身份证号码" : "身份证号码";
    case RegistrationField::Mobile:
        return unit ? "法人手机号码" : "手机号码";
    case RegistrationField::SmsCode:
        return "短信验证码";
    case RegistrationField::Password:
        return "设置密码";
    case RegistrationField::Confirmation:
        return "确认密码";
    case RegistrationField::Count:
        break;
    }
    return "";
}

bool registration_uses(RegistrationKind kind, RegistrationField field) {
    if (field == RegistrationField::CreditCode || field == RegistrationField::UnitName) {
        return kind == RegistrationKind::Unit;
    }
    return field != RegistrationField::Count;
}

std::optional<RegistrationField> registration_field_from_wire(const std::string& name) {
    for (size_t i = 0; i < static_cast<size_t>(RegistrationField::Count); ++i) {
        if (!name.empty() && name == kWireNames[i]) {
            return static_cast<RegistrationField>(i);
        }
    }
    return std::nullopt;
}

void RegistrationForm::select_kind(RegistrationKind kind) {
    if (kind == kind_) {
        return;
    }
    kind_ = kind;
    errors_ = {};
    warnings_ = {};
    touched_ = {};
    form_error_.clear();
}

void RegistrationForm::check(RegistrationField field, const CalendarDate& today) {
    std::string& error = errors_[index(field)];
    std::string& warning = warnings_[index(field)];
    error.clear();
    warning.clear();
    if (!registration_uses(kind_, field)) {
        return;
    }
    // Passwords count as typed: surrounding spaces are part of them and break the policy.
    const bool secret = field == RegistrationField::Password ||
                        field == RegistrationField::Confirmation;
    const std::string value = secret ? values_[index(field)] : trimSpaces(values_[index(field)]);
    if (value.empty()) {
        error = std::string(secret ? "请输入" : "请填写") + registration_field_label(kind_, field);
        return;
    }

    switch (field) {
    case RegistrationField::CreditCode:
        validateCreditCode(value).splitMessages(error, warning);
        break;
    case RegistrationField::UnitName:
        if (countCodePoints(value) > kMaxUnitNameCharacters) {
            error = "单位名称最多100个字";
        }
        break;
    case RegistrationField::Username:
        error = check_username(value);
        break;
    case RegistrationField::Name:
        error = check_person_name(value);
        break;
    case RegistrationField::IdCardNumber:
        validateIdCardNumber(value, today).splitMessages(error, warning);
        break;
    case RegistrationField::Mobile:
        validateMobileNumber(value).splitMessages(error, warning);
        break;
    case RegistrationField::SmsCode:
        if (value.size() != 6 || value.find_first_not_of("0123456789") != std::string::npos) {
            error = "短信验证码应为6位数字";
        }
        break;
    case RegistrationField::Password:
        error = password_policy_error(value);
        break;
    case RegistrationField::Confirmation:
        if (value != values_[index(RegistrationField::Password)]) {
            error = "两次输入的密码不一致";
        }
        break;
    case RegistrationField::Count:
        break;
    }
}

void RegistrationForm::check_field(RegistrationField field, const CalendarDate& today) {
    touched_[index(field)] = true;
    check(field, today);
}

void RegistrationForm::field_edited(RegistrationField field, const CalendarDate& today) {
    if (touched_[index(field)]) {
        check(field, today);
    }
    // A changed password makes an already typed confirmation right or wrong.
    if (field == RegistrationField::Password && touched_[index(RegistrationField::Confirmation)]) {
        check(RegistrationField::Confirmation, today);
    }
}

bool RegistrationForm::validate(const CalendarDate& today) {
    bool valid = true;
    for (size_t i = 0; i < kFieldCount; ++i) {
        check_field(static_cast<RegistrationField>(i), today);
        valid = valid && errors_[i].empty();
    }
    return valid;
}

std::string RegistrationForm::endpoint() const {
    return kind_ == RegistrationKind::Unit ? "/api/units" : "/api/persons";
}

nlohmann::json RegistrationForm::to_request(const CalendarDate& today) const {
    auto text = [this](RegistrationField field) { return trimSpaces(values_[index(field)]); };
    nlohmann::json body = {
        {"username", text(RegistrationField::Username)},
        {"name", text(RegistrationField::Name)},
        {"idCardNumber",
         validateIdCardNumber(text(RegistrationField::IdCardNumber), today).normalized},
        {"mobile", validateMobileNumber(text(RegistrationField::Mobile)).normalized},
        {"smsCode", text(RegistrationField::SmsCode)},
        {"password", values_[index(RegistrationField::Password)]},
    };
    if (kind_ == RegistrationKind::Unit) {
        body["creditCode"] = validateCreditCode(text(RegistrationField::CreditCode)).normalized;
        body["unitName"] = text(RegistrationField::UnitName);
    }
    return body;
}

void RegistrationForm::mark_sent() {
    busy_ = true;
    form_error_.clear();
}

void RegistrationForm::mark_failed(const Error& error, const std::string& field) {
    busy_ = false;
    std::optional<RegistrationField> target = registration_field_from_wire(field);
    if (target && registration_uses(kind_, *target)) {
        errors_[index(*target)] = error.message;
    } else {
        form_error_ = error.message;
    }
}

void RegistrationForm::mark_succeeded(const nlohmann::json& body) {
    busy_ = false;
    RegisteredAccount account;
    account.kind = kind_;
    if (const nlohmann::json* user = json_decode::object_member(body, "user")) {
        account.name = json_decode::string_member(*user, "name").value_or("");
        account.account = json_decode::string_member(*user, "account").value_or("");
        if (const nlohmann::json* unit = json_decode::object_member(*user, "unit")) {
            account.unit_name = json_decode::string_member(*unit, "name").value_or("");
        }
    }
    registered_ = std::move(account);
    values_[index(RegistrationField::Password)].clear();
    values_[index(RegistrationField::Confirmation)].clear();
    values_[index(RegistrationField::SmsCode)].clear();
}

void RegistrationForm::start_over() {
    const RegistrationKind kind = kind_;
    *this = RegistrationForm();
    kind_ = kind;
}

} // namespace portal
