// The unit resources of the REST contract (docs/api.md) as plain structs, decoded from JSON
// without exceptions: a member of the wrong type is treated as missing.
#pragma once

#include <nlohmann/json.hpp>

#include <climits>
#include <optional>
#include <string>
#include <vector>

namespace portal {

// Insurance types in the contract's order: pension, work injury, unemployment.
inline constexpr const char* kInsuranceTypes[] = {"pension", "work_injury", "unemployment"};

// The Chinese name of an insurance type ("企业养老", "工伤", "失业"); the wire name if unknown.
std::string insurance_type_name(const std::string& insurance_type);

// One insurance type's registration at the agency, as the unit information lists it.
struct UnitRegistration {
    std::string insuranceType;
    std::string insuranceTypeName;
    std::string unitName;
    bool onlineDeclaration = false;
};

struct UnitInfo {
    std::string creditCode;
    std::string name;
    bool confirmed = false;
    bool nameConsistent = true;
    std::vector<UnitRegistration> registrations;
};

// An agent designated at the service window and its online account.
struct AgentRow {
    std::string name;
    std::string idCardNumber;  // masked
    std::string mobile;        // masked
    std::string username;      // empty while no account exists
    std::string status;        // not_opened, active, disabled
};

// The outcome of the agent sync for one agent.
struct AgentSyncResult {
    AgentRow agent;
    std::string result;  // created, updated, unchanged, disabled
    std::string message;
};

// Whether the signed-in agent may handle an insurance type, and whether it opened it.
struct InsurancePermission {
    std::string insuranceType;
    std::string name;
    bool allowed = false;
    bool opened = false;
    std::string reason;  // why not allowed
};

// The outcome of opening the multi-insurance platform for one insurance type.
struct PlatformOpeningResult {
    std::string insuranceType;
    std::string name;
    bool opened = false;
    std::string message;
};

// One insurance record of a staff member.
struct StaffRecord {
    long long recordId = 0;
    std::string insuranceType;
    std::string insuranceTypeName;
    std::string status;  // active, stopped
    long long contributionBase = 0;
    std::string startMonth;
    std::string endMonth;
};

struct StaffMember {
    long long staffId = 0;
    std::string name;
    std::string idCardNumber;  // masked in lists, full in the detail
    bool duplicateRecords = false;
    std::vector<StaffRecord> records;

    // Returns the active record of `insurance_type`, or nullptr.
    const StaffRecord* active_record(const std::string& insurance_type) const;
};

struct Declaration {
    long long id = 0;
    std::string kind;  // addition, removal, change
    std::string kindName;
    std::string insuranceType;
    std::string insuranceTypeName;
    std::string name;
    std::string idCardNumber;
    std::string details;  // the declared values, as one readable line
    std::string status;   // pending, rejected, approved, rolled_back
    std::string statusName;
    std::string reviewReason;
    std::string createdAt;
    std::string reviewedAt;
    bool canRollback = false;
};

struct OverdueReminder {
    long long declarationId = 0;
    std::string message;
};

// One page of a list endpoint.
template <typename T> struct Page {
    std::vector<T> items;
    long long total = 0;
    int page = 1;
    int pageSize = 20;

    // Returns the number of pages, at least 1 and at most INT_MAX whatever the total.
    int page_count() const {
        if (total <= 0) {
            return 1;
        }
        const long long count = total / pageSize + (total % pageSize != 0 ? 1 : 0);
        return count > INT_MAX ? INT_MAX : static_cast<int>(count);
    }
};

std::optional<UnitInfo> decode_unit_info(const nlohmann::json& body);
std::vector<AgentRow> decode_agents(const nlohmann::json& body);
std::vector<AgentSyncResult> decode_agent_sync(const nlohmann::json& body);
std::vector<InsurancePermission> decode_permissions(const nlohmann::json& body);
std::vector<PlatformOpeningResult> decode_platform_opening(const nlohmann::json& body);
std::optional<StaffMember> decode_staff_member(const nlohmann::json& item);
Page<StaffMember> decode_staff_page(const nlohmann::json& body);
std::optional<Declaration> decode_declaration(const nlohmann::json& item);
std::vector<Declaration> decode_declarations(const nlohmann::json& body, const char* key);
Page<Declaration> decode_declaration_page(const nlohmann::json& body);
std::vector<OverdueReminder> decode_reminders(const nlohmann::json& body);

// Formats "2026-01-01T08:30:00+08:00" as "2026-01-01 08:30", and returns other text unchanged.
std::string format_moment(const std::string& iso_time);

} // namespace portal
