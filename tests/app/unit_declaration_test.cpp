// The declaration forms: staff addition, removal and change.
#include "unit_fixture.h"

namespace portal {
namespace {

constexpr const char* kCreated = R"({"declarations":[{"id":4,"kind":"addition","kindName":"增员",
  "insuranceType":"pension","insuranceTypeName":"企业养老","name":"张国栋",
  "idCardNumber":"3502**********4174","details":{"contributionBase":6000,"startMonth":"2026-01"},
  "status":"pending","statusName":"待审核","reviewReason":null,
  "createdAt":"2026-01-15T08:00:00+08:00","reviewedAt":null,"canRollback":true}]})";

constexpr const char* kStaffJson = R"({"staffId":3,"name":"黄秀英","idCardNumber":"3501**********2340",
  "duplicateRecords":false,"records":[
  {"recordId":2,"insuranceType":"pension","insuranceTypeName":"企业养老","status":"active","contributionBase":6800,"startMonth":"2020-01","endMonth":null},
  {"recordId":3,"insuranceType":"work_injury","insuranceTypeName":"工伤","status":"active","contributionBase":6500,"startMonth":"2020-01","endMonth":null}]})";

struct AdditionTest : UnitFixture {
    void SetUp() override {
        UnitFixture::SetUp();
        sign_in(UserKind::Agent);
        load_permissions();
        transport.sent.clear();
    }

    void fill() { fill_addition(unit.addition); }
};

TEST_F(AdditionTest, IdCardGivesSexAndBirthDate) {
    unit.addition.id_card_number = "350205199106114174";
    unit.addition.id_card_changed(true);

    EXPECT_EQ(unit.addition.field_error("idCardNumber"), "");
    EXPECT_EQ(unit.addition.derived_sex(), "男");
    EXPECT_EQ(unit.addition.derived_birth_date(), "1991-06-11");
}

TEST_F(AdditionTest, WrongCheckCharacterFlaggedWhileTyping) {
    unit.addition.id_card_number = "350205199106114175";
    unit.addition.id_card_changed(true);

    EXPECT_NE(unit.addition.field_error("idCardNumber").find("第18位"), std::string::npos);
    EXPECT_EQ(unit.addition.derived_sex(), "");
}

TEST_F(AdditionTest, ShortNumberWaitsUntilFieldIsLeft) {
    unit.addition.id_card_number = "3502051991";
    unit.addition.id_card_changed(true);
    EXPECT_EQ(unit.addition.field_error("idCardNumber"), "");

    unit.addition.check_field("idCardNumber");
    EXPECT_FALSE(unit.addition.field_error("idCardNumber").empty());
}

TEST_F(AdditionTest, DocumentTypeMustMatchNumber) {
    unit.addition.document_type = 1;
    unit.addition.id_card_number = "350205199106114174";
    unit.addition.id_card_changed(false);

    EXPECT_NE(unit.addition.field_error("idCardNumber").find("港澳台居民居住证"), std::string::npos);
}

TEST_F(AdditionTest, NameFollowsServerRule) {
    unit.addition.name = "林建\"平\"";
    unit.addition.check_field("name");
    EXPECT_NE(unit.addition.field_error("name").find("汉字"), std::string::npos);

    // 𠮷 lies in CJK Extension B, beyond U+9FFF.
    unit.addition.name = "林𠮷";
    unit.addition.check_field("name");
    EXPECT_EQ(unit.addition.field_error("name"), "");
}

TEST_F(AdditionTest, InvalidMobileFlagged) {
    fill();
    unit.addition.mobile = "12345";
    EXPECT_FALSE(unit.addition.validate());
    EXPECT_FALSE(unit.addition.field_error("mobile").empty());
    EXPECT_TRUE(transport.sent.empty());
}

TEST_F(AdditionTest, BaseBelowMinimumIsClamped) {
    unit.addition.contribution_base = "3000";
    unit.addition.clamp_contribution_base();

    EXPECT_EQ(unit.addition.contribution_base, "4000");
    EXPECT_NE(unit.addition.base_note().find("4000"), std::string::npos);
}

TEST_F(AdditionTest, BaseAboveMaximumIsClamped) {
    unit.addition.contribution_base = "99999";
    unit.addition.clamp_contribution_base();
    EXPECT_EQ(unit.addition.contribution_base, "25000");
}

TEST_F(AdditionTest, NonNumericBaseRejected) {
    fill();
    unit.addition.contribution_base = "六千";
    EXPECT_FALSE(unit.addition.validate());
    EXPECT_EQ(unit.addition.field_error("contributionBase"), "缴费基数应为整数元");
}

TEST_F(AdditionTest, StartMonthOptionsAreThisAndLastMonth) {
    const auto months = unit.addition.start_month_options();
    ASSERT_EQ(months.size(), 2u);
    EXPECT_EQ(months[0], "2026-01");
    EXPECT_EQ(months[1], "2025-12");
}

TEST_F(AdditionTest, WorkInjuryCannotStartLastMonth) {
    fill();
    unit.addition.ticked[1] = true;
    unit.addition.start_month_choice = 1;
    EXPECT_FALSE(unit.addition.validate());
    EXPECT_NE(unit.addition.field_error("startMonth").find("工伤"), std::string::npos);
}

TEST_F(AdditionTest, PensionMayStartLastMonth) {
    fill();
    unit.addition.start_month_choice = 1;
    unit.addition.submit();
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(last_body()["startMonth"], "2025-12");
}

TEST_F(AdditionTest, RefusedTypeBlocksSubmit) {
    fill();
    unit.addition.ticked[2] = true;
    EXPECT_FALSE(unit.addition.validate());
    EXPECT_NE(unit.addition.field_error("insuranceTypes").find("失业"), std::string::npos);
}

TEST_F(AdditionTest, NoTypeTickedBlocksSubmit) {
    fill();
    unit.addition.ticked[0] = false;
    EXPECT_FALSE(unit.addition.validate());
    EXPECT_EQ(unit.addition.field_error("insuranceTypes"), "请至少勾选一个险种");
}

TEST_F(AdditionTest, SubmitSendsContractFieldsAndKey) {
    fill();
    unit.addition.submit();
    ASSERT_EQ(transport.sent.size(), 1u);
    const HttpRequest& request = transport.sent.back();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url, "/api/declarations");
    EXPECT_FALSE(header(request, "Idempotency-Key").empty());

    const nlohmann::json body = last_body();
    EXPECT_EQ(body["kind"], "addition");
    EXPECT_EQ(body["insuranceTypes"], nlohmann::json({"pension"}));
    EXPECT_EQ(body["idCardNumber"], "350205199106114174");
    EXPECT_EQ(body["name"], "张国栋");
    EXPECT_EQ(body["contributionBase"], 6000);
    EXPECT_EQ(body["startMonth"], "2026-01");
}

TEST_F(AdditionTest, DoubleSubmitSendsOnce) {
    fill();
    unit.addition.submit();
    unit.addition.submit();
    EXPECT_EQ(transport.sent.size(), 1u);
    EXPECT_TRUE(unit.addition.busy());
}

TEST_F(AdditionTest, RetryAfterTimeoutReusesKey) {
    fill();
    unit.addition.submit();
    const std::string key = header(transport.sent.back(), "Idempotency-Key");
    transport.time_out();

    EXPECT_FALSE(unit.addition.busy());
    EXPECT_NE(unit.addition.form_error().find("超时"), std::string::npos);
    EXPECT_EQ(unit.addition.name, "张国栋");
    EXPECT_EQ(unit.addition.id_card_number, "350205199106114174");

    unit.addition.submit();
    ASSERT_EQ(transport.sent.size(), 2u);
    EXPECT_EQ(header(transport.sent.back(), "Idempotency-Key"), key);
}

TEST_F(AdditionTest, RefusalKeepsContent) {
    fill();
    unit.addition.submit();
    transport.reply(409, R"({"error":{"code":"duplicate_person_records",
      "message":"该人员有多条记录，请到窗口进行合并","insuranceType":"pension"}})");

    EXPECT_EQ(unit.addition.form_error(), "该人员有多条记录，请到窗口进行合并");
    EXPECT_EQ(unit.addition.contribution_base, "6000");
    EXPECT_TRUE(unit.addition.ticked[0]);
    EXPECT_FALSE(unit.addition.result_open());
}

TEST_F(AdditionTest, ServerFieldErrorGoesBesideField) {
    fill();
    unit.addition.submit();
    transport.reply(400, R"({"error":{"code":"invalid_request",
      "message":"缴费基数6000元超出范围，应在7000元至25000元之间（字段 contributionBase）",
      "field":"contributionBase"}})");

    EXPECT_NE(unit.addition.field_error("contributionBase").find("7000"), std::string::npos);
    EXPECT_EQ(unit.addition.form_error(), "");
}

TEST_F(AdditionTest, SuccessOpensResultAndStartsNewFill) {
    fill();
    unit.addition.submit();
    const std::string key = header(transport.sent.back(), "Idempotency-Key");
    transport.reply(201, kCreated);

    EXPECT_TRUE(unit.addition.result_open());
    ASSERT_EQ(unit.addition.created().size(), 1u);
    EXPECT_EQ(unit.addition.created()[0].id, 4);
    EXPECT_EQ(unit.addition.created()[0].details, "缴费基数 6000元，参保开始年月 2026-01");
    EXPECT_EQ(unit.addition.name, "");
    EXPECT_NE(unit.addition.idempotency_key(), key);
    EXPECT_FALSE(unit.addition.idempotency_key().empty());
}

TEST_F(AdditionTest, KeysDifferBetweenFills) {
    EXPECT_NE(make_idempotency_key("addition"), make_idempotency_key("addition"));
    EXPECT_EQ(make_idempotency_key("addition").rfind("addition-", 0), 0u);
}

struct RemovalTest : UnitFixture {
    StaffMember member;

    void SetUp() override {
        UnitFixture::SetUp();
        sign_in(UserKind::Agent);
        load_permissions();
        transport.sent.clear();
        member = *decode_staff_member(nlohmann::json::parse(kStaffJson));
    }
};

TEST_F(RemovalTest, StartTicksActiveTypes) {
    unit.removal.start_for(member);
    EXPECT_TRUE(unit.removal.ticked[0]);
    EXPECT_TRUE(unit.removal.ticked[1]);
    EXPECT_FALSE(unit.removal.ticked[2]);
    EXPECT_EQ(unit.removal.end_month, "2026-01");
}

TEST_F(RemovalTest, SubmitSendsReasonAndMonth) {
    unit.removal.start_for(member);
    unit.removal.reason = 5;
    unit.removal.event_date = "2026-01-10";
    unit.removal.submit();

    ASSERT_EQ(transport.sent.size(), 1u);
    const nlohmann::json body = last_body();
    EXPECT_EQ(body["kind"], "removal");
    EXPECT_EQ(body["staffId"], 3);
    EXPECT_EQ(body["endMonth"], "2026-01");
    EXPECT_EQ(body["reason"], "终止缴费：退休");
    EXPECT_EQ(body["reasonCode"], "termination_retired");
    EXPECT_FALSE(header(transport.sent.back(), "Idempotency-Key").empty());
}

TEST_F(RemovalTest, MissingEventDateBlocks) {
    unit.removal.start_for(member);
    EXPECT_FALSE(unit.removal.validate());
    EXPECT_FALSE(unit.removal.field_error("eventDate").empty());
}

TEST_F(RemovalTest, FutureDatesBlock) {
    unit.removal.start_for(member);
    unit.removal.event_date = "2026-02-01";
    unit.removal.end_month = "2026-03";
    EXPECT_FALSE(unit.removal.validate());
    EXPECT_EQ(unit.removal.field_error("eventDate"), "发生日期不能晚于今天");
    EXPECT_EQ(unit.removal.field_error("endMonth"), "停保年月不能晚于当月");
}

TEST_F(RemovalTest, DuplicateRecordsRefusedBeforeSending) {
    member.duplicateRecords = true;
    unit.removal.start_for(member);
    unit.removal.event_date = "2026-01-10";
    unit.removal.submit();

    EXPECT_TRUE(transport.sent.empty());
    EXPECT_EQ(unit.removal.field_error("staffId"), "该人员有多条记录，请到窗口进行合并");
}

TEST_F(RemovalTest, TypeWithoutRecordBlocks) {
    member.records.pop_back();
    unit.removal.start_for(member);
    unit.removal.ticked[1] = true;
    unit.removal.event_date = "2026-01-10";
    EXPECT_FALSE(unit.removal.validate());
    EXPECT_NE(unit.removal.field_error("insuranceTypes").find("工伤"), std::string::npos);
}

TEST_F(RemovalTest, NoPersonBlocks) {
    EXPECT_FALSE(unit.removal.validate());
    EXPECT_EQ(unit.removal.field_error("staffId"), "请从人员列表中选择要减员的人员");
}

using ChangeTest = RemovalTest;

TEST_F(ChangeTest, PrefillsCurrentValues) {
    unit.change.start_for(member);
    EXPECT_EQ(unit.change.new_name, "黄秀英");
    EXPECT_EQ(unit.change.new_base, "6800");
    EXPECT_EQ(unit.change.current_base(), 6800);
}

TEST_F(ChangeTest, SendsOnlyChangedFields) {
    unit.change.start_for(member);
    unit.change.ticked[1] = false;
    unit.change.new_base = "9000";
    unit.change.submit();

    ASSERT_EQ(transport.sent.size(), 1u);
    const nlohmann::json body = last_body();
    EXPECT_EQ(body["kind"], "change");
    EXPECT_EQ(body["insuranceTypes"], nlohmann::json({"pension"}));
    EXPECT_EQ(body["changes"], nlohmann::json({{"contributionBase", 9000}}));
}

TEST_F(ChangeTest, NothingChangedBlocks) {
    unit.change.start_for(member);
    unit.change.submit();
    EXPECT_TRUE(transport.sent.empty());
    EXPECT_NE(unit.change.field_error("name").find("未变更"), std::string::npos);
}

TEST_F(ChangeTest, BaseOutOfBoundsBlocks) {
    unit.change.start_for(member);
    unit.change.new_base = "30000";
    EXPECT_FALSE(unit.change.validate());
    EXPECT_NE(unit.change.field_error("contributionBase").find("25000"), std::string::npos);
}

} // namespace
} // namespace portal
