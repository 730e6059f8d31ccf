// The legal person's screens: unit information with its confirmation, and agent management.
#include "unit_fixture.h"

namespace portal {
namespace {

constexpr const char* kXiamenUnit = R"({"unit":{"creditCode":"91350200MA8N4P2L7Y",
  "name":"厦门鹭岛示例贸易有限公司","confirmed":false,"nameConsistent":false,"registrations":[
  {"insuranceType":"pension","insuranceTypeName":"企业养老","unitName":"厦门鹭岛示例贸易有限公司","onlineDeclaration":true},
  {"insuranceType":"work_injury","insuranceTypeName":"工伤","unitName":"厦门鹭岛示例贸易有限公司","onlineDeclaration":true},
  {"insuranceType":"unemployment","insuranceTypeName":"失业","unitName":"厦门鹭岛示例商贸有限公司","onlineDeclaration":true}]}})";

using UnitInfoTest = UnitFixture;

TEST_F(UnitInfoTest, NavigatingLoadsUnit) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::UnitInfo);
    ASSERT_EQ(app.screen(), Screen::UnitInfo);
    reply_to("/api/unit", 200, kXiamenUnit);

    ASSERT_TRUE(unit.unit_info.unit().has_value());
    EXPECT_FALSE(unit.unit_info.unit()->nameConsistent);
    EXPECT_EQ(unit.unit_info.unit()->registrations.size(), 3u);
}

TEST_F(UnitInfoTest, CandidateNamesAreDistinct) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::UnitInfo);
    reply_to("/api/unit", 200, kXiamenUnit);

    const auto names = unit.unit_info.candidate_names();
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[0], "厦门鹭岛示例贸易有限公司");
    EXPECT_EQ(names[1], "厦门鹭岛示例商贸有限公司");
}

TEST_F(UnitInfoTest, ConfirmSendsChosenName) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::UnitInfo);
    reply_to("/api/unit", 200, kXiamenUnit);

    unit.unit_info.chosen_name = 1;
    unit.unit_info.confirm();
    unit.unit_info.confirm();
    ASSERT_EQ(transport.sent.size(), 2u) << "a second click while confirming sends nothing";
    EXPECT_EQ(transport.sent.back().url, "/api/unit/confirmation");
    EXPECT_EQ(last_body()["name"], "厦门鹭岛示例商贸有限公司");
    EXPECT_TRUE(unit.unit_info.confirming());
}

TEST_F(UnitInfoTest, ConfirmationUpdatesUnit) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::UnitInfo);
    reply_to("/api/unit", 200, kXiamenUnit);
    unit.unit_info.confirm();
    reply_to("/api/unit/confirmation", 200,
             R"({"unit":{"creditCode":"91350200MA8N4P2L7Y","name":"厦门鹭岛示例贸易有限公司",
                 "confirmed":true,"nameConsistent":true,"registrations":[]}})");

    EXPECT_FALSE(unit.unit_info.confirmation_failed());
    EXPECT_TRUE(unit.unit_info.unit()->confirmed);
    EXPECT_NE(unit.unit_info.confirmation_result().find("单位信息已确认"), std::string::npos);
}

TEST_F(UnitInfoTest, ConfirmationRefusalShowsMessage) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::UnitInfo);
    reply_to("/api/unit", 200, kXiamenUnit);
    unit.unit_info.confirm();
    reply_to("/api/unit/confirmation", 400,
             R"({"error":{"code":"invalid_request","message":"单位名称只能是以下之一"}})");

    EXPECT_TRUE(unit.unit_info.confirmation_failed());
    EXPECT_EQ(unit.unit_info.confirmation_result(), "单位名称只能是以下之一");
}

TEST_F(UnitInfoTest, LoadFailureKeepsErrorForRetry) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::UnitInfo);
    transport.fail_network();

    EXPECT_NE(unit.unit_info.error().find("网络"), std::string::npos);
    EXPECT_FALSE(unit.unit_info.loading());
}

using AgentManagementTest = UnitFixture;

TEST_F(AgentManagementTest, ListsAgents) {
    sign_in(UserKind::LegalPerson);
    app.navigate(Screen::AgentManagement);
    reply_to("/api/unit/agents", 200, R"({"items":[
      {"name":"王志强","idCardNumber":"3502**********3011","mobile":"138****3001","username":null,"status":"not_opened"}]})");

    ASSERT_EQ(unit.agents.agents().size(), 1u);
    EXPECT_EQ(unit.agents.agents()[0].username, "");
    EXPECT_STREQ(agent_status_label(unit.agents.agents()[0].status), "未开通");
}

TEST_F(AgentManagementTest, SyncShowsResultPerAgentAndReloads) {
    sign_in(UserKind::LegalPerson);
    unit.agents.sync();
    EXPECT_TRUE(unit.agents.syncing());
    reply_to("/api/unit/agents/sync", 200, R"({"results":[
      {"name":"王志强","mobile":"138****3001","username":"ma2y3k7d01","result":"created","message":"已开通经办人账号"},
      {"name":"郑丽娟","mobile":"138****3003","username":"ma2y3k7d02","result":"updated","message":"已更新手机号码"},
      {"name":"陈伟","mobile":"139****0002","username":"ma2y3k7d03","result":"unchanged","message":"无变化"}]})");

    ASSERT_EQ(unit.agents.sync_results().size(), 3u);
    EXPECT_EQ(unit.agents.sync_results()[0].result, "created");
    EXPECT_EQ(unit.agents.sync_results()[1].agent.name, "郑丽娟");
    EXPECT_TRUE(unit.agents.synced());
    EXPECT_FALSE(unit.agents.syncing());
    EXPECT_EQ(transport.sent.back().url, "/api/unit/agents");
}

TEST_F(AgentManagementTest, SyncFailureShowsMessage) {
    sign_in(UserKind::LegalPerson);
    unit.agents.sync();
    transport.time_out();

    EXPECT_NE(unit.agents.error().find("超时"), std::string::npos);
    EXPECT_FALSE(unit.agents.synced());
}

TEST_F(AgentManagementTest, EveryResultHasNextStep) {
    EXPECT_NE(std::string(agent_sync_next_step("created")).find("初始密码"), std::string::npos);
    EXPECT_NE(std::string(agent_sync_next_step("updated")).find("更正"), std::string::npos);
    EXPECT_NE(std::string(agent_sync_next_step("unchanged")).find("无需处理"), std::string::npos);
    EXPECT_NE(std::string(agent_sync_next_step("disabled")).find("停用"), std::string::npos);
    EXPECT_STREQ(agent_sync_result_label("updated"), "信息不一致，已更正");
}

TEST_F(AgentManagementTest, ScreenNeedsLegalPerson) {
    app.navigate(Screen::AgentManagement);
    EXPECT_TRUE(app.login_open());
    EXPECT_EQ(app.login_form().kind(), UserKind::LegalPerson);
    EXPECT_TRUE(transport.sent.empty());
}

} // namespace
} // namespace portal
