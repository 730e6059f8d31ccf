// The agent's staff list and declarations in the demo, following server/staff.py and
// server/declarations.py: create (all or none, with an idempotency key), list, detail and
// rollback.
#include "core/text_normalize.h"
#include "demo/demo_service.h"

#include <algorithm>

namespace portal::demo {
namespace {

constexpr int kBaseMin = 4000; // demo bounds of the contribution base, as serve.py's
constexpr int kBaseMax = 25000;

struct StaffGroup {
    int staffId = 0;
    std::vector<const DemoStaffRecord*> rows;
};

// The unit's staff, one group per ID-card number in the order they first joined; the staff
// id is the smallest record id of the person.
std::vector<StaffGroup> staffGroups(const DemoService& service, const std::string& creditCode) {
    std::vector<const DemoStaffRecord*> records;
    for (const DemoStaffRecord& record : service.state.staffRecords) {
        if (record.creditCode == creditCode) {
            records.push_back(&record);
        }
    }
    std::stable_sort(records.begin(), records.end(),
                     [](const DemoStaffRecord* a, const DemoStaffRecord* b) { return a->id < b->id; });
    std::vector<StaffGroup> groups;
    for (const DemoStaffRecord* record : records) {
        auto group = std::find_if(groups.begin(), groups.end(), [&](const StaffGroup& g) {
            return g.rows.front()->idCardNumber == record->idCardNumber;
        });
        if (group == groups.end()) {
            groups.push_back({record->id, {record}});
        } else {
            group->rows.push_back(record);
        }
    }
    return groups;
}

json staffJson(const StaffGroup& group, bool fullNumber) {
    const std::string& number = group.rows.front()->idCardNumber;
    json records = json::array();
    std::map<std::string, int> active;
    for (const DemoStaffRecord* row : group.rows) {
        if (row->status == "active") {
            active[row->insuranceType] += 1;
        }
        records.push_back({{"recordId", row->id},
                           {"insuranceType", row->insuranceType},
                           {"insuranceTypeName", insuranceTypeName(row->insuranceType)},
                           {"status", row->status},
                           {"contributionBase", row->contributionBase},
                           {"startMonth", row->startMonth},
                           {"endMonth", row->endMonth.empty() ? json(nullptr) : json(row->endMonth)}});
    }
    const bool duplicate = std::any_of(active.begin(), active.end(),
                                       [](const auto& entry) { return entry.second > 1; });
    return {{"staffId", group.staffId},
            {"name", group.rows.back()->name},
            {"idCardNumber", fullNumber ? number : maskIdCardNumber(number)},
            {"records", records},
            {"duplicateRecords", duplicate}};
}

const char* kindName(const std::string& kind) {
    if (kind == "addition") {
        return "增员";
    }
    if (kind == "removal") {
        return "减员";
    }
    return kind == "change" ? "人员信息变更" : "";
}

const char* statusName(const std::string& status) {
    if (status == "pending") {
        return "待审核";
    }
    if (status == "rejected") {
        return "审核未通过";
    }
    if (status == "approved") {
        return "审核已通过";
    }
    return status == "rolled_back" ? "已回退" : "";
}

json declarationJson(const DemoDeclaration& d, bool fullNumber) {
    return {{"id", d.id},
            {"kind", d.kind},
            {"kindName", kindName(d.kind)},
            {"insuranceType", d.insuranceType},
            {"insuranceTypeName", insuranceTypeName(d.insuranceType)},
            {"name", d.name},
            {"idCardNumber", fullNumber ? d.idCardNumber : maskIdCardNumber(d.idCardNumber)},
            {"details", d.details},
            {"status", d.status},
            {"statusName", statusName(d.status)},
            {"reviewReason", d.reviewReason.empty() ? json(nullptr) : json(d.reviewReason)},
            {"createdAt", toIsoChinaTime(d.createdAt)},
            {"reviewedAt", d.reviewedAt == 0 ? json(nullptr) : json(toIsoChinaTime(d.reviewedAt))},
            {"canRollback", d.status == "pending"}};
}

bool isDigits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Returns the positive integer path parameter `name`, or 0, for which the handler
// returns 404.
int idParameter(const ApiRequest& request, const char* name) {
    const auto found = request.params.find(name);
    if (found == request.params.end() || !isDigits(found->second) || found->second.size() > 9) {
        return 0;
    }
    return std::stoi(found->second);
}

bool monthField(const json& body, const char* name, const char* label, std::string& out,
                ApiReply& error) {
    if (!BodyFields(body, error).text(name, label, out, true, 7)) {
        return false;
    }
    const bool valid = out.size() == 7 && isDigits(out.substr(0, 4)) && out[4] == '-' &&
                       isDigits(out.substr(5)) && std::stoi(out.substr(5)) >= 1 &&
                       std::stoi(out.substr(5)) <= 12;
    if (!valid) {
        error = invalidRequest(std::string(label) + "应为“年-月”格式，如2026-01（字段 " + name +
                                   "）",
                               name);
    }
    return valid;
}

bool baseField(const json& body, const char* name, int& out, ApiReply& error) {
    const auto found = body.find(name);
    const std::string field = name;
    if (found == body.end() || found->is_null()) {
        error = invalidRequest("请填写缴费基数（字段 " + field + "）", field);
        return false;
    }
    const bool integral = found->is_number_integer() ||
                          (found->is_number_float() &&
                           found->get<double>() == static_cast<double>(
                                                       static_cast<long long>(found->get<double>())));
    if (!integral) {
        error = invalidRequest("缴费基数应为整数元（字段 " + field + "）", field);
        return false;
    }
    const long long value = found->is_number_integer() ? found->get<long long>()
                                                       : static_cast<long long>(found->get<double>());
    if (value < kBaseMin || value > kBaseMax) {
        error = invalidRequest("缴费基数" + std::to_string(value) + "元超出范围，应在" +
                                   std::to_string(kBaseMin) + "元至" + std::to_string(kBaseMax) +
                                   "元之间（字段 " + field + "）",
                               field);
        return false;
    }
    out = static_cast<int>(value);
    return true;
}

// Checks the person-level rules of one insurance type, as server/declarations.py does.
bool checkRules(const DemoService& service, const std::string& creditCode, const std::string& kind,
                const std::string& number, const std::string& type, ApiReply& error) {
    const std::string typeName = insuranceTypeName(type);
    int active = 0;
    int activeHere = 0;
    for (const DemoStaffRecord& record : service.state.staffRecords) {
        if (record.idCardNumber == number && record.insuranceType == type &&
            record.status == "active") {
            ++active;
            activeHere += record.creditCode == creditCode ? 1 : 0;
        }
    }
    const json extra = {{"insuranceType", type}};
    if (active > 1 && kind != "change") {
        error = errorReply(409, "duplicate_person_records", "该人员有多条记录，请到窗口进行合并",
                           extra);
        return false;
    }
    if (kind == "addition" && activeHere > 0) {
        error = errorReply(409, "already_insured", "该人员已在本单位参加" + typeName + "保险，无需增员",
                           extra);
        return false;
    }
    if (kind == "addition" && active > 0) {
        error = errorReply(409, "insured_elsewhere",
                           "该人员正在其他单位参加" + typeName + "保险，请原单位先办理减员", extra);
        return false;
    }
    if (kind != "addition" && activeHere == 0) {
        error = errorReply(409, "not_insured", "该人员在本单位没有" + typeName + "保险的在保记录",
                           extra);
        return false;
    }
    for (const DemoDeclaration& declaration : service.state.declarations) {
        if (declaration.creditCode == creditCode && declaration.idCardNumber == number &&
            declaration.insuranceType == type && declaration.status == "pending") {
            error = errorReply(409, "declaration_pending",
                               "该人员已有" + typeName +
                                   "险种的待审核申报，请等待审核结果或先回退该申报",
                               extra);
            return false;
        }
    }
    return true;
}

// Reads the person and the declared values of a declaration body.
bool personAndDetails(DemoService& service, const DemoAccount& agent, const std::string& kind,
                      const json& body, std::string& number, std::string& name, json& details,
                      ApiReply& error) {
    BodyFields fields(body, error);
    if (kind == "addition") {
        std::string text;
        if (!fields.text("idCardNumber", "身份证号码", text, true, 40)) {
            return false;
        }
        std::string problem;
        const std::optional<std::string> normalized =
            normalizeIdCardNumber(text, service.now(), problem);
        if (!normalized) {
            error = invalidRequest(problem + "（字段 idCardNumber）", "idCardNumber");
            return false;
        }
        number = *normalized;
        if (!fields.text("name", "姓名", name, true, 60)) {
            return false;
        }
        if (!isValidPersonName(name)) {
            error = invalidRequest(
                "姓名格式不正确：应为2至30个汉字（可含“·”）或英文字母（字段 name）", "name");
            return false;
        }
        int base = 0;
        std::string start;
        if (!baseField(body, "contributionBase", base, error) ||
            !monthField(body, "startMonth", "参保开始年月", start, error)) {
            return false;
        }
        details = {{"contributionBase", base}, {"startMonth", start}};
        return true;
    }

    const auto staffId = body.find("staffId");
    if (staffId == body.end() || !staffId->is_number_integer() || staffId->get<long long>() <= 0) {
        error = invalidRequest("请从人员列表中选择人员（字段 staffId）", "staffId");
        return false;
    }
    const std::vector<StaffGroup> groups = staffGroups(service, agent.creditCode);
    const auto group = std::find_if(groups.begin(), groups.end(), [&](const StaffGroup& g) {
        return g.staffId == staffId->get<long long>();
    });
    if (group == groups.end()) {
        error = errorReply(404, "not_found", "未找到该人员，请刷新人员列表后重试");
        return false;
    }
    number = group->rows.front()->idCardNumber;
    name = group->rows.back()->name;
    if (kind == "removal") {
        std::string end;
        std::string reason;
        if (!monthField(body, "endMonth", "停保年月", end, error) ||
            !fields.text("reason", "减员原因", reason, true, 100)) {
            return false;
        }
        details = {{"endMonth", end}, {"reason", reason}};
        return true;
    }
    const auto changes = body.find("changes");
    if (changes == body.end() || !changes->is_object() || changes->empty()) {
        error = invalidRequest("请填写要变更的信息（字段 changes）", "changes");
        return false;
    }
    std::string unknown;
    for (auto it = changes->begin(); it != changes->end(); ++it) {
        if (it.key() != "name" && it.key() != "contributionBase") {
            unknown += (unknown.empty() ? "" : "、") + it.key();
        }
    }
    if (!unknown.empty()) {
        error = invalidRequest("不能变更的字段：" + unknown +
                                   "，可变更：name、contributionBase（字段 changes）",
                               "changes");
        return false;
    }
    json clean = json::object();
    if (changes->contains("name")) {
        std::string newName;
        if (!BodyFields(*changes, error).text("name", "姓名", newName, true, 60)) {
            return false;
        }
        if (!isValidPersonName(newName)) {
            error = invalidRequest(
                "姓名格式不正确：应为2至30个汉字（可含“·”）或英文字母（字段 name）", "name");
            return false;
        }
        clean["name"] = newName;
    }
    if (changes->contains("contributionBase")) {
        int base = 0;
        if (!baseField(*changes, "contributionBase", base, error)) {
            return false;
        }
        clean["contributionBase"] = base;
    }
    details = {{"changes", clean}};
    return true;
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
std::int64_t daysFromCivil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t yearOfEra = year - era * 400;
    const std::int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// Returns the epoch seconds of China-time midnight of a "YYYY-MM-DD" date, or sets `error`.
bool dayStart(const std::string& text, const char* name, std::int64_t& out, ApiReply& error) {
    const bool shape = text.size() == 10 && isDigits(text.substr(0, 4)) && text[4] == '-' &&
                       isDigits(text.substr(5, 2)) && text[7] == '-' && isDigits(text.substr(8));
    if (!shape) {
        error = invalidRequest(std::string(name) + " 应为“年-月-日”格式，如2026-01-31", name);
        return false;
    }
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8));
    const int days[] = {31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
                        31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) {
        error = invalidRequest(std::string(name) + " 不是有效日期：" + text, name);
        return false;
    }
    out = daysFromCivil(year, month, day) * 86400 - 8 * 3600;
    return true;
}

DemoDeclaration* findDeclaration(DemoService& service, const DemoAccount& agent, int id) {
    for (DemoDeclaration& declaration : service.state.declarations) {
        if (declaration.id == id && declaration.creditCode == agent.creditCode) {
            return &declaration;
        }
    }
    return nullptr;
}

std::string queryValue(const ApiRequest& request, const char* name) {
    const auto found = request.query.find(name);
    return found == request.query.end() ? "" : found->second;
}

} // namespace

ApiReply listStaff(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireAgent(service, request, error);
    int page = 0;
    int pageSize = 0;
    if (agent == nullptr || !readPaging(request, page, pageSize, error)) {
        return error;
    }
    const std::string name = trimSpaces(queryValue(request, "name"));
    const std::string status = queryValue(request, "status");
    if (!status.empty() && status != "active" && status != "stopped") {
        return invalidRequest("status 取值无效，可选值：active、stopped", "status");
    }
    std::vector<StaffGroup> groups;
    for (StaffGroup& group : staffGroups(service, agent->creditCode)) {
        const bool nameMatches = name.empty() || group.rows.back()->name.find(name) != std::string::npos;
        const bool statusMatches =
            status.empty() || std::any_of(group.rows.begin(), group.rows.end(),
                                          [&](const DemoStaffRecord* r) { return r->status == status; });
        if (nameMatches && statusMatches) {
            groups.push_back(std::move(group));
        }
    }
    json items = json::array();
    const std::size_t first = static_cast<std::size_t>(page - 1) * pageSize;
    for (std::size_t i = first; i < groups.size() && i < first + pageSize; ++i) {
        items.push_back(staffJson(groups[i], false));
    }
    return {200, {{"items", items}, {"total", groups.size()}, {"page", page}, {"pageSize", pageSize}}};
}

ApiReply getStaff(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireAgent(service, request, error);
    if (agent == nullptr) {
        return error;
    }
    const int staffId = idParameter(request, "staffId");
    for (const StaffGroup& group : staffGroups(service, agent->creditCode)) {
        if (staffId != 0 && group.staffId == staffId) {
            return {200, {{"staff", staffJson(group, true)}}};
        }
    }
    return errorReply(404, "not_found", staffId == 0 ? "请求的资源不存在，请检查地址"
                                                     : "未找到该人员，请刷新人员列表后重试");
}

ApiReply createDeclarations(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireAgent(service, request, error);
    if (agent == nullptr) {
        return error;
    }
    const auto header = request.headers.find("idempotency-key");
    const std::string key = header == request.headers.end() ? "" : trimSpaces(header->second);
    const bool keyValid = !key.empty() && key.size() <= 100 &&
                          std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (!keyValid) {
        return errorReply(400, "idempotency_key_required",
                          "请求缺少有效的 Idempotency-Key 请求头（1至100个可见 ASCII 字符），"
                          "请刷新页面后重新提交");
    }
    json body;
    if (!service.jsonObject(request, body, error)) {
        return error;
    }
    const std::string digest = digestText(service.state.secret, body.dump());
    for (const DemoIdempotencyKey& stored : service.state.idempotencyKeys) {
        if (stored.accountId == agent->id && stored.key == key) {
            if (stored.requestDigest != digest) {
                return errorReply(422, "idempotency_key_reused",
                                  "该申报编号已用于另一份内容不同的申报，请刷新页面后重新填写");
            }
            return {201, stored.response};
        }
    }

    std::string kind;
    if (!BodyFields(body, error).choice("kind", "申报类型", {"addition", "removal", "change"}, kind)) {
        return error;
    }
    const auto requested = body.find("insuranceTypes");
    if (requested == body.end() || !requested->is_array() || requested->empty()) {
        return invalidRequest("请至少勾选一个险种（字段 insuranceTypes）", "insuranceTypes");
    }
    std::vector<std::string> types;
    for (const json& value : *requested) {
        if (!value.is_string() || *insuranceTypeName(value.get<std::string>()) == '\0') {
            const std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
            return invalidRequest("险种取值无效：" + shown +
                                      "，可选值：pension、work_injury、unemployment（字段 "
                                      "insuranceTypes）",
                                  "insuranceTypes");
        }
    }
    for (const std::string& type : insuranceTypes()) {
        if (std::find(requested->begin(), requested->end(), type) != requested->end()) {
            types.push_back(type);
        }
    }
    for (const std::string& type : types) {
        const std::string reason = declarationPermissionReason(service, *agent, type);
        if (!reason.empty()) {
            return errorReply(403, "insurance_type_not_allowed",
                              std::string("您不能办理") + insuranceTypeName(type) + "险种的申报：" +
                                  reason,
                              {{"insuranceType", type}});
        }
    }
    std::string number;
    std::string name;
    json details;
    if (!personAndDetails(service, *agent, kind, body, number, name, details, error)) {
        return error;
    }
    for (const std::string& type : types) {
        if (!checkRules(service, agent->creditCode, kind, number, type, error)) {
            return error;
        }
    }

    json created = json::array();
    for (const std::string& type : types) {
        DemoDeclaration declaration;
        declaration.id = service.state.nextDeclarationId++;
        declaration.creditCode = agent->creditCode;
        declaration.kind = kind;
        declaration.insuranceType = type;
        declaration.idCardNumber = number;
        declaration.name = name;
        declaration.details = details;
        declaration.status = "pending";
        declaration.createdAt = service.now();
        created.push_back(declarationJson(declaration, false));
        service.state.declarations.push_back(std::move(declaration));
    }
    const json response = {{"declarations", created}};
    service.state.idempotencyKeys.push_back({agent->id, key, digest, response});
    service.changed = true;
    return {201, response};
}

ApiReply listDeclarations(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireAgent(service, request, error);
    int page = 0;
    int pageSize = 0;
    if (agent == nullptr || !readPaging(request, page, pageSize, error)) {
        return error;
    }
    struct Filter {
        const char* name;
        std::vector<std::string> allowed;
    };
    const Filter filters[] = {{"status", {"pending", "rejected", "approved", "rolled_back"}},
                              {"kind", {"addition", "removal", "change"}},
                              {"insuranceType", insuranceTypes()}};
    for (const Filter& filter : filters) {
        const std::string value = queryValue(request, filter.name);
        if (!value.empty() &&
            std::find(filter.allowed.begin(), filter.allowed.end(), value) == filter.allowed.end()) {
            std::string list;
            for (const std::string& option : filter.allowed) {
                list += (list.empty() ? "" : "、") + option;
            }
            return invalidRequest(std::string(filter.name) + " 取值无效：" + value + "，可选值：" +
                                      list,
                                  filter.name);
        }
    }
    const std::string status = queryValue(request, "status");
    const std::string kind = queryValue(request, "kind");
    const std::string type = queryValue(request, "insuranceType");
    const std::string name = trimSpaces(queryValue(request, "name"));
    const std::string number = toUpperAscii(trimSpaces(foldFullWidth(queryValue(request, "idCardNumber"))));
    std::int64_t from = 0;
    std::int64_t to = 0;
    const std::string fromText = queryValue(request, "from");
    const std::string toText = queryValue(request, "to");
    if ((!fromText.empty() && !dayStart(fromText, "from", from, error)) ||
        (!toText.empty() && !dayStart(toText, "to", to, error))) {
        return error;
    }

    std::vector<const DemoDeclaration*> rows;
    for (const DemoDeclaration& d : service.state.declarations) {
        const bool matches =
            d.creditCode == agent->creditCode && (status.empty() || d.status == status) &&
            (kind.empty() || d.kind == kind) && (type.empty() || d.insuranceType == type) &&
            (name.empty() || d.name.find(name) != std::string::npos) &&
            (number.empty() || d.idCardNumber == number) &&
            (fromText.empty() || d.createdAt >= from) &&
            (toText.empty() || d.createdAt < to + 24 * 3600);
        if (matches) {
            rows.push_back(&d);
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const DemoDeclaration* a, const DemoDeclaration* b) {
        return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->id > b->id;
    });
    json items = json::array();
    const std::size_t first = static_cast<std::size_t>(page - 1) * pageSize;
    for (std::size_t i = first; i < rows.size() && i < first + pageSize; ++i) {
        items.push_back(declarationJson(*rows[i], false));
    }
    return {200, {{"items", items}, {"total", rows.size()}, {"page", page}, {"pageSize", pageSize}}};
}

ApiReply getDeclaration(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireAgent(service, request, error);
    if (agent == nullptr) {
        return error;
    }
    const int id = idParameter(request, "id");
    const DemoDeclaration* declaration = id == 0 ? nullptr : findDeclaration(service, *agent, id);
    if (declaration == nullptr) {
        return errorReply(404, "not_found", "未找到该申报记录，请刷新后重试");
    }
    return {200, {{"declaration", declarationJson(*declaration, true)}}};
}

ApiReply rollbackDeclaration(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireAgent(service, request, error);
    if (agent == nullptr) {
        return error;
    }
    const int id = idParameter(request, "id");
    DemoDeclaration* declaration = id == 0 ? nullptr : findDeclaration(service, *agent, id);
    if (declaration == nullptr) {
        return errorReply(404, "not_found", "未找到该申报记录，请刷新后重试");
    }
    if (declaration->status != "pending") {
        const std::string& status = declaration->status;
        const char* message = status == "approved"
                                  ? "该申报已审核通过，不能回退；如需更正请办理人员信息变更或减员"
                              : status == "rejected" ? "该申报审核未通过，无需回退，可修改后重新申报"
                                                     : "该申报已回退";
        return errorReply(409, "not_rollbackable", message, {{"declarationStatus", status}});
    }
    declaration->status = "rolled_back";
    service.changed = true;
    return {200, {{"declaration", declarationJson(*declaration, false)}}};
}

} // namespace portal::demo
