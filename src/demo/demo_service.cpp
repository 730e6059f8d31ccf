#include "demo/demo_service.h"

#include "core/mobile.h"
#include "core/text_normalize.h"

#include <cstdio>

namespace portal::demo {
namespace {

// Credential names of each user kind, for the invalid_credentials message.
const char* credentialNames(const std::string& kind) {
    if (kind == "legal_person") {
        return "用户名、手机号码或密码";
    }
    if (kind == "agent") {
        return "用户名或密码";
    }
    return "账号或密码";
}

ApiReply invalidCredentials(const std::string& kind, int remaining) {
    return errorReply(401, "invalid_credentials",
                      std::string(credentialNames(kind)) + "错误，请检查后重试。还可尝试" +
                          std::to_string(remaining) + "次，连续输错" +
                          std::to_string(kMaxFailedLogins) + "次将锁定" +
                          std::to_string(kLockSeconds / 60) + "分钟",
                      {{"remainingAttempts", remaining}});
}

ApiReply accountLocked(std::int64_t lockedUntil, std::int64_t now) {
    return errorReply(423, "account_locked",
                      "密码连续输错" + std::to_string(kMaxFailedLogins) + "次，账号已锁定，请于" +
                          toChineseMoment(lockedUntil, now) + "后再试",
                      {{"lockedUntil", toIsoChinaTime(lockedUntil)}});
}

// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, proleptic Gregorian).
void civilFromDays(std::int64_t days, int& year, int& month, int& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t dayOfEra = days - era * 146097;
    const std::int64_t yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t monthIndex = (5 * dayOfYear + 2) / 153;
    day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    year = static_cast<int>(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
}

constexpr std::int64_t kChinaOffsetSeconds = 8 * 3600;

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor) {
    std::int64_t quotient = value / divisor;
    if (value % divisor != 0 && value < 0) {
        --quotient;
    }
    return quotient;
}

} // namespace

ApiReply errorReply(int status, const std::string& code, const std::string& message, json extra) {
    json error = {{"code", code}, {"message", message}};
    if (extra.is_object()) {
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            error[it.key()] = it.value();
        }
    }
    return {status, {{"error", error}}};
}

ApiReply invalidRequest(const std::string& message, const std::string& field) {
    if (field.empty()) {
        return errorReply(400, "invalid_request", message);
    }
    return errorReply(400, "invalid_request", message, {{"field", field}});
}

ApiReply unauthenticated() {
    return errorReply(401, "unauthenticated", "登录已失效，请重新登录");
}

ApiReply forbidden(const std::string& message) {
    return errorReply(403, "forbidden", message);
}

ApiReply notFound() {
    return errorReply(404, "not_found", "请求的资源不存在，请检查地址");
}

void chinaDate(std::int64_t epochSeconds, int& year, int& month, int& day) {
    civilFromDays(floorDiv(epochSeconds + kChinaOffsetSeconds, 86400), year, month, day);
}

std::string toIsoChinaTime(std::int64_t epochSeconds) {
    int year = 0;
    int month = 0;
    int day = 0;
    chinaDate(epochSeconds, year, month, day);
    const std::int64_t local = epochSeconds + kChinaOffsetSeconds;
    const std::int64_t secondOfDay = local - floorDiv(local, 86400) * 86400;
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", year, month, day,
                  static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                  static_cast<int>(secondOfDay % 60));
    return buffer;
}

std::string toChineseMoment(std::int64_t epochSeconds, std::int64_t now) {
    const std::string iso = toIsoChinaTime(epochSeconds);
    const std::string clock = iso.substr(11, 5);
    if (iso.substr(0, 10) == toIsoChinaTime(now).substr(0, 10)) {
        return clock;
    }
    int year = 0;
    int month = 0;
    int day = 0;
    chinaDate(epochSeconds, year, month, day);
    return std::to_string(month) + "月" + std::to_string(day) + "日 " + clock;
}

std::string maskIdCardNumber(const std::string& value) {
    if (value.size() <= 8) {
        return std::string(value.size(), '*');
    }
    return value.substr(0, 4) + std::string(value.size() - 8, '*') + value.substr(value.size() - 4);
}

std::string maskMobile(const std::string& value) {
    if (value.size() <= 7) {
        return std::string(value.size(), '*');
    }
    return value.substr(0, 3) + std::string(value.size() - 7, '*') + value.substr(value.size() - 4);
}

const std::vector<std::string>& insuranceTypes() {
    static const std::vector<std::string> kTypes = {"pension", "work_injury", "unemployment"};
    return kTypes;
}

const char* insuranceTypeName(const std::string& type) {
    if (type == "pension") {
        return "企业养老";
    }
    if (type == "work_injury") {
        return "工伤";
    }
    if (type == "unemployment") {
        return "失业";
    }
    return "";
}

// BodyFields -----------------------------------------------------------------------------------

bool BodyFields::text(const char* name, const char* label, std::string& out, bool strip,
                      std::size_t maxLength) {
    std::optional<std::string> value;
    const std::string field = name;
    const auto found = body_.find(name);
    if (found == body_.end() || found->is_null()) {
        error_ = invalidRequest(std::string("请填写") + label + "（字段 " + field + "）", field);
        return false;
    }
    if (!optionalText(name, label, value, maxLength)) {
        return false;
    }
    if (!value.has_value()) {
        error_ = invalidRequest(std::string("请填写") + label + "（字段 " + field + "）", field);
        return false;
    }
    out = strip ? *value : found->get_ref<const std::string&>();
    return true;
}

bool BodyFields::optionalText(const char* name, const char* label,
                              std::optional<std::string>& out, std::size_t maxLength) {
    const std::string field = name;
    out.reset();
    const auto found = body_.find(name);
    if (found == body_.end() || found->is_null()) {
        return true;
    }
    if (!found->is_string()) {
        error_ = invalidRequest(std::string(label) + "格式不正确，应为文本（字段 " + field + "）",
                                field);
        return false;
    }
    const std::string value = trimSpaces(found->get_ref<const std::string&>());
    if (value.empty()) {
        return true;
    }
    if (countCodePoints(value) > maxLength) {
        error_ = invalidRequest(std::string(label) + "过长，最多" + std::to_string(maxLength) +
                                    "个字符（字段 " + field + "）",
                                field);
        return false;
    }
    if (value.find('\0') != std::string::npos) {
        error_ = invalidRequest(std::string(label) + "含有无效字符（字段 " + field + "）", field);
        return false;
    }
    out = value;
    return true;
}

bool BodyFields::choice(const char* name, const char* label,
                        const std::vector<std::string>& choices, std::string& out) {
    if (!text(name, label, out)) {
        return false;
    }
    for (const std::string& choice : choices) {
        if (out == choice) {
            return true;
        }
    }
    std::string list;
    for (const std::string& choice : choices) {
        list += (list.empty() ? "" : "、") + choice;
    }
    error_ = invalidRequest(std::string(label) + "取值无效：" + out + "，可选值：" + list +
                                "（字段 " + name + "）",
                            name);
    return false;
}

// Sessions and passwords -----------------------------------------------------------------------

DemoAccount* DemoService::authenticate(const ApiRequest& request, ApiReply& error,
                                       bool allowSetPassword, DemoSession** sessionOut) {
    const auto header = request.headers.find("authorization");
    std::string token;
    if (header != request.headers.end()) {
        const std::string value = trimSpaces(header->second);
        const std::size_t space = value.find(' ');
        if (space != std::string::npos) {
            std::string scheme = value.substr(0, space);
            for (char& c : scheme) {
                c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            }
            if (scheme == "bearer") {
                token = trimSpaces(value.substr(space + 1));
            }
        }
    }
    if (token.empty() || token.size() > 200) {
        error = unauthenticated();
        return nullptr;
    }
    const auto found = sessions.find(digestText(state.secret, token));
    DemoAccount* account = nullptr;
    if (found != sessions.end()) {
        const int id = found->second.accountId;
        account = findAccount([id](const DemoAccount& a) { return a.id == id; });
    }
    if (account == nullptr || found->second.expiresAt <= now()) {
        if (found != sessions.end()) {
            sessions.erase(found);
        }
        error = unauthenticated();
        return nullptr;
    }
    found->second.expiresAt = now() + kSessionIdleSeconds;
    if (found->second.scope != "full" && !allowSetPassword) {
        error = errorReply(403, "password_change_required", "首次登录请先设置新密码");
        return nullptr;
    }
    if (sessionOut != nullptr) {
        *sessionOut = &found->second;
    }
    return account;
}

bool DemoService::checkPassword(const std::string& kind, const std::string& identifier,
                                DemoAccount* account, const std::string& password,
                                ApiReply& error, bool otherFactorsMatch) {
    const bool matches = account != nullptr && verifyPassword(password, account->passwordHash);
    const std::int64_t moment = now();
    changed = true;

    int* failures = nullptr;
    std::int64_t* lockedUntil = nullptr;
    if (account != nullptr) {
        failures = &account->failedLogins;
        lockedUntil = &account->lockedUntil;
    } else {
        const std::string digest = digestText(state.secret, identifier);
        // Rows untouched for a day carry no lock any more.
        std::vector<DemoLoginFailure>& rows = state.loginFailures;
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [moment](const DemoLoginFailure& row) {
                                      return row.updatedAt < moment - 24 * 3600;
                                  }),
                   rows.end());
        auto row = std::find_if(rows.begin(), rows.end(), [&](const DemoLoginFailure& f) {
            return f.kind == kind && f.identifierDigest == digest;
        });
        if (row == rows.end()) {
            rows.push_back({kind, digest, 0, 0, moment});
            row = rows.end() - 1;
        }
        row->updatedAt = moment;
        failures = &row->failures;
        lockedUntil = &row->lockedUntil;
    }

    if (*lockedUntil > moment) {
        error = accountLocked(*lockedUntil, moment);
        return false;
    }
    if (matches && otherFactorsMatch) {
        *failures = 0;
        *lockedUntil = 0;
        return true;
    }
    if (*failures + 1 >= kMaxFailedLogins) {
        *failures = 0;
        *lockedUntil = moment + kLockSeconds;
        error = accountLocked(*lockedUntil, moment);
        return false;
    }
    *failures += 1;
    *lockedUntil = 0;
    error = invalidCredentials(kind, kMaxFailedLogins - *failures);
    return false;
}

json DemoService::userJson(const DemoAccount& account) const {
    json user = {{"kind", account.kind}, {"name", account.name}, {"account", account.username}};
    if (!account.creditCode.empty()) {
        for (const DemoUnit& unit : state.units) {
            if (unit.creditCode == account.creditCode) {
                user["unit"] = {{"creditCode", unit.creditCode}, {"name", unit.name}};
            }
        }
    }
    return user;
}

json DemoService::startSession(const DemoAccount& account) {
    const std::string token = randomToken(43);
    const std::int64_t moment = now();
    for (auto it = sessions.begin(); it != sessions.end();) {
        it = it->second.expiresAt <= moment ? sessions.erase(it) : std::next(it);
    }
    const std::string scope = account.mustSetPassword ? "set_password" : "full";
    sessions[digestText(state.secret, token)] = {account.id, scope, moment + kSessionIdleSeconds};
    json body = {{"token", token}, {"expiresInSeconds", kSessionIdleSeconds},
                 {"user", userJson(account)}};
    if (account.mustSetPassword) {
        body["mustSetPassword"] = true;
    }
    return body;
}

void DemoService::deliverSms(const std::string& mobile, const std::string& message) {
    outbox[mobile] = message;
    if (options.onSms) {
        options.onSms(mobile, message);
    }
}

void DemoService::endSessionsOf(int accountId) {
    for (auto it = sessions.begin(); it != sessions.end();) {
        it = it->second.accountId == accountId ? sessions.erase(it) : std::next(it);
    }
}

// SMS codes ------------------------------------------------------------------------------------

bool DemoService::mobileField(const json& body, const char* name, std::string& out,
                              ApiReply& error) const {
    std::string text;
    if (!BodyFields(body, error).text(name, "手机号码", text, true, 40)) {
        return false;
    }
    const MobileVerdict verdict = validateMobileNumber(text);
    if (verdict.isBlocked()) {
        std::string message;
        for (const Finding& finding : verdict.findings) {
            if (finding.severity == Severity::block) {
                message = finding.message;
                break;
            }
        }
        error = invalidRequest(message + "（字段 " + name + "）", name);
        return false;
    }
    out = verdict.normalized;
    MobileRegion region;
    if (regions != nullptr) {
        region = regions->lookup(out);
    }
    if (region.status == MobileRegionStatus::fujian) {
        return true;
    }
    const std::string where = region.status == MobileRegionStatus::other_province
                                  ? "手机号码" + maskMobile(out) + "的归属地为" + region.province
                                  : "无法确定手机号码" + maskMobile(out) + "的归属地";
    error = errorReply(400, "mobile_not_fujian",
                       where + "，本平台仅向福建省内手机号码发送验证码，请更换号码",
                       {{"field", name}});
    return false;
}

bool DemoService::smsCodeField(const json& body, std::string& out, ApiReply& error) const {
    if (!BodyFields(body, error).text("smsCode", "短信验证码", out, true, 20)) {
        return false;
    }
    const bool digits = out.size() == 6 &&
                        std::all_of(out.begin(), out.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
        error = invalidRequest("短信验证码应为6位数字（字段 smsCode）", "smsCode");
        return false;
    }
    return true;
}

ApiReply DemoService::sendSmsCode(const std::string& mobile, const std::string& purpose,
                                  bool deliver) {
    const std::int64_t moment = now();
    std::int64_t last = -1;
    for (const DemoSmsCode& code : state.smsCodes) {
        if (code.mobile == mobile) {
            last = std::max(last, code.createdAt);
        }
    }
    const std::int64_t wait = last < 0 ? 0 : last + kSmsResendSeconds - moment;
    if (wait > 0) {
        return errorReply(429, "sms_too_frequent",
                          "验证码发送过于频繁，请" + std::to_string(wait) + "秒后再获取",
                          {{"retryAfterSeconds", wait}});
    }

    // Codes that can no longer be used carry no information but the resend time.
    std::vector<DemoSmsCode>& codes = state.smsCodes;
    codes.erase(std::remove_if(codes.begin(), codes.end(),
                               [moment](const DemoSmsCode& code) {
                                   return code.createdAt + kSmsResendSeconds <= moment &&
                                          (code.used || code.expiresAt <= moment);
                               }),
                codes.end());
    for (DemoSmsCode& code : codes) {
        if (code.mobile == mobile && code.purpose == purpose) {
            code.used = true;
        }
    }
    const std::string code = randomDigits(6);
    codes.push_back({mobile, purpose, digestText(state.secret, mobile + ":" + purpose + ":" + code),
                     moment, moment + kSmsValidSeconds, 0, false});
    changed = true;

    json body = {{"sent", true},
                 {"mobile", maskMobile(mobile)},
                 {"expiresInSeconds", kSmsValidSeconds},
                 {"resendAfterSeconds", kSmsResendSeconds}};
    if (deliver) {
        const std::string message = std::string("【福建12333】您的") +
                                    (purpose == "login" ? "登录" : "注册") + "验证码为" + code +
                                    "，10分钟内有效，请勿告诉他人。";
        deliverSms(mobile, message);
        // Only the demo returns the code: it has no SMS gateway, so the page shows the code.
        body["demoCode"] = code;
    }
    return {200, body};
}

bool DemoService::verifySmsCode(const std::string& mobile, const std::string& purpose,
                                const std::string& code, ApiReply& error) {
    const std::int64_t moment = now();
    DemoSmsCode* current = nullptr;
    for (DemoSmsCode& candidate : state.smsCodes) {
        if (candidate.mobile == mobile && candidate.purpose == purpose && !candidate.used) {
            current = &candidate; // later entries are newer
        }
    }
    if (current == nullptr || current->expiresAt <= moment ||
        current->attempts >= kSmsMaxAttempts) {
        error = errorReply(400, "sms_code_expired", "验证码已失效，请重新获取验证码",
                           {{"field", "smsCode"}});
        return false;
    }
    changed = true;
    if (current->codeDigest == digestText(state.secret, mobile + ":" + purpose + ":" + code)) {
        current->used = true;
        return true;
    }
    current->attempts += 1;
    if (current->attempts >= kSmsMaxAttempts) {
        error = errorReply(400, "sms_code_attempts_exceeded",
                           "验证码已输错" + std::to_string(kSmsMaxAttempts) +
                               "次并失效，请重新获取验证码",
                           {{"field", "smsCode"}});
        return false;
    }
    const int remaining = kSmsMaxAttempts - current->attempts;
    error = errorReply(400, "sms_code_invalid",
                       "验证码错误，请核对短信中的6位数字后重试，还可尝试" +
                           std::to_string(remaining) + "次",
                       {{"field", "smsCode"}, {"remainingAttempts", remaining}});
    return false;
}

} // namespace portal::demo
