// The base of the three declaration forms (staff addition, removal and change): the insurance
// types ticked, the error beside each field, the in-flight flag and the Idempotency-Key. The key
// makes a repeated submit return the first declaration instead of creating a second.
#pragma once

#include "app/platform_opening.h"
#include "app/unit_context.h"
#include "app/unit_records.h"

#include <map>
#include <string>
#include <vector>

namespace portal {

// Bounds of the monthly contribution base in whole yuan. The defaults are the reference
// backend's demo bounds; a deployment sets its province's bounds of the year.
struct ContributionBaseBounds {
    long long minimum = 4000;
    long long maximum = 25000;
};

// Creates a fresh Idempotency-Key: a prefix and 32 random hex digits.
std::string make_idempotency_key(const char* prefix);

class DeclarationForm {
public:
    DeclarationForm(UnitContext& context, const AgentPermissions& permissions, const char* kind)
        : context_(context), permissions_(permissions), kind_(kind) {}

    // Ticked state of the three insurance types, in kInsuranceTypes order.
    bool ticked[3] = {false, false, false};

    // The error shown beside `field` ("idCardNumber", "insuranceTypes", ...); empty for none.
    const std::string& field_error(const std::string& field) const;
    // An error that belongs to no field: the server's refusal, a network failure.
    const std::string& form_error() const { return form_error_; }

    bool busy() const { return busy_; }
    // The code of the last failed submit ("network", "timeout", "already_insured", ...); empty
    // after a success or before the first submit.
    const std::string& failure_code() const { return failure_code_; }
    // The message of the last failed submit: the form error, else the first field error.
    std::string failure_message() const;

    // Runs after every response to a submit, success or failure, once the form has taken it in.
    std::function<void()> on_finished;
    const std::string& idempotency_key() const { return key_; }

    // The declarations of the last successful submit, for the result dialog.
    const std::vector<Declaration>& created() const { return created_; }
    bool result_open() const { return result_open_; }
    void close_result() { result_open_ = false; }

    // Forgets the whole form fill: ticks, errors, key, result. For the end of a session.
    void reset_form();
    // Drops the "signed out" error of the last submit once the same user has signed in again,
    // keeping the fill and its key.
    void session_resumed();

    // The ticked types as wire names.
    std::vector<std::string> ticked_types() const;

protected:
    // Checks that at least one type is ticked and that the agent may declare each.
    void check_types();
    void set_error(const std::string& field, std::string message);
    void clear_errors();
    bool has_errors() const;

    // Posts `body` with the form's key and calls `on_created` on success. A failure keeps every
    // typed value and the key, so a retry cannot declare twice. A server message that names a
    // field is shown beside that field.
    void send(nlohmann::json body, std::function<void()> on_created);

    // Starts a new form fill: a new key and no errors.
    void renew();

    UnitContext& context_;
    const AgentPermissions& permissions_;

private:
    void finished();

    const char* kind_;
    std::map<std::string, std::string> errors_;
    std::string form_error_;
    std::string failure_code_;
    std::string key_;
    std::vector<Declaration> created_;
    bool busy_ = false;
    bool result_open_ = false;
};

} // namespace portal
