#include "core/mobile_regions.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace portal {
namespace {

// A prefix range of a test table, with its 1-based region index (0 for none).
struct TestRange {
    std::uint32_t first;
    std::uint32_t last;
    std::uint8_t region;
};

// Builds table contents from sorted, non-overlapping ranges; prefixes between them get no
// region.
PrefixTableContents contentsFromRanges(std::vector<PrefixTableRegion> regions,
                                       const std::vector<TestRange>& ranges,
                                       std::uint32_t firstPrefix = 1300000,
                                       std::uint32_t prefixCount = 700000) {
    PrefixTableContents contents;
    contents.sourceLabel = "test data";
    contents.firstPrefix = firstPrefix;
    contents.prefixCount = prefixCount;
    contents.regions = std::move(regions);
    std::uint32_t next = firstPrefix;
    for (const TestRange& range : ranges) {
        if (range.first > next) {
            contents.runs.push_back({range.first - next, 0});
        }
        contents.runs.push_back({range.last - range.first + 1, range.region});
        next = range.last + 1;
    }
    if (next < firstPrefix + prefixCount) {
        contents.runs.push_back({firstPrefix + prefixCount - next, 0});
    }
    return contents;
}

PrefixTableContents sampleContents() {
    return contentsFromRanges(
        {{"北京市", ""}, {"浙江省", ""}, {"福建省", "福州市"}},
        {{1300010, 1300011, 1}, {1357100, 1357109, 2}, {1395910, 1395919, 3}});
}

// Appends the CRC-32 that a file with this body must end with.
std::string withChecksum(std::string body) {
    const std::uint32_t checksum = computeCrc32(body);
    for (int i = 0; i < 4; ++i) {
        body.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFFu));
    }
    return body;
}

// Removes the checksum of an encoded table, so that a test can change the body.
std::string bodyOf(const std::string& file) {
    return file.substr(0, file.size() - 4);
}

PrefixTableRegionLookup parseOrFail(std::string_view bytes) {
    Result<PrefixTableRegionLookup> parsed = PrefixTableRegionLookup::parse(bytes);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? std::move(parsed).value() : PrefixTableRegionLookup();
}

std::string parseError(std::string_view bytes) {
    const Result<PrefixTableRegionLookup> parsed = PrefixTableRegionLookup::parse(bytes);
    return parsed.ok() ? "" : parsed.error().message;
}

const PrefixTableRegionLookup& sampleTable() {
    static const PrefixTableRegionLookup table = parseOrFail(encodePrefixTable(sampleContents()));
    return table;
}

TEST(PrefixTable, ComputesZlibCrc32) {
    // The check value of CRC-32/ISO-HDLC, the variant zlib and Python's zlib.crc32 compute.
    EXPECT_EQ(computeCrc32("123456789"), 0xCBF43926u);
    EXPECT_EQ(computeCrc32(""), 0u);
}

TEST(PrefixTable, ReadsRunsAndRegions) {
    EXPECT_EQ(sampleTable().runCount(), 7u);
    EXPECT_EQ(sampleTable().regionCount(), 3u);
    EXPECT_EQ(sampleTable().sourceLabel(), "test data");
}

TEST(PrefixTable, FindsFujianCity) {
    const MobileRegion region = sampleTable().lookup("13959100000");
    EXPECT_EQ(region.status, MobileRegionStatus::fujian);
    EXPECT_EQ(region.province, "福建省");
    EXPECT_EQ(region.city, "福州市");
}

TEST(PrefixTable, FindsOtherProvinceWithoutCity) {
    const MobileRegion region = sampleTable().lookup("13571001234");
    EXPECT_EQ(region.status, MobileRegionStatus::other_province);
    EXPECT_EQ(region.province, "浙江省");
    EXPECT_EQ(region.city, "");
}

TEST(PrefixTable, FindsFirstAndLastPrefixOfRun) {
    EXPECT_EQ(sampleTable().lookup("13959100000").status, MobileRegionStatus::fujian);
    EXPECT_EQ(sampleTable().lookup("13959199999").status, MobileRegionStatus::fujian);
    EXPECT_EQ(sampleTable().lookup("13000100000").province, "北京市");
    EXPECT_EQ(sampleTable().lookup("13000119999").province, "北京市");
}

TEST(PrefixTable, ReturnsUnknownBetweenRuns) {
    EXPECT_EQ(sampleTable().lookup("13000000000").status, MobileRegionStatus::unknown);
    EXPECT_EQ(sampleTable().lookup("13959099999").status, MobileRegionStatus::unknown);
    EXPECT_EQ(sampleTable().lookup("13959200000").status, MobileRegionStatus::unknown);
    EXPECT_EQ(sampleTable().lookup("19999999999").status, MobileRegionStatus::unknown);
}

TEST(PrefixTable, ReturnsUnknownOutsideCoveredPrefixes) {
    const PrefixTableRegionLookup table = parseOrFail(encodePrefixTable(
        contentsFromRanges({{"福建省", "厦门市"}}, {{1895000, 1895009, 1}}, 1895000, 10)));
    EXPECT_EQ(table.lookup("18950000000").city, "厦门市");
    EXPECT_EQ(table.lookup("18950090000").city, "厦门市");
    EXPECT_EQ(table.lookup("18949999999").status, MobileRegionStatus::unknown);
    EXPECT_EQ(table.lookup("18950100000").status, MobileRegionStatus::unknown);
    EXPECT_EQ(table.lookup("13000000000").status, MobileRegionStatus::unknown);
}

TEST(PrefixTable, ReturnsInvalidForMalformedNumber) {
    EXPECT_EQ(sampleTable().lookup("1395910000").status, MobileRegionStatus::invalid);
    EXPECT_EQ(sampleTable().lookup("1395910000a").status, MobileRegionStatus::invalid);
    EXPECT_EQ(sampleTable().lookup("23959100000").status, MobileRegionStatus::invalid);
    EXPECT_EQ(sampleTable().lookup("").status, MobileRegionStatus::invalid);
}

TEST(PrefixTable, FindsPrefixWithoutNumber) {
    const PrefixRegionView region = sampleTable().findPrefix(1395915);
    EXPECT_EQ(region.status, MobileRegionStatus::fujian);
    EXPECT_EQ(region.city, "福州市");
    EXPECT_EQ(sampleTable().findPrefix(999999).status, MobileRegionStatus::unknown);
    EXPECT_EQ(sampleTable().findPrefix(2000000).status, MobileRegionStatus::unknown);
}

TEST(PrefixTable, FindsEveryPrefixAcrossBlockBoundaries) {
    // Runs that start, end and cross at every kind of place relative to the blocks of 1000
    // prefixes that the lookup indexes, over a range that ends inside a block.
    const std::vector<TestRange> ranges = {{1300500, 1300500, 1}, {1301499, 1301500, 2},
                                           {1301501, 1301501, 3}, {1302500, 1304000, 1},
                                           {1304001, 1304499, 2}, {1304820, 1304820, 3}};
    const std::uint32_t firstPrefix = 1300500;
    const std::uint32_t prefixCount = 4321;
    const PrefixTableRegionLookup table = parseOrFail(encodePrefixTable(contentsFromRanges(
        {{"北京市", ""}, {"浙江省", ""}, {"福建省", "福州市"}}, ranges, firstPrefix, prefixCount)));
    const std::string_view provinces[] = {"", "北京市", "浙江省", "福建省"};

    for (std::uint32_t prefix = firstPrefix; prefix < firstPrefix + prefixCount; ++prefix) {
        std::uint8_t expected = 0;
        for (const TestRange& range : ranges) {
            if (prefix >= range.first && prefix <= range.last) {
                expected = range.region;
            }
        }
        EXPECT_EQ(table.findPrefix(prefix).province, provinces[expected]) << "prefix " << prefix;
    }
    EXPECT_EQ(table.findPrefix(firstPrefix + prefixCount).status, MobileRegionStatus::unknown);
}

TEST(PrefixTable, LookupIntoReplacesPreviousRegion) {
    MobileRegion region{MobileRegionStatus::invalid, "一个很长的省份名称占满了缓冲区", "某市"};
    sampleTable().lookupInto("13571001234", region);
    EXPECT_EQ(region.status, MobileRegionStatus::other_province);
    EXPECT_EQ(region.province, "浙江省");
    EXPECT_EQ(region.city, "");
}

TEST(PrefixTable, EmptyTableKnowsNoRegion) {
    const PrefixTableRegionLookup table;
    EXPECT_EQ(table.lookup("13959100000").status, MobileRegionStatus::unknown);
    EXPECT_EQ(table.regionCount(), 0u);
}

TEST(PrefixTable, BlocksSmsToOtherProvinceThroughValidator) {
    const MobileVerdict verdict = validateMobileNumberForSms("+86 135-7100-1234", sampleTable());
    const Finding* finding = verdict.find("region_outside_fujian");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "该号码归属地为 浙江省，短信验证码仅支持福建省内手机号码");
}

TEST(PrefixTableParse, RejectsEmptyInput) {
    EXPECT_EQ(parseError(""),
              "号码归属地数据无效（第0字节）：不是号码归属地数据文件（文件头应为 MPRT）");
}

TEST(PrefixTableParse, RejectsWrongMagic) {
    std::string body = bodyOf(encodePrefixTable(sampleContents()));
    body[0] = 'X';
    EXPECT_EQ(parseError(withChecksum(body)),
              "号码归属地数据无效（第0字节）：不是号码归属地数据文件（文件头应为 MPRT）");
}

TEST(PrefixTableParse, RejectsChangedByte) {
    std::string file = encodePrefixTable(sampleContents());
    file[10] = static_cast<char>(file[10] ^ 0x01);
    EXPECT_EQ(parseError(file), "号码归属地数据无效（第" + std::to_string(file.size() - 4) +
                                    "字节）：校验和不符，文件已损坏或不完整");
}

TEST(PrefixTableParse, RejectsEveryTruncation) {
    const std::string file = encodePrefixTable(sampleContents());
    for (std::size_t size = 0; size < file.size(); ++size) {
        EXPECT_FALSE(PrefixTableRegionLookup::parse(file.substr(0, size)).ok()) << size;
    }
}

TEST(PrefixTableParse, RejectsTruncatedBodyWithValidChecksum) {
    const std::string body = bodyOf(encodePrefixTable(sampleContents()));
    for (std::size_t size = 5; size < body.size(); ++size) {
        const std::string message = parseError(withChecksum(body.substr(0, size)));
        EXPECT_NE(message, "") << size;
    }
    EXPECT_EQ(parseError(withChecksum(body.substr(0, 5))),
              "号码归属地数据无效（第5字节）：文件在数据来源处截断");
}

TEST(PrefixTableParse, RejectsUnsupportedVersion) {
    std::string body = bodyOf(encodePrefixTable(sampleContents()));
    body[4] = 2;
    EXPECT_EQ(parseError(withChecksum(body)),
              "号码归属地数据无效（第4字节）：不支持的版本 2，应为 1");
}

TEST(PrefixTableParse, RejectsRunsShortOfPrefixCount) {
    PrefixTableContents contents = sampleContents();
    contents.runs.back().length -= 1;
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("区间未覆盖全部号段，缺少 1 个号段"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsRunBeyondPrefixCount) {
    PrefixTableContents contents = sampleContents();
    contents.runs.back().length += 1;
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("第7个区间超出号段范围"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsRunAfterLastPrefix) {
    PrefixTableContents contents = sampleContents();
    contents.runs.push_back({1, 0});
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("第8个区间超出号段范围"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsUnknownRegionIndex) {
    PrefixTableContents contents = sampleContents();
    contents.runs[1].region = 4;
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("第2个区间的地区编号 4 不存在"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsEmptyProvince) {
    PrefixTableContents contents = sampleContents();
    contents.regions[0].province.clear();
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("省份名称长度0字节不在1-64之间"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsOverlongCityName) {
    PrefixTableContents contents = sampleContents();
    contents.regions[2].city = std::string(65, 'A');
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("城市名称长度65字节不在0-64之间"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsInvalidUtf8Name) {
    PrefixTableContents contents = sampleContents();
    contents.regions[1].province = "\xE6\xB5";
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("省份名称不是有效的UTF-8文本"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsPrefixesBeyond1999999) {
    PrefixTableContents contents = contentsFromRanges({}, {}, 1999999, 2);
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("号段范围应在1000000-1999999之内"),
              std::string::npos);
    contents = contentsFromRanges({}, {}, 999999, 1);
    EXPECT_NE(parseError(encodePrefixTable(contents)).find("号段范围应在1000000-1999999之内"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsBytesAfterRuns) {
    const std::string body = bodyOf(encodePrefixTable(sampleContents()));
    EXPECT_NE(parseError(withChecksum(body + '\0')).find("区间之后还有多余数据"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsVarintLongerThanFiveBytes) {
    // Magic, version, then a source label length of six continuation-marked bytes.
    const std::string body = std::string("MPRT\x01", 5) + "\x80\x80\x80\x80\x80\x00";
    EXPECT_NE(parseError(withChecksum(body)).find("数据来源的变长整数超过5字节"),
              std::string::npos);
}

TEST(PrefixTableParse, RejectsVarintAbove32Bits) {
    const std::string body = std::string("MPRT\x01", 5) + "\xFF\xFF\xFF\xFF\x1F";
    EXPECT_NE(parseError(withChecksum(body)).find("数据来源超出32位整数范围"), std::string::npos);
}

TEST(PrefixTableParse, RejectsRunCountBeyondFileSize) {
    PrefixTableContents contents = sampleContents();
    std::string body = bodyOf(encodePrefixTable(contents));
    // Without runs, the body ends with the run count, so its offset is the size minus one.
    contents.runs.clear();
    const std::size_t runCountOffset = bodyOf(encodePrefixTable(contents)).size() - 1;
    ASSERT_EQ(body[runCountOffset], 7);
    body[runCountOffset] = 100;
    EXPECT_NE(parseError(withChecksum(body)).find("区间数 100 超出号段数或文件大小"),
              std::string::npos);
}

TEST(PrefixTableParse, SurvivesEverySingleByteChange) {
    // Every byte replaced by a few values, with the checksum fixed up, so that parsing gets
    // past the checksum. Whatever the result, a parsed table must answer lookups.
    const std::string body = bodyOf(encodePrefixTable(sampleContents()));
    for (std::size_t i = 0; i < body.size(); ++i) {
        for (int value : {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
            std::string changed = body;
            changed[i] = static_cast<char>(value);
            const Result<PrefixTableRegionLookup> parsed =
                PrefixTableRegionLookup::parse(withChecksum(changed));
            if (parsed.ok()) {
                parsed.value().lookup("13959100000");
                parsed.value().lookup("19999999999");
            }
        }
    }
}

// The table that the build generates from libphonenumber's data (PORTAL_PHONE_TABLE).
TEST(GeneratedPrefixTable, NamesFujianPrefecturesAndProvinces) {
#ifdef PORTAL_PHONE_TABLE
    const std::string path = PORTAL_PHONE_TABLE;
#else
    const std::string path = "build/generated/phone_prefixes.bin";
#endif
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        GTEST_SKIP() << path << " is missing: build the phone_table target of the native preset";
    }
    std::ostringstream bytes;
    bytes << file.rdbuf();
    EXPECT_LT(bytes.str().size(), 64u * 1024u);
    const PrefixTableRegionLookup table = parseOrFail(bytes.str());

    // Regions of these prefixes in libphonenumber's geocoding data (8.12.57).
    EXPECT_EQ(table.lookup("13959100000").city, "福州市");
    EXPECT_EQ(table.lookup("18950000000").city, "厦门市");
    EXPECT_EQ(table.lookup("13805910000").city, "泉州市");
    EXPECT_EQ(table.lookup("13800000000").province, "北京市");
    EXPECT_EQ(table.lookup("13800000000").status, MobileRegionStatus::other_province);
    EXPECT_EQ(table.lookup("13800000000").city, "");

    // 9 Fujian prefectures and the 30 other provinces with located prefixes.
    EXPECT_EQ(table.regionCount(), 39u);
    std::size_t fujianPrefixes = 0;
    for (std::uint32_t prefix = 1300000; prefix <= 1999999; ++prefix) {
        if (table.findPrefix(prefix).status == MobileRegionStatus::fujian) {
            ++fujianPrefixes;
        }
    }
    EXPECT_EQ(fujianPrefixes, 10039u);
}

} // namespace
} // namespace portal
