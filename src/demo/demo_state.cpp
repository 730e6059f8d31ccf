#include "demo/demo_state.h"

#include <cstdio>
#include <utility>

namespace portal::demo {
namespace {

using nlohmann::json;

constexpr std::int64_t kDay = 24 * 3600;
constexpr int kStateVersion = 1;

const char* const kFuzhouCode = "91350100MA2Y3K7D3D";
const char* const kFuzhouName = "福州榕城示例科技有限公司";
const char* const kXiamenCode = "91350200MA8N4P2L7Y";
const char* const kXiamenName = "厦门鹭岛示例贸易有限公司";
const char* const kPersonIdCard = "350102199003071234";

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) {
    for (unsigned char byte : text) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string toHex(std::uint64_t value) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

void addAccount(DemoState& state, DemoAccount account) {
    account.id = state.nextAccountId++;
    state.accounts.push_back(std::move(account));
}

void addStaff(DemoState& state, const char* creditCode, const char* name, const char* idCard,
              const char* type, int base, const char* startMonth) {
    DemoStaffRecord record;
    record.id = state.nextStaffRecordId++;
    record.creditCode = creditCode;
    record.idCardNumber = idCard;
    record.name = name;
    record.insuranceType = type;
    record.status = "active";
    record.contributionBase = base;
    record.startMonth = startMonth;
    state.staffRecords.push_back(std::move(record));
}

void addDeclaration(DemoState& state, const char* kind, const char* type, const char* name,
                    const char* idCard, json details, const char* status, const char* reason,
                    std::int64_t createdAt) {
    DemoDeclaration declaration;
    declaration.id = state.nextDeclarationId++;
    declaration.creditCode = kFuzhouCode;
    declaration.kind = kind;
    declaration.insuranceType = type;
    declaration.name = name;
    declaration.idCardNumber = idCard;
    declaration.details = std::move(details);
    declaration.status = status;
    declaration.reviewReason = reason;
    declaration.createdAt = createdAt;
    declaration.reviewedAt = std::string_view(status) == "pending" ? 0 : createdAt + 2 * kDay;
    state.declarations.push_back(std::move(declaration));
}

void seedAccountsAndUnits(DemoState& state) {
    const std::string hash = hashPassword(kDemoPassword, state.secret.substr(0, 8));
    addAccount(state, {0, "person", "linxiaoming", "林晓明", kPersonIdCard, "13805910001", "",
                       hash});
    addAccount(state, {0, "legal_person", "chenjianhua", "陈建华", "350102197602126111",
                       "13805912001", kFuzhouCode, hash});
    addAccount(state, {0, "legal_person", "linmeiling", "林美玲", "350104199201152863",
                       "13905920001", kXiamenCode, hash});
    state.units = {{kFuzhouCode, kFuzhouName, false}, {kXiamenCode, kXiamenName, false}};
    state.designatedAgents = {
        {kFuzhouCode, "王志强", "350203197809213011", "13805913001"},
        {kFuzhouCode, "郑丽娟", "350102198506124524", "13805913003"},
        {kXiamenCode, "陈伟", "350121198804305170", "13905920002"},
    };
    state.registrations = {
        {kFuzhouCode, "pension", kFuzhouName, "13805913001", true},
        {kFuzhouCode, "work_injury", kFuzhouName, "13805913001", true},
        {kFuzhouCode, "unemployment", kFuzhouName, "13805913001", false},
        {kXiamenCode, "pension", kXiamenName, "13905920002", true},
        {kXiamenCode, "work_injury", kXiamenName, "13905920002", true},
        {kXiamenCode, "unemployment", "厦门鹭岛示例商贸有限公司", "13905920002", true},
        {"91350100MA31RT6B8D", "pension", "福州闽都示例餐饮有限公司", "13805914001", true},
    };
}

void seedRecords(DemoState& state, std::int64_t now) {
    // 吴海燕 has two active pension records, a duplicate only the service window can merge.
    addStaff(state, kFuzhouCode, "林晓明", kPersonIdCard, "pension", 8000, "2020-07");
    addStaff(state, kFuzhouCode, "林晓明", kPersonIdCard, "work_injury", 8000, "2020-07");
    addStaff(state, kFuzhouCode, "林晓明", kPersonIdCard, "unemployment", 8000, "2020-07");
    addStaff(state, kFuzhouCode, "黄秀英", "350104198703152340", "pension", 6800, "2021-03");
    addStaff(state, kFuzhouCode, "黄秀英", "350104198703152340", "work_injury", 6500, "2021-03");
    addStaff(state, kFuzhouCode, "吴海燕", "350103199308221527", "pension", 5200, "2019-05");
    addStaff(state, kFuzhouCode, "吴海燕", "350103199308221527", "pension", 5200, "2022-01");
    addStaff(state, kFuzhouCode, "刘美华", "350122198505093266", "pension", 7000, "2018-09");
    addStaff(state, kXiamenCode, "许静", "350102198211205386", "pension", 9000, "2023-02");

    // Rates in per mille of the base (unit, person): the round demo values of server/seed.py.
    struct Rate {
        const char* type;
        int unit;
        int personal;
    };
    const Rate rates[] = {{"pension", 160, 80}, {"work_injury", 4, 0}, {"unemployment", 5, 5}};
    for (int month = 1; month <= 12; ++month) {
        char label[8];
        std::snprintf(label, sizeof label, "2025-%02d", month);
        for (const Rate& rate : rates) {
            const int base = 8000;
            state.contributions.push_back({kPersonIdCard, rate.type, label, kFuzhouName, base,
                                           std::int64_t{base} * rate.unit / 10,
                                           std::int64_t{base} * rate.personal / 10});
        }
    }

    addDeclaration(state, "addition", "work_injury", "刘美华", "350122198505093266",
                   {{"contributionBase", 7000}, {"startMonth", "2026-01"}}, "pending", "",
                   now - 6 * kDay);
    addDeclaration(state, "change", "pension", "黄秀英", "350104198703152340",
                   {{"changes", {{"contributionBase", 6800}}}}, "approved", "", now - 20 * kDay);
    addDeclaration(state, "removal", "pension", "刘美华", "350122198505093266",
                   {{"endMonth", "2025-12"}, {"reason", "解除劳动合同"}}, "rejected",
                   "减员原因与劳动合同信息不符，请核实后重新申报", now - 10 * kDay);
}

// Reads members of one JSON object, remembering whether any was missing or mistyped.
class FieldReader {
public:
    explicit FieldReader(const json& object) : object_(object), ok_(object.is_object()) {}

    void text(const char* key, std::string& out) {
        const json* value = member(key);
        if (value != nullptr && value->is_string()) {
            out = value->get_ref<const std::string&>();
        } else {
            ok_ = false;
        }
    }

    template <typename Integer> void integer(const char* key, Integer& out) {
        const json* value = member(key);
        if (value != nullptr && value->is_number_integer()) {
            out = static_cast<Integer>(value->get<std::int64_t>());
        } else {
            ok_ = false;
        }
    }

    void boolean(const char* key, bool& out) {
        const json* value = member(key);
        if (value != nullptr && value->is_boolean()) {
            out = value->get<bool>();
        } else {
            ok_ = false;
        }
    }

    void textList(const char* key, std::vector<std::string>& out) {
        const json* value = member(key);
        if (value == nullptr || !value->is_array()) {
            ok_ = false;
            return;
        }
        out.clear();
        for (const json& item : *value) {
            if (!item.is_string()) {
                ok_ = false;
                return;
            }
            out.push_back(item.get<std::string>());
        }
    }

    void object(const char* key, json& out) {
        const json* value = member(key);
        if (value != nullptr && value->is_object()) {
            out = *value;
        } else {
            ok_ = false;
        }
    }

    bool ok() const { return ok_; }

private:
    const json* member(const char* key) const {
        if (!ok_) {
            return nullptr;
        }
        const auto found = object_.find(key);
        return found == object_.end() ? nullptr : &*found;
    }

    const json& object_;
    bool ok_;
};

json toJson(const DemoAccount& a) {
    return {{"id", a.id},
            {"kind", a.kind},
            {"username", a.username},
            {"name", a.name},
            {"idCardNumber", a.idCardNumber},
            {"mobile", a.mobile},
            {"creditCode", a.creditCode},
            {"passwordHash", a.passwordHash},
            {"failedLogins", a.failedLogins},
            {"lockedUntil", a.lockedUntil},
            {"mustSetPassword", a.mustSetPassword},
            {"disabled", a.disabled},
            {"openedInsuranceTypes", a.openedInsuranceTypes}};
}

bool fromJson(const json& j, DemoAccount& a) {
    FieldReader r(j);
    r.integer("id", a.id);
    r.text("kind", a.kind);
    r.text("username", a.username);
    r.text("name", a.name);
    r.text("idCardNumber", a.idCardNumber);
    r.text("mobile", a.mobile);
    r.text("creditCode", a.creditCode);
    r.text("passwordHash", a.passwordHash);
    r.integer("failedLogins", a.failedLogins);
    r.integer("lockedUntil", a.lockedUntil);
    r.boolean("mustSetPassword", a.mustSetPassword);
    r.boolean("disabled", a.disabled);
    r.textList("openedInsuranceTypes", a.openedInsuranceTypes);
    return r.ok();
}

json toJson(const DemoUnit& u) {
    return {{"creditCode", u.creditCode}, {"name", u.name}, {"confirmed", u.confirmed}};
}

bool fromJson(const json& j, DemoUnit& u) {
    FieldReader r(j);
    r.text("creditCode", u.creditCode);
    r.text("name", u.name);
    r.boolean("confirmed", u.confirmed);
    return r.ok();
}

json toJson(const DemoRegistration& g) {
    return {{"creditCode", g.creditCode},
            {"insuranceType", g.insuranceType},
            {"unitName", g.unitName},
            {"agentMobile", g.agentMobile},
            {"onlineDeclaration", g.onlineDeclaration}};
}

bool fromJson(const json& j, DemoRegistration& g) {
    FieldReader r(j);
    r.text("creditCode", g.creditCode);
    r.text("insuranceType", g.insuranceType);
    r.text("unitName", g.unitName);
    r.text("agentMobile", g.agentMobile);
    r.boolean("onlineDeclaration", g.onlineDeclaration);
    return r.ok();
}

json toJson(const DemoDesignatedAgent& d) {
    return {{"creditCode", d.creditCode},
            {"name", d.name},
            {"idCardNumber", d.idCardNumber},
            {"mobile", d.mobile}};
}

bool fromJson(const json& j, DemoDesignatedAgent& d) {
    FieldReader r(j);
    r.text("creditCode", d.creditCode);
    r.text("name", d.name);
    r.text("idCardNumber", d.idCardNumber);
    r.text("mobile", d.mobile);
    return r.ok();
}

json toJson(const DemoStaffRecord& s) {
    return {{"id", s.id},
            {"creditCode", s.creditCode},
            {"idCardNumber", s.idCardNumber},
            {"name", s.name},
            {"insuranceType", s.insuranceType},
            {"status", s.status},
            {"contributionBase", s.contributionBase},
            {"startMonth", s.startMonth},
            {"endMonth", s.endMonth}};
}

bool fromJson(const json& j, DemoStaffRecord& s) {
    FieldReader r(j);
    r.integer("id", s.id);
    r.text("creditCode", s.creditCode);
    r.text("idCardNumber", s.idCardNumber);
    r.text("name", s.name);
    r.text("insuranceType", s.insuranceType);
    r.text("status", s.status);
    r.integer("contributionBase", s.contributionBase);
    r.text("startMonth", s.startMonth);
    r.text("endMonth", s.endMonth);
    return r.ok();
}

json toJson(const DemoContribution& c) {
    return {{"idCardNumber", c.idCardNumber},
            {"insuranceType", c.insuranceType},
            {"month", c.month},
            {"unitName", c.unitName},
            {"contributionBase", c.contributionBase},
            {"unitAmountFen", c.unitAmountFen},
            {"personalAmountFen", c.personalAmountFen}};
}

bool fromJson(const json& j, DemoContribution& c) {
    FieldReader r(j);
    r.text("idCardNumber", c.idCardNumber);
    r.text("insuranceType", c.insuranceType);
    r.text("month", c.month);
    r.text("unitName", c.unitName);
    r.integer("contributionBase", c.contributionBase);
    r.integer("unitAmountFen", c.unitAmountFen);
    r.integer("personalAmountFen", c.personalAmountFen);
    return r.ok();
}

json toJson(const DemoDeclaration& d) {
    return {{"id", d.id},
            {"creditCode", d.creditCode},
            {"kind", d.kind},
            {"insuranceType", d.insuranceType},
            {"idCardNumber", d.idCardNumber},
            {"name", d.name},
            {"details", d.details},
            {"status", d.status},
            {"reviewReason", d.reviewReason},
            {"createdAt", d.createdAt},
            {"reviewedAt", d.reviewedAt}};
}

bool fromJson(const json& j, DemoDeclaration& d) {
    FieldReader r(j);
    r.integer("id", d.id);
    r.text("creditCode", d.creditCode);
    r.text("kind", d.kind);
    r.text("insuranceType", d.insuranceType);
    r.text("idCardNumber", d.idCardNumber);
    r.text("name", d.name);
    r.object("details", d.details);
    r.text("status", d.status);
    r.text("reviewReason", d.reviewReason);
    r.integer("createdAt", d.createdAt);
    r.integer("reviewedAt", d.reviewedAt);
    return r.ok();
}

json toJson(const DemoSmsCode& c) {
    return {{"mobile", c.mobile},
            {"purpose", c.purpose},
            {"codeDigest", c.codeDigest},
            {"createdAt", c.createdAt},
            {"expiresAt", c.expiresAt},
            {"attempts", c.attempts},
            {"used", c.used}};
}

bool fromJson(const json& j, DemoSmsCode& c) {
    FieldReader r(j);
    r.text("mobile", c.mobile);
    r.text("purpose", c.purpose);
    r.text("codeDigest", c.codeDigest);
    r.integer("createdAt", c.createdAt);
    r.integer("expiresAt", c.expiresAt);
    r.integer("attempts", c.attempts);
    r.boolean("used", c.used);
    return r.ok();
}

json toJson(const DemoLoginFailure& f) {
    return {{"kind", f.kind},
            {"identifierDigest", f.identifierDigest},
            {"failures", f.failures},
            {"lockedUntil", f.lockedUntil},
            {"updatedAt", f.updatedAt}};
}

bool fromJson(const json& j, DemoLoginFailure& f) {
    FieldReader r(j);
    r.text("kind", f.kind);
    r.text("identifierDigest", f.identifierDigest);
    r.integer("failures", f.failures);
    r.integer("lockedUntil", f.lockedUntil);
    r.integer("updatedAt", f.updatedAt);
    return r.ok();
}

json toJson(const DemoIdempotencyKey& k) {
    return {{"accountId", k.accountId},
            {"key", k.key},
            {"requestDigest", k.requestDigest},
            {"response", k.response}};
}

bool fromJson(const json& j, DemoIdempotencyKey& k) {
    FieldReader r(j);
    r.integer("accountId", k.accountId);
    r.text("key", k.key);
    r.text("requestDigest", k.requestDigest);
    r.object("response", k.response);
    return r.ok();
}

template <typename Item> json listToJson(const std::vector<Item>& items) {
    json list = json::array();
    for (const Item& item : items) {
        list.push_back(toJson(item));
    }
    return list;
}

template <typename Item>
bool listFromJson(const json& document, const char* key, std::vector<Item>& out) {
    const auto found = document.find(key);
    if (found == document.end() || !found->is_array()) {
        return false;
    }
    out.clear();
    for (const json& entry : *found) {
        Item item;
        if (!fromJson(entry, item)) {
            return false;
        }
        out.push_back(std::move(item));
    }
    return true;
}

} // namespace

std::string hashPassword(std::string_view password, std::string_view salt) {
    std::uint64_t hash = fnv1a(salt, 14695981039346656037ULL);
    // Iterating only slows a guesser down a little; see the header for why this is enough here.
    for (int round = 0; round < 1000; ++round) {
        hash = fnv1a(password, hash);
        hash = fnv1a(salt, hash);
    }
    return std::string(salt) + "$" + toHex(hash);
}

bool verifyPassword(std::string_view password, std::string_view stored) {
    const std::size_t separator = stored.find('$');
    if (separator == std::string_view::npos) {
        return false;
    }
    return hashPassword(password, stored.substr(0, separator)) == stored;
}

std::string digestText(std::string_view secret, std::string_view text) {
    return toHex(fnv1a(text, fnv1a(secret, 14695981039346656037ULL)));
}

DemoState makeSeedState(std::int64_t now, const std::string& secret) {
    DemoState state;
    state.secret = secret;
    seedAccountsAndUnits(state);
    seedRecords(state, now);
    return state;
}

std::string serializeState(const DemoState& state) {
    const json document = {
        {"version", kStateVersion},
        {"secret", state.secret},
        {"nextAccountId", state.nextAccountId},
        {"nextStaffRecordId", state.nextStaffRecordId},
        {"nextDeclarationId", state.nextDeclarationId},
        {"accounts", listToJson(state.accounts)},
        {"units", listToJson(state.units)},
        {"registrations", listToJson(state.registrations)},
        {"designatedAgents", listToJson(state.designatedAgents)},
        {"staffRecords", listToJson(state.staffRecords)},
        {"contributions", listToJson(state.contributions)},
        {"declarations", listToJson(state.declarations)},
        {"smsCodes", listToJson(state.smsCodes)},
        {"loginFailures", listToJson(state.loginFailures)},
        {"idempotencyKeys", listToJson(state.idempotencyKeys)},
    };
    return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<DemoState> parseState(std::string_view text) {
    const json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        return std::nullopt;
    }
    DemoState state;
    int version = 0;
    FieldReader r(document);
    r.integer("version", version);
    r.text("secret", state.secret);
    r.integer("nextAccountId", state.nextAccountId);
    r.integer("nextStaffRecordId", state.nextStaffRecordId);
    r.integer("nextDeclarationId", state.nextDeclarationId);
    const bool lists =
        listFromJson(document, "accounts", state.accounts) &&
        listFromJson(document, "units", state.units) &&
        listFromJson(document, "registrations", state.registrations) &&
        listFromJson(document, "designatedAgents", state.designatedAgents) &&
        listFromJson(document, "staffRecords", state.staffRecords) &&
        listFromJson(document, "contributions", state.contributions) &&
        listFromJson(document, "declarations", state.declarations) &&
        listFromJson(document, "smsCodes", state.smsCodes) &&
        listFromJson(document, "loginFailures", state.loginFailures) &&
        listFromJson(document, "idempotencyKeys", state.idempotencyKeys);
    if (!r.ok() || !lists || version != kStateVersion) {
        return std::nullopt;
    }
    return state;
}

} // namespace portal::demo
