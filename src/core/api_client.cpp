#include "core/api_client.h"

#include "core/json_decode.h"

#include <nlohmann/json.hpp>

#include <utility>

namespace portal {

namespace {

constexpr const char* kContentTypeJson = "application/json";
// Longer server messages than this are not shown; about 300 Chinese characters.
constexpr std::size_t kMaxMessageBytes = 1000;

std::string to_json_text(const nlohmann::json& value) {
    // Invalid UTF-8 in user input must not throw: it is replaced, and the server rejects it.
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<UserKind> parse_user_kind(const std::string& name) {
    if (name == "person") {
        return UserKind::Person;
    }
    if (name == "agent") {
        return UserKind::Agent;
    }
    if (name == "legal_person") {
        return UserKind::LegalPerson;
    }
    return std::nullopt;
}

Error malformed_answer() {
    return {"malformed_response", "服务器返回的数据无法识别，请稍后重试；如持续出现请联系客服"};
}

Result<Session> decode_session(const HttpResponse& response) {
    auto body = json_decode::parse(response.body);
    if (!body) {
        return malformed_answer();
    }
    auto token = json_decode::string_member(*body, "token");
    const nlohmann::json* user = json_decode::object_member(*body, "user");
    if (!token || token->empty() || user == nullptr) {
        return malformed_answer();
    }
    auto kind = parse_user_kind(json_decode::string_member(*user, "kind").value_or(""));
    auto name = json_decode::string_member(*user, "name");
    if (!kind || !name) {
        return malformed_answer();
    }

    Session session;
    session.token = *token;
    session.expiresInSeconds =
        static_cast<int>(json_decode::integer_member(*body, "expiresInSeconds").value_or(1800));
    session.user.kind = *kind;
    session.user.name = *name;
    session.user.account = json_decode::string_member(*user, "account").value_or("");
    if (const nlohmann::json* unit = json_decode::object_member(*user, "unit")) {
        session.user.unit_code = json_decode::string_member(*unit, "creditCode").value_or("");
    }
    return session;
}

} // namespace

const char* user_kind_name(UserKind kind) {
    switch (kind) {
    case UserKind::Person:
        return "person";
    case UserKind::Agent:
        return "agent";
    case UserKind::LegalPerson:
        return "legal_person";
    }
    return "person";
}

Error decode_failure(const HttpResponse& response) {
    if (response.timedOut) {
        return {"timeout", "服务器响应超时，您填写的内容已保留，请稍后重试"};
    }
    if (response.status == 0) {
        return {"network", "网络连接失败，您填写的内容已保留，请检查网络后重试"};
    }

    if (auto body = json_decode::parse(response.body)) {
        if (const nlohmann::json* error = json_decode::object_member(*body, "error")) {
            auto code = json_decode::string_member(*error, "code");
            auto message = json_decode::string_member(*error, "message");
            // A message of pages of text is no message for a user: the status speaks instead.
            // An empty code would read as "no failure" to callers that keep the last one.
            if (code && !code->empty() && message && !message->empty() &&
                message->size() <= kMaxMessageBytes) {
                return {*code, *message};
            }
        }
    }

    std::string status = std::to_string(response.status);
    if (response.status >= 500) {
        return {"server_unavailable",
                "服务器暂时无法处理请求（HTTP " + status + "），您填写的内容已保留，请稍后重试"};
    }
    return {"http_" + status, "请求未被受理（HTTP " + status + "），请刷新页面后重试"};
}

std::string url_encode(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded.push_back('%');
            encoded.push_back(kHex[c >> 4]);
            encoded.push_back(kHex[c & 0x0F]);
        }
    }
    return encoded;
}

HttpRequest ApiClient::make_request(const char* method, const char* url, std::string body) const {
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.body = std::move(body);
    request.headers.emplace_back("Accept", kContentTypeJson);
    if (!request.body.empty()) {
        request.headers.emplace_back("Content-Type", kContentTypeJson);
    }
    if (!token_.empty()) {
        request.headers.emplace_back("Authorization", "Bearer " + token_);
    }
    return request;
}

void ApiClient::login(const LoginRequest& login, std::function<void(Result<Session>)> done) {
    nlohmann::json body = {{"kind", user_kind_name(login.kind)}, {"method", login.method}};
    auto put_if_set = [&body](const char* key, const std::string& value) {
        if (!value.empty()) {
            body[key] = value;
        }
    };
    put_if_set("account", login.account);
    put_if_set("mobile", login.mobile);
    put_if_set("smsCode", login.smsCode);
    put_if_set("password", login.password);

    transport_.send(make_request("POST", "/api/sessions", to_json_text(body)),
                    [this, done = std::move(done)](HttpResponse response) {
                        if (response.status != 200) {
                            done(decode_failure(response));
                            return;
                        }
                        Result<Session> session = decode_session(response);
                        if (session.ok()) {
                            token_ = session.value().token;
                        }
                        done(std::move(session));
                    });
}

void ApiClient::call(const char* method, std::string url, std::optional<nlohmann::json> body,
                     std::function<void(Result<nlohmann::json>)> done,
                     std::vector<std::pair<std::string, std::string>> extra_headers) {
    HttpRequest request = make_request(method, url.c_str(), body ? to_json_text(*body) : "");
    for (auto& header : extra_headers) {
        request.headers.push_back(std::move(header));
    }
    const bool had_token = !token_.empty();
    transport_.send(std::move(request), [this, had_token, done = std::move(done)](
                                            HttpResponse response) {
        if (response.status < 200 || response.status >= 300) {
            if (response.status == 401 && had_token) {
                token_.clear();
                if (session_expired_) {
                    session_expired_();
                }
            }
            done(decode_failure(response));
            return;
        }
        auto parsed = json_decode::parse(response.body);
        if (!parsed || !parsed->is_object()) {
            done(malformed_answer());
            return;
        }
        done(std::move(*parsed));
    });
}

void ApiClient::logout(std::function<void()> done) {
    HttpRequest request = make_request("DELETE", "/api/session", "");
    token_.clear();
    transport_.send(std::move(request),
                    [done = std::move(done)](HttpResponse) { done(); });
}

} // namespace portal
