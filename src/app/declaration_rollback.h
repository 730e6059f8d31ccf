// The agent's 申报业务回退: the declarations still pending review, each of which can be rolled
// back, and a look-up by declaration number that explains why a reviewed one cannot.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <optional>
#include <string>

namespace portal {

// Why a declaration in `status` cannot be rolled back, and what to do instead; empty for a
// pending one.
std::string rollback_refusal(const std::string& status);

class DeclarationRollback {
public:
    explicit DeclarationRollback(UnitContext& context) : context_(context) {}

    // Fetches the pending declarations (GET /api/declarations?status=pending).
    void load(int page = 1);
    void reset();

    bool loading() const { return loading_; }
    const std::string& error() const { return error_; }
    const Page<Declaration>& page() const { return page_; }

    // Looks up a declaration by number; a reviewed one gets its explanation in lookup_note().
    std::string lookup_id;
    void lookup();
    const std::optional<Declaration>& looked_up() const { return looked_up_; }
    const std::string& lookup_note() const { return lookup_note_; }

    // Asks for confirmation of the rollback of `declaration`.
    void choose(const Declaration& declaration);
    const std::optional<Declaration>& chosen() const { return chosen_; }
    void cancel() { chosen_.reset(); }

    // Rolls back the chosen declaration (POST /api/declarations/{id}/rollback).
    void confirm();
    bool busy() const { return busy_; }
    // The outcome of the last rollback, for a message line.
    const std::string& outcome() const { return outcome_; }
    bool outcome_failed() const { return outcome_failed_; }

private:
    UnitContext& context_;
    Page<Declaration> page_;
    bool loading_ = false;
    bool busy_ = false;
    bool outcome_failed_ = false;
    std::string error_;
    std::optional<Declaration> looked_up_;
    std::string lookup_note_;
    std::optional<Declaration> chosen_;
    std::string outcome_;
};

} // namespace portal
