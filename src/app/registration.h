// Registration of a person account (个人用户注册) and of a unit with its legal person's account
// (单位注册): the fields of each, their checks as typed, the SMS code and the success page.
// Agents do not register; their legal person's agent sync creates their accounts.
#pragma once

#include "app/sms_code.h"
#include "core/calendar_date.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>

namespace portal {

enum class RegistrationKind { Person, Unit };

enum class RegistrationField {
    CreditCode,
    UnitName,
    Username,
    Name,
    IdCardNumber,
    Mobile,
    SmsCode,
    Password,
    Confirmation,
    Count
};

// Chinese label of `field` on the form of `kind` (the person fields read as the legal
// person's on the unit form).
const char* registration_field_label(RegistrationKind kind, RegistrationField field);

// Checks a person's name as the server accepts it: 2 to 30 Han characters with an optional
// middle dot (·), or a Latin-letter name of up to 60 characters with spaces, dots and hyphens.
// Returns the Chinese message, or an empty string for a valid name.
std::string check_person_name(const std::string& value);

// Whether the form of `kind` has `field`.
bool registration_uses(RegistrationKind kind, RegistrationField field);

// The account a successful registration created, for the success page.
struct RegisteredAccount {
    RegistrationKind kind = RegistrationKind::Person;
    std::string name;
    std::string account;
    std::string unit_name;
};

class RegistrationForm {
public:
    // Switches between the person and the unit form; typed values stay.
    void select_kind(RegistrationKind kind);
    RegistrationKind kind() const { return kind_; }

    std::string& value(RegistrationField field) { return values_[index(field)]; }
    const std::string& value(RegistrationField field) const { return values_[index(field)]; }
    const std::string& field_error(RegistrationField field) const { return errors_[index(field)]; }
    const std::string& field_warning(RegistrationField field) const {
        return warnings_[index(field)];
    }

    // Checks one field when it loses focus; from then on it is checked on every edit. ID-card
    // birth dates are judged against `today`.
    void check_field(RegistrationField field, const CalendarDate& today);
    void field_edited(RegistrationField field, const CalendarDate& today);

    // Checks every field of the form; true when the registration may be sent.
    bool validate(const CalendarDate& today);

    // The request's URL and body for the current kind, from the normalized values.
    std::string endpoint() const;
    nlohmann::json to_request(const CalendarDate& today) const;

    bool busy() const { return busy_; }
    void mark_sent();
    // Records the server's rejection beside the field it names, or above the buttons.
    void mark_failed(const Error& error, const std::string& field);
    // Records the created account from the 201 body and clears the secrets.
    void mark_succeeded(const nlohmann::json& body);
    const std::string& form_error() const { return form_error_; }

    // The success page's account, until start_over().
    const std::optional<RegisteredAccount>& registered() const { return registered_; }
    // Clears the form for another registration.
    void start_over();

    SmsCodeSender& sms() { return sms_; }
    const SmsCodeSender& sms() const { return sms_; }

private:
    static size_t index(RegistrationField field) { return static_cast<size_t>(field); }
    void check(RegistrationField field, const CalendarDate& today);

    static constexpr size_t kFieldCount = static_cast<size_t>(RegistrationField::Count);

    RegistrationKind kind_ = RegistrationKind::Person;
    std::array<std::string, kFieldCount> values_;
    std::array<std::string, kFieldCount> errors_;
    std::array<std::string, kFieldCount> warnings_;
    std::array<bool, kFieldCount> touched_{};
    std::string form_error_;
    bool busy_ = false;
    std::optional<RegisteredAccount> registered_;
    SmsCodeSender sms_{"register"};
};

// The field a wire name of the contract ("idCardNumber", "smsCode", ...) refers to.
std::optional<RegistrationField> registration_field_from_wire(const std::string& name);

} // namespace portal
