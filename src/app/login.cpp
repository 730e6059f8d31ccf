#include "app/login.h"

#include "app/password_policy.h"
#include "core/credit_code.h"
#include "core/mobile.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace portal {

namespace {

bool is_ascii_digits(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isdigit(c) != 0;
    });
}

std::string trimmed(const std::string& text) {
    const char* spaces = " \t\r\n";
    size_t first = text.find_first_not_of(spaces);
    if (first == std::string::npos) {
        return "";
    }
    size_t last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
}

bool is_sms_code_error(const std::string& code) {
    return code == "sms_code_invalid" || code == "sms_code_expired" ||
           code == "sms_code_attempts_exceeded";
}

} // namespace

const std::vector<LoginMethod>& login_methods(UserKind kind) {
    static const std::vector<LoginMethod> person = {LoginMethod::PersonPassword,
                                                    LoginMethod::PersonSms};
    static const std::vector<LoginMethod> agent = {LoginMethod::AgentCreditCode,
                                                   LoginMethod::AgentUsername};
    static const std::vector<LoginMethod> legal_person = {LoginMethod::LegalPersonSms};
    switch (kind) {
    case UserKind::Person:
        return person;
    case UserKind::Agent:
        return agent;
    case UserKind::LegalPerson:
        return legal_person;
    }
    return person;
}

const char* login_method_label(LoginMethod method) {
    switch (method) {
    case LoginMethod::PersonPassword:
        return "密码登录";
    case LoginMethod::PersonSms:
        return "短信验证码登录";
    case LoginMethod::AgentCreditCode:
        return "统一社会信用代码登录";
    case LoginMethod::AgentUsername:
        return "用户名登录";
    case LoginMethod::LegalPersonSms:
        return "法人登录";
    }
    return "";
}

const char* login_field_label(LoginMethod method, LoginField field) {
    switch (field) {
    case LoginField::Account:
        if (method == LoginMethod::PersonPassword) {
            return "用户名/身份证号/手机号";
        }
        if (method == LoginMethod::AgentCreditCode) {
            return "统一社会信用代码";
        }
        return "用户名";
    case LoginField::Mobile:
        return method == LoginMethod::AgentCreditCode ? "经办人手机号码" : "手机号码";
    case LoginField::SmsCode:
        return "短信验证码";
    case LoginField::Password:
        return "密码";
    case LoginField::Count:
        break;
    }
    return "";
}

bool login_method_uses(LoginMethod method, LoginField field) {
    switch (field) {
    case LoginField::Account:
        return method != LoginMethod::PersonSms;
    case LoginField::Mobile:
    case LoginField::SmsCode:
        return login_method_sends_sms(method);
    case LoginField::Password:
        return method != LoginMethod::PersonSms;
    case LoginField::Count:
        break;
    }
    return false;
}

bool login_method_sends_sms(LoginMethod method) {
    return method == LoginMethod::PersonSms || method == LoginMethod::LegalPersonSms;
}

void LoginForm::select_kind(UserKind kind) {
    if (kind == kind_) {
        return;
    }
    kind_ = kind;
    select_method(login_methods(kind).front());
}

void LoginForm::select_method(LoginMethod method) {
    if (method != method_) {
        sms_.reset();
    }
    method_ = method;
    errors_ = {};
    warnings_ = {};
    touched_ = {};
    form_error_.clear();
    agent_mobile_required_ = false;
}

bool LoginForm::uses(LoginField field) const {
    if (field == LoginField::Mobile && method_ == LoginMethod::AgentCreditCode) {
        return agent_mobile_required_;
    }
    return login_method_uses(method_, field);
}

void LoginForm::check(LoginField field) {
    std::string& error = errors_[index(field)];
    std::string& warning = warnings_[index(field)];
    error.clear();
    warning.clear();
    if (!uses(field)) {
        return;
    }
    const std::string value = trimmed(values_[index(field)]);
    if (value.empty()) {
        error = std::string("请输入") + login_field_label(method_, field);
        return;
    }

    switch (field) {
    case LoginField::Account:
        if (method_ == LoginMethod::AgentCreditCode) {
            validateCreditCode(value).splitMessages(error, warning);
        }
        return;
    case LoginField::Mobile:
        validateMobileNumber(value).splitMessages(error, warning);
        return;
    case LoginField::SmsCode:
        if (!is_ascii_digits(value) || value.size() != 6) {
            error = "短信验证码应为6位数字";
        }
        return;
    case LoginField::Password:
    case LoginField::Count:
        return;
    }
}

void LoginForm::check_field(LoginField field) {
    touched_[index(field)] = true;
    check(field);
}

void LoginForm::field_edited(LoginField field) {
    if (touched_[index(field)]) {
        check(field);
    }
}

bool LoginForm::validate() {
    bool valid = true;
    for (size_t i = 0; i < values_.size(); ++i) {
        auto field = static_cast<LoginField>(i);
        check_field(field);
        valid = valid && errors_[i].empty();
    }
    return valid;
}

LoginRequest LoginForm::to_request() const {
    LoginRequest request;
    request.kind = kind_;
    switch (method_) {
    case LoginMethod::PersonPassword:
    case LoginMethod::AgentUsername:
        request.method = "password";
        break;
    case LoginMethod::PersonSms:
        request.method = "sms";
        break;
    case LoginMethod::AgentCreditCode:
        request.method = "credit_code";
        break;
    case LoginMethod::LegalPersonSms:
        request.method = "sms_password";
        break;
    }

    auto take = [this](LoginField field) {
        return uses(field) ? trimmed(values_[index(field)]) : std::string();
    };
    request.account = take(LoginField::Account);
    if (method_ == LoginMethod::AgentCreditCode) {
        // The validator folds full-width characters and lower case into the code's own form.
        request.account = validateCreditCode(request.account).normalized;
    }
    request.mobile = take(LoginField::Mobile);
    if (!request.mobile.empty()) {
        request.mobile = validateMobileNumber(request.mobile).normalized;
    }
    request.smsCode = take(LoginField::SmsCode);

    // Passwords are sent exactly as typed: spaces may be part of them.
    if (uses(LoginField::Password)) {
        request.password = values_[index(LoginField::Password)];
    }
    return request;
}

void LoginForm::mark_sent() {
    busy_ = true;
    form_error_.clear();
}

void LoginForm::mark_failed(const Error& error) {
    busy_ = false;
    form_error_.clear();
    if (error.code == "agent_mobile_required") {
        agent_mobile_required_ = true;
        errors_[index(LoginField::Mobile)] = error.message;
    } else if (error.code == "mobile_not_fujian" && uses(LoginField::Mobile)) {
        errors_[index(LoginField::Mobile)] = error.message;
    } else if (is_sms_code_error(error.code) && uses(LoginField::SmsCode)) {
        errors_[index(LoginField::SmsCode)] = error.message;
    } else {
        form_error_ = error.message;
    }
}

void LoginForm::mark_succeeded() {
    busy_ = false;
    form_error_.clear();
    values_[index(LoginField::Password)].clear();
    values_[index(LoginField::SmsCode)].clear();
    sms_.reset();
    end_password_step();
}

void LoginForm::begin_password_step() {
    busy_ = false;
    setting_password_ = true;
    new_passwords_ = {};
    password_errors_ = {};
    form_error_.clear();
}

void LoginForm::end_password_step() {
    setting_password_ = false;
    new_passwords_ = {};
    password_errors_ = {};
}

std::string LoginForm::password_check(PasswordField field) const {
    const std::string& password = new_passwords_[pindex(PasswordField::NewPassword)];
    if (field == PasswordField::NewPassword) {
        std::string error = password_policy_error(password);
        if (error.empty() && password == values_[index(LoginField::Password)]) {
            error = "新密码不能与初始密码相同";
        }
        return error;
    }
    const std::string& confirmation = new_passwords_[pindex(PasswordField::Confirmation)];
    if (confirmation.empty()) {
        return "请再次输入新密码";
    }
    return confirmation == password ? "" : "两次输入的密码不一致";
}

void LoginForm::check_password_field(PasswordField field) {
    password_errors_[pindex(field)] = password_check(field);
}

bool LoginForm::validate_password_step() {
    check_password_field(PasswordField::NewPassword);
    check_password_field(PasswordField::Confirmation);
    return password_errors_[0].empty() && password_errors_[1].empty();
}

void LoginForm::mark_password_failed(const Error& error) {
    busy_ = false;
    if (error.code == "weak_password") {
        password_errors_[pindex(PasswordField::NewPassword)] = error.message;
    } else {
        form_error_ = error.message;
    }
}

} // namespace portal
