#include "app/unit_records.h"

#include "core/json_decode.h"

#include <algorithm>
#include <climits>

namespace portal {

namespace {

using json_decode::bool_member;
using json_decode::integer_member;
using json_decode::string_member;

std::string text(const nlohmann::json& object, const char* key) {
    return string_member(object, key).value_or("");
}

// Calls `each` for every object element of the array member `key`; other elements are skipped.
template <typename Each> void for_each_object(const nlohmann::json& body, const char* key, Each each) {
    if (!body.is_object()) {
        return;
    }
    auto it = body.find(key);
    if (it == body.end() || !it->is_array()) {
        return;
    }
    for (const nlohmann::json& element : *it) {
        if (element.is_object()) {
            each(element);
        }
    }
}

AgentRow decode_agent_row(const nlohmann::json& item) {
    AgentRow row;
    row.name = text(item, "name");
    row.idCardNumber = text(item, "idCardNumber");
    row.mobile = text(item, "mobile");
    row.username = text(item, "username");
    row.status = text(item, "status");
    return row;
}

// Renders the `details` object of a declaration for people: "缴费基数 6000元，参保开始年月 2026-01".
std::string describe_details(const nlohmann::json& item) {
    const nlohmann::json* details = json_decode::object_member(item, "details");
    if (details == nullptr) {
        return "";
    }
    std::string line;
    auto append = [&line](const std::string& part) {
        if (!line.empty()) {
            line += "，";
        }
        line += part;
    };
    if (auto base = integer_member(*details, "contributionBase")) {
        append("缴费基数 " + std::to_string(*base) + "元");
    }
    if (auto month = string_member(*details, "startMonth")) {
        append("参保开始年月 " + *month);
    }
    if (auto month = string_member(*details, "endMonth")) {
        append("停保年月 " + *month);
    }
    if (auto reason = string_member(*details, "reason")) {
        append("减员原因 " + *reason);
    }
    if (auto name = string_member(*details, "name")) {
        append("姓名变更为 " + *name);
    }
    return line;
}

// The maximum pageSize of the contract (docs/api.md, Paging).
constexpr long long kMaxPageSize = 100;

// Reads total, page and pageSize. A value outside the contract's range falls back to its
// default, which also keeps (page - 1) * pageSize, the first row number that the lists
// compute in int, from overflowing.
template <typename T>
void decode_paging(const nlohmann::json& body, Page<T>& page) {
    const long long total = integer_member(body, "total").value_or(-1);
    page.total = total >= 0 ? total : static_cast<long long>(page.items.size());
    const long long number = integer_member(body, "page").value_or(1);
    page.page = number >= 1 && number <= INT_MAX / kMaxPageSize ? static_cast<int>(number) : 1;
    const long long page_size = integer_member(body, "pageSize").value_or(20);
    page.pageSize =
        page_size >= 1 && page_size <= kMaxPageSize ? static_cast<int>(page_size) : 20;
}

} // namespace

std::string insurance_type_name(const std::string& insurance_type) {
    if (insurance_type == "pension") {
        return "企业养老";
    }
    if (insurance_type == "work_injury") {
        return "工伤";
    }
    if (insurance_type == "unemployment") {
        return "失业";
    }
    return insurance_type;
}

const StaffRecord* StaffMember::active_record(const std::string& insurance_type) const {
    for (const StaffRecord& record : records) {
        if (record.insuranceType == insurance_type && record.status == "active") {
            return &record;
        }
    }
    return nullptr;
}

std::optional<UnitInfo> decode_unit_info(const nlohmann::json& body) {
    const nlohmann::json* unit = json_decode::object_member(body, "unit");
    if (unit == nullptr) {
        return std::nullopt;
    }
    UnitInfo info;
    info.creditCode = text(*unit, "creditCode");
    info.name = text(*unit, "name");
    info.confirmed = bool_member(*unit, "confirmed").value_or(false);
    info.nameConsistent = bool_member(*unit, "nameConsistent").value_or(true);
    for_each_object(*unit, "registrations", [&info](const nlohmann::json& item) {
        UnitRegistration registration;
        registration.insuranceType = text(item, "insuranceType");
        registration.insuranceTypeName = text(item, "insuranceTypeName");
        registration.unitName = text(item, "unitName");
        registration.onlineDeclaration = bool_member(item, "onlineDeclaration").value_or(false);
        info.registrations.push_back(std::move(registration));
    });
    return info;
}

std::vector<AgentRow> decode_agents(const nlohmann::json& body) {
    std::vector<AgentRow> rows;
    for_each_object(body, "items",
                    [&rows](const nlohmann::json& item) { rows.push_back(decode_agent_row(item)); });
    return rows;
}

std::vector<AgentSyncResult> decode_agent_sync(const nlohmann::json& body) {
    std::vector<AgentSyncResult> results;
    for_each_object(body, "results", [&results](const nlohmann::json& item) {
        AgentSyncResult result;
        result.agent = decode_agent_row(item);
        result.result = text(item, "result");
        result.message = text(item, "message");
        results.push_back(std::move(result));
    });
    return results;
}

std::vector<InsurancePermission> decode_permissions(const nlohmann::json& body) {
    std::vector<InsurancePermission> permissions;
    for_each_object(body, "items", [&permissions](const nlohmann::json& item) {
        InsurancePermission permission;
        permission.insuranceType = text(item, "insuranceType");
        permission.name = string_member(item, "name")
                              .value_or(insurance_type_name(permission.insuranceType));
        permission.allowed = bool_member(item, "allowed").value_or(false);
        permission.opened = bool_member(item, "opened").value_or(false);
        permission.reason = text(item, "reason");
        permissions.push_back(std::move(permission));
    });
    return permissions;
}

std::vector<PlatformOpeningResult> decode_platform_opening(const nlohmann::json& body) {
    std::vector<PlatformOpeningResult> results;
    for_each_object(body, "results", [&results](const nlohmann::json& item) {
        PlatformOpeningResult result;
        result.insuranceType = text(item, "insuranceType");
        result.name = string_member(item, "name").value_or(insurance_type_name(result.insuranceType));
        result.opened = bool_member(item, "opened").value_or(false);
        result.message = text(item, "message");
        results.push_back(std::move(result));
    });
    return results;
}

std::optional<StaffMember> decode_staff_member(const nlohmann::json& item) {
    auto staff_id = integer_member(item, "staffId");
    if (!staff_id) {
        return std::nullopt;
    }
    StaffMember member;
    member.staffId = *staff_id;
    member.name = text(item, "name");
    member.idCardNumber = text(item, "idCardNumber");
    member.duplicateRecords = bool_member(item, "duplicateRecords").value_or(false);
    for_each_object(item, "records", [&member](const nlohmann::json& element) {
        StaffRecord record;
        record.recordId = integer_member(element, "recordId").value_or(0);
        record.insuranceType = text(element, "insuranceType");
        record.insuranceTypeName = string_member(element, "insuranceTypeName")
                                       .value_or(insurance_type_name(record.insuranceType));
        record.status = text(element, "status");
        record.contributionBase = integer_member(element, "contributionBase").value_or(0);
        record.startMonth = text(element, "startMonth");
        record.endMonth = text(element, "endMonth");
        member.records.push_back(std::move(record));
    });
    return member;
}

Page<StaffMember> decode_staff_page(const nlohmann::json& body) {
    Page<StaffMember> page;
    for_each_object(body, "items", [&page](const nlohmann::json& item) {
        if (auto member = decode_staff_member(item)) {
            page.items.push_back(std::move(*member));
        }
    });
    decode_paging(body, page);
    return page;
}

std::optional<Declaration> decode_declaration(const nlohmann::json& item) {
    auto id = integer_member(item, "id");
    if (!id) {
        return std::nullopt;
    }
    Declaration declaration;
    declaration.id = *id;
    declaration.kind = text(item, "kind");
    declaration.kindName = text(item, "kindName");
    declaration.insuranceType = text(item, "insuranceType");
    declaration.insuranceTypeName = string_member(item, "insuranceTypeName")
                                        .value_or(insurance_type_name(declaration.insuranceType));
    declaration.name = text(item, "name");
    declaration.idCardNumber = text(item, "idCardNumber");
    declaration.details = describe_details(item);
    declaration.status = text(item, "status");
    declaration.statusName = text(item, "statusName");
    declaration.reviewReason = text(item, "reviewReason");
    declaration.createdAt = text(item, "createdAt");
    declaration.reviewedAt = text(item, "reviewedAt");
    declaration.canRollback = bool_member(item, "canRollback").value_or(false);
    return declaration;
}

std::vector<Declaration> decode_declarations(const nlohmann::json& body, const char* key) {
    std::vector<Declaration> declarations;
    for_each_object(body, key, [&declarations](const nlohmann::json& item) {
        if (auto declaration = decode_declaration(item)) {
            declarations.push_back(std::move(*declaration));
        }
    });
    return declarations;
}

Page<Declaration> decode_declaration_page(const nlohmann::json& body) {
    Page<Declaration> page;
    page.items = decode_declarations(body, "items");
    decode_paging(body, page);
    return page;
}

std::vector<OverdueReminder> decode_reminders(const nlohmann::json& body) {
    std::vector<OverdueReminder> reminders;
    for_each_object(body, "items", [&reminders](const nlohmann::json& item) {
        OverdueReminder reminder;
        reminder.declarationId = integer_member(item, "declarationId").value_or(0);
        reminder.message = text(item, "message");
        if (!reminder.message.empty()) {
            reminders.push_back(std::move(reminder));
        }
    });
    return reminders;
}

std::string format_moment(const std::string& iso_time) {
    // "2026-01-01T08:30:00+08:00": date, then hours and minutes. Other text is kept as it is,
    // also text with a multi-byte character in its first 16 bytes, which the cut would split.
    const bool ascii = iso_time.size() >= 16 &&
                       std::all_of(iso_time.begin(), iso_time.begin() + 16,
                                   [](unsigned char c) { return c < 0x80; });
    if (!ascii || iso_time[10] != 'T') {
        return iso_time;
    }
    return iso_time.substr(0, 10) + " " + iso_time.substr(11, 5);
}

} // namespace portal
