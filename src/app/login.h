// The login dialog's state: three user kinds, each with its own login methods, the fields each
// method needs, the error beside each field and the server's answer. No ImGui here.
#pragma once

#include "core/api_client.h"

#include <array>
#include <string>

namespace portal {

enum class LoginMethod {
    PersonPassword,     // username, ID-card number or mobile + password
    PersonSms,          // mobile + SMS code
    AgentCreditCode,    // credit code + password
    AgentUsername,      // username + password
    LegalPersonSms,     // username + mobile + SMS code + password (two factors)
};

enum class LoginField { Account, Mobile, SmsCode, Password, Count };

// The methods offered on the tab of `kind`, in display order.
const std::vector<LoginMethod>& login_methods(UserKind kind);

// Short Chinese label of a method, for the method switch.
const char* login_method_label(LoginMethod method);

// Chinese label of `field` under `method` (the account field reads differently per method).
const char* login_field_label(LoginMethod method, LoginField field);

// Whether `method` asks for `field`.
bool login_method_uses(LoginMethod method, LoginField field);

class LoginForm {
public:
    // Switches to the tab of `kind` and its first method; typed values stay.
    void select_kind(UserKind kind);
    void select_method(LoginMethod method);

    UserKind kind() const { return kind_; }
    LoginMethod method() const { return method_; }

    std::string& value(LoginField field) { return values_[index(field)]; }
    const std::string& value(LoginField field) const { return values_[index(field)]; }
    const std::string& field_error(LoginField field) const { return errors_[index(field)]; }

    // Re-checks one field, as the UI does when the field loses focus.
    void check_field(LoginField field);

    // Checks every field the method needs; true when a request may be sent.
    bool validate();

    // The request for the current method, from the current values.
    LoginRequest to_request() const;

    // In-flight bookkeeping: the submit button is disabled while busy.
    bool busy() const { return busy_; }
    void mark_sent();
    // Records the server's refusal or a network failure; every typed value is kept.
    void mark_failed(const Error& error);
    // Clears the password after a successful login.
    void mark_succeeded();

    const std::string& form_error() const { return form_error_; }

private:
    static size_t index(LoginField field) { return static_cast<size_t>(field); }
    std::string check(LoginField field) const;

    UserKind kind_ = UserKind::Person;
    LoginMethod method_ = LoginMethod::PersonPassword;
    std::array<std::string, static_cast<size_t>(LoginField::Count)> values_;
    std::array<std::string, static_cast<size_t>(LoginField::Count)> errors_;
    std::string form_error_;
    bool busy_ = false;
};

} // namespace portal
