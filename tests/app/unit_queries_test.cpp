// The agent's lists: staff list, declaration queries, rollback, and the overdue-review
// reminders after login.
#include "unit_fixture.h"

namespace portal {
namespace {

constexpr const char* kStaffPage = R"({"items":[
  {"staffId":1,"name":"林晓明","idCardNumber":"3501**********1234","duplicateRecords":false,"records":[
    {"recordId":1,"insuranceType":"pension","insuranceTypeName":"企业养老","status":"active","contributionBase":8000,"startMonth":"2020-07","endMonth":null}]},
  {"staffId":2,"name":"黄秀英","idCardNumber":"3501**********2340","duplicateRecords":false,"records":[
    {"recordId":2,"insuranceType":"pension","insuranceTypeName":"企业养老","status":"active","contributionBase":6800,"startMonth":"2020-01","endMonth":null}]},
  {"staffId":3,"name":"吴海燕","idCardNumber":"3501**********1527","duplicateRecords":true,"records":[]}
], "total":43, "page":1, "pageSize":20})";

std::string declaration(int id, const char* status, const char* reason = nullptr) {
    nlohmann::json item = {{"id", id},
                           {"kind", "removal"},
                           {"kindName", "减员"},
                           {"insuranceType", "pension"},
                           {"insuranceTypeName", "企业养老"},
                           {"name", "刘美华"},
                           {"idCardNumber", "3501**********3266"},
                           {"details", {{"endMonth", "2026-01"}, {"reason", "退休"}}},
                           {"status", status},
                           {"statusName", "审核未通过"},
                           {"reviewReason", reason ? nlohmann::json(reason) : nlohmann::json()},
                           {"createdAt", "2026-01-02T09:30:00+08:00"},
                           {"reviewedAt", nullptr},
                           {"canRollback", std::string(status) == "pending"}};
    return item.dump();
}

using StaffListTest = UnitFixture;

TEST_F(StaffListTest, QueryUrlCarriesFilters) {
    unit.staff.name_filter = "林 晓";
    unit.staff.status_filter = 2;
    unit.staff.page_size = 50;
    EXPECT_EQ(unit.staff.query_url(3),
              "/api/staff?page=3&pageSize=50&name=%E6%9E%97%20%E6%99%93&status=stopped");
}

TEST_F(StaffListTest, LoadsPageWithPaging) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::StaffList);
    reply_to("/api/agent/insurance-types", 200, kAgentPermissionsJson);
    reply_to("/api/staff?page=1&pageSize=20", 200, kStaffPage);

    ASSERT_EQ(unit.staff.page().items.size(), 3u);
    EXPECT_EQ(unit.staff.page().page_count(), 3);
    EXPECT_TRUE(unit.staff.page().items[2].duplicateRecords);
    EXPECT_EQ(staff_active_types(unit.staff.page().items[0]), "企业养老");
}

TEST_F(StaffListTest, SortsByBaseDescending) {
    sign_in(UserKind::Agent);
    unit.staff.load(1);
    reply_to("/api/staff?page=1&pageSize=20", 200, kStaffPage);
    unit.staff.sort_by(StaffSortColumn::Base, false);

    ASSERT_EQ(unit.staff.order().size(), 3u);
    EXPECT_EQ(unit.staff.order()[0], 0u);
    EXPECT_EQ(unit.staff.order()[1], 1u);
    EXPECT_EQ(unit.staff.order()[2], 2u);

    unit.staff.sort_by(StaffSortColumn::Base, true);
    EXPECT_EQ(unit.staff.order()[0], 2u);
}

TEST_F(StaffListTest, DetailShowsFullNumber) {
    sign_in(UserKind::Agent);
    unit.staff.open_detail(1);
    reply_to("/api/staff/1", 200, R"({"staff":{"staffId":1,"name":"林晓明",
      "idCardNumber":"350102199003071234","duplicateRecords":false,"records":[]}})");

    ASSERT_TRUE(unit.staff.detail().has_value());
    EXPECT_EQ(unit.staff.detail()->idCardNumber, "350102199003071234");
}

TEST_F(StaffListTest, MalformedItemsAreSkipped) {
    const auto page = decode_staff_page(nlohmann::json::parse(
        R"({"items":[{"name":"无编号"},7,{"staffId":"x"},{"staffId":5,"records":"none"}],"total":"many"})"));
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].staffId, 5);
    EXPECT_TRUE(page.items[0].records.empty());
}

using QueryTest = UnitFixture;

TEST_F(QueryTest, TabsMapToFilters) {
    const std::pair<DeclarationTab, const char*> cases[] = {
        {DeclarationTab::Pending, "&status=pending"},
        {DeclarationTab::Rejected, "&status=rejected"},
        {DeclarationTab::Approved, "&status=approved"},
        {DeclarationTab::Additions, "&kind=addition"},
        {DeclarationTab::Removals, "&kind=removal"},
    };
    for (const auto& [tab, filter] : cases) {
        unit.query.tab = tab;
        EXPECT_EQ(unit.query.query_url(1), std::string("/api/declarations?page=1&pageSize=20") + filter)
            << declaration_tab_label(tab);
    }
}

TEST_F(QueryTest, FiltersAreEncoded) {
    unit.query.tab = DeclarationTab::Approved;
    unit.query.name_filter = "张";
    unit.query.insurance_type_filter = 2;
    unit.query.from_date = "2026-01-01";
    EXPECT_EQ(unit.query.query_url(2),
              "/api/declarations?page=2&pageSize=20&status=approved&name=%E5%BC%A0"
              "&insuranceType=work_injury&from=2026-01-01");
}

TEST_F(QueryTest, RejectedShowsReason) {
    sign_in(UserKind::Agent);
    unit.query.select_tab(DeclarationTab::Rejected);
    reply_to("/api/declarations?page=1&pageSize=20&status=rejected", 200,
             R"({"items":[)" + declaration(3, "rejected", "停保年月早于最后缴费月份") +
                 R"(],"total":1,"page":1,"pageSize":20})");

    ASSERT_EQ(unit.query.page().items.size(), 1u);
    EXPECT_EQ(unit.query.page().items[0].reviewReason, "停保年月早于最后缴费月份");
    EXPECT_EQ(unit.query.page().items[0].details, "停保年月 2026-01，减员原因 退休");
    EXPECT_EQ(format_moment(unit.query.page().items[0].createdAt), "2026-01-02 09:30");
}

TEST_F(QueryTest, LateAnswerOfOtherTabIgnored) {
    sign_in(UserKind::Agent);
    unit.query.select_tab(DeclarationTab::Rejected);
    unit.query.select_tab(DeclarationTab::Approved);
    transport.reply(200, R"({"items":[)" + declaration(3, "rejected") + R"(],"total":1})");
    EXPECT_TRUE(unit.query.page().items.empty());

    transport.reply(200, R"({"items":[],"total":0})");
    EXPECT_FALSE(unit.query.loading());
}

TEST_F(QueryTest, QueryErrorShown) {
    sign_in(UserKind::Agent);
    unit.query.from_date = "2026-13-01";
    unit.query.load(1);
    transport.reply(400, R"({"error":{"code":"invalid_request","message":"from 不是有效日期：2026-13-01"}})");
    EXPECT_EQ(unit.query.error(), "from 不是有效日期：2026-13-01");
}

using RollbackTest = UnitFixture;

TEST_F(RollbackTest, ListsPendingOnly) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::DeclarationRollback);
    EXPECT_EQ(transport.sent.back().url, "/api/declarations?status=pending&page=1&pageSize=20");
}

TEST_F(RollbackTest, ReviewedRecordIsExplained) {
    sign_in(UserKind::Agent);
    unit.rollback.lookup_id = "2";
    unit.rollback.lookup();
    reply_to("/api/declarations/2", 200, R"({"declaration":)" + declaration(2, "approved") + "}");

    ASSERT_TRUE(unit.rollback.looked_up().has_value());
    EXPECT_NE(unit.rollback.lookup_note().find("只有待审核的申报可以回退"), std::string::npos);

    unit.rollback.choose(*unit.rollback.looked_up());
    EXPECT_FALSE(unit.rollback.chosen().has_value());
    EXPECT_TRUE(unit.rollback.outcome_failed());
}

TEST_F(RollbackTest, NonNumericLookupSendsNothing) {
    sign_in(UserKind::Agent);
    unit.rollback.lookup_id = "abc";
    unit.rollback.lookup();
    EXPECT_TRUE(transport.sent.empty());
    EXPECT_EQ(unit.rollback.lookup_note(), "请输入申报编号（数字）");
}

TEST_F(RollbackTest, ConfirmRollsBackAndReloads) {
    sign_in(UserKind::Agent);
    const auto pending = decode_declaration(nlohmann::json::parse(declaration(5, "pending")));
    ASSERT_TRUE(pending.has_value());
    unit.rollback.choose(*pending);
    ASSERT_TRUE(unit.rollback.chosen().has_value());
    unit.rollback.confirm();
    EXPECT_EQ(transport.sent.back().url, "/api/declarations/5/rollback");
    reply_to("/api/declarations/5/rollback", 200, R"({"declaration":)" + declaration(5, "rolled_back") + "}");

    EXPECT_FALSE(unit.rollback.outcome_failed());
    EXPECT_NE(unit.rollback.outcome().find("已回退申报 5"), std::string::npos);
    EXPECT_EQ(transport.sent.back().url, "/api/declarations?status=pending&page=1&pageSize=20");
}

TEST_F(RollbackTest, ServerRefusalShown) {
    sign_in(UserKind::Agent);
    const auto pending = decode_declaration(nlohmann::json::parse(declaration(5, "pending")));
    unit.rollback.choose(*pending);
    unit.rollback.confirm();
    transport.reply(409, R"({"error":{"code":"not_rollbackable","message":"该申报已审核通过，不能回退",
      "declarationStatus":"approved"}})");

    EXPECT_TRUE(unit.rollback.outcome_failed());
    EXPECT_EQ(unit.rollback.outcome(), "该申报已审核通过，不能回退");
}

using ReminderTest = UnitFixture;

TEST_F(ReminderTest, AgentLoginOpensReminder) {
    sign_in(UserKind::Agent, R"({"items":[{"declarationId":1,"name":"刘美华","pendingDays":6,
      "message":"刘美华的工伤增员申报已提交6天，经办机构尚未审核，请耐心等待，无需重复申报"}]})");

    EXPECT_TRUE(unit.reminder_open());
    ASSERT_EQ(unit.reminders().size(), 1u);
    EXPECT_NE(unit.reminders()[0].message.find("无需重复申报"), std::string::npos);
    unit.dismiss_reminders();
    EXPECT_FALSE(unit.reminder_open());
}

TEST_F(ReminderTest, EmptyListOpensNothing) {
    sign_in(UserKind::Agent);
    EXPECT_FALSE(unit.reminder_open());
}

TEST_F(ReminderTest, PersonLoginSkipsReminders) {
    app.open_login(UserKind::Person);
    app.login_form().value(LoginField::Account) = "linxiaoming";
    app.login_form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
    EXPECT_TRUE(transport.pending.empty());
}

TEST_F(ReminderTest, LogoutDropsLateAnswers) {
    sign_in(UserKind::Agent);
    unit.staff.load(1);
    app.logout();
    transport.reply(200, kStaffPage);
    EXPECT_TRUE(unit.staff.page().items.empty());
}

} // namespace
} // namespace portal
