// The agent's "开通多险平台" screen: one checkbox per insurance type the agent may handle, the
// reason for each it may not, and the per-type outcome of opening the platform.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <string>
#include <vector>

namespace portal {

// The insurance types of the signed-in agent (GET /api/agent/insurance-types), shared by the
// platform screen and the declaration forms.
class AgentPermissions {
public:
    explicit AgentPermissions(UnitContext& context) : context_(context) {}

    void load();
    void reset();

    bool loaded() const { return loaded_; }
    bool loading() const { return loading_; }
    const std::string& error() const { return error_; }
    const std::vector<InsurancePermission>& items() const { return items_; }

    // Whether the agent may declare for `insurance_type`: allowed and opened on the platform.
    bool can_declare(const std::string& insurance_type) const;
    // Why the agent may not declare for `insurance_type`; empty when it may.
    std::string declare_refusal(const std::string& insurance_type) const;

    // Marks the types that the platform reports as opened.
    void mark_opened(const std::vector<PlatformOpeningResult>& results);

private:
    UnitContext& context_;
    std::vector<InsurancePermission> items_;
    bool loaded_ = false;
    bool loading_ = false;
    std::string error_;
};

class PlatformOpening {
public:
    PlatformOpening(UnitContext& context, AgentPermissions& permissions)
        : context_(context), permissions_(permissions) {}

    // Loads the permissions and ticks every allowed type that is not open yet.
    void load();
    void reset();

    // Ticked state per permission, in the order of AgentPermissions::items().
    bool ticked(size_t index);
    void set_ticked(size_t index, bool value);

    // Sends POST /api/agent/platform for the ticked types. Without a ticked type it only sets
    // the form error.
    void open();
    bool opening() const { return opening_; }
    const std::string& form_error() const { return form_error_; }

    // The result dialog: one line per requested type, or the unit-information error.
    bool result_open() const { return result_open_; }
    void close_result() { result_open_ = false; }
    const std::vector<PlatformOpeningResult>& results() const { return results_; }
    // "单位信息错误…" when the unit's name differs between its registrations.
    const std::string& unit_mismatch() const { return unit_mismatch_; }
    // Whether at least one type is open, so "前往申报" leads somewhere.
    bool platform_open() const;

private:
    void sync_ticks();

    UnitContext& context_;
    AgentPermissions& permissions_;
    std::vector<bool> ticked_;
    std::vector<PlatformOpeningResult> results_;
    std::string form_error_;
    std::string unit_mismatch_;
    bool opening_ = false;
    bool result_open_ = false;
};

} // namespace portal
