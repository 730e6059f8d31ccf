// The offline demo's data: the same fictional accounts, units and records that serve.py writes
// into a new database (server/seed.py), kept as plain structs and stored as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::demo {

// Password of every seeded account.
inline constexpr const char* kDemoPassword = "Demo@2026";

// A person, legal person or agent account.
struct DemoAccount {
    int id = 0;
    std::string kind; // "person", "legal_person" or "agent"
    std::string username;
    std::string name;
    std::string idCardNumber;
    std::string mobile;
    std::string creditCode; // the unit of a legal person or agent; empty for a person
    std::string passwordHash;
    int failedLogins = 0;
    std::int64_t lockedUntil = 0; // epoch seconds; 0 for no lock
    bool mustSetPassword = false;
    bool disabled = false;
    std::vector<std::string> openedInsuranceTypes; // an agent's types on the platform
};

// A unit registered online.
struct DemoUnit {
    std::string creditCode;
    std::string name;
    bool confirmed = false;
};

// An insurance type's registration of a unit at the insurance agency.
struct DemoRegistration {
    std::string creditCode;
    std::string insuranceType;
    std::string unitName;
    std::string agentMobile;
    bool onlineDeclaration = false;
};

// An agent designated at the service window.
struct DemoDesignatedAgent {
    std::string creditCode;
    std::string name;
    std::string idCardNumber;
    std::string mobile;
};

// One insurance record of a staff member.
struct DemoStaffRecord {
    int id = 0;
    std::string creditCode;
    std::string idCardNumber;
    std::string name;
    std::string insuranceType;
    std::string status; // "active" or "stopped"
    int contributionBase = 0;
    std::string startMonth;
    std::string endMonth; // empty while active
};

// One month's contribution of a person to one insurance type; amounts in fen.
struct DemoContribution {
    std::string idCardNumber;
    std::string insuranceType;
    std::string month;
    std::string unitName;
    int contributionBase = 0;
    std::int64_t unitAmountFen = 0;
    std::int64_t personalAmountFen = 0;
};

// A declaration of a staff addition, removal or change.
struct DemoDeclaration {
    int id = 0;
    std::string creditCode;
    std::string kind;
    std::string insuranceType;
    std::string idCardNumber;
    std::string name;
    nlohmann::json details = nlohmann::json::object();
    std::string status;
    std::string reviewReason; // empty for none
    std::int64_t createdAt = 0;
    std::int64_t reviewedAt = 0; // 0 while pending
};

// An SMS verification code; only its digest is kept, as serve.py keeps only an HMAC.
struct DemoSmsCode {
    std::string mobile;
    std::string purpose;
    std::string codeDigest;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    int attempts = 0;
    bool used = false;
};

// Failed logins of an identifier that matches no account, so unknown accounts lock too.
struct DemoLoginFailure {
    std::string kind;
    std::string identifierDigest;
    int failures = 0;
    std::int64_t lockedUntil = 0;
    std::int64_t updatedAt = 0;
};

// The response to a declaration request, replayed when the same key comes again.
struct DemoIdempotencyKey {
    int accountId = 0;
    std::string key;
    std::string requestDigest;
    nlohmann::json response = nlohmann::json::object();
};

// Everything the demo backend stores between page loads. Sessions are not part of it: the
// front-end keeps its token in memory only, so a reload signs out anyway.
struct DemoState {
    std::string secret; // salt of the SMS code digests
    int nextAccountId = 1;
    int nextStaffRecordId = 1;
    int nextDeclarationId = 1;
    std::vector<DemoAccount> accounts;
    std::vector<DemoUnit> units;
    std::vector<DemoRegistration> registrations;
    std::vector<DemoDesignatedAgent> designatedAgents;
    std::vector<DemoStaffRecord> staffRecords;
    std::vector<DemoContribution> contributions;
    std::vector<DemoDeclaration> declarations;
    std::vector<DemoSmsCode> smsCodes;
    std::vector<DemoLoginFailure> loginFailures;
    std::vector<DemoIdempotencyKey> idempotencyKeys;
};

// Builds the demo data of a new database at time `now` (epoch seconds); `secret` salts the
// password hashes and SMS code digests.
DemoState makeSeedState(std::int64_t now, const std::string& secret);

// Serialises `state` as JSON text.
std::string serializeState(const DemoState& state);

// Parses text that serializeState wrote; nullopt when it is not such a document.
std::optional<DemoState> parseState(std::string_view text);

// Hashes a password with a per-account salt, as "salt$digest". This is a demo-only scheme
// (iterated 64-bit FNV-1a), far weaker than serve.py's scrypt: the demo holds only fictional
// accounts in the visitor's own browser, and it exists so that no password is stored as text.
std::string hashPassword(std::string_view password, std::string_view salt);

// Returns whether `password` matches a hash that hashPassword made.
bool verifyPassword(std::string_view password, std::string_view stored);

// Returns a hex digest of `text` salted with `secret`, for SMS codes and typed identifiers.
std::string digestText(std::string_view secret, std::string_view text);

} // namespace portal::demo
