#include "core/api_client.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace portal {
namespace {

using testing::FakeTransport;

const char* kSessionBody =
    R"({"token":"t-123","expiresInSeconds":1800,)"
    R"("user":{"kind":"person","name":"林晓明","account":"linxiaoming"}})";

LoginRequest person_password_login() {
    LoginRequest request;
    request.kind = UserKind::Person;
    request.method = "password";
    request.account = "linxiaoming";
    request.password = "Demo@2026";
    return request;
}

TEST(ApiClientLogin, PostsContractBody) {
    FakeTransport transport;
    ApiClient client(transport);
    client.login(person_password_login(), [](Result<Session>) {});

    ASSERT_EQ(transport.sent.size(), 1u);
    const HttpRequest& request = transport.sent.front();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, "/api/sessions");
    nlohmann::json body = nlohmann::json::parse(request.body);
    EXPECT_EQ(body["kind"], "person");
    EXPECT_EQ(body["method"], "password");
    EXPECT_EQ(body["account"], "linxiaoming");
    EXPECT_EQ(body["password"], "Demo@2026");
    EXPECT_FALSE(body.contains("mobile"));
}

TEST(ApiClientLogin, DecodesSessionAndKeepsToken) {
    FakeTransport transport;
    ApiClient client(transport);
    std::optional<Result<Session>> outcome;
    client.login(person_password_login(), [&](Result<Session> r) { outcome = std::move(r); });
    transport.reply(200, kSessionBody);

    ASSERT_TRUE(outcome.has_value());
    ASSERT_TRUE(outcome->ok());
    EXPECT_EQ(outcome->value().user.name, "林晓明");
    EXPECT_EQ(outcome->value().user.kind, UserKind::Person);
    EXPECT_TRUE(client.signed_in());

    client.logout([] {});
    const HttpRequest& logout = transport.sent.back();
    EXPECT_EQ(logout.method, "DELETE");
    bool has_bearer = false;
    for (const auto& [name, value] : logout.headers) {
        has_bearer = has_bearer || (name == "Authorization" && value == "Bearer t-123");
    }
    EXPECT_TRUE(has_bearer);
    EXPECT_FALSE(client.signed_in());
}

TEST(ApiClientLogin, PassesServerMessageThrough) {
    FakeTransport transport;
    ApiClient client(transport);
    std::optional<Result<Session>> outcome;
    client.login(person_password_login(), [&](Result<Session> r) { outcome = std::move(r); });
    transport.reply(401, R"({"error":{"code":"invalid_credentials","message":"账号或密码错误"}})");

    ASSERT_FALSE(outcome->ok());
    EXPECT_EQ(outcome->error().code, "invalid_credentials");
    EXPECT_EQ(outcome->error().message, "账号或密码错误");
    EXPECT_FALSE(client.signed_in());
}

TEST(ApiClientLogin, RejectsMalformedSuccessBody) {
    for (const char* body : {"", "not json", "[]", R"({"token":5})",
                             R"({"token":"x","user":{"kind":"robot","name":"a"}})",
                             R"({"token":"x","user":"林晓明"})"}) {
        FakeTransport transport;
        ApiClient client(transport);
        std::optional<Result<Session>> outcome;
        client.login(person_password_login(), [&](Result<Session> r) { outcome = std::move(r); });
        transport.reply(200, body);
        ASSERT_FALSE(outcome->ok()) << body;
        EXPECT_EQ(outcome->error().code, "malformed_response") << body;
        EXPECT_FALSE(client.signed_in()) << body;
    }
}

TEST(DecodeFailure, NetworkFailureKeepsInputMessage) {
    Error error = decode_failure(HttpResponse{});
    EXPECT_EQ(error.code, "network");
    EXPECT_NE(error.message.find("已保留"), std::string::npos);
}

TEST(DecodeFailure, TimeoutIsNamed) {
    HttpResponse response;
    response.timedOut = true;
    EXPECT_EQ(decode_failure(response).code, "timeout");
}

TEST(DecodeFailure, ServerErrorWithoutJsonNamesStatus) {
    HttpResponse response;
    response.status = 502;
    response.body = "<html>Bad Gateway</html>";
    Error error = decode_failure(response);
    EXPECT_EQ(error.code, "server_unavailable");
    EXPECT_NE(error.message.find("502"), std::string::npos);
}

TEST(DecodeFailure, ErrorObjectWithWrongTypesFallsBackToStatus) {
    HttpResponse response;
    response.status = 400;
    response.body = R"({"error":{"code":1,"message":["x"]}})";
    EXPECT_EQ(decode_failure(response).code, "http_400");
}

// Bodies a broken proxy, a damaged connection or a hostile server may send. Emscripten builds
// abort on any C++ exception, so this suite, which also runs compiled to WebAssembly, shows that
// none of them throws.
std::vector<std::string> hostile_bodies() {
    std::vector<std::string> bodies = {
        "",
        "<html><body>502 Bad Gateway</body></html>",
        "\xff\xfe{\"error\":1}",
        "{\"error\":{\"code\":\"x\",\"message\":\"\xc3\x28\"}}",
        "{\"token\":\"\\ud800\"}",
        "[1,2,3]",
        "null",
        "{\"error\":null}",
        "{\"error\":{\"code\":[],\"message\":{}}}",
        "{\"items\":\"not a list\",\"total\":-1e999}",
        "{\"a\":1,\"a\":2}",
        std::string("{\"x\":\"a\0b\"}", 11),
    };
    bodies.push_back("{\"error\":{\"code\":\"x\",\"message\":\"" + std::string(1 << 20, 'a') +
                     "\"}}");
    bodies.push_back(std::string(100000, '[') + std::string(100000, ']'));
    bodies.push_back(std::string(50000, '{'));
    return bodies;
}

TEST(ApiClientCall, HostileBodiesGiveMessages) {
    for (int status : {200, 201, 400, 401, 500, 503}) {
        for (const std::string& body : hostile_bodies()) {
            FakeTransport transport;
            ApiClient client(transport);
            std::optional<Result<nlohmann::json>> outcome;
            client.call("GET", "/api/staff", std::nullopt,
                        [&](Result<nlohmann::json> r) { outcome = std::move(r); });
            transport.reply(status, body);
            ASSERT_TRUE(outcome.has_value());
            if (outcome->ok()) {
                // Only a JSON object is a valid body, so [1,2,3] or null is not.
                EXPECT_TRUE(outcome->value().is_object()) << status;
                continue;
            }
            EXPECT_FALSE(outcome->error().message.empty()) << status;
            EXPECT_LE(outcome->error().message.size(), 1000u) << status;
        }
    }
}

TEST(ApiClientLogin, HostileBodiesGiveMessages) {
    for (const std::string& body : hostile_bodies()) {
        FakeTransport transport;
        ApiClient client(transport);
        std::optional<Result<Session>> outcome;
        client.login(person_password_login(), [&](Result<Session> r) { outcome = std::move(r); });
        transport.reply(200, body);
        ASSERT_TRUE(outcome.has_value());
        EXPECT_FALSE(outcome->ok());
        EXPECT_FALSE(client.signed_in());
    }
}

TEST(DecodeFailure, EmptyCodeFallsBackToStatus) {
    HttpResponse response;
    response.status = 409;
    response.body = R"({"error":{"code":"","message":"该人员已参保"}})";
    EXPECT_EQ(decode_failure(response).code, "http_409");
}

TEST(DecodeFailure, OverlongServerMessageIsReplaced) {
    HttpResponse response;
    response.status = 400;
    response.body = R"({"error":{"code":"x","message":")" + std::string(5000, 'a') + "\"}}";
    const Error error = decode_failure(response);
    EXPECT_EQ(error.code, "http_400");
}

} // namespace
} // namespace portal
