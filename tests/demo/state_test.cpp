// The demo backend's state: what survives a reload (a new backend on the same storage), the
// reset to the seed data, and storage contents that cannot be read.
#include "demo/demo_backend.h"
#include "demo/demo_state.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using nlohmann::json;
using portal::HttpRequest;
using portal::HttpResponse;
namespace demo = portal::demo;

constexpr std::int64_t kStart = 1767225600; // 2026-01-01T08:00:00+08:00

std::string readFile(const char* path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

demo::DemoContent content() {
    demo::DemoContent result;
    result.faqJson = readFile(PORTAL_SERVER_FAQ);
    result.phoneTable = readFile(PORTAL_PHONE_TABLE);
    result.files["portal-config.json"] = "{}";
    return result;
}

demo::DemoOptions clockAt(std::int64_t* now) {
    demo::DemoOptions options;
    options.now = [now]() { return *now; };
    return options;
}

HttpResponse post(demo::DemoBackend& backend, const std::string& url, const json& body) {
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.body = body.dump();
    return backend.handleApi(request);
}

json bodyOf(const HttpResponse& response) {
    return json::parse(response.body, nullptr, false);
}

HttpResponse loginLinXiaoming(demo::DemoBackend& backend, const std::string& password) {
    return post(backend, "/api/sessions",
                {{"kind", "person"}, {"method", "password"}, {"account", "linxiaoming"},
                 {"password", password}});
}

TEST(DemoState, SerializedStateParsesBack) {
    const demo::DemoState seed = demo::makeSeedState(kStart, "secret");
    const std::optional<demo::DemoState> parsed = demo::parseState(demo::serializeState(seed));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(demo::serializeState(*parsed), demo::serializeState(seed));
}

TEST(DemoState, SeedStoresNoPlainPassword) {
    const std::string text = demo::serializeState(demo::makeSeedState(kStart, "secret"));
    EXPECT_EQ(text.find(demo::kDemoPassword), std::string::npos);
}

TEST(DemoState, RejectsOtherDocuments) {
    EXPECT_FALSE(demo::parseState("not json").has_value());
    EXPECT_FALSE(demo::parseState("[]").has_value());
    EXPECT_FALSE(demo::parseState(R"({"version": 1})").has_value());
    EXPECT_FALSE(demo::parseState(R"({"version": 99, "accounts": []})").has_value());
}

TEST(DemoState, PasswordHashVerifies) {
    const std::string stored = demo::hashPassword("Demo@2026", "salt1234");
    EXPECT_TRUE(demo::verifyPassword("Demo@2026", stored));
    EXPECT_FALSE(demo::verifyPassword("Demo@2027", stored));
    EXPECT_NE(demo::hashPassword("Demo@2026", "other567"), stored);
}

TEST(DemoPersistence, FirstStartSavesTheSeed) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
    ASSERT_TRUE(storage.load().has_value());
    EXPECT_TRUE(demo::parseState(*storage.load()).has_value());
}

TEST(DemoPersistence, UnreadableStorageIsReseeded) {
    demo::MemoryDemoStorage storage;
    storage.save("{broken");
    std::int64_t now = kStart;
    demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
    EXPECT_EQ(loginLinXiaoming(backend, "Demo@2026").status, 200);
}

TEST(DemoPersistence, SmsIntervalSurvivesReload) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    const json request = {{"mobile", "13805910001"}, {"purpose", "login"}};
    {
        demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
        const HttpResponse sent = post(backend, "/api/sms-codes", request);
        ASSERT_EQ(sent.status, 200) << sent.body;
        EXPECT_TRUE(bodyOf(sent)["demoCode"].is_string());
    }
    now += 60;
    demo::DemoBackend reloaded(storage, content(), nullptr, clockAt(&now));
    const HttpResponse again = post(reloaded, "/api/sms-codes", request);
    EXPECT_EQ(again.status, 429);
    EXPECT_EQ(bodyOf(again)["error"]["retryAfterSeconds"], 240);
}

TEST(DemoPersistence, SmsCodeWorksAfterReload) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    std::string code;
    {
        demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
        code = bodyOf(post(backend, "/api/sms-codes",
                           {{"mobile", "13805910001"}, {"purpose", "login"}}))["demoCode"];
    }
    demo::DemoBackend reloaded(storage, content(), nullptr, clockAt(&now));
    const HttpResponse login = post(reloaded, "/api/sessions",
                                    {{"kind", "person"}, {"method", "sms"},
                                     {"mobile", "13805910001"}, {"smsCode", code}});
    EXPECT_EQ(login.status, 200) << login.body;
}

TEST(DemoPersistence, LockoutSurvivesReload) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    {
        demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
        for (int i = 0; i < 5; ++i) {
            loginLinXiaoming(backend, "Wrong@2026");
        }
    }
    demo::DemoBackend reloaded(storage, content(), nullptr, clockAt(&now));
    EXPECT_EQ(loginLinXiaoming(reloaded, "Demo@2026").status, 423);
    now += 30 * 60;
    EXPECT_EQ(loginLinXiaoming(reloaded, "Demo@2026").status, 200);
}

TEST(DemoPersistence, SessionsEndWithReload) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    std::string token;
    {
        demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
        token = bodyOf(loginLinXiaoming(backend, "Demo@2026"))["token"];
    }
    demo::DemoBackend reloaded(storage, content(), nullptr, clockAt(&now));
    HttpRequest request;
    request.method = "GET";
    request.url = "/api/session";
    request.headers = {{"Authorization", "Bearer " + token}};
    EXPECT_EQ(reloaded.handleApi(request).status, 401);
}

TEST(DemoPersistence, RegisteredPersonSurvivesReloadUntilReset) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    const json registration = {{"username", "zhangguodong"}, {"name", "张国栋"},
                               {"idCardNumber", "350205199106114174"},
                               {"mobile", "13805918888"}, {"password", "Zhang@2026"}};
    const json login = {{"kind", "person"}, {"method", "password"}, {"account", "zhangguodong"},
                        {"password", "Zhang@2026"}};
    {
        demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
        json body = registration;
        body["smsCode"] = bodyOf(post(backend, "/api/sms-codes",
                                      {{"mobile", "13805918888"}, {"purpose", "register"}}))
            ["demoCode"];
        const HttpResponse created = post(backend, "/api/persons", body);
        ASSERT_EQ(created.status, 201) << created.body;
    }
    demo::DemoBackend reloaded(storage, content(), nullptr, clockAt(&now));
    EXPECT_EQ(post(reloaded, "/api/sessions", login).status, 200);

    reloaded.reset();
    EXPECT_EQ(post(reloaded, "/api/sessions", login).status, 401);
    demo::DemoBackend afterReset(storage, content(), nullptr, clockAt(&now));
    EXPECT_EQ(post(afterReset, "/api/sessions", login).status, 401);
    EXPECT_EQ(loginLinXiaoming(afterReset, "Demo@2026").status, 200);
}

TEST(DemoBackendFiles, EmbeddedFileIsServed) {
    demo::MemoryDemoStorage storage;
    demo::DemoBackend backend(storage, content(), nullptr);
    HttpRequest request;
    request.method = "GET";
    request.url = "portal-config.json";
    HttpResponse response;
    backend.send(request, [&](HttpResponse r) { response = std::move(r); });
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "{}");
}

TEST(DemoBackendFiles, MissingFileWithoutFallbackIs404) {
    demo::MemoryDemoStorage storage;
    demo::DemoBackend backend(storage, content(), nullptr);
    HttpRequest request;
    request.method = "GET";
    request.url = "/fonts/missing.ttf";
    HttpResponse response;
    backend.send(request, [&](HttpResponse r) { response = std::move(r); });
    EXPECT_EQ(response.status, 404);
}

TEST(DemoBackendRoutes, UnitRegistrationAddsLegalPerson) {
    demo::MemoryDemoStorage storage;
    std::int64_t now = kStart;
    demo::DemoBackend backend(storage, content(), nullptr, clockAt(&now));
    const std::string code =
        bodyOf(post(backend, "/api/sms-codes", {{"mobile", "13805918888"}, {"purpose", "register"}}))
            ["demoCode"];
    const HttpResponse created =
        post(backend, "/api/units",
             {{"creditCode", "91350100MA31RT6B8D"}, {"unitName", "福州闽都示例餐饮有限公司"},
              {"username", "huangmindu"}, {"name", "黄闽都"}, {"idCardNumber", "350121198804305170"},
              {"mobile", "13805918888"}, {"smsCode", code}, {"password", "Huang@2026"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(bodyOf(created)["user"]["unit"]["creditCode"], "91350100MA31RT6B8D");
    const HttpResponse again =
        post(backend, "/api/units",
             {{"creditCode", "91350100MA31RT6B8D"}, {"unitName", "福州闽都示例餐饮有限公司"},
              {"username", "huangmindu2"}, {"name", "黄闽都"}, {"idCardNumber", "350121198804305170"},
              {"mobile", "13805918888"}, {"smsCode", code}, {"password", "Huang@2026"}});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(bodyOf(again)["error"]["code"], "unit_registered");
}

TEST(DemoBackendRoutes, UnknownRouteIs404) {
    demo::MemoryDemoStorage storage;
    demo::DemoBackend backend(storage, content(), nullptr);
    HttpRequest request;
    request.method = "GET";
    request.url = "/api/no-such-resource";
    const HttpResponse response = backend.handleApi(request);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(bodyOf(response)["error"]["code"], "not_found");
}

} // namespace
