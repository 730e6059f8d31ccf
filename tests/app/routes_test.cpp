#include "app/portal_app.h"
#include "app/routes.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace portal {
namespace {

TEST(Routes, HomeRouteAndItsSpellings) {
    for (const char* route : {"#/portal-module/index", "/portal-module/index", "", "#", "#/",
                              "#/portal-module/index/", "#/portal-module/index?from=legacy"}) {
        auto screen = screen_from_route(route);
        ASSERT_TRUE(screen.has_value()) << route;
        EXPECT_EQ(*screen, Screen::Home) << route;
    }
}

TEST(Routes, UnknownRouteHasNoScreen) {
    EXPECT_FALSE(screen_from_route("#/no-such-module/index").has_value());
    EXPECT_FALSE(screen_from_route("#/portal-module/index/extra").has_value());
}

TEST(Routes, EveryScreenRoundTrips) {
    for (Screen screen : {Screen::Home, Screen::BatchAddition, Screen::BatchRemoval}) {
        const ScreenInfo& info = screen_info(screen);
        EXPECT_EQ(info.screen, screen);
        auto parsed = screen_from_route(info.route);
        ASSERT_TRUE(parsed.has_value()) << info.route;
        EXPECT_EQ(*parsed, screen);
    }
}

struct NavigationFixture : ::testing::Test {
    testing::FakeTransport transport;
    std::vector<std::string> shown_routes;
    std::vector<bool> replaced;  // per shown route, whether it replaced the history entry
    PortalApp app{PlatformServices{&transport, nullptr, nullptr,
                                   [this](const std::string& route, const std::string&,
                                          bool replace) {
                                       shown_routes.push_back(route);
                                       replaced.push_back(replace);
                                   }}};
};

TEST_F(NavigationFixture, NavigationAddsHistoryEntry) {
    app.navigate(Screen::Downloads);
    ASSERT_EQ(shown_routes.size(), 1u);
    EXPECT_EQ(shown_routes[0], "#/portal-module/downloads");
    EXPECT_FALSE(replaced[0]);
}

TEST_F(NavigationFixture, AddressBarRouteReplacesEntry) {
    app.navigate(Screen::Downloads);
    // Back to the entry of the home page, spelled with a trailing slash.
    app.open_route("#/portal-module/index/");
    EXPECT_EQ(app.screen(), Screen::Home);
    ASSERT_EQ(shown_routes.size(), 2u);
    EXPECT_EQ(shown_routes[1], "#/portal-module/index");
    EXPECT_TRUE(replaced[1]);
}

TEST_F(NavigationFixture, DeepLinkOpensLoginFirst) {
    app.open_route("#/agent-module/staff-addition");
    EXPECT_TRUE(app.login_open());
    EXPECT_EQ(app.login_form().kind(), UserKind::Agent);
    EXPECT_EQ(app.screen(), Screen::Home);
    EXPECT_TRUE(shown_routes.empty());
}

TEST_F(NavigationFixture, CancelledLoginRestoresAddress) {
    app.open_route("#/agent-module/staff-addition");
    app.close_login();
    EXPECT_EQ(app.screen(), Screen::Home);
    ASSERT_EQ(shown_routes.size(), 1u);
    EXPECT_EQ(shown_routes[0], "#/portal-module/index");
    EXPECT_TRUE(replaced[0]);
}

TEST_F(NavigationFixture, UnknownRouteFallsBackToHomeWithNotice) {
    app.open_route("#/no-such-module/index");
    EXPECT_EQ(app.screen(), Screen::Home);
    EXPECT_EQ(app.notice(), "您访问的页面不存在，已为您打开首页。");
    ASSERT_FALSE(shown_routes.empty());
    EXPECT_EQ(shown_routes.back(), "#/portal-module/index");
}

TEST_F(NavigationFixture, ExpiredTokenEndsSession) {
    app.open_login(UserKind::Person);
    app.login_form().value(LoginField::Account) = "linxiaoming";
    app.login_form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
    ASSERT_TRUE(app.session().has_value());

    std::optional<Result<nlohmann::json>> outcome;
    app.api().call("GET", "/api/me/rights", std::nullopt,
                   [&](Result<nlohmann::json> r) { outcome = std::move(r); });
    transport.reply(401, R"({"error":{"code":"unauthenticated","message":"登录已失效，请重新登录"}})");

    EXPECT_FALSE(app.session().has_value());
    EXPECT_EQ(app.screen(), Screen::Home);
    ASSERT_TRUE(outcome.has_value());
    EXPECT_EQ(outcome->error().code, "unauthenticated");
}

} // namespace
} // namespace portal
