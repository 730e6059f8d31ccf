// The visitor and person screens drawn headless: the SMS button and its countdown in the login
// dialog, the first-login password step, registration, the person's rights, the download centre
// and the assistant 小易, at desktop and phone widths.
#include "../support/headless_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace portal {
namespace {

using ui::WidgetRole;

constexpr const char* kKnowledgeBase = R"({"featured":["sms"],"entries":[
  {"id":"sms","question":"为什么收不到短信验证码？","answer":"验证码只发送给福建省内登记的手机号码。",
   "keywords":["验证码","短信"],"related":["lock","hall"]},
  {"id":"lock","question":"密码输错被锁定了怎么办？","answer":"连续输错5次将锁定30分钟。",
   "keywords":["锁定"],"related":["sms"]},
  {"id":"hall","question":"怎样返回旧版网厅？","answer":"点击首页的“返回旧版网厅”。",
   "keywords":["旧版"]}]})";

constexpr const char* kRights = R"({"person":{"name":"林晓明","idCardNumber":"3501**********1234"},
  "enrolments":[{"insuranceType":"pension","name":"企业养老","status":"active",
   "unitName":"福州榕城示例科技有限公司","startMonth":"2024-07","endMonth":null,
   "contributionBase":8000,"paidMonths":18}]})";

constexpr const char* kContributions = R"({"items":[
  {"month":"2025-02","insuranceType":"pension","insuranceTypeName":"企业养老","unitName":"福州榕城示例科技有限公司",
   "contributionBase":8000,"unitAmount":"1280.00","personalAmount":"640.00"},
  {"month":"2025-01","insuranceType":"pension","insuranceTypeName":"企业养老","unitName":"福州榕城示例科技有限公司",
   "contributionBase":8000,"unitAmount":"1280.00","personalAmount":"640.00"}],
  "total":2,"page":1,"pageSize":100,"sum":{"unitAmount":"2560.00","personalAmount":"1280.00"}})";

class FujianOnly : public MobileRegionLookup {
public:
    MobileRegion lookup(std::string_view number) const override {
        if (number.substr(0, 3) == "138") {
            return {MobileRegionStatus::fujian, "福建省", "福州市"};
        }
        return {MobileRegionStatus::other_province, "广东省", "广州市"};
    }
};

class PersonScreens : public testing::HeadlessScreens<::testing::TestWithParam<float>> {
protected:
    // Tall enough that the longest form fits without scrolling.
    PersonScreens()
        : HeadlessScreens(testing::HeadlessOptions{ImVec2(GetParam(), 1800), true}) {}

    void SetUp() override {
        app.set_mobile_regions(std::make_unique<FujianOnly>());
        HeadlessScreens::SetUp();
    }

    bool shows(WidgetRole role, const std::string& label) { return find(role, label).has_value(); }

    bool shows_text_containing(const std::string& part) {
        const auto& widgets = ui::last_frame_widgets();
        return std::any_of(widgets.begin(), widgets.end(), [&](const ui::WidgetInfo& w) {
            return w.label.find(part) != std::string::npos;
        });
    }

    void sign_in_person() {
        app.open_login(UserKind::Person);
        app.login_form().value(LoginField::Account) = "linxiaoming";
        app.login_form().value(LoginField::Password) = "Demo@2026";
        app.submit_login();
        transport.reply(200, R"({"token":"t","user":{"kind":"person","name":"林晓明"}})");
        frames(3);
    }

    double& clock = portal_.clock;
    std::vector<std::string>& downloads = portal_.downloads;
};

TEST_P(PersonScreens, SmsButtonCountsDown) {
    click(WidgetRole::Button, "个人登录");
    click(WidgetRole::Radio, "短信验证码登录");
    ASSERT_TRUE(shows(WidgetRole::Button, "获取验证码"));
    type_into("手机号码", "13805910001");
    click(WidgetRole::Button, "获取验证码");
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "/api/sms-codes");

    transport.reply(200, R"({"sent":true,"mobile":"138****0001","expiresInSeconds":600,"resendAfterSeconds":300})");
    frames(2);
    EXPECT_TRUE(shows(WidgetRole::Button, "重新获取(5:00)"));
    clock += 75;
    frames(2);
    EXPECT_TRUE(shows(WidgetRole::Button, "重新获取(3:45)"));
}

TEST_P(PersonScreens, SmsButtonNamesForeignProvince) {
    click(WidgetRole::Button, "个人登录");
    click(WidgetRole::Radio, "短信验证码登录");
    type_into("手机号码", "13912345678");
    click(WidgetRole::Button, "获取验证码");

    EXPECT_TRUE(transport.sent.empty());
    EXPECT_TRUE(shows_text_containing("广东省"));
}

TEST_P(PersonScreens, LegalPersonTabOffersSmsAndRegistration) {
    click(WidgetRole::Button, "单位登录");
    click(WidgetRole::Tab, "单位法人");
    EXPECT_TRUE(shows(WidgetRole::TextBox, "用户名"));
    EXPECT_TRUE(shows(WidgetRole::TextBox, "手机号码"));
    EXPECT_TRUE(shows(WidgetRole::Button, "获取验证码"));
    click(WidgetRole::Button, "单位尚未注册？注册单位");

    EXPECT_EQ(app.screen(), Screen::Registration);
    EXPECT_TRUE(shows(WidgetRole::TextBox, "统一社会信用代码"));
}

TEST_P(PersonScreens, FirstLoginShowsPasswordStep) {
    app.open_login(UserKind::Agent);
    app.login_form().select_method(LoginMethod::AgentUsername);
    app.login_form().value(LoginField::Account) = "ma2y3k7d01";
    app.login_form().value(LoginField::Password) = "Init#8842";
    app.submit_login();
    transport.reply(200, R"({"token":"a","user":{"kind":"agent","name":"王志强"}})");
    transport.reply(200, R"({"user":{"kind":"agent","name":"王志强"},"mustSetPassword":true})");
    frames(3);

    EXPECT_TRUE(shows(WidgetRole::TextBox, "新密码"));
    EXPECT_TRUE(shows(WidgetRole::TextBox, "确认新密码"));
    EXPECT_TRUE(shows(WidgetRole::Button, "确认设置"));
    type_into("新密码", "Wang@2027");
    type_into("确认新密码", "Wang@2027");
    click(WidgetRole::Button, "确认设置");
    EXPECT_EQ(transport.sent.back().url, "/api/session/password");
}

TEST_P(PersonScreens, RegistrationShowsErrorsThenSuccess) {
    click(WidgetRole::Button, "个人注册");
    ASSERT_EQ(app.screen(), Screen::Registration);
    for (const char* field : {"用户名", "姓名", "身份证号码", "手机号码", "短信验证码", "设置密码",
                              "确认密码"}) {
        EXPECT_TRUE(shows(WidgetRole::TextBox, field)) << field;
    }
    EXPECT_FALSE(shows(WidgetRole::TextBox, "统一社会信用代码"));
    click(WidgetRole::Button, "提交注册");
    EXPECT_TRUE(transport.sent.empty());
    EXPECT_TRUE(shows(WidgetRole::Alert, "请填写用户名"));

    RegistrationForm& form = app.person().registration();
    form.value(RegistrationField::Username) = "zhangsan01";
    form.value(RegistrationField::Name) = "张三";
    form.value(RegistrationField::IdCardNumber) = "350121198804305170";
    form.value(RegistrationField::Mobile) = "13805918888";
    form.value(RegistrationField::SmsCode) = "123456";
    form.value(RegistrationField::Password) = "Zhang@2026";
    form.value(RegistrationField::Confirmation) = "Zhang@2026";
    click(WidgetRole::Button, "提交注册");
    ASSERT_EQ(transport.sent.size(), 1u);
    transport.reply(201, R"({"user":{"kind":"person","name":"张三","account":"zhangsan01"}})");
    frames(3);

    EXPECT_TRUE(shows(WidgetRole::Button, "立即登录"));
    click(WidgetRole::Button, "立即登录");
    EXPECT_TRUE(app.login_open());
}

TEST_P(PersonScreens, UnitRegistrationWarnsOnCheckCharacter) {
    app.navigate(Screen::Registration);
    frames(2);
    click(WidgetRole::Radio, "单位注册（单位法人）");
    type_into("统一社会信用代码", "91350100MA31RT6B8A");
    click(WidgetRole::TextBox, "单位名称");

    EXPECT_TRUE(shows_text_containing("第18位"));
}

TEST_P(PersonScreens, RightsShowTablesAndYears) {
    sign_in_person();
    click(WidgetRole::Button, "我的社保权益");
    ASSERT_EQ(app.screen(), Screen::PersonRights);
    transport.reply(200, kRights);
    transport.reply(200, R"({"items":[{"month":"2025-02"}],"total":2,"page":1,"pageSize":1})");
    transport.reply(200, kContributions);
    frames(3);

    EXPECT_TRUE(shows(WidgetRole::Button, "2024年"));
    EXPECT_TRUE(shows(WidgetRole::Button, "2025年"));
    click(WidgetRole::Button, "2024年");
    EXPECT_EQ(transport.sent.back().url, "/api/me/contributions?pageSize=100&year=2024");
}

TEST_P(PersonScreens, DownloadCentreDownloadsDocument) {
    click(WidgetRole::Button, "下载中心");
    ASSERT_EQ(app.screen(), Screen::Downloads);
    transport.reply(200, R"({"items":[{"id":"operation-manual","title":"操作手册",
      "fileName":"operation-manual.md","url":"/downloads/operation-manual.md","available":true,
      "sizeBytes":12700,"updatedAt":"2026-12-04T08:00:00+08:00"}]})");
    frames(3);

    click(WidgetRole::Button, "下载操作手册");
    ASSERT_EQ(downloads.size(), 1u);
    EXPECT_EQ(downloads[0], "/downloads/operation-manual.md operation-manual.md");
}

TEST_P(PersonScreens, AssistantAnswersAndSuggests) {
    click(WidgetRole::Button, "小易智能客服");
    ASSERT_EQ(app.screen(), Screen::Assistant);
    transport.reply(200, kKnowledgeBase);
    frames(3);

    type_into("向小易提问", "收不到验证码");
    click(WidgetRole::Button, "发送");
    const auto& messages = app.person().assistant().messages();
    ASSERT_GE(messages.size(), 2u);
    EXPECT_EQ(messages.back().entryId, "sms");
    EXPECT_TRUE(shows(WidgetRole::Button, "密码输错被锁定了怎么办？"));

    click(WidgetRole::Button, "密码输错被锁定了怎么办？");
    EXPECT_EQ(app.person().assistant().messages().back().entryId, "lock");
}

TEST_P(PersonScreens, AssistantSaysWhenNoAnswer) {
    app.navigate(Screen::Assistant);
    transport.reply(200, kKnowledgeBase);
    frames(3);
    type_into("向小易提问", "天气预报");
    click(WidgetRole::Button, "发送");

    EXPECT_FALSE(app.person().assistant().messages().back().entryId.size());
    EXPECT_NE(app.person().assistant().messages().back().text.find("12333"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(DesktopAndPhone, PersonScreens, ::testing::Values(1280.0f, 412.0f),
                         [](const ::testing::TestParamInfo<float>& param) {
                             return param.param > 1000 ? std::string("Desktop")
                                                      : std::string("Phone");
                         });

} // namespace
} // namespace portal
