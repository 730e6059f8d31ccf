// The login dialog's state: three user kinds, each with its own login methods, the fields each
// method needs, the error or warning beside each field, the SMS code button, the server's
// response and the first-login password step of agents. No ImGui here.
#pragma once

#include "app/sms_code.h"
#include "core/api_client.h"

#include <array>
#include <string>

namespace portal {

enum class LoginMethod {
    PersonPassword,     // username, ID-card number or mobile + password
    PersonSms,          // mobile + SMS code
    AgentCreditCode,    // credit code + password (+ the agent's mobile when the unit has several)
    AgentUsername,      // username + password
    LegalPersonSms,     // username + mobile + SMS code + password (two factors)
};

enum class LoginField { Account, Mobile, SmsCode, Password, Count };

// The fields of the first-login password step.
enum class PasswordField { NewPassword, Confirmation, Count };

// The methods offered on the tab of `kind`, in display order.
const std::vector<LoginMethod>& login_methods(UserKind kind);

// Short Chinese label of a method, for the method switch.
const char* login_method_label(LoginMethod method);

// Chinese label of `field` under `method` (the account field reads differently per method).
const char* login_field_label(LoginMethod method, LoginField field);

// Whether `method` always needs `field`. LoginForm::uses() adds the agent's mobile number
// once the server requested it.
bool login_method_uses(LoginMethod method, LoginField field);

// Whether `method` sends an SMS code, so the dialog offers the "获取验证码" button.
bool login_method_sends_sms(LoginMethod method);

class LoginForm {
public:
    // Switches to the tab of `kind` and its first method; typed values stay.
    void select_kind(UserKind kind);
    void select_method(LoginMethod method);

    UserKind kind() const { return kind_; }
    LoginMethod method() const { return method_; }

    // Whether the current method shows `field`.
    bool uses(LoginField field) const;

    std::string& value(LoginField field) { return values_[index(field)]; }
    const std::string& value(LoginField field) const { return values_[index(field)]; }
    const std::string& field_error(LoginField field) const { return errors_[index(field)]; }
    // A finding that does not stop the login, such as a credit code whose check character
    // differs (the registration record, not the check, is authoritative).
    const std::string& field_warning(LoginField field) const { return warnings_[index(field)]; }

    // Re-checks one field, as the UI does when the field loses focus; from then on the field
    // is checked on every edit.
    void check_field(LoginField field);
    // Re-checks `field` after an edit, once it has lost focus at least once.
    void field_edited(LoginField field);

    // Checks every field the method needs; true when a request may be sent.
    bool validate();

    // The request for the current method, from the current values.
    LoginRequest to_request() const;

    // In-flight bookkeeping: the submit button is disabled while busy.
    bool busy() const { return busy_; }
    void mark_sent();
    // Records the server's rejection or a network failure beside the field it concerns, or
    // above the buttons; every typed value is kept.
    void mark_failed(const Error& error);
    // Clears the password and the SMS code after a successful login.
    void mark_succeeded();

    const std::string& form_error() const { return form_error_; }

    // The SMS code button of the current method.
    SmsCodeSender& sms() { return sms_; }
    const SmsCodeSender& sms() const { return sms_; }

    // The first-login password step: after an agent signs in with the initial password, the
    // dialog requests a new one before the session may be used.
    bool setting_password() const { return setting_password_; }
    void begin_password_step();
    void end_password_step();
    std::string& password_value(PasswordField field) { return new_passwords_[pindex(field)]; }
    const std::string& password_error(PasswordField field) const {
        return password_errors_[pindex(field)];
    }
    void check_password_field(PasswordField field);
    // Checks the new password against the policy and its confirmation.
    bool validate_password_step();
    // Records the server's rejection of the new password.
    void mark_password_failed(const Error& error);

private:
    static size_t index(LoginField field) { return static_cast<size_t>(field); }
    static size_t pindex(PasswordField field) { return static_cast<size_t>(field); }
    void check(LoginField field);
    std::string password_check(PasswordField field) const;

    UserKind kind_ = UserKind::Person;
    LoginMethod method_ = LoginMethod::PersonPassword;
    std::array<std::string, static_cast<size_t>(LoginField::Count)> values_;
    std::array<std::string, static_cast<size_t>(LoginField::Count)> errors_;
    std::array<std::string, static_cast<size_t>(LoginField::Count)> warnings_;
    std::array<bool, static_cast<size_t>(LoginField::Count)> touched_{};
    std::string form_error_;
    bool busy_ = false;
    // Set when the server returned agent_mobile_required: the unit has several agents, so a
    // credit-code login also needs the agent's own mobile number.
    bool agent_mobile_required_ = false;
    SmsCodeSender sms_{"login"};

    bool setting_password_ = false;
    std::array<std::string, static_cast<size_t>(PasswordField::Count)> new_passwords_;
    std::array<std::string, static_cast<size_t>(PasswordField::Count)> password_errors_;
};

} // namespace portal
