// The endpoints the demo implements, each following the serve.py module of the same name
// (server/logins.py, sms.py, registration.py, person.py, content.py, declarations.py).
#include "core/credit_code.h"
#include "core/id_card.h"
#include "core/mobile.h"
#include "core/text_normalize.h"
#include "demo/demo_service.h"

#include <algorithm>
#include <set>

namespace portal::demo {
namespace {

const std::vector<std::string> kUserKinds = {"person", "legal_person", "agent"};

// The first method of each kind is the one the front-end sends; the others are aliases.
const std::vector<std::string>& loginMethods(const std::string& kind) {
    static const std::vector<std::string> person = {"password", "sms"};
    static const std::vector<std::string> legalPerson = {"sms_password", "password", "sms"};
    static const std::vector<std::string> agent = {"password", "username", "credit_code"};
    if (kind == "person") {
        return person;
    }
    return kind == "legal_person" ? legalPerson : agent;
}

CalendarDate chinaToday(std::int64_t now) {
    CalendarDate today;
    chinaDate(now, today.year, today.month, today.day);
    return today;
}

std::string firstBlockingMessage(const Verdict& verdict) {
    for (const Finding& finding : verdict.findings) {
        if (finding.severity == Severity::block) {
            return finding.message;
        }
    }
    return {};
}

std::optional<std::string> normalizeIdCard(const std::string& text, std::int64_t now,
                                           std::string& problem) {
    const IdCardVerdict verdict = validateIdCardNumber(text, chinaToday(now));
    if (!verdict.isBlocked()) {
        return verdict.normalized;
    }
    if (const Finding* mismatch = verdict.find("check_character_mismatch")) {
        (void)mismatch;
        const char expected =
            computeIdCardCheckCharacter(std::string_view(verdict.normalized).substr(0, 17));
        problem = std::string("身份证号码第18位校验码应为") + expected;
    } else {
        problem = firstBlockingMessage(verdict);
    }
    return std::nullopt;
}

std::optional<std::string> normalizeMobile(const std::string& text) {
    const MobileVerdict verdict = validateMobileNumber(text);
    if (verdict.isBlocked()) {
        return std::nullopt;
    }
    return verdict.normalized;
}

ApiReply loginPersonWithPassword(DemoService& service, const json& body) {
    ApiReply error;
    BodyFields fields(body, error);
    std::string typed;
    std::string password;
    if (!fields.text("account", "账号（用户名、身份证号码或手机号码）", typed) ||
        !fields.text("password", "密码", password, false)) {
        return error;
    }
    // The same typed forms as in registration: full-width digits, a lower-case x, +86.
    const std::string identifier = trimSpaces(foldFullWidth(typed));
    std::string problem;
    const std::optional<std::string> idCard = normalizeIdCard(identifier, service.now(), problem);
    const std::optional<std::string> mobile = normalizeMobile(identifier);
    DemoAccount* account = service.findAccount([&](const DemoAccount& a) {
        return a.kind == "person" &&
               (a.username == identifier || (idCard && a.idCardNumber == *idCard) ||
                (mobile && a.mobile == *mobile));
    });
    // Failures of unknown identifiers are counted under one spelling of each.
    const std::string canonical = idCard ? *idCard : (mobile ? *mobile : identifier);
    if (!service.checkPassword("person", canonical, account, password, error)) {
        return error;
    }
    return {200, service.startSession(*account)};
}

ApiReply loginPersonWithSms(DemoService& service, const json& body) {
    ApiReply error;
    std::string mobile;
    std::string code;
    if (!service.mobileField(body, "mobile", mobile, error) ||
        !service.smsCodeField(body, code, error)) {
        return error;
    }
    DemoAccount* account = service.findAccount(
        [&](const DemoAccount& a) { return a.kind == "person" && a.mobile == mobile; });
    if (!service.verifySmsCode(mobile, "login", code, error)) {
        return error;
    }
    if (account == nullptr) {
        // Numbers without an account were never sent the code, so a match is a lucky guess.
        return errorReply(400, "sms_code_expired", "验证码已失效，请重新获取验证码",
                          {{"field", "smsCode"}});
    }
    return {200, service.startSession(*account)};
}

ApiReply loginLegalPerson(DemoService& service, const json& body) {
    ApiReply error;
    BodyFields fields(body, error);
    std::string username;
    std::string mobile;
    std::string code;
    std::string password;
    if (!fields.text("account", "用户名", username) ||
        !service.mobileField(body, "mobile", mobile, error) ||
        !service.smsCodeField(body, code, error) ||
        !fields.text("password", "密码", password, false)) {
        return error;
    }
    DemoAccount* account = service.findAccount(
        [&](const DemoAccount& a) { return a.kind == "legal_person" && a.username == username; });
    const bool mobileMatches = account != nullptr && account->mobile == mobile;
    // The password is checked first, so a wrong password does not use up the SMS code.
    if (!service.checkPassword("legal_person", username, account, password, error,
                               mobileMatches) ||
        !service.verifySmsCode(mobile, "login", code, error)) {
        return error;
    }
    return {200, service.startSession(*account)};
}

ApiReply loginAgentWithUsername(DemoService& service, const json& body) {
    ApiReply error;
    BodyFields fields(body, error);
    std::string username;
    std::string password;
    if (!fields.text("account", "用户名", username) ||
        !fields.text("password", "密码", password, false)) {
        return error;
    }
    DemoAccount* account = service.findAccount(
        [&](const DemoAccount& a) { return a.kind == "agent" && a.username == username; });
    if (!service.checkPassword("agent", username, account, password, error)) {
        return error;
    }
    return {200, service.startSession(*account)};
}

// Limitation: agents exist only after the legal person's agent sync, which the demo does not
// implement yet, so a credit-code login always reports that no agent account exists.
ApiReply loginAgentWithCreditCode(DemoService& service, const json& body) {
    ApiReply error;
    BodyFields fields(body, error);
    std::string code;
    std::string password;
    if (!fields.text("account", "统一社会信用代码", code, true, 40) ||
        !fields.text("password", "密码", password, false)) {
        return error;
    }
    code = toUpperAscii(trimSpaces(foldFullWidth(code)));

    std::vector<DemoAccount*> agents;
    for (DemoAccount& account : service.state.accounts) {
        if (account.kind == "agent" && !account.disabled && account.creditCode == code) {
            agents.push_back(&account);
        }
    }
    if (agents.empty()) {
        return errorReply(401, "unit_user_not_found",
                          "未找到该统一社会信用代码的单位经办人账号：可能是统一社会信用代码填写有误"
                          "，也可能是单位用户不存在（单位尚未开通网报）。请核对代码，或请单位法人"
                          "登录后执行“单位网报开通/校验”",
                          {{"field", "account"}});
    }

    std::optional<std::string> typedMobile;
    if (!fields.optionalText("mobile", "经办人手机号码", typedMobile, 40)) {
        return error;
    }
    if (!typedMobile && agents.size() > 1) {
        return errorReply(400, "agent_mobile_required",
                          "该单位有多名经办人，请同时填写您在经办机构登记的手机号码",
                          {{"field", "mobile"}});
    }

    DemoAccount* account = agents.front();
    std::string mobile;
    if (typedMobile) {
        mobile = normalizeMobile(*typedMobile).value_or(*typedMobile);
        account = nullptr;
        for (DemoAccount* agent : agents) {
            if (agent->mobile == mobile) {
                account = agent;
            }
        }
    }
    if (!service.checkPassword("agent", code + ":" + mobile, account, password, error)) {
        return error;
    }
    return {200, service.startSession(*account)};
}

// Returns why `password` breaks the policy of server/passwords.py, or "" when it passes.
std::string passwordPolicyViolation(const std::string& password) {
    const std::size_t length = countCodePoints(password);
    if (length < 8) {
        return "密码长度不能少于8位";
    }
    if (length > 64) {
        return "密码长度不能超过64位";
    }
    bool upper = false;
    bool lower = false;
    bool digit = false;
    bool other = false;
    std::size_t offset = 0;
    while (offset < password.size()) {
        bool wellFormed = true;
        const char32_t c = decodeCodePoint(password, offset, wellFormed);
        if (!wellFormed || isSpaceCharacter(c) || c < 0x20 || c == 0x7F) {
            return "密码不能包含空格或不可见字符";
        }
        upper = upper || (c >= 'A' && c <= 'Z');
        lower = lower || (c >= 'a' && c <= 'z');
        digit = digit || (c >= '0' && c <= '9');
        other = other || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9'));
    }
    if (int{upper} + int{lower} + int{digit} + int{other} < 3) {
        return "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类";
    }
    return {};
}

bool isValidUsername(const std::string& name) {
    if (name.size() < 4 || name.size() > 20) {
        return false;
    }
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (!letter(name[0])) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [&](char c) {
        return letter(c) || (c >= '0' && c <= '9') || c == '_';
    });
}

bool isPersonName(const std::string& name) {
    std::size_t offset = 0;
    std::size_t count = 0;
    bool chinese = true;
    bool latin = !name.empty() && ((name[0] >= 'A' && name[0] <= 'Z') ||
                                   (name[0] >= 'a' && name[0] <= 'z'));
    while (offset < name.size()) {
        bool wellFormed = true;
        const char32_t c = decodeCodePoint(name, offset, wellFormed);
        ++count;
        const bool dot = c == U'·';
        chinese = chinese && wellFormed && (isHanCharacter(c) || dot);
        latin = latin && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' ||
                          c == '.' || c == '-' || dot);
    }
    return (chinese && count >= 2 && count <= 30) || (latin && count >= 2 && count <= 60);
}

bool paging(const ApiRequest& request, int& page, int& pageSize, ApiReply& error) {
    struct Parameter {
        const char* name;
        int fallback;
        int maximum;
        int* out;
    };
    const Parameter parameters[] = {{"page", 1, 1000000, &page}, {"pageSize", 20, 100, &pageSize}};
    for (const Parameter& parameter : parameters) {
        const auto found = request.query.find(parameter.name);
        const std::string text =
            found == request.query.end() ? std::to_string(parameter.fallback) : found->second;
        const bool digits = !text.empty() && text.size() <= 9 &&
                            std::all_of(text.begin(), text.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
        const int value = digits ? std::stoi(text) : 0;
        if (value < 1 || value > parameter.maximum) {
            error = invalidRequest(std::string(parameter.name) + " 应为1至" +
                                       std::to_string(parameter.maximum) + "之间的整数",
                                   parameter.name);
            return false;
        }
        *parameter.out = value;
    }
    return true;
}

DemoAccount* requirePerson(DemoService& service, const ApiRequest& request, ApiReply& error) {
    DemoAccount* account = service.authenticate(request, error);
    if (account != nullptr && account->kind != "person") {
        error = forbidden("仅个人用户可以查询个人权益，请使用个人账号登录");
        return nullptr;
    }
    return account;
}

std::string yuan(std::int64_t fen) {
    const std::string cents = std::to_string(fen % 100);
    return std::to_string(fen / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

// Characters that FAQ matching compares: letters and digits of any script, lower-cased, as
// Python's str.isalnum() selects them. Limitation: outside ASCII, only the common punctuation
// blocks are excluded, which covers the FAQ's Chinese text.
std::vector<std::string> faqBigrams(const std::string& text) {
    std::vector<std::u32string::value_type> chars;
    std::size_t offset = 0;
    while (offset < text.size()) {
        bool wellFormed = true;
        char32_t c = decodeCodePoint(text, offset, wellFormed);
        if (c >= 'A' && c <= 'Z') {
            c = c - 'A' + 'a';
        }
        const bool asciiAlnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        const bool punctuation = (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||
                                 (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
                                 (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
                                 (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
        if (wellFormed && (asciiAlnum || (c >= 0x80 && !punctuation))) {
            chars.push_back(c);
        }
    }
    std::vector<std::string> grams;
    const auto encode = [](char32_t a, char32_t b) {
        std::string out;
        appendUtf8(out, a);
        appendUtf8(out, b);
        return out;
    };
    if (chars.size() == 1) {
        std::string single;
        appendUtf8(single, chars[0]);
        grams.push_back(single);
    }
    for (std::size_t i = 0; i + 1 < chars.size(); ++i) {
        grams.push_back(encode(chars[i], chars[i + 1]));
    }
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    return grams;
}

int sharedCount(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> shared;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
    return static_cast<int>(shared.size());
}

std::string stringMember(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

} // namespace

ApiReply createSession(DemoService& service, const ApiRequest& request) {
    json body;
    ApiReply error;
    if (!service.jsonObject(request, body, error)) {
        return error;
    }
    BodyFields fields(body, error);
    std::string kind;
    std::string method;
    if (!fields.choice("kind", "用户类型", kUserKinds, kind) ||
        !fields.text("method", "登录方式", method)) {
        return error;
    }

    const std::vector<std::string>& methods = loginMethods(kind);
    if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
        std::string list;
        for (const std::string& name : methods) {
            list += (list.empty() ? "" : "、") + name;
        }
        return invalidRequest("不支持的登录方式：" + method + "，" + kind + " 可用的登录方式：" +
                                  list + "（字段 method）",
                              "method");
    }

    if (kind == "person") {
        return method == "password" ? loginPersonWithPassword(service, body)
                                    : loginPersonWithSms(service, body);
    }
    if (kind == "legal_person") {
        return loginLegalPerson(service, body);
    }
    return method == "credit_code" ? loginAgentWithCreditCode(service, body)
                                   : loginAgentWithUsername(service, body);
}

ApiReply getSession(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoSession* session = nullptr;
    DemoAccount* account = service.authenticate(request, error, true, &session);
    if (account == nullptr) {
        return error;
    }
    json body = {{"user", service.userJson(*account)},
                 {"expiresInSeconds", session->expiresAt - service.now()}};
    if (session->scope == "set_password") {
        body["mustSetPassword"] = true;
    }
    return {200, body};
}

ApiReply deleteSession(DemoService& service, const ApiRequest& request) {
    ApiReply ignored;
    DemoSession* session = nullptr;
    if (service.authenticate(request, ignored, true, &session) != nullptr) {
        for (auto it = service.sessions.begin(); it != service.sessions.end(); ++it) {
            if (&it->second == session) {
                service.sessions.erase(it);
                break;
            }
        }
    }
    return {200, {{"ok", true}}};
}

ApiReply changePassword(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoSession* session = nullptr;
    DemoAccount* account = service.authenticate(request, error, true, &session);
    if (account == nullptr) {
        return error;
    }
    json body;
    if (!service.jsonObject(request, body, error)) {
        return error;
    }
    BodyFields fields(body, error);
    std::string newPassword;
    if (!fields.text("newPassword", "新密码", newPassword, false)) {
        return error;
    }
    if (session->scope == "full") {
        std::string current;
        if (!fields.text("currentPassword", "当前密码", current, false) ||
            !service.checkPassword(account->kind, account->username, account, current, error)) {
            return error;
        }
    }

    const std::string violation = passwordPolicyViolation(newPassword);
    if (!violation.empty()) {
        return errorReply(400, "weak_password", violation, {{"field", "newPassword"}});
    }
    if (verifyPassword(newPassword, account->passwordHash)) {
        return errorReply(400, "weak_password", "新密码不能与原密码相同",
                          {{"field", "newPassword"}});
    }

    account->passwordHash = hashPassword(newPassword, service.randomToken(8));
    account->mustSetPassword = false;
    service.changed = true;
    // Other sessions of the account end, and this one gets full rights.
    for (auto it = service.sessions.begin(); it != service.sessions.end();) {
        const bool other = it->second.accountId == account->id && &it->second != session;
        it = other ? service.sessions.erase(it) : std::next(it);
    }
    session->scope = "full";
    return {200,
            {{"ok", true}, {"user", service.userJson(*account)},
             {"expiresInSeconds", kSessionIdleSeconds}}};
}

ApiReply createSmsCode(DemoService& service, const ApiRequest& request) {
    json body;
    ApiReply error;
    if (!service.jsonObject(request, body, error)) {
        return error;
    }
    std::string purpose;
    std::string mobile;
    if (!BodyFields(body, error).choice("purpose", "验证码用途", {"login", "register"}, purpose) ||
        !service.mobileField(body, "mobile", mobile, error)) {
        return error;
    }
    bool deliver = true;
    if (purpose == "login") {
        // Numbers without an account get no message but the same response, so the response
        // does not reveal who has an account.
        deliver = service.findAccount([&](const DemoAccount& a) {
            return a.mobile == mobile && (a.kind == "person" || a.kind == "legal_person");
        }) != nullptr;
    }
    return service.sendSmsCode(mobile, purpose, deliver);
}

namespace {

// The fields of a person or legal-person registration, checked in serve.py's order.
struct RegistrationFields {
    std::string username;
    std::string name;
    std::string idCardNumber;
    std::string mobile;
    std::string smsCode;
    std::string password;
};

bool readRegistrationFields(DemoService& service, const json& body, RegistrationFields& out,
                            ApiReply& error) {
    BodyFields fields(body, error);
    if (!fields.text("username", "用户名", out.username, true, 40)) {
        return false;
    }
    if (!isValidUsername(out.username)) {
        error = invalidRequest("用户名应为4至20位字母、数字或下划线，并以字母开头（字段 username）",
                               "username");
        return false;
    }
    if (!fields.text("name", "姓名", out.name, true, 60)) {
        return false;
    }
    if (!isPersonName(out.name)) {
        error = invalidRequest("姓名格式不正确：应为2至30个汉字（可含“·”）或英文字母（字段 name）",
                               "name");
        return false;
    }
    std::string idCardText;
    if (!fields.text("idCardNumber", "身份证号码", idCardText, true, 40)) {
        return false;
    }
    std::string problem;
    const std::optional<std::string> idCard = normalizeIdCard(idCardText, service.now(), problem);
    if (!idCard) {
        error = invalidRequest(problem + "（字段 idCardNumber）", "idCardNumber");
        return false;
    }
    out.idCardNumber = *idCard;
    if (!service.mobileField(body, "mobile", out.mobile, error) ||
        !service.smsCodeField(body, out.smsCode, error) ||
        !fields.text("password", "密码", out.password, false)) {
        return false;
    }
    const std::string violation = passwordPolicyViolation(out.password);
    if (!violation.empty()) {
        error = errorReply(400, "weak_password", violation, {{"field", "password"}});
        return false;
    }
    return true;
}

DemoAccount addAccount(DemoService& service, const std::string& kind,
                       const RegistrationFields& fields, const std::string& creditCode) {
    DemoAccount account;
    account.id = service.state.nextAccountId++;
    account.kind = kind;
    account.username = fields.username;
    account.name = fields.name;
    account.idCardNumber = fields.idCardNumber;
    account.mobile = fields.mobile;
    account.creditCode = creditCode;
    account.passwordHash = hashPassword(fields.password, service.randomToken(8));
    service.state.accounts.push_back(account);
    service.changed = true;
    return account;
}

// GB 32100-2015 leaves out I, O, Z, S and V so they cannot be misread as digits.
const std::string kCreditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Normalises a typed credit code as server/identifiers.py does, or sets `error`. A wrong check
// character is accepted, as the front-end only warns about it.
bool creditCodeField(const json& body, std::string& out, ApiReply& error) {
    std::string text;
    if (!BodyFields(body, error).text("creditCode", "统一社会信用代码", text, true, 40)) {
        return false;
    }
    out = toUpperAscii(trimSpaces(foldFullWidth(text)));
    std::size_t offset = 0;
    for (std::size_t position = 1; offset < out.size(); ++position) {
        const std::size_t start = offset;
        bool wellFormed = true;
        const char32_t c = decodeCodePoint(out, offset, wellFormed);
        if (c >= 0x80 || kCreditCodeCharset.find(static_cast<char>(c)) == std::string::npos) {
            error = invalidRequest("统一社会信用代码第" + std::to_string(position) + "位“" +
                                       out.substr(start, offset - start) +
                                       "”无效：只能是数字或大写字母，且不含I、O、Z、S、V（字段 "
                                       "creditCode）",
                                   "creditCode");
            return false;
        }
    }
    if (out.size() != 18) {
        error = invalidRequest("统一社会信用代码应为18位，当前为" + std::to_string(out.size()) +
                                   "位（字段 creditCode）",
                               "creditCode");
        return false;
    }
    return true;
}

} // namespace

ApiReply registerPerson(DemoService& service, const ApiRequest& request) {
    json body;
    ApiReply error;
    RegistrationFields fields;
    if (!service.jsonObject(request, body, error) ||
        !readRegistrationFields(service, body, fields, error)) {
        return error;
    }

    // Conflicts are checked before the SMS code, so they do not use it up.
    for (const DemoAccount& account : service.state.accounts) {
        if (account.kind == "person" && account.username == fields.username) {
            return errorReply(409, "username_taken", "该用户名已被使用，请换一个用户名",
                              {{"field", "username"}});
        }
    }
    for (const DemoAccount& account : service.state.accounts) {
        if (account.kind == "person" && account.idCardNumber == fields.idCardNumber) {
            return errorReply(409, "id_card_registered",
                              "该身份证号码已注册，请直接登录；如忘记密码请使用短信验证码登录",
                              {{"field", "idCardNumber"}});
        }
    }
    for (const DemoAccount& account : service.state.accounts) {
        if (account.kind == "person" && account.mobile == fields.mobile) {
            return errorReply(409, "mobile_registered",
                              "该手机号码已被其他账号使用，请更换手机号码", {{"field", "mobile"}});
        }
    }
    if (!service.verifySmsCode(fields.mobile, "register", fields.smsCode, error)) {
        return error;
    }
    const DemoAccount account = addAccount(service, "person", fields, "");
    return {201, {{"user", service.userJson(account)}}};
}

ApiReply registerUnit(DemoService& service, const ApiRequest& request) {
    json body;
    ApiReply error;
    std::string creditCode;
    std::string unitName;
    RegistrationFields fields;
    if (!service.jsonObject(request, body, error) || !creditCodeField(body, creditCode, error) ||
        !BodyFields(body, error).text("unitName", "单位名称", unitName, true, 100) ||
        !readRegistrationFields(service, body, fields, error)) {
        return error;
    }

    const bool insured = std::any_of(
        service.state.registrations.begin(), service.state.registrations.end(),
        [&](const DemoRegistration& registration) { return registration.creditCode == creditCode; });
    if (!insured) {
        std::string hint;
        const char organisationCheck =
            computeOrganizationCodeCheckCharacter(std::string_view(creditCode).substr(8, 8));
        const char check = computeCreditCodeCheckCharacter(std::string_view(creditCode).substr(0, 17));
        if (creditCode[16] != organisationCheck) {
            hint = std::string("（统一社会信用代码第17位（组织机构代码校验码）应为") +
                   organisationCheck + "）";
        } else if (creditCode[17] != check) {
            hint = std::string("（统一社会信用代码第18位校验码应为") + check + "）";
        }
        return errorReply(422, "unit_not_insured",
                          "经办机构没有该统一社会信用代码的单位参保登记，请核对代码" + hint +
                              "，或先到经办机构办理单位参保登记",
                          {{"field", "creditCode"}});
    }
    const bool online = std::any_of(service.state.units.begin(), service.state.units.end(),
                                    [&](const DemoUnit& unit) { return unit.creditCode == creditCode; });
    if (online) {
        return errorReply(409, "unit_registered",
                          "该单位已注册，请单位法人直接登录；如需变更法人请到经办机构办理",
                          {{"field", "creditCode"}});
    }
    for (const DemoAccount& account : service.state.accounts) {
        if (account.kind == "legal_person" && account.username == fields.username) {
            return errorReply(409, "username_taken", "该用户名已被使用，请换一个用户名",
                              {{"field", "username"}});
        }
    }
    if (!service.verifySmsCode(fields.mobile, "register", fields.smsCode, error)) {
        return error;
    }
    service.state.units.push_back({creditCode, unitName, false});
    const DemoAccount account = addAccount(service, "legal_person", fields, creditCode);
    return {201, {{"user", service.userJson(account)}}};
}

ApiReply getRights(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* account = requirePerson(service, request, error);
    if (account == nullptr) {
        return error;
    }
    const std::string& number = account->idCardNumber;
    json enrolments = json::array();
    for (const std::string& type : insuranceTypes()) {
        const DemoStaffRecord* current = nullptr;
        for (const DemoStaffRecord& record : service.state.staffRecords) {
            if (record.idCardNumber != number || record.insuranceType != type) {
                continue;
            }
            // The active record is shown if there is one, otherwise the latest stopped one.
            if (current == nullptr || current->status != "active") {
                current = &record;
            }
        }
        std::set<std::string> months;
        for (const DemoContribution& contribution : service.state.contributions) {
            if (contribution.idCardNumber == number && contribution.insuranceType == type) {
                months.insert(contribution.month);
            }
        }
        json entry = {{"insuranceType", type},
                      {"name", insuranceTypeName(type)},
                      {"status", current ? current->status : "not_enrolled"},
                      {"unitName", nullptr},
                      {"startMonth", nullptr},
                      {"endMonth", nullptr},
                      {"contributionBase", nullptr},
                      {"paidMonths", months.size()}};
        if (current != nullptr) {
            for (const DemoRegistration& registration : service.state.registrations) {
                if (registration.creditCode == current->creditCode &&
                    registration.insuranceType == type) {
                    entry["unitName"] = registration.unitName;
                }
            }
            entry["startMonth"] = current->startMonth;
            if (!current->endMonth.empty()) {
                entry["endMonth"] = current->endMonth;
            }
            entry["contributionBase"] = current->contributionBase;
        }
        enrolments.push_back(entry);
    }
    return {200,
            {{"person", {{"name", account->name}, {"idCardNumber", maskIdCardNumber(number)}}},
             {"enrolments", enrolments}}};
}

ApiReply getContributions(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* account = requirePerson(service, request, error);
    int page = 0;
    int pageSize = 0;
    if (account == nullptr || !paging(request, page, pageSize, error)) {
        return error;
    }
    const auto typeParameter = request.query.find("insuranceType");
    const std::string type = typeParameter == request.query.end() ? "" : typeParameter->second;
    if (!type.empty() && *insuranceTypeName(type) == '\0') {
        return invalidRequest("insuranceType 取值无效：" + type +
                                  "，可选值：pension、work_injury、unemployment",
                              "insuranceType");
    }
    const auto yearParameter = request.query.find("year");
    const std::string year = yearParameter == request.query.end() ? "" : yearParameter->second;
    const bool yearValid = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) {
                               return c >= '0' && c <= '9';
                           });
    if (!year.empty() && !yearValid) {
        return invalidRequest("year 应为4位年份，如2025，收到：" + year, "year");
    }

    std::vector<const DemoContribution*> rows;
    std::int64_t unitSum = 0;
    std::int64_t personalSum = 0;
    for (const DemoContribution& row : service.state.contributions) {
        if (row.idCardNumber == account->idCardNumber && (type.empty() || row.insuranceType == type) &&
            (year.empty() || row.month.rfind(year + "-", 0) == 0)) {
            rows.push_back(&row);
            unitSum += row.unitAmountFen;
            personalSum += row.personalAmountFen;
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const DemoContribution* a, const DemoContribution* b) {
        return a->month != b->month ? a->month > b->month : a->insuranceType < b->insuranceType;
    });
    json items = json::array();
    const std::size_t first = static_cast<std::size_t>(page - 1) * pageSize;
    for (std::size_t i = first; i < rows.size() && i < first + pageSize; ++i) {
        const DemoContribution& row = *rows[i];
        items.push_back({{"month", row.month},
                         {"insuranceType", row.insuranceType},
                         {"insuranceTypeName", insuranceTypeName(row.insuranceType)},
                         {"unitName", row.unitName},
                         {"contributionBase", row.contributionBase},
                         {"unitAmount", yuan(row.unitAmountFen)},
                         {"personalAmount", yuan(row.personalAmountFen)}});
    }
    return {200,
            {{"items", items},
             {"total", rows.size()},
             {"page", page},
             {"pageSize", pageSize},
             {"sum", {{"unitAmount", yuan(unitSum)}, {"personalAmount", yuan(personalSum)}}}}};
}

ApiReply listDownloads(DemoService& service, const ApiRequest&) {
    struct Document {
        const char* id;
        const char* title;
        const char* fileName;
    };
    const Document documents[] = {
        {"operation-manual", "网上服务大厅操作手册", "operation-manual.pdf"},
        {"upgrade-notes", "系统升级说明", "upgrade-notes.md"},
    };
    json items = json::array();
    for (const Document& document : documents) {
        const std::string path = std::string("downloads/") + document.fileName;
        const auto file = service.content.files.find(path);
        const bool available = file != service.content.files.end();
        // The demo's files are part of the page, so their date is the page's start.
        items.push_back({{"id", document.id},
                         {"title", document.title},
                         {"fileName", document.fileName},
                         {"url", "/" + path},
                         {"available", available},
                         {"sizeBytes", available ? json(file->second.size()) : json(nullptr)},
                         {"updatedAt", available ? json(toIsoChinaTime(service.now()))
                                                 : json(nullptr)}});
    }
    return {200, {{"items", items}}};
}

ApiReply searchFaq(DemoService& service, const ApiRequest& request) {
    const auto parameter = request.query.find("q");
    const std::string query =
        parameter == request.query.end() ? "" : trimSpaces(parameter->second);
    if (countCodePoints(query) > 200) {
        return invalidRequest("搜索内容过长，最多200个字符", "q");
    }
    json items = json::array();
    if (query.empty()) {
        for (const json& entry : service.faqEntries) {
            items.push_back(entry);
        }
        return {200, {{"items", items}}};
    }

    const std::vector<std::string> queryBigrams = faqBigrams(query);
    struct Match {
        int score;
        std::size_t index;
    };
    std::vector<Match> matches;
    for (std::size_t i = 0; i < service.faqEntries.size(); ++i) {
        const json& entry = service.faqEntries[i];
        const int score = 2 * sharedCount(queryBigrams, faqBigrams(stringMember(entry, "question"))) +
                          sharedCount(queryBigrams, faqBigrams(stringMember(entry, "answer")));
        if (score > 0) {
            matches.push_back({score, i});
        }
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const Match& a, const Match& b) { return a.score > b.score; });
    for (std::size_t i = 0; i < matches.size() && i < 10; ++i) {
        json entry = service.faqEntries[matches[i].index];
        entry["score"] = matches[i].score;
        items.push_back(entry);
    }
    return {200, {{"items", items}}};
}

ApiReply listReminders(DemoService& service, const ApiRequest& request) {
    ApiReply error;
    DemoAccount* account = service.authenticate(request, error);
    if (account == nullptr) {
        return error;
    }
    json items = json::array();
    if (account->kind == "person") {
        return {200, {{"items", items}}};
    }
    const std::int64_t now = service.now();
    std::vector<const DemoDeclaration*> overdue;
    for (const DemoDeclaration& declaration : service.state.declarations) {
        if (declaration.creditCode == account->creditCode && declaration.status == "pending" &&
            declaration.createdAt <= now - 5 * 24 * 3600) {
            overdue.push_back(&declaration);
        }
    }
    std::stable_sort(overdue.begin(), overdue.end(),
                     [](const DemoDeclaration* a, const DemoDeclaration* b) {
                         return a->createdAt < b->createdAt;
                     });
    for (const DemoDeclaration* declaration : overdue) {
        const std::int64_t days = (now - declaration->createdAt) / (24 * 3600);
        const std::string kindName = declaration->kind == "addition" ? "增员"
                                     : declaration->kind == "removal" ? "减员"
                                                                      : "人员信息变更";
        const std::string typeName = insuranceTypeName(declaration->insuranceType);
        items.push_back({{"declarationId", declaration->id},
                         {"name", declaration->name},
                         {"idCardNumber", maskIdCardNumber(declaration->idCardNumber)},
                         {"kindName", kindName},
                         {"insuranceTypeName", typeName},
                         {"createdAt", toIsoChinaTime(declaration->createdAt)},
                         {"pendingDays", days},
                         {"message", declaration->name + "的" + typeName + kindName + "申报已提交" +
                                         std::to_string(days) +
                                         "天，经办机构尚未审核，请耐心等待，无需重复申报"}});
    }
    return {200, {{"items", items}}};
}

bool readPaging(const ApiRequest& request, int& page, int& pageSize, ApiReply& error) {
    return paging(request, page, pageSize, error);
}

bool isValidPersonName(const std::string& name) {
    return isPersonName(name);
}

std::optional<std::string> normalizeIdCardNumber(const std::string& text, std::int64_t now,
                                                 std::string& problem) {
    return normalizeIdCard(text, now, problem);
}

} // namespace portal::demo
