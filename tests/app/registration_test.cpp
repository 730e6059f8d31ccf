// Person and unit registration: the checks of every field, the request of each kind, the
// server's rejections beside the field they name and the success page's account.
#include "app/portal_app.h"

#include "../support/fake_transport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace portal {
namespace {

using testing::FakeTransport;

constexpr CalendarDate kToday{2026, 12, 4};

void fill_person(RegistrationForm& form) {
    form.value(RegistrationField::Username) = "zhangsan01";
    form.value(RegistrationField::Name) = "张三";
    form.value(RegistrationField::IdCardNumber) = "350121198804305170";
    form.value(RegistrationField::Mobile) = "13805918888";
    form.value(RegistrationField::SmsCode) = "123456";
    form.value(RegistrationField::Password) = "Zhang@2026";
    form.value(RegistrationField::Confirmation) = "Zhang@2026";
}

std::string error_after_check(RegistrationForm& form, RegistrationField field,
                              const std::string& value) {
    form.value(field) = value;
    form.check_field(field, kToday);
    return form.field_error(field);
}

TEST(Registration, CompletePersonFormIsValid) {
    RegistrationForm form;
    fill_person(form);
    EXPECT_TRUE(form.validate(kToday));
    EXPECT_EQ(form.endpoint(), "/api/persons");
}

TEST(Registration, PersonRequestCarriesNormalizedValues) {
    RegistrationForm form;
    fill_person(form);
    form.value(RegistrationField::IdCardNumber) = " 35012119880430517０ ";
    form.value(RegistrationField::Mobile) = "+86 138-0591-8888";
    const nlohmann::json body = form.to_request(kToday);

    EXPECT_EQ(body["idCardNumber"], "350121198804305170");
    EXPECT_EQ(body["mobile"], "13805918888");
    EXPECT_EQ(body["username"], "zhangsan01");
    EXPECT_EQ(body["password"], "Zhang@2026");
    EXPECT_FALSE(body.contains("creditCode"));
}

TEST(Registration, EmptyFieldsAreNamed) {
    RegistrationForm form;
    EXPECT_FALSE(form.validate(kToday));
    EXPECT_EQ(form.field_error(RegistrationField::Username), "请填写用户名");
    EXPECT_EQ(form.field_error(RegistrationField::Password), "请输入设置密码");
    EXPECT_TRUE(form.field_error(RegistrationField::CreditCode).empty());
}

TEST(Registration, UsernameRules) {
    RegistrationForm form;
    EXPECT_EQ(error_after_check(form, RegistrationField::Username, "1zhang"),
              "用户名须以英文字母开头");
    EXPECT_EQ(error_after_check(form, RegistrationField::Username, "zh-ang"),
              "用户名只能包含英文字母、数字和下划线");
    EXPECT_EQ(error_after_check(form, RegistrationField::Username, "zha"),
              "用户名应为4至20个字符，当前为3个");
    EXPECT_EQ(error_after_check(form, RegistrationField::Username, "zhang_san"), "");
}

TEST(Registration, NameRules) {
    RegistrationForm form;
    EXPECT_EQ(error_after_check(form, RegistrationField::Name, "张"), "中文姓名应为2至30个汉字");
    EXPECT_EQ(error_after_check(form, RegistrationField::Name, "买买提·艾力"), "");
    EXPECT_EQ(error_after_check(form, RegistrationField::Name, "John Smith"), "");
    EXPECT_EQ(error_after_check(form, RegistrationField::Name, "张3"),
              "姓名只能由汉字（可含“·”）或英文字母组成");
}

TEST(Registration, IdCardCheckCharacterIsNamed) {
    RegistrationForm form;
    const std::string error =
        error_after_check(form, RegistrationField::IdCardNumber, "350121198804305171");
    EXPECT_NE(error.find("第18位"), std::string::npos) << error;
}

TEST(Registration, IdCardBirthDateInFutureIsBlocked) {
    RegistrationForm form;
    EXPECT_FALSE(
        error_after_check(form, RegistrationField::IdCardNumber, "350121202712305170").empty());
}

TEST(Registration, MobileLengthIsNamed) {
    RegistrationForm form;
    EXPECT_EQ(error_after_check(form, RegistrationField::Mobile, "1380591888"),
              "手机号码应为11位数字，当前为10位");
}

TEST(Registration, PasswordPolicyAndConfirmation) {
    RegistrationForm form;
    EXPECT_EQ(error_after_check(form, RegistrationField::Password, "zhang2026"),
              "密码需包含大写字母、小写字母、数字、其他字符中的至少三类");
    form.value(RegistrationField::Password) = "Zhang@2026";
    EXPECT_EQ(error_after_check(form, RegistrationField::Confirmation, "Zhang@2025"),
              "两次输入的密码不一致");
    form.value(RegistrationField::Confirmation) = "Zhang@2026";
    form.field_edited(RegistrationField::Password, kToday);
    EXPECT_EQ(form.field_error(RegistrationField::Confirmation), "");
}

TEST(Registration, UnitFormNeedsCreditCodeAndName) {
    RegistrationForm form;
    form.select_kind(RegistrationKind::Unit);
    fill_person(form);
    EXPECT_FALSE(form.validate(kToday));
    EXPECT_EQ(form.field_error(RegistrationField::CreditCode), "请填写统一社会信用代码");
    EXPECT_EQ(form.field_error(RegistrationField::UnitName), "请填写单位名称");
    EXPECT_STREQ(registration_field_label(form.kind(), RegistrationField::Name), "法人姓名");
}

TEST(Registration, UnitRequestCarriesCreditCode) {
    RegistrationForm form;
    form.select_kind(RegistrationKind::Unit);
    fill_person(form);
    form.value(RegistrationField::CreditCode) = "91350100ma31rt6b8d";
    form.value(RegistrationField::UnitName) = "福州闽都示例餐饮有限公司";
    ASSERT_TRUE(form.validate(kToday));
    const nlohmann::json body = form.to_request(kToday);

    EXPECT_EQ(form.endpoint(), "/api/units");
    EXPECT_EQ(body["creditCode"], "91350100MA31RT6B8D");
    EXPECT_EQ(body["unitName"], "福州闽都示例餐饮有限公司");
}

TEST(Registration, CreditCodeCheckMismatchOnlyWarns) {
    RegistrationForm form;
    form.select_kind(RegistrationKind::Unit);
    EXPECT_EQ(error_after_check(form, RegistrationField::CreditCode, "91350100MA31RT6B8A"), "");
    EXPECT_NE(form.field_warning(RegistrationField::CreditCode).find("第18位"), std::string::npos);
}

struct RegistrationFlow : ::testing::Test {
    FakeTransport transport;
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};
    RegistrationForm& form() { return app.person().registration(); }
};

TEST_F(RegistrationFlow, SuccessShowsCreatedAccount) {
    fill_person(form());
    app.person().submit_registration();
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(transport.sent.back().url, "/api/persons");
    EXPECT_TRUE(form().busy());
    transport.reply(201, R"({"user":{"kind":"person","name":"张三","account":"zhangsan01"}})");

    ASSERT_TRUE(form().registered().has_value());
    EXPECT_EQ(form().registered()->account, "zhangsan01");
    EXPECT_TRUE(form().value(RegistrationField::Password).empty());
    EXPECT_TRUE(form().value(RegistrationField::SmsCode).empty());
}

TEST_F(RegistrationFlow, RejectionIsShownBesideNamedField) {
    fill_person(form());
    app.person().submit_registration();
    transport.reply(409, R"({"error":{"code":"username_taken","message":"用户名已被使用，请换一个","field":"username"}})");

    EXPECT_FALSE(form().busy());
    EXPECT_EQ(form().field_error(RegistrationField::Username), "用户名已被使用，请换一个");
    EXPECT_TRUE(form().form_error().empty());
    EXPECT_EQ(form().value(RegistrationField::Password), "Zhang@2026");
}

TEST_F(RegistrationFlow, RejectionWithoutFieldIsShownAboveButtons) {
    fill_person(form());
    app.person().submit_registration();
    transport.reply(409, R"({"error":{"code":"account_exists","message":"账号已存在"}})");

    EXPECT_EQ(form().form_error(), "账号已存在");
}

TEST_F(RegistrationFlow, InvalidFormSendsNothing) {
    form().value(RegistrationField::Username) = "zhangsan01";
    app.person().submit_registration();
    EXPECT_TRUE(transport.sent.empty());
}

TEST_F(RegistrationFlow, SmsCodeUsesRegisterPurpose) {
    form().value(RegistrationField::Mobile) = "13805918888";
    app.person().send_registration_sms();
    ASSERT_EQ(transport.sent.size(), 1u);
    const nlohmann::json body = nlohmann::json::parse(transport.sent.back().body);
    EXPECT_EQ(body["purpose"], "register");
}

} // namespace
} // namespace portal
