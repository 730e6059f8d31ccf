#include "core/mobile_regions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace portal {
namespace {

constexpr const char* kTable = "# comment line\n"
                               "first\tlast\tprovince\tcity\n"
                               "1300010\t1300011\t北京市\t\n"
                               "1357100\t1357109\t浙江省\t杭州市\n"
                               "1395910\t1395919\t福建省\t福州市\n";

PrefixTableRegionLookup parseOrFail(std::string_view text) {
    Result<PrefixTableRegionLookup> parsed = PrefixTableRegionLookup::parse(text);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? std::move(parsed).value() : PrefixTableRegionLookup();
}

std::string parseError(std::string_view text) {
    const Result<PrefixTableRegionLookup> parsed = PrefixTableRegionLookup::parse(text);
    return parsed.ok() ? "" : parsed.error().message;
}

TEST(PrefixTable, ParsesEveryRange) {
    EXPECT_EQ(parseOrFail(kTable).rangeCount(), 3u);
}

TEST(PrefixTable, FindsFujianCity) {
    const MobileRegion region = parseOrFail(kTable).lookup("13959100000");
    EXPECT_EQ(region.status, MobileRegionStatus::fujian);
    EXPECT_EQ(region.province, "福建省");
    EXPECT_EQ(region.city, "福州市");
}

TEST(PrefixTable, FindsOtherProvinceWithCity) {
    const MobileRegion region = parseOrFail(kTable).lookup("13571001234");
    EXPECT_EQ(region.status, MobileRegionStatus::other_province);
    EXPECT_EQ(region.province, "浙江省");
    EXPECT_EQ(region.city, "杭州市");
}

TEST(PrefixTable, FindsMunicipalityWithoutCity) {
    const MobileRegion region = parseOrFail(kTable).lookup("13000110000");
    EXPECT_EQ(region.status, MobileRegionStatus::other_province);
    EXPECT_EQ(region.province, "北京市");
    EXPECT_EQ(region.city, "");
}

TEST(PrefixTable, FindsFirstAndLastPrefixOfRange) {
    const PrefixTableRegionLookup table = parseOrFail(kTable);
    EXPECT_EQ(table.lookup("13959100000").status, MobileRegionStatus::fujian);
    EXPECT_EQ(table.lookup("13959199999").status, MobileRegionStatus::fujian);
}

TEST(PrefixTable, ReturnsUnknownOutsideRanges) {
    const PrefixTableRegionLookup table = parseOrFail(kTable);
    EXPECT_EQ(table.lookup("13000000000").status, MobileRegionStatus::unknown);
    EXPECT_EQ(table.lookup("13959099999").status, MobileRegionStatus::unknown);
    EXPECT_EQ(table.lookup("13959200000").status, MobileRegionStatus::unknown);
    EXPECT_EQ(table.lookup("19900000000").status, MobileRegionStatus::unknown);
}

TEST(PrefixTable, ReturnsInvalidForMalformedNumber) {
    const PrefixTableRegionLookup table = parseOrFail(kTable);
    EXPECT_EQ(table.lookup("1395910000").status, MobileRegionStatus::invalid);
    EXPECT_EQ(table.lookup("1395910000a").status, MobileRegionStatus::invalid);
    EXPECT_EQ(table.lookup("23959100000").status, MobileRegionStatus::invalid);
    EXPECT_EQ(table.lookup("").status, MobileRegionStatus::invalid);
}

TEST(PrefixTable, AcceptsCrlfLineEnds) {
    const PrefixTableRegionLookup table =
        parseOrFail("first\tlast\tprovince\tcity\r\n1395910\t1395919\t福建省\t福州市\r\n");
    EXPECT_EQ(table.lookup("13959100000").city, "福州市");
}

TEST(PrefixTable, RejectsMissingHeader) {
    EXPECT_EQ(parseError("1395910\t1395919\t福建省\t福州市\n"),
              "号码归属地数据第1行无效：缺少表头 first/last/province/city");
}

TEST(PrefixTable, RejectsEmptyText) {
    EXPECT_EQ(parseError("# only a comment\n"), "号码归属地数据为空或缺少表头");
}

TEST(PrefixTable, RejectsWrongColumnCount) {
    EXPECT_EQ(parseError("first\tlast\tprovince\tcity\n1395910\t1395919\t福建省\n"),
              "号码归属地数据第2行无效：应有4列，以制表符分隔");
}

TEST(PrefixTable, RejectsPrefixThatIsNotSevenDigits) {
    EXPECT_EQ(parseError("first\tlast\tprovince\tcity\n139591\t1395919\t福建省\t福州市\n"),
              "号码归属地数据第2行无效：号段前缀应为以1开头的7位数字");
}

TEST(PrefixTable, RejectsRangeEndingBeforeItStarts) {
    EXPECT_EQ(parseError("first\tlast\tprovince\tcity\n1395919\t1395910\t福建省\t福州市\n"),
              "号码归属地数据第2行无效：区间结束小于开始");
}

TEST(PrefixTable, RejectsOverlappingRanges) {
    EXPECT_EQ(parseError("first\tlast\tprovince\tcity\n"
                         "1395910\t1395919\t福建省\t福州市\n"
                         "1395915\t1395920\t福建省\t厦门市\n"),
              "号码归属地数据第3行无效：区间未按顺序排列或与上一行重叠");
}

TEST(PrefixTable, RejectsMissingProvince) {
    EXPECT_EQ(parseError("first\tlast\tprovince\tcity\n1395910\t1395919\t\t福州市\n"),
              "号码归属地数据第2行无效：缺少省份");
}

TEST(PrefixTable, BlocksSmsToOtherProvinceThroughValidator) {
    const PrefixTableRegionLookup table = parseOrFail(kTable);
    const MobileVerdict verdict = validateMobileNumberForSms("+86 135-7100-1234", table);
    const Finding* finding = verdict.find("region_outside_fujian");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "该号码归属地为 浙江省杭州市，短信验证码仅支持福建省内手机号码");
}

TEST(PrefixTable, GeneratedAssetNamesFujianPrefectures) {
#ifdef PORTAL_ASSETS_DIR
    const std::string path = std::string(PORTAL_ASSETS_DIR) + "/phone_prefixes.tsv";
#else
    const std::string path = std::string(PORTAL_VECTORS_DIR) + "/../../assets/phone_prefixes.tsv";
#endif
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        GTEST_SKIP() << path << " is missing: run tools/phone_prefix_gen to generate it";
    }
    std::ostringstream text;
    text << file.rdbuf();
    const PrefixTableRegionLookup table = parseOrFail(text.str());

    // Regions of these prefixes in libphonenumber's geocoding data (8.12.57).
    EXPECT_EQ(table.lookup("13959100000").city, "福州市");
    EXPECT_EQ(table.lookup("18950000000").city, "厦门市");
    EXPECT_EQ(table.lookup("13805910000").city, "泉州市");
    EXPECT_EQ(table.lookup("13800000000").province, "北京市");
    EXPECT_EQ(table.lookup("13800000000").status, MobileRegionStatus::other_province);
}

} // namespace
} // namespace portal
