// Drives the unit screens' real ImGui code without a GPU: the staff addition form is filled in
// by clicking and typing at widgets found by their labels.
#include "../support/headless_fixture.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace portal {
namespace {

constexpr const char* kPermissions = R"({"items":[
  {"insuranceType":"pension","name":"企业养老","allowed":true,"opened":true},
  {"insuranceType":"work_injury","name":"工伤","allowed":true,"opened":true},
  {"insuranceType":"unemployment","name":"失业","allowed":false,"opened":false,
   "reason":"请到经办机构核实经办人手机号码和网报开通标志"}]})";

class UnitScreens : public testing::HeadlessScreens<> {
protected:
    void SetUp() override {
        app.unit().context.clock = [] { return CalendarDate{2026, 1, 15}; };
        HeadlessScreens::SetUp();
    }

    // Clicks on empty page background so the focused field loses focus and is checked.
    void leave_field() {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(5, 880);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
        frame();
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        frames(2);
    }

    void sign_in_agent_on_addition() {
        app.navigate(Screen::StaffAddition);
        testing::sign_in_agent(portal_, kPermissions);
        transport.sent.clear();
        frames(3);
        ASSERT_EQ(app.screen(), Screen::StaffAddition);
    }
};

TEST_F(UnitScreens, AgentMenuAndFormFields) {
    sign_in_agent_on_addition();
    for (const char* label : {"开通多险平台", "增员", "减员", "人员信息变更", "申报业务回退",
                              "人员列表", "人员申报查询", "提交增员申报", "清空重填"}) {
        EXPECT_TRUE(find(ui::WidgetRole::Button, label).has_value()) << label;
    }
    for (const char* label : {"证件号码", "姓名 *", "手机号码 *", "月缴费基数（元）", "备注"}) {
        EXPECT_TRUE(find(ui::WidgetRole::TextBox, label).has_value()) << label;
    }
    EXPECT_TRUE(find(ui::WidgetRole::Checkbox, "企业养老").has_value());
}

TEST_F(UnitScreens, TypedAdditionReachesServer) {
    sign_in_agent_on_addition();
    type_into("证件号码", "350205199106114174");
    EXPECT_EQ(app.unit().addition.derived_sex(), "男");
    type_into("姓名 *", "张国栋");
    type_into("手机号码 *", "13805913005");
    type_into("月缴费基数（元）", "6000");
    click(ui::WidgetRole::Checkbox, "企业养老");
    EXPECT_TRUE(app.unit().addition.ticked[0]);
    click(ui::WidgetRole::Button, "提交增员申报");

    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "/api/declarations");
    const auto body = nlohmann::json::parse(transport.sent.back().body, nullptr, false);
    EXPECT_EQ(body["idCardNumber"], "350205199106114174");
    EXPECT_EQ(body["name"], "张国栋");
    EXPECT_EQ(body["contributionBase"], 6000);
    EXPECT_EQ(body["insuranceTypes"], nlohmann::json({"pension"}));

    transport.reply(201, R"({"declarations":[{"id":4,"kind":"addition","kindName":"增员",
      "insuranceType":"pension","insuranceTypeName":"企业养老","name":"张国栋",
      "status":"pending","statusName":"待审核"}]})");
    frames(3);
    EXPECT_TRUE(find(ui::WidgetRole::Button, "查看申报记录").has_value());
    click(ui::WidgetRole::Button, "查看申报记录");
    EXPECT_EQ(app.screen(), Screen::DeclarationQuery);
}

TEST_F(UnitScreens, WrongIdCardShownAndNothingSent) {
    sign_in_agent_on_addition();
    type_into("证件号码", "350205199106114175");
    leave_field();
    EXPECT_NE(app.unit().addition.field_error("idCardNumber").find("第18位"), std::string::npos);

    click(ui::WidgetRole::Button, "提交增员申报");
    EXPECT_TRUE(transport.sent.empty());
    EXPECT_FALSE(app.unit().addition.field_error("name").empty());
}

TEST_F(UnitScreens, RefusedTypeCheckboxIsDisabled) {
    sign_in_agent_on_addition();
    click(ui::WidgetRole::Checkbox, "失业");
    EXPECT_FALSE(app.unit().addition.ticked[2]);
}

TEST_F(UnitScreens, FormKeepsContentAfterNetworkFailure) {
    sign_in_agent_on_addition();
    StaffAddition& form = app.unit().addition;
    form.id_card_number = "350205199106114174";
    form.name = "张国栋";
    form.mobile = "13805913005";
    form.contribution_base = "6000";
    form.ticked[0] = true;
    click(ui::WidgetRole::Button, "提交增员申报");
    ASSERT_EQ(transport.sent.size(), 1u);
    transport.fail_network();
    frames(2);

    EXPECT_EQ(form.name, "张国栋");
    EXPECT_FALSE(form.form_error().empty());
    EXPECT_TRUE(find(ui::WidgetRole::Button, "提交增员申报").has_value());
}

TEST_F(UnitScreens, ReminderDialogLinksToPendingQuery) {
    app.open_login(UserKind::Agent);
    app.login_form().select_method(LoginMethod::AgentUsername);
    app.login_form().value(LoginField::Account) = "ma2y3k7d01";
    app.login_form().value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.reply(200, R"({"token":"t","user":{"kind":"agent","name":"王志强"}})");
    transport.reply(200, R"({"user":{"kind":"agent","name":"王志强"}})");
    transport.reply(200, R"({"items":[{"declarationId":1,
      "message":"刘美华的工伤增员申报已提交6天，经办机构尚未审核，请耐心等待，无需重复申报"}]})");
    frames(3);

    ASSERT_TRUE(find(ui::WidgetRole::Button, "查看待审核申报").has_value());
    click(ui::WidgetRole::Button, "查看待审核申报");
    EXPECT_EQ(app.screen(), Screen::DeclarationQuery);
    EXPECT_EQ(app.unit().query.tab, DeclarationTab::Pending);
    EXPECT_FALSE(app.unit().reminder_open());
}

TEST_F(UnitScreens, StaffListRecordsTableCells) {
    sign_in_agent_on_addition();
    click(ui::WidgetRole::Button, "人员列表");
    ASSERT_FALSE(transport.pending.empty());
    ASSERT_EQ(transport.pending.back().first.url.rfind("/api/staff?", 0), 0u);
    while (transport.pending.size() > 1) {
        transport.reply(200, "{}");
    }
    transport.reply(200, R"({"items":[{"staffId":3,"name":"林晓明",
      "idCardNumber":"3502**********4174","records":[],"duplicateRecords":false}],
      "total":1,"page":1,"pageSize":20})");
    frames(3);

    const auto table = find(ui::WidgetRole::Table, "人员表");
    ASSERT_TRUE(table.has_value());
    EXPECT_EQ(table->row_count, 2);
    const auto header = find(ui::WidgetRole::ColumnHeader, "姓名");
    ASSERT_TRUE(header.has_value());
    EXPECT_EQ(header->table, table->id);
    EXPECT_EQ(header->row, 0);
    const auto name = find(ui::WidgetRole::Cell, "林晓明");
    ASSERT_TRUE(name.has_value());
    EXPECT_EQ(name->table, table->id);
    EXPECT_EQ(name->row, 1);
    EXPECT_EQ(name->column, header->column);
    EXPECT_TRUE(find(ui::WidgetRole::Cell, "3502**********4174").has_value());
    const auto details = find(ui::WidgetRole::Button, "详情");
    ASSERT_TRUE(details.has_value());
    EXPECT_EQ(details->table, table->id);
    EXPECT_EQ(details->row, 1);
    EXPECT_EQ(details->column, 5);
}

TEST_F(UnitScreens, BatchPreviewMarksRowsAndSubmitsValidOnes) {
    sign_in_agent_on_addition();
    click(ui::WidgetRole::Button, "批量增员");
    ASSERT_EQ(app.screen(), Screen::BatchAddition);
    transport.reply(200, kPermissions);  // the screen reloads the permissions
    transport.sent.clear();
    app.unit().batch_addition.load_file(
        "staff.csv",
        "姓名,证件号码,手机号码,参保险种,参保开始年月,月缴费基数（元）\r\n"
        "林一,350102199505050062,13805913005,企业养老,2026-01,6000\r\n"
        "林二,3.5E+17,13805913005,企业养老,2026-01,6000\r\n",
        "GB18030");
    frames(3);

    std::vector<std::string> alerts;
    for (const ui::WidgetInfo& widget : ui::last_frame_widgets()) {
        if (widget.role == ui::WidgetRole::Alert) {
            alerts.push_back(widget.label);
        }
    }
    EXPECT_NE(std::find(alerts.begin(), alerts.end(), "共 2 行：可提交 1 行，有错误 1 行"),
              alerts.end());
    EXPECT_NE(std::find(alerts.begin(), alerts.end(), "第2行可提交"), alerts.end());
    click(ui::WidgetRole::Button, "提交增员申报（1 条）");
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "/api/declarations");
    EXPECT_TRUE(find(ui::WidgetRole::Button, "正在提交…").has_value());
}

} // namespace
} // namespace portal
