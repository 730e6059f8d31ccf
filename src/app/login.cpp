#include "app/login.h"

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
        return "手机号码";
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
        return method == LoginMethod::PersonSms || method == LoginMethod::LegalPersonSms;
    case LoginField::Password:
        return method != LoginMethod::PersonSms;
    case LoginField::Count:
        break;
    }
    return false;
}

void LoginForm::select_kind(UserKind kind) {
    if (kind == kind_) {
        return;
    }
    kind_ = kind;
    select_method(login_methods(kind).front());
}

void LoginForm::select_method(LoginMethod method) {
    method_ = method;
    errors_ = {};
    form_error_.clear();
}

std::string LoginForm::check(LoginField field) const {
    if (!login_method_uses(method_, field)) {
        return "";
    }
    const std::string value = trimmed(values_[index(field)]);
    if (value.empty()) {
        return std::string("请输入") + login_field_label(method_, field);
    }

    switch (field) {
    case LoginField::Account:
        // Limitation: only the length is checked here; the full GB 32100-2015 check runs on
        // the server until the client-side validator is wired in.
        if (method_ == LoginMethod::AgentCreditCode && value.size() != 18) {
            return "统一社会信用代码应为18位，当前为" + std::to_string(value.size()) + "位";
        }
        return "";
    case LoginField::Mobile:
        if (!is_ascii_digits(value) || value.size() != 11 || value[0] != '1') {
            return "手机号码应为以1开头的11位数字";
        }
        return "";
    case LoginField::SmsCode:
        if (!is_ascii_digits(value) || value.size() != 6) {
            return "短信验证码应为6位数字";
        }
        return "";
    case LoginField::Password:
    case LoginField::Count:
        return "";
    }
    return "";
}

void LoginForm::check_field(LoginField field) {
    errors_[index(field)] = check(field);
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
        return login_method_uses(method_, field) ? trimmed(values_[index(field)]) : std::string();
    };
    request.account = take(LoginField::Account);
    request.mobile = take(LoginField::Mobile);
    request.smsCode = take(LoginField::SmsCode);
    // Passwords are sent exactly as typed: spaces may be part of them.
    if (login_method_uses(method_, LoginField::Password)) {
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
    form_error_ = error.message;
}

void LoginForm::mark_succeeded() {
    busy_ = false;
    form_error_.clear();
    values_[index(LoginField::Password)].clear();
    values_[index(LoginField::SmsCode)].clear();
}

} // namespace portal
