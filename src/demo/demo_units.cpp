// The unit endpoints of the demo, following server/units.py, agents.py and
// multi_insurance.py: unit information and its confirmation, the agent list and sync, and the
// agent's insurance types and multi-insurance platform.
#include "demo/demo_service.h"

#include <algorithm>

namespace portal::demo {
namespace {

const char* const kReasonNoRegistration = "单位未在经办机构办理该险种参保登记，请到经办机构办理";
const char* const kReasonCheckAgency = "请到经办机构核实经办人手机号码和网报开通标志";

DemoAccount* requireUnitUser(DemoService& service, const ApiRequest& request, ApiReply& error,
                             const char* onlyKind = nullptr) {
    DemoAccount* account = service.authenticate(request, error);
    if (account == nullptr) {
        return nullptr;
    }
    const bool unitUser = account->kind == "legal_person" || account->kind == "agent";
    if (onlyKind == nullptr && !unitUser) {
        error = forbidden("仅单位用户可以办理此业务，请使用单位法人或经办人账号登录");
        return nullptr;
    }
    if (onlyKind != nullptr && account->kind != onlyKind) {
        error = forbidden(std::string(onlyKind) == "legal_person"
                              ? "仅单位法人可以办理此业务，请使用单位法人账号登录"
                              : "仅单位经办人可以办理此业务，请使用单位经办人账号登录");
        return nullptr;
    }
    return account;
}

const DemoRegistration* findRegistration(const DemoService& service, const std::string& creditCode,
                                         const std::string& type) {
    for (const DemoRegistration& registration : service.state.registrations) {
        if (registration.creditCode == creditCode && registration.insuranceType == type) {
            return &registration;
        }
    }
    return nullptr;
}

DemoUnit* findUnit(DemoService& service, const std::string& creditCode) {
    for (DemoUnit& unit : service.state.units) {
        if (unit.creditCode == creditCode) {
            return &unit;
        }
    }
    return nullptr;
}

// Returns true and the two names when the pension and unemployment registrations disagree.
bool nameMismatch(const DemoService& service, const std::string& creditCode,
                  std::string& pensionName, std::string& unemploymentName) {
    const DemoRegistration* pension = findRegistration(service, creditCode, "pension");
    const DemoRegistration* unemployment = findRegistration(service, creditCode, "unemployment");
    if (pension == nullptr || unemployment == nullptr ||
        pension->unitName == unemployment->unitName) {
        return false;
    }
    pensionName = pension->unitName;
    unemploymentName = unemployment->unitName;
    return true;
}

json unitJson(DemoService& service, const std::string& creditCode) {
    const DemoUnit* unit = findUnit(service, creditCode);
    std::string pensionName;
    std::string unemploymentName;
    json registrations = json::array();
    for (const std::string& type : insuranceTypes()) {
        if (const DemoRegistration* registration = findRegistration(service, creditCode, type)) {
            registrations.push_back({{"insuranceType", type},
                                     {"insuranceTypeName", insuranceTypeName(type)},
                                     {"unitName", registration->unitName},
                                     {"onlineDeclaration", registration->onlineDeclaration}});
        }
    }
    return {{"creditCode", creditCode},
            {"name", unit ? unit->name : ""},
            {"confirmed", unit ? unit->confirmed : false},
            {"nameConsistent", !nameMismatch(service, creditCode, pensionName, unemploymentName)},
            {"registrations", registrations}};
}

// Returns the reason the agent may not handle `type`, or nullptr when it may.
const char* agentPermission(const DemoRegistration* registration, const std::string& mobile) {
    if (registration == nullptr) {
        return kReasonNoRegistration;
    }
    if (registration->agentMobile != mobile || !registration->onlineDeclaration) {
        return kReasonCheckAgency;
    }
    return nullptr;
}

json permissionItems(const DemoService& service, const DemoAccount& agent) {
    json items = json::array();
    for (const std::string& type : insuranceTypes()) {
        const char* reason =
            agentPermission(findRegistration(service, agent.creditCode, type), agent.mobile);
        const bool opened = std::find(agent.openedInsuranceTypes.begin(),
                                      agent.openedInsuranceTypes.end(),
                                      type) != agent.openedInsuranceTypes.end();
        json item = {{"insuranceType", type},
                     {"name", insuranceTypeName(type)},
                     {"allowed", reason == nullptr},
                     {"opened", opened && reason == nullptr}};
        if (reason != nullptr) {
            item["reason"] = reason;
        }
        items.push_back(item);
    }
    return items;
}

json agentItem(const std::string& name, const std::string& idCard, const std::string& mobile,
               const DemoAccount* account, const char* status) {
    return {{"name", name},
            {"idCardNumber", maskIdCardNumber(idCard)},
            {"mobile", maskMobile(mobile)},
            {"username", account ? json(account->username) : json(nullptr)},
            {"status", status}};
}

json agentResult(const std::string& name, const std::string& idCard, const std::string& mobile,
                 const std::string& username, const char* result, const std::string& message) {
    return {{"name", name},
            {"idCardNumber", maskIdCardNumber(idCard)},
            {"mobile", maskMobile(mobile)},
            {"username", username},
            {"result", result},
            {"message", message}};
}

// Returns a random initial password with all four character classes and no look-alikes.
std::string initialPassword(DemoService& service) {
    static const std::string kClasses[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz",
                                           "23456789", "@#$%&*"};
    const std::string digits = service.randomDigits(20);
    std::string password;
    for (int i = 0; i < 10; ++i) {
        const std::string& chars = kClasses[i % 4];
        const int pick = (digits[2 * i] - '0') * 10 + (digits[2 * i + 1] - '0');
        password += chars[static_cast<std::size_t>(pick) % chars.size()];
    }
    return password;
}

} // namespace

ApiReply getUnit(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* account = requireUnitUser(service, request, error);
    if (account == nullptr) {
        return error;
    }
    return {200, {{"unit", unitJson(service, account->creditCode)}}};
}

ApiReply confirmUnit(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* account = requireUnitUser(service, request, error, "legal_person");
    json body;
    std::string name;
    if (account == nullptr || !service.jsonObject(request, body, error) ||
        !BodyFields(body, error).text("name", "单位名称", name, true, 100)) {
        return error;
    }
    DemoUnit* unit = findUnit(service, account->creditCode);
    std::vector<std::string> known = {unit ? unit->name : ""};
    for (const DemoRegistration& registration : service.state.registrations) {
        if (registration.creditCode == account->creditCode) {
            known.push_back(registration.unitName);
        }
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (const std::string& option : known) {
            list += (list.empty() ? "" : "、") + option;
        }
        return invalidRequest("单位名称须为经办机构登记的名称之一：" + list +
                                  "；如名称已变更，请到经办机构办理变更登记（字段 name）",
                              "name");
    }
    if (unit != nullptr) {
        unit->name = name;
        unit->confirmed = true;
    }
    for (DemoRegistration& registration : service.state.registrations) {
        if (registration.creditCode == account->creditCode) {
            registration.unitName = name;
        }
    }
    service.changed = true;
    return {200, {{"unit", unitJson(service, account->creditCode)}}};
}

ApiReply listAgents(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* legal = requireUnitUser(service, request, error, "legal_person");
    if (legal == nullptr) {
        return error;
    }
    std::vector<const DemoAccount*> accounts;
    for (const DemoAccount& account : service.state.accounts) {
        if (account.kind == "agent" && account.creditCode == legal->creditCode) {
            accounts.push_back(&account);
        }
    }
    json items = json::array();
    for (const DemoDesignatedAgent& designation : service.state.designatedAgents) {
        if (designation.creditCode != legal->creditCode) {
            continue;
        }
        const auto found = std::find_if(accounts.begin(), accounts.end(), [&](const DemoAccount* a) {
            return a->idCardNumber == designation.idCardNumber;
        });
        const DemoAccount* account = found == accounts.end() ? nullptr : *found;
        if (found != accounts.end()) {
            accounts.erase(found);
        }
        const char* status = account == nullptr ? "not_opened"
                             : account->disabled ? "disabled"
                                                 : "active";
        items.push_back(agentItem(designation.name, designation.idCardNumber, designation.mobile,
                                  account, status));
    }
    for (const DemoAccount* account : accounts) {
        items.push_back(agentItem(account->name, account->idCardNumber, account->mobile, account,
                                  account->disabled ? "disabled" : "not_designated"));
    }
    return {200, {{"items", items}}};
}

ApiReply syncAgents(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* legal = requireUnitUser(service, request, error, "legal_person");
    if (legal == nullptr) {
        return error;
    }
    const std::string creditCode = legal->creditCode;
    std::vector<int> existing;
    for (const DemoAccount& account : service.state.accounts) {
        if (account.kind == "agent" && account.creditCode == creditCode) {
            existing.push_back(account.id);
        }
    }
    const auto accountById = [&service](int id) -> DemoAccount* {
        for (DemoAccount& account : service.state.accounts) {
            if (account.id == id) {
                return &account;
            }
        }
        return nullptr;
    };
    json results = json::array();
    const std::vector<DemoDesignatedAgent> designations = service.state.designatedAgents;
    for (const DemoDesignatedAgent& designation : designations) {
        if (designation.creditCode != creditCode) {
            continue;
        }
        const auto found = std::find_if(existing.begin(), existing.end(), [&](int id) {
            return accountById(id)->idCardNumber == designation.idCardNumber;
        });
        if (found == existing.end()) {
            // Username: the organisation code (credit code positions 9 to 16) and two digits.
            std::string stem = creditCode.substr(8, 8);
            std::transform(stem.begin(), stem.end(), stem.begin(), [](char c) {
                return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            });
            std::string username;
            for (int number = 1; username.empty() || service.findAccount([&](const DemoAccount& a) {
                                     return a.kind == "agent" && a.username == username;
                                 }) != nullptr;
                 ++number) {
                username = stem + (number < 10 ? "0" : "") + std::to_string(number);
            }
            const std::string password = initialPassword(service);
            DemoAccount agent;
            agent.id = service.state.nextAccountId++;
            agent.kind = "agent";
            agent.username = username;
            agent.name = designation.name;
            agent.idCardNumber = designation.idCardNumber;
            agent.mobile = designation.mobile;
            agent.creditCode = creditCode;
            agent.passwordHash = hashPassword(password, service.randomToken(8));
            agent.mustSetPassword = true;
            service.state.accounts.push_back(agent);
            service.deliverSms(designation.mobile,
                               "【福建12333】您已开通单位网报经办人账号，用户名" + username +
                                   "，初始密码" + password + "，首次登录须修改密码。");
            results.push_back(agentResult(designation.name, designation.idCardNumber,
                                          designation.mobile, username, "created",
                                          "已开通经办人账号，初始密码已通过短信发送至" +
                                              maskMobile(designation.mobile)));
            continue;
        }
        DemoAccount* account = accountById(*found);
        existing.erase(found);
        if (account->name == designation.name && account->mobile == designation.mobile &&
            !account->disabled) {
            results.push_back(agentResult(account->name, account->idCardNumber, account->mobile,
                                          account->username, "unchanged", "经办人信息无变化"));
            continue;
        }
        account->name = designation.name;
        account->mobile = designation.mobile;
        account->disabled = false;
        results.push_back(agentResult(designation.name, designation.idCardNumber,
                                      designation.mobile, account->username, "updated",
                                      "已按经办机构登记信息更新经办人姓名、手机号码"));
    }
    for (int id : existing) {
        DemoAccount* account = accountById(id);
        const bool already = account->disabled;
        account->disabled = true;
        service.endSessionsOf(account->id);
        results.push_back(agentResult(account->name, account->idCardNumber, account->mobile,
                                      account->username, "disabled",
                                      already ? "经办人账号已停用"
                                              : "经办机构已取消该经办人，账号已停用"));
    }
    service.changed = true;
    return {200, {{"results", results}}};
}

ApiReply getInsuranceTypes(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireUnitUser(service, request, error, "agent");
    if (agent == nullptr) {
        return error;
    }
    return {200, {{"items", permissionItems(service, *agent)}}};
}

ApiReply getPlatform(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireUnitUser(service, request, error, "agent");
    if (agent == nullptr) {
        return error;
    }
    json opened = json::array();
    for (const json& item : permissionItems(service, *agent)) {
        if (item["opened"] == true) {
            opened.push_back(item["insuranceType"]);
        }
    }
    return {200, {{"open", !opened.empty()}, {"insuranceTypes", opened}}};
}

ApiReply openPlatform(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* agent = requireUnitUser(service, request, error, "agent");
    json body;
    if (agent == nullptr || !service.jsonObject(request, body, error)) {
        return error;
    }
    const auto requested = body.find("insuranceTypes");
    if (requested == body.end() || !requested->is_array() || requested->empty()) {
        return invalidRequest("请至少选择一个险种（字段 insuranceTypes）", "insuranceTypes");
    }
    for (const json& value : *requested) {
        if (!value.is_string() || *insuranceTypeName(value.get<std::string>()) == '\0') {
            const std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
            return invalidRequest("险种取值无效：" + shown +
                                      "，可选值：pension、work_injury、unemployment（字段 "
                                      "insuranceTypes）",
                                  "insuranceTypes");
        }
    }
    std::string pensionName;
    std::string unemploymentName;
    if (nameMismatch(service, agent->creditCode, pensionName, unemploymentName)) {
        return errorReply(409, "unit_info_mismatch",
                          "单位信息错误：该单位在企业养老保险登记的名称“" + pensionName +
                              "”与失业保险登记的名称“" + unemploymentName +
                              "”不一致，请联系单位法人登录后确认单位信息，再开通多险平台");
    }
    const json items = permissionItems(service, *agent);
    json results = json::array();
    bool anyOpened = false;
    for (const json& item : items) {
        const std::string type = item["insuranceType"].get<std::string>();
        if (std::find(requested->begin(), requested->end(), type) == requested->end()) {
            continue;
        }
        json result = {{"insuranceType", type}, {"name", item["name"]}};
        if (item["allowed"] != true) {
            result["opened"] = false;
            result["message"] = item["reason"];
        } else {
            if (std::find(agent->openedInsuranceTypes.begin(), agent->openedInsuranceTypes.end(),
                          type) == agent->openedInsuranceTypes.end()) {
                agent->openedInsuranceTypes.push_back(type);
            }
            result["opened"] = true;
            result["message"] = item["name"].get<std::string>() + "险种开通成功";
            anyOpened = true;
        }
        results.push_back(result);
    }
    service.changed = true;
    return {200, {{"results", results}, {"open", anyOpened}}};
}

DemoAccount* requireAgent(DemoService& service, const ApiRequest& request, ApiReply& error) {
    return requireUnitUser(service, request, error, "agent");
}

std::string declarationPermissionReason(const DemoService& service, const DemoAccount& agent,
                                        const std::string& type) {
    const char* reason =
        agentPermission(findRegistration(service, agent.creditCode, type), agent.mobile);
    if (reason != nullptr) {
        return reason;
    }
    const bool opened = std::find(agent.openedInsuranceTypes.begin(),
                                  agent.openedInsuranceTypes.end(),
                                  type) != agent.openedInsuranceTypes.end();
    return opened ? "" : "请先在“业务办理 → 开通多险平台”中开通该险种";
}

} // namespace portal::demo
