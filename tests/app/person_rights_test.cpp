// The person's rights screen state and the download centre list, decoded from scripted
// responses of the contract.
#include "app/portal_app.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>

namespace portal {
namespace {

using testing::FakeTransport;

constexpr const char* kRights = R"({"person":{"name":"林晓明","idCardNumber":"3501**********1234"},
  "enrolments":[
    {"insuranceType":"pension","name":"企业养老","status":"active","unitName":"福州榕城示例科技有限公司",
     "startMonth":"2023-07","endMonth":null,"contributionBase":8000,"paidMonths":30},
    {"insuranceType":"unemployment","name":"失业","status":"not_enrolled","unitName":null,
     "startMonth":null,"endMonth":null,"contributionBase":null,"paidMonths":0}]})";

constexpr const char* kNewest = R"({"items":[{"month":"2025-12","insuranceType":"pension"}],
  "total":36,"page":1,"pageSize":1})";

constexpr const char* kYear2025 = R"({"items":[
  {"month":"2025-12","insuranceType":"pension","insuranceTypeName":"企业养老","unitName":"U",
   "contributionBase":8000,"unitAmount":"1280.00","personalAmount":"640.00"},
  {"month":"2025-12","insuranceType":"work_injury","insuranceTypeName":"工伤","unitName":"U",
   "contributionBase":8000,"unitAmount":"40.00","personalAmount":"0.00"},
  {"month":"2025-01","insuranceType":"pension","insuranceTypeName":"企业养老","unitName":"U",
   "contributionBase":8000,"unitAmount":"1280.00","personalAmount":"640.00"}],
  "total":3,"page":1,"pageSize":100,"sum":{"unitAmount":"2600.00","personalAmount":"1280.00"}})";

struct RightsFixture : ::testing::Test {
    FakeTransport transport;
    int changes = 0;
    PortalApp app{PlatformServices{&transport, [this] { ++changes; }, nullptr}};

    void sign_in_person() {
        app.open_login(UserKind::Person);
        app.login_form().value(LoginField::Account) = "linxiaoming";
        app.login_form().value(LoginField::Password) = "Demo@2026";
        app.submit_login();
        transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
    }

    void load_rights() {
        sign_in_person();
        app.navigate(Screen::PersonRights);
        transport.reply(200, kRights);
        transport.reply(200, kNewest);
        transport.reply(200, kYear2025);
    }
};

TEST_F(RightsFixture, OpeningScreenLoadsRightsAndNewestYear) {
    sign_in_person();
    app.navigate(Screen::PersonRights);
    ASSERT_EQ(transport.sent.size(), 3u);
    EXPECT_EQ(transport.sent[1].url, "/api/me/rights");
    EXPECT_EQ(transport.sent[2].url, "/api/me/contributions?pageSize=1");
    transport.reply(200, kRights);
    transport.reply(200, kNewest);
    EXPECT_EQ(transport.sent.back().url, "/api/me/contributions?pageSize=100&year=2025");
}

TEST_F(RightsFixture, EnrolmentsAreDecoded) {
    load_rights();
    const PersonRights& rights = app.person().rights();
    ASSERT_EQ(rights.enrolments().size(), 2u);
    EXPECT_EQ(rights.enrolments()[0].name, "企业养老");
    EXPECT_EQ(rights.enrolments()[0].contribution_base, 8000);
    EXPECT_EQ(rights.enrolments()[1].contribution_base, 0);
    EXPECT_STREQ(enrolment_status_name(rights.enrolments()[1].status), "未参保");
    EXPECT_EQ(rights.masked_id_card_number(), "3501**********1234");
}

TEST_F(RightsFixture, YearsRunFromFirstEnrolmentToNewestData) {
    load_rights();
    const std::vector<int> expected = {2023, 2024, 2025};
    EXPECT_EQ(app.person().rights().years(), expected);
    EXPECT_EQ(app.person().rights().year(), 2025);
}

TEST_F(RightsFixture, ContributionsAndSumsAreDecoded) {
    load_rights();
    const PersonRights& rights = app.person().rights();
    ASSERT_EQ(rights.rows().size(), 3u);
    EXPECT_EQ(rights.rows()[0].unit_amount, "1280.00");
    EXPECT_EQ(rights.unit_sum(), "2600.00");
    EXPECT_EQ(rights.personal_sum(), "1280.00");
    EXPECT_FALSE(rights.loading());
}

TEST_F(RightsFixture, MonthlyTotalsAddUnitAndPersonalAmounts) {
    load_rights();
    const std::vector<double> totals = app.person().rights().monthly_totals();
    ASSERT_EQ(totals.size(), 12u);
    EXPECT_DOUBLE_EQ(totals[0], 1920.0);
    EXPECT_DOUBLE_EQ(totals[11], 1960.0);
    EXPECT_DOUBLE_EQ(totals[5], 0.0);
}

TEST_F(RightsFixture, OlderYearAnswerIsDropped) {
    load_rights();
    app.person().select_rights_year(2023);
    app.person().select_rights_year(2024);
    transport.reply(200, kYear2025);  // the 2023 response, arriving late
    EXPECT_TRUE(app.person().rights().loading());
    transport.reply(200, R"({"items":[],"total":0,"page":1,"pageSize":100,"sum":{"unitAmount":"0.00","personalAmount":"0.00"}})");
    EXPECT_EQ(app.person().rights().year(), 2024);
    EXPECT_TRUE(app.person().rights().rows().empty());
}

TEST_F(RightsFixture, ServerErrorIsShown) {
    sign_in_person();
    app.navigate(Screen::PersonRights);
    transport.reply(500, "");
    transport.reply(200, kNewest);
    EXPECT_NE(app.person().rights().error().find("HTTP 500"), std::string::npos);
}

TEST_F(RightsFixture, LogoutForgetsRights) {
    load_rights();
    app.logout();
    EXPECT_TRUE(app.person().rights().enrolments().empty());
    EXPECT_TRUE(app.person().rights().rows().empty());
}

TEST_F(RightsFixture, VisitorIsAskedToLogInFirst) {
    app.navigate(Screen::PersonRights);
    EXPECT_TRUE(app.login_open());
    EXPECT_EQ(app.login_form().kind(), UserKind::Person);
    EXPECT_TRUE(transport.sent.empty());
}

TEST_F(RightsFixture, DownloadsAreListedWithSizeAndDate) {
    app.navigate(Screen::Downloads);
    ASSERT_EQ(transport.sent.back().url, "/api/downloads");
    transport.reply(200, R"({"items":[
      {"id":"operation-manual","title":"操作手册","fileName":"operation-manual.md",
       "url":"/downloads/operation-manual.md","available":true,"sizeBytes":12700,
       "updatedAt":"2026-12-04T08:00:00+08:00"},
      {"id":"upgrade-notes","title":"升级说明","fileName":"upgrade-notes.md",
       "url":"/downloads/upgrade-notes.md","available":false,"sizeBytes":null,"updatedAt":null}]})");

    const auto& items = app.person().downloads().items();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_TRUE(items[0].available);
    EXPECT_EQ(format_file_size(items[0].size_bytes), "12.4 KB");
    EXPECT_EQ(date_of(items[0].updated_at), "2026-12-04");
    EXPECT_FALSE(items[1].available);
}

TEST(FileSize, FormatsBytesKilobytesAndMegabytes) {
    EXPECT_EQ(format_file_size(812), "812 B");
    EXPECT_EQ(format_file_size(2048), "2.0 KB");
    EXPECT_EQ(format_file_size(3 * 1024 * 1024 + 100 * 1024), "3.1 MB");
}

TEST_F(RightsFixture, AssistantLoadsKnowledgeBaseOnFirstOpen) {
    app.navigate(Screen::Assistant);
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "faq.json");
    transport.reply(200, R"({"entries":[
      {"id":"sms","question":"为什么收不到短信验证码？","answer":"只向福建省内号码发送。","related":["lock"]},
      {"id":"lock","question":"密码输错被锁定了怎么办？","answer":"30分钟后再试。"},
      {"id":"hall","question":"旧版网厅在哪里？","answer":"点击返回旧版网厅。"}]})");
    EXPECT_TRUE(app.person().assistant().ready());

    app.navigate(Screen::Home);
    app.navigate(Screen::Assistant);
    EXPECT_EQ(transport.sent.size(), 1u) << "the knowledge base was fetched twice";
}

TEST_F(RightsFixture, AssistantWorksWithoutServerAfterLoadFailure) {
    app.navigate(Screen::Assistant);
    transport.fail_network();
    EXPECT_FALSE(app.person().assistant().ready());
    app.navigate(Screen::Home);
    app.navigate(Screen::Assistant);
    EXPECT_EQ(transport.sent.size(), 2u) << "a failed load is not retried on the next open";
}

} // namespace
} // namespace portal
