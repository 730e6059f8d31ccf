// The legal person's unit information screen: the unit as the agency registered it per
// insurance type, and the confirmation of the unit's name.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <optional>
#include <string>
#include <vector>

namespace portal {

class UnitInfoScreen {
public:
    explicit UnitInfoScreen(UnitContext& context) : context_(context) {}

    // Fetches GET /api/unit.
    void load();
    void reset();

    bool loading() const { return loading_; }
    const std::string& error() const { return error_; }
    const std::optional<UnitInfo>& unit() const { return unit_; }

    // The names the legal person may confirm: the unit's own and those on its registrations,
    // each once, in that order.
    std::vector<std::string> candidate_names() const;

    // Index into candidate_names() of the name to confirm.
    int chosen_name = 0;

    // Sends POST /api/unit/confirmation with the chosen name.
    void confirm();
    bool confirming() const { return confirming_; }
    // The outcome of the last confirmation, for the result line under the button.
    const std::string& confirmation_result() const { return confirmation_result_; }
    bool confirmation_failed() const { return confirmation_failed_; }

private:
    UnitContext& context_;
    std::optional<UnitInfo> unit_;
    bool loading_ = false;
    bool confirming_ = false;
    bool confirmation_failed_ = false;
    std::string error_;
    std::string confirmation_result_;
};

} // namespace portal
