// The REST client of the portal: builds requests of the contract in docs/api.md, decodes the
// responses and turns every failure (network, timeout, server, malformed body) into an Error with
// a Chinese message.
#pragma once

#include "core/http.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace portal {

enum class UserKind { Person, Agent, LegalPerson };

// The wire name of a user kind ("person", "agent", "legal_person").
const char* user_kind_name(UserKind kind);

// The signed-in user as the server describes it.
struct UserSummary {
    UserKind kind = UserKind::Person;
    std::string name;
    std::string account;
    std::string unit_code;  // the unit's credit code for legal persons and agents
};

struct Session {
    std::string token;
    int expiresInSeconds = 0;
    UserSummary user;
};

// The fields of a login; which of them a method needs is decided by the login form.
struct LoginRequest {
    UserKind kind = UserKind::Person;
    std::string method;  // "password", "sms", "credit_code", "username"
    std::string account;
    std::string mobile;
    std::string smsCode;
    std::string password;
};

// Percent-encodes `text` for a URL query value.
std::string url_encode(const std::string& text);

// Turns a response that is not a 2xx into an Error: the server's own message when the body is
// the contract's error object, otherwise a message chosen from the status.
Error decode_failure(const HttpResponse& response);

class ApiClient {
public:
    explicit ApiClient(HttpTransport& transport) : transport_(transport) {}

    // Signs in; on success the client keeps the session's bearer token for later requests.
    void login(const LoginRequest& request, std::function<void(Result<Session>)> done);

    // Ends the session on the server and forgets the token, whatever the server responds.
    void logout(std::function<void()> done);

    bool signed_in() const { return !token_.empty(); }

    // Sends one request of the contract with the session's token and decodes the response: a 2xx
    // with a JSON object body gives the object, anything else an Error with a Chinese message.
    // `extra_headers` carries e.g. the Idempotency-Key of a declaration.
    void call(const char* method, std::string url, std::optional<nlohmann::json> body,
              std::function<void(Result<nlohmann::json>)> done,
              std::vector<std::pair<std::string, std::string>> extra_headers = {});

    // Called with every Error of a request made with a token that the server no longer
    // accepts (401): the session has ended.
    void on_session_expired(std::function<void()> handler) {
        session_expired_ = std::move(handler);
    }

private:
    HttpRequest make_request(const char* method, const char* url, std::string body) const;

    HttpTransport& transport_;
    std::string token_;
    std::function<void()> session_expired_;
};

} // namespace portal
