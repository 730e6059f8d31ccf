// The agent's multi-insurance platform: permissions per insurance type and opening.
#include "unit_fixture.h"

namespace portal {
namespace {

constexpr const char* kNotOpened = R"({"items":[
  {"insuranceType":"pension","name":"企业养老","allowed":true,"opened":false},
  {"insuranceType":"work_injury","name":"工伤","allowed":true,"opened":false},
  {"insuranceType":"unemployment","name":"失业","allowed":false,"opened":false,
   "reason":"请到经办机构核实经办人手机号码和网报开通标志"}]})";

using PlatformTest = UnitFixture;

TEST_F(PlatformTest, AllowedTypesAreTickedFirst) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::PlatformOpening);
    reply_to("/api/agent/insurance-types", 200, kNotOpened);

    EXPECT_TRUE(unit.platform.ticked(0));
    EXPECT_TRUE(unit.platform.ticked(1));
    EXPECT_FALSE(unit.platform.ticked(2));
    EXPECT_EQ(unit.permissions.items()[2].reason, "请到经办机构核实经办人手机号码和网报开通标志");
}

TEST_F(PlatformTest, RefusedTypeCannotBeTicked) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::PlatformOpening);
    reply_to("/api/agent/insurance-types", 200, kNotOpened);

    unit.platform.set_ticked(2, true);
    EXPECT_FALSE(unit.platform.ticked(2));
}

TEST_F(PlatformTest, OpenSendsTickedTypes) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::PlatformOpening);
    reply_to("/api/agent/insurance-types", 200, kNotOpened);
    unit.platform.set_ticked(1, false);
    unit.platform.open();

    EXPECT_EQ(transport.sent.back().url, "/api/agent/platform");
    EXPECT_EQ(last_body()["insuranceTypes"], nlohmann::json({"pension"}));
    EXPECT_TRUE(unit.platform.opening());
}

TEST_F(PlatformTest, ResultDialogListsEachType) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::PlatformOpening);
    reply_to("/api/agent/insurance-types", 200, kNotOpened);
    unit.platform.open();
    reply_to("/api/agent/platform", 200, R"({"results":[
      {"insuranceType":"pension","name":"企业养老","opened":true,"message":"企业养老险种开通成功"},
      {"insuranceType":"work_injury","name":"工伤","opened":true,"message":"工伤险种开通成功"}],"open":true})");

    EXPECT_TRUE(unit.platform.result_open());
    ASSERT_EQ(unit.platform.results().size(), 2u);
    EXPECT_EQ(unit.platform.results()[0].message, "企业养老险种开通成功");
    EXPECT_TRUE(unit.platform.platform_open());
    EXPECT_TRUE(unit.permissions.can_declare("pension"));
    EXPECT_FALSE(unit.permissions.can_declare("unemployment"));
}

TEST_F(PlatformTest, UnitMismatchNamesLegalPerson) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::PlatformOpening);
    reply_to("/api/agent/insurance-types", 200, kNotOpened);
    unit.platform.open();
    reply_to("/api/agent/platform", 409, R"({"error":{"code":"unit_info_mismatch",
      "message":"单位信息错误：企业养老登记为甲，失业登记为乙，请单位法人确认单位信息"}})");

    EXPECT_TRUE(unit.platform.result_open());
    EXPECT_EQ(unit.platform.unit_mismatch().rfind("单位信息错误", 0), 0u);
    EXPECT_FALSE(unit.platform.platform_open());
}

TEST_F(PlatformTest, NothingTickedSendsNothing) {
    sign_in(UserKind::Agent);
    app.navigate(Screen::PlatformOpening);
    reply_to("/api/agent/insurance-types", 200, kNotOpened);
    unit.platform.set_ticked(0, false);
    unit.platform.set_ticked(1, false);
    unit.platform.open();

    EXPECT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(unit.platform.form_error(), "请至少勾选一个险种");
}

TEST_F(PlatformTest, UnopenedTypeRefusedForDeclarations) {
    sign_in(UserKind::Agent);
    unit.permissions.load();
    reply_to("/api/agent/insurance-types", 200, kNotOpened);

    EXPECT_EQ(unit.permissions.declare_refusal("pension"), "请先在“开通多险平台”中开通该险种");
    EXPECT_EQ(unit.permissions.declare_refusal("unemployment"),
              "请到经办机构核实经办人手机号码和网报开通标志");
}

} // namespace
} // namespace portal
