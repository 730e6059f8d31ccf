// Internals of the demo backend shared by its source files: the parsed request, the reply, the
// state with its sessions, and the field checks that mirror serve.py's messages.
#pragma once

#include "core/mobile_regions.h"
#include "demo/demo_backend.h"
#include "demo/demo_state.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace portal::demo {

using nlohmann::json;

inline constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr int kMaxFailedLogins = 5;
inline constexpr std::int64_t kLockSeconds = 30 * 60;
inline constexpr std::int64_t kSmsResendSeconds = 5 * 60;
inline constexpr std::int64_t kSmsValidSeconds = 10 * 60;
inline constexpr int kSmsMaxAttempts = 5;

// An API request split into its parts.
struct ApiRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> query; // percent-decoded
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
    std::map<std::string, std::string> params; // {name} segments of the route
};

// A status and a JSON body.
struct ApiReply {
    int status = 200;
    json body = json::object();
};

// Returns {"error": {code, message, ...extra}} with `status`.
ApiReply errorReply(int status, const std::string& code, const std::string& message,
                    json extra = json::object());
ApiReply invalidRequest(const std::string& message, const std::string& field);
ApiReply unauthenticated();
ApiReply forbidden(const std::string& message);
ApiReply notFound();

// A signed-in session; the token itself is never stored.
struct DemoSession {
    int accountId = 0;
    std::string scope; // "full" or "set_password"
    std::int64_t expiresAt = 0;
};

// Checks of a request body's fields. Each returns false and sets `error` when the field is
// missing or invalid, with serve.py's status, code and message.
class BodyFields {
public:
    BodyFields(const json& body, ApiReply& error) : body_(body), error_(error) {}

    bool text(const char* name, const char* label, std::string& out, bool strip = true,
              std::size_t maxLength = 200);
    bool optionalText(const char* name, const char* label, std::optional<std::string>& out,
                      std::size_t maxLength = 200);
    bool choice(const char* name, const char* label, const std::vector<std::string>& choices,
                std::string& out);

private:
    const json& body_;
    ApiReply& error_;
};

// The demo's state, sessions and clock, and the operations several endpoints share.
class DemoService {
public:
    DemoService(DemoState state, DemoContent content, DemoOptions options);

    DemoState state;
    std::map<std::string, DemoSession> sessions; // by token digest
    std::map<std::string, std::string> outbox;   // latest SMS by mobile
    DemoContent content;
    json faqEntries = json::array();
    std::unique_ptr<PrefixTableRegionLookup> regions;
    bool changed = false; // set when the state needs saving

    std::int64_t now() const;

    // Parses the request body as a JSON object, or sets `error` as serve.py does.
    bool jsonObject(const ApiRequest& request, json& out, ApiReply& error) const;

    // Returns the session of the request's bearer token and extends it, or sets `error`.
    DemoAccount* authenticate(const ApiRequest& request, ApiReply& error,
                              bool allowSetPassword = false, DemoSession** session = nullptr);

    // Verifies a password with the lockout; `identifier` counts failures of unknown accounts.
    bool checkPassword(const std::string& kind, const std::string& identifier,
                       DemoAccount* account, const std::string& password, ApiReply& error,
                       bool otherFactorsMatch = true);

    // Starts a session and returns the login response.
    json startSession(const DemoAccount& account);

    // Returns the public description of an account.
    json userJson(const DemoAccount& account) const;

    // Reads a normalised Fujian mobile number from body[name], or sets `error`.
    bool mobileField(const json& body, const char* name, std::string& out, ApiReply& error) const;

    // Reads a 6-digit SMS code from body["smsCode"], or sets `error`.
    bool smsCodeField(const json& body, std::string& out, ApiReply& error) const;

    // Creates a code for (mobile, purpose); `deliver` false counts it without sending it.
    ApiReply sendSmsCode(const std::string& mobile, const std::string& purpose, bool deliver);

    // Uses up the current code of (mobile, purpose) if `code` matches it, or sets `error`.
    bool verifySmsCode(const std::string& mobile, const std::string& purpose,
                       const std::string& code, ApiReply& error);

    // Stores `message` as the latest SMS to `mobile` and passes it to the page.
    void deliverSms(const std::string& mobile, const std::string& message);

    // Ends every session of an account.
    void endSessionsOf(int accountId);

    DemoAccount* findAccount(const std::function<bool(const DemoAccount&)>& match);

    // Returns a random token of URL-safe characters.
    std::string randomToken(std::size_t length);

    // Returns a random code of `digits` decimal digits.
    std::string randomDigits(int digits);

    DemoOptions options;

private:
    std::mt19937_64 random_;
};

// Formats epoch seconds as ISO 8601 in China Standard Time (+08:00).
std::string toIsoChinaTime(std::int64_t epochSeconds);

// Formats a moment for a message: "14:35" on the day of `now`, otherwise "1月6日 14:35".
std::string toChineseMoment(std::int64_t epochSeconds, std::int64_t now);

// Returns the China-time year, month and day of epoch seconds.
void chinaDate(std::int64_t epochSeconds, int& year, int& month, int& day);

std::string maskIdCardNumber(const std::string& value);
std::string maskMobile(const std::string& value);

// Returns the Chinese name of an insurance type ("pension" -> "企业养老"), or "".
const char* insuranceTypeName(const std::string& type);

// The insurance types in their fixed order.
const std::vector<std::string>& insuranceTypes();

// Reads `page` and `pageSize` from the query, or sets `error`.
bool readPaging(const ApiRequest& request, int& page, int& pageSize, ApiReply& error);

// Returns whether `name` is 2 to 30 Chinese characters (with ·) or a Latin-letter name.
bool isValidPersonName(const std::string& name);

// Returns the normalised ID-card number, or nullopt with serve.py's message in `problem`.
std::optional<std::string> normalizeIdCardNumber(const std::string& text, std::int64_t now,
                                                 std::string& problem);

// Returns the signed-in agent, or sets `error` (401, or 403 for other user kinds).
DemoAccount* requireAgent(DemoService& service, const ApiRequest& request, ApiReply& error);

// Returns why `agent` may not handle `type` ("" when it may), opened types included.
std::string declarationPermissionReason(const DemoService& service, const DemoAccount& agent,
                                        const std::string& type);

// Endpoint handlers.
ApiReply createSession(DemoService& service, const ApiRequest& request);
ApiReply getSession(DemoService& service, const ApiRequest& request);
ApiReply deleteSession(DemoService& service, const ApiRequest& request);
ApiReply changePassword(DemoService& service, const ApiRequest& request);
ApiReply createSmsCode(DemoService& service, const ApiRequest& request);
ApiReply registerPerson(DemoService& service, const ApiRequest& request);
ApiReply registerUnit(DemoService& service, const ApiRequest& request);
ApiReply getRights(DemoService& service, const ApiRequest& request);
ApiReply getContributions(DemoService& service, const ApiRequest& request);
ApiReply listDownloads(DemoService& service, const ApiRequest& request);
ApiReply searchFaq(DemoService& service, const ApiRequest& request);
ApiReply listReminders(DemoService& service, const ApiRequest& request);
ApiReply getUnit(DemoService& service, const ApiRequest& request);
ApiReply confirmUnit(DemoService& service, const ApiRequest& request);
ApiReply listAgents(DemoService& service, const ApiRequest& request);
ApiReply syncAgents(DemoService& service, const ApiRequest& request);
ApiReply getInsuranceTypes(DemoService& service, const ApiRequest& request);
ApiReply getPlatform(DemoService& service, const ApiRequest& request);
ApiReply openPlatform(DemoService& service, const ApiRequest& request);
ApiReply listStaff(DemoService& service, const ApiRequest& request);
ApiReply getStaff(DemoService& service, const ApiRequest& request);
ApiReply createDeclarations(DemoService& service, const ApiRequest& request);
ApiReply listDeclarations(DemoService& service, const ApiRequest& request);
ApiReply getDeclaration(DemoService& service, const ApiRequest& request);
ApiReply rollbackDeclaration(DemoService& service, const ApiRequest& request);

} // namespace portal::demo
