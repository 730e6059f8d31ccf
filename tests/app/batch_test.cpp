// Batch staff additions and removals from CSV files, and the CSV exports.
#include "app/batch_sheet.h"
#include "app/csv.h"
#include "app/list_export.h"

#include "unit_fixture.h"

namespace portal {
namespace {

// CSV reading and writing.

TEST(CsvParse, QuotedCellsWithCommasQuotesAndLineBreaks) {
    auto records = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\n");
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records.value().size(), 2u);
    EXPECT_EQ(records.value()[0].cells, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
    EXPECT_EQ(records.value()[1].cells, (std::vector<std::string>{"two\nlines", "x"}));
}

TEST(CsvParse, RowNumbersCountBlankLines) {
    auto records = parse_csv("\xEF\xBB\xBFh1,h2\n\n,\r\nv1,v2\rlast,row");
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records.value().size(), 3u);
    EXPECT_EQ(records.value()[0].cells[0], "h1");
    EXPECT_EQ(records.value()[0].row, 1u);
    EXPECT_EQ(records.value()[1].row, 4u);
    EXPECT_EQ(records.value()[2].row, 5u);
    EXPECT_EQ(records.value()[2].cells[1], "row");
}

TEST(CsvParse, OpenQuoteNamesItsRow) {
    auto records = parse_csv("h\nok\n\"never closed\nmore");
    ASSERT_FALSE(records.ok());
    EXPECT_NE(records.error().message.find("第3行"), std::string::npos);
}

TEST(CsvParse, TextFormulaIsStripped) {
    EXPECT_EQ(strip_text_formula("=\"350102198503150022\""), "350102198503150022");
    EXPECT_EQ(strip_text_formula("350102198503150022"), "350102198503150022");
}

TEST(CsvWriter, BomCrlfQuotingAndTextNumbers) {
    CsvWriter csv;
    csv.text("姓名").text("a\"b,c").number_text("3501**********0022").end_row();
    csv.text("=SUM(A1)").text("-1").end_row();
    EXPECT_EQ(csv.contents(), "\xEF\xBB\xBF\"姓名\",\"a\"\"b,c\",=\"3501**********0022\"\r\n"
                              "\"'=SUM(A1)\",\"'-1\"\r\n");
}

// The sheet: header, limits and cell formats.

TEST(BatchSheet, HeaderInAnyOrderWithExtraColumns) {
    const std::string text =
        "备注,月缴费基数,参保险种,工号,身份证号码,参保开始年月,手机号码,姓名*\r\n"
        "x,6000,企业养老,007,350102199505050062,2026-01,13805913005,林一\r\n";
    auto rows = read_batch_sheet(text, batch_addition_columns(), {});
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows.value().size(), 1u);
    EXPECT_EQ(rows.value()[0].row, 2u);
    EXPECT_EQ(rows.value()[0].cell("name"), "林一");
    EXPECT_EQ(rows.value()[0].cell("idCardNumber"), "350102199505050062");
    EXPECT_EQ(rows.value()[0].cell("contributionBase"), "6000");
    EXPECT_EQ(rows.value()[0].cells.count("工号"), 0u);
}

TEST(BatchSheet, MissingRequiredColumnIsNamed) {
    auto rows = read_batch_sheet("姓名,证件号码\r\n林一,1\r\n", batch_addition_columns(), {});
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.error().message.find("手机号码"), std::string::npos);
}

TEST(BatchSheet, EmptyAndHeaderOnlyFiles) {
    auto empty = read_batch_sheet("\r\n\r\n", batch_removal_columns(), {});
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, "batch_empty");
    auto header_only = read_batch_sheet("姓名,证件号码,减员原因,停保年月,发生日期\r\n",
                                        batch_removal_columns(), {});
    ASSERT_FALSE(header_only.ok());
    EXPECT_NE(header_only.error().message.find("只有表头"), std::string::npos);
}

TEST(BatchSheet, TooManyRowsAndBytes) {
    BatchLimits limits;
    limits.max_rows = 2;
    const std::string header = "姓名,证件号码,减员原因,停保年月,发生日期\r\n";
    auto rows = read_batch_sheet(header + "a\r\nb\r\nc\r\n", batch_removal_columns(), limits);
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.error().message.find("最多导入2行"), std::string::npos);

    limits.max_bytes = 10;
    auto bytes = read_batch_sheet(header, batch_removal_columns(), limits);
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.error().code, "batch_too_large");
}

TEST(BatchSheet, InvalidUtf8IsRejected) {
    auto rows = read_batch_sheet("\xD0\xD5\xC3\xFB,x\r\n", batch_removal_columns(), {});
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.error().code, "batch_encoding");
}

TEST(MangledIdCard, ScientificNotationExplained) {
    for (const char* cell : {"3.50102E+17", "3.5E+17", "3.50102e17"}) {
        const std::string message = describe_mangled_id_card(cell);
        EXPECT_NE(message.find("科学计数法"), std::string::npos) << cell;
        EXPECT_NE(message.find("文本"), std::string::npos) << cell;
    }
}

TEST(MangledIdCard, TrailingZerosExplained) {
    EXPECT_NE(describe_mangled_id_card("350102199505050000").find("变成了0"), std::string::npos);
}

TEST(MangledIdCard, OrdinaryCellsPass) {
    EXPECT_EQ(describe_mangled_id_card("350102199505050062"), "");
    EXPECT_EQ(describe_mangled_id_card("35012119900101004X"), "");
    EXPECT_EQ(describe_mangled_id_card("E+17"), "");
    EXPECT_EQ(describe_mangled_id_card(""), "");
}

TEST(SheetCells, MonthsInExcelForms) {
    for (const char* cell :
         {"2026-01", "2026/1", "2026/1/1", "2026年1月", "202601", "=\"2026-01\""}) {
        EXPECT_EQ(parse_sheet_month(cell).value_or("none"), "2026-01") << cell;
    }
    EXPECT_FALSE(parse_sheet_month("Jan-26").has_value());
    EXPECT_FALSE(parse_sheet_month("2026-13").has_value());
}

TEST(SheetCells, DatesInExcelForms) {
    for (const char* cell : {"2026-01-10", "2026/1/10", "2026年1月10日", "20260110"}) {
        EXPECT_EQ(parse_sheet_date(cell).value_or("none"), "2026-01-10") << cell;
    }
    EXPECT_FALSE(parse_sheet_date("2026-02-30").has_value());
}

TEST(SheetCells, InsuranceTypeNames) {
    auto types = parse_sheet_insurance_types("工伤保险、企业养老，失业");
    ASSERT_TRUE(types.ok());
    EXPECT_EQ(types.value(), (std::vector<std::string>{"pension", "work_injury", "unemployment"}));
    auto unknown = parse_sheet_insurance_types("医疗");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("医疗"), std::string::npos);
}

// Batch additions and removals against the scripted server.

constexpr const char* kAdditionHeader =
    "姓名,证件号码,手机号码,参保险种,参保开始年月,月缴费基数（元）\r\n";

std::string created_json(long long id) {
    return R"({"declarations":[{"id":)" + std::to_string(id) +
           R"(,"kind":"addition","kindName":"增员","insuranceType":"pension",
      "insuranceTypeName":"企业养老","name":"林一","idCardNumber":"3501**********0062",
      "details":{},"status":"pending","statusName":"待审核","createdAt":"2026-01-15T08:00:00+08:00",
      "canRollback":true}]})";
}

struct BatchAdditionTest : UnitFixture {
    BatchDeclaration& batch = unit.batch_addition;

    void SetUp() override {
        UnitFixture::SetUp();
        sign_in(UserKind::Agent);
        load_permissions();
        transport.sent.clear();
    }

    void load(const std::string& rows) {
        batch.load_file("staff.csv", kAdditionHeader + rows, "GB18030");
    }

    bool row_has_error(size_t index, const std::string& part) const {
        for (const std::string& error : batch.rows()[index].errors) {
            if (error.find(part) != std::string::npos) {
                return true;
            }
        }
        return false;
    }
};

TEST_F(BatchAdditionTest, ValidRowIsReady) {
    load("林一,350102199505050062,13805913005,企业养老、工伤,2026-01,6000\r\n");
    ASSERT_EQ(batch.rows().size(), 1u);
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Ready);
    EXPECT_EQ(batch.rows()[0].id_card_number, "3501**********0062");
    EXPECT_EQ(batch.rows()[0].insurance_types, "企业养老、工伤");
}

TEST_F(BatchAdditionTest, ScientificIdCardRowIsMarked) {
    load("林一,3.50102E+17,13805913005,企业养老,2026-01,6000\r\n");
    ASSERT_EQ(batch.rows().size(), 1u);
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Invalid);
    ASSERT_EQ(batch.rows()[0].errors.size(), 1u);
    EXPECT_NE(batch.rows()[0].errors[0].find("科学计数法"), std::string::npos);
}

TEST_F(BatchAdditionTest, SingleFormRulesApplyPerRow) {
    load("林一,350102199505050063,13805913005,企业养老,2026-01,6000\r\n"
         "林二,350205199202020055,12345,企业养老,2026-01,6000\r\n"
         "林三,35012119900101004X,13805913005,失业,2026-01,6000\r\n"
         "林四,350102199303030071,13805913005,工伤,2025-12,6000\r\n"
         "林五,350102198808080037,13805913005,企业养老,2025-11,3000\r\n");
    ASSERT_EQ(batch.rows().size(), 5u);
    EXPECT_TRUE(row_has_error(0, "第18位"));
    EXPECT_TRUE(row_has_error(1, "手机号码"));
    EXPECT_TRUE(row_has_error(2, "不能申报失业"));
    EXPECT_TRUE(row_has_error(3, "工伤保险只能从当月"));
    EXPECT_TRUE(row_has_error(4, "只能是当月"));
    EXPECT_TRUE(row_has_error(4, "4000元至25000元"));
    EXPECT_EQ(batch.count(BatchRowState::Invalid), 5u);
    EXPECT_EQ(batch.rows()[4].row, 6u);
}

TEST_F(BatchAdditionTest, DuplicateAndExampleRowsAreMarked) {
    load("张示例,350102198503150022,13805913005,企业养老,2026-01,6000\r\n"
         "林一,350102199505050062,13805913005,企业养老,2026-01,6000\r\n"
         "林一,350102199505050062,13805913005,企业养老,2026-01,6000\r\n");
    EXPECT_TRUE(row_has_error(0, "示例行"));
    EXPECT_EQ(batch.rows()[1].state, BatchRowState::Ready);
    EXPECT_TRUE(row_has_error(2, "与第3行重复"));
}

TEST_F(BatchAdditionTest, SubmitSendsOnlyValidRowsWithOwnKeys) {
    load("林一,350102199505050062,13805913005,企业养老,2026-01,6000\r\n"
         "林二,3.5E+17,13805913005,企业养老,2026-01,6000\r\n"
         "林三,350205199202020055,13805913005,企业养老,2025-12,7000\r\n");
    batch.submit();
    EXPECT_TRUE(batch.busy());
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(last_body()["name"], "林一");
    const std::string first_key = header(transport.sent.back(), "Idempotency-Key");
    reply_to("/api/declarations", 201, created_json(11));

    ASSERT_EQ(transport.sent.size(), 2u);
    EXPECT_EQ(last_body()["name"], "林三");
    EXPECT_EQ(last_body()["startMonth"], "2025-12");
    EXPECT_NE(header(transport.sent.back(), "Idempotency-Key"), first_key);
    reply_to("/api/declarations", 201, created_json(12));

    EXPECT_FALSE(batch.busy());
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Created);
    EXPECT_EQ(batch.rows()[0].result, "申报编号 11");
    EXPECT_EQ(batch.rows()[1].state, BatchRowState::Invalid);
    EXPECT_EQ(batch.rows()[2].state, BatchRowState::Created);
    EXPECT_TRUE(transport.pending.empty());
}

TEST_F(BatchAdditionTest, RejectedRowKeepsServerMessage) {
    load("林一,350102199505050062,13805913005,企业养老,2026-01,6000\r\n"
         "林三,350205199202020055,13805913005,企业养老,2026-01,7000\r\n");
    batch.submit();
    reply_to("/api/declarations", 409,
             R"({"error":{"code":"already_insured","message":"该人员已在本单位参保企业养老"}})");
    reply_to("/api/declarations", 201, created_json(12));

    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Rejected);
    EXPECT_EQ(batch.rows()[0].result, "该人员已在本单位参保企业养老");
    EXPECT_EQ(batch.rows()[1].state, BatchRowState::Created);
    EXPECT_EQ(batch.sendable_count(), 0u);
}

TEST_F(BatchAdditionTest, NetworkFailurePausesAndRetryReusesKey) {
    load("林一,350102199505050062,13805913005,企业养老,2026-01,6000\r\n"
         "林三,350205199202020055,13805913005,企业养老,2026-01,7000\r\n"
         "林四,350102199303030071,13805913005,企业养老,2026-01,7000\r\n");
    batch.submit();
    reply_to("/api/declarations", 201, created_json(11));
    const std::string key = header(transport.sent.back(), "Idempotency-Key");
    transport.fail_network();

    EXPECT_FALSE(batch.busy());
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Created);
    EXPECT_EQ(batch.rows()[1].state, BatchRowState::Failed);
    EXPECT_EQ(batch.rows()[2].state, BatchRowState::Ready);
    EXPECT_NE(batch.pause_reason().find("第3行"), std::string::npos);
    EXPECT_EQ(batch.sendable_count(), 2u);
    EXPECT_TRUE(transport.pending.empty());

    transport.sent.clear();
    batch.submit();
    ASSERT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(last_body()["name"], "林三");
    EXPECT_EQ(header(transport.sent.back(), "Idempotency-Key"), key);
    reply_to("/api/declarations", 201, created_json(12));
    reply_to("/api/declarations", 201, created_json(13));
    EXPECT_EQ(batch.count(BatchRowState::Created), 3u);
    EXPECT_TRUE(batch.pause_reason().empty());
}

TEST_F(BatchAdditionTest, BadFileKeepsNoRows) {
    batch.load_file("x.csv", "姓名\r\n林一\r\n", "UTF-8");
    EXPECT_TRUE(batch.rows().empty());
    EXPECT_NE(batch.file_error().find("证件号码"), std::string::npos);
    batch.reject_file("x.xlsx", "请选择CSV文件");
    EXPECT_EQ(batch.file_error(), "请选择CSV文件");
}

TEST_F(BatchAdditionTest, TemplateReadsBackAsExampleRow) {
    const std::string csv = batch.template_csv();
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("=\"350102198503150022\""), std::string::npos);
    EXPECT_EQ(batch.template_file_name(), "批量增员模板.csv");
    batch.load_file("t.csv", csv, "UTF-8");
    ASSERT_EQ(batch.rows().size(), 1u);
    ASSERT_FALSE(batch.rows()[0].errors.empty());
    EXPECT_NE(batch.rows()[0].errors[0].find("示例行"), std::string::npos);
    EXPECT_EQ(batch.rows()[0].errors.size(), 1u) << batch.rows()[0].errors[1];
}

constexpr const char* kStaffPage = R"({"items":[
  {"staffId":3,"name":"黄秀英","idCardNumber":"3501**********0062","duplicateRecords":false,"records":[
   {"recordId":2,"insuranceType":"pension","insuranceTypeName":"企业养老","status":"active","contributionBase":6800,"startMonth":"2020-01","endMonth":null},
   {"recordId":3,"insuranceType":"work_injury","insuranceTypeName":"工伤","status":"active","contributionBase":6800,"startMonth":"2020-01","endMonth":null}]}],
  "total":1,"page":1,"pageSize":100})";

std::string joined_errors(const BatchRow& row) {
    std::string all;
    for (const std::string& error : row.errors) {
        all += error + "\n";
    }
    return all;
}

constexpr const char* kRemovalHeader = "姓名,证件号码,减员原因,停保年月,发生日期,减员险种\r\n";

struct BatchRemovalTest : UnitFixture {
    BatchDeclaration& batch = unit.batch_removal;

    void SetUp() override {
        UnitFixture::SetUp();
        sign_in(UserKind::Agent);
        load_permissions();
        batch.prepare();
        reply_to("/api/staff?page=1&pageSize=100", 200, kStaffPage);
        transport.sent.clear();
    }
};

TEST_F(BatchRemovalTest, RowsMatchStaffList) {
    batch.load_file("r.csv",
                    std::string(kRemovalHeader) +
                        "黄秀英,350102199505050062,本人辞职,2026-01,2026/1/10,\r\n"
                        "黄秀英,350102199505050062,出国,2026-01,2026-01-10,\r\n"
                        "林一,350205199202020055,本人辞职,2026-01,2026-01-10,\r\n"
                        "黄秀英,350102199505050062,本人辞职,2026-02,2026-01-10,失业\r\n",
                    "UTF-8");
    ASSERT_EQ(batch.rows().size(), 4u);
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Ready);
    EXPECT_EQ(batch.rows()[0].insurance_types, "企业养老、工伤");
    EXPECT_NE(joined_errors(batch.rows()[1]).find("减员原因：“出国”不在代码表中"),
              std::string::npos);
    EXPECT_NE(joined_errors(batch.rows()[2]).find("人员列表中没有"), std::string::npos);
    const std::string fourth = joined_errors(batch.rows()[3]);
    EXPECT_NE(fourth.find("\n停保年月不能晚于当月"), std::string::npos) << fourth;
    EXPECT_NE(fourth.find("不能申报失业"), std::string::npos) << fourth;
}

TEST_F(BatchRemovalTest, SubmitConfirmsFullNumberFirst) {
    batch.load_file("r.csv",
                    std::string(kRemovalHeader) +
                        "黄秀英,350102199505050062,本人辞职,2026-01,2026-01-10,企业养老\r\n",
                    "UTF-8");
    batch.submit();
    reply_to(
        "/api/staff/3", 200,
        R"({"staff":{"staffId":3,"name":"黄秀英","idCardNumber":"350102199505050062","records":[]}})");
    ASSERT_EQ(transport.sent.size(), 2u);
    EXPECT_EQ(last_body()["kind"], "removal");
    EXPECT_EQ(last_body()["staffId"], 3);
    EXPECT_EQ(last_body()["insuranceTypes"], nlohmann::json::array({"pension"}));
    EXPECT_EQ(last_body()["eventDate"], "2026-01-10");
    reply_to("/api/declarations", 201, created_json(21));
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Created);
}

TEST_F(BatchRemovalTest, DifferentFullNumberIsNotSent) {
    batch.load_file("r.csv",
                    std::string(kRemovalHeader) +
                        "黄秀英,350102199505050062,本人辞职,2026-01,2026-01-10,\r\n",
                    "UTF-8");
    batch.submit();
    reply_to(
        "/api/staff/3", 200,
        R"({"staff":{"staffId":3,"name":"黄秀英","idCardNumber":"350102199912310062","records":[]}})");
    EXPECT_EQ(transport.sent.size(), 1u);
    EXPECT_EQ(batch.rows()[0].state, BatchRowState::Rejected);
    EXPECT_NE(batch.rows()[0].result.find("不一致"), std::string::npos);
    EXPECT_FALSE(batch.busy());
}

// Exports.

TEST(ListExportCsv, StaffColumnsAndMaskedNumbers) {
    StaffMember member;
    member.name = "黄秀英";
    member.idCardNumber = "3501**********0062";
    member.records.push_back({2, "pension", "企业养老", "active", 6800, "2020-01", ""});
    const std::string csv = staff_list_csv({member});
    EXPECT_EQ(csv,
              "\xEF\xBB\xBF\"序号\",\"姓名\",\"身份证号码\",\"在保险种\",\"缴费基数（元）\"\r\n"
              "\"1\",\"黄秀英\",=\"3501**********0062\",\"企业养老\",\"6800\"\r\n");
}

struct ExportTest : UnitFixture {
    std::vector<std::pair<std::string, std::string>> saved;

    void SetUp() override {
        UnitFixture::SetUp();
        sign_in(UserKind::Agent);
        unit.exports.save_file = [this](const std::string& name, const std::string& contents) {
            saved.emplace_back(name, contents);
        };
    }
};

TEST_F(ExportTest, WalksEveryPageThenSaves) {
    unit.exports.export_declarations(
        [](int page) { return "/api/declarations?page=" + std::to_string(page); }, "d.csv");
    const std::string item =
        R"({"id":7,"kindName":"增员","insuranceTypeName":"工伤","name":"刘美华",
      "idCardNumber":"3501**********3266","status":"pending","statusName":"待审核",
      "createdAt":"2026-01-10T08:30:00+08:00"})";
    reply_to("/api/declarations?page=1", 200,
             R"({"items":[)" + item + R"(],"total":2,"page":1,"pageSize":1})");
    EXPECT_TRUE(unit.exports.busy());
    reply_to("/api/declarations?page=2", 200,
             R"({"items":[)" + item + R"(],"total":2,"page":2,"pageSize":1})");
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].first, "d.csv");
    EXPECT_NE(saved[0].second.find("=\"3501**********3266\""), std::string::npos);
    EXPECT_NE(saved[0].second.find("2026-01-10 08:30"), std::string::npos);
    EXPECT_EQ(unit.exports.notice(), "已导出2条记录（d.csv）");
}

TEST_F(ExportTest, FailureIsShownAndNothingSaved) {
    unit.exports.export_staff([](int) { return std::string("/api/staff?page=1"); }, "s.csv");
    transport.fail_network();
    EXPECT_TRUE(saved.empty());
    EXPECT_FALSE(unit.exports.busy());
    EXPECT_NE(unit.exports.error().find("网络连接失败"), std::string::npos);
}

} // namespace
} // namespace portal
