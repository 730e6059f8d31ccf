#include "core/mobile.h"

#include "vector_file.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>

namespace portal {
namespace {

// Returns a fixed region and counts the lookups.
class FixedRegionLookup : public MobileRegionLookup {
public:
    explicit FixedRegionLookup(MobileRegion region) : region_(std::move(region)) {}

    MobileRegion lookup(std::string_view number) const override {
        ++calls;
        lastNumber = std::string(number);
        return region_;
    }

    mutable int calls = 0;
    mutable std::string lastNumber;

private:
    MobileRegion region_;
};

TEST(ValidateMobileNumber, AcceptsPlainNumber) {
    const MobileVerdict verdict = validateMobileNumber("13959100000");
    EXPECT_EQ(verdict.normalized, "13959100000");
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateMobileNumber, StripsPlus86) {
    EXPECT_EQ(validateMobileNumber("+86 13959100000").normalized, "13959100000");
}

TEST(ValidateMobileNumber, Strips0086) {
    EXPECT_EQ(validateMobileNumber("0086-13959100000").normalized, "13959100000");
}

TEST(ValidateMobileNumber, Strips86WhenThirteenDigitsRemain) {
    EXPECT_EQ(validateMobileNumber("8613959100000").normalized, "13959100000");
}

TEST(ValidateMobileNumber, AcceptsBracketedCountryCode) {
    const MobileVerdict verdict = validateMobileNumber("（＋８６）139 5910 0000");
    EXPECT_EQ(verdict.normalized, "13959100000");
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateMobileNumber, RemovesSpacesAndDashes) {
    EXPECT_EQ(validateMobileNumber(" 139 5910-0000 ").normalized, "13959100000");
}

TEST(ValidateMobileNumber, RemovesUnicodeDashes) {
    EXPECT_EQ(validateMobileNumber("139\u20145910\u20130000").normalized, "13959100000");
}

TEST(ValidateMobileNumber, FoldsFullWidthDigits) {
    EXPECT_EQ(validateMobileNumber("１３９５９１０００００").normalized, "13959100000");
}

TEST(ValidateMobileNumber, RejectsEmptyInput) {
    EXPECT_NE(validateMobileNumber(" - ").find("empty"), nullptr);
}

TEST(ValidateMobileNumber, RejectsOtherCountryCode) {
    const MobileVerdict verdict = validateMobileNumber("+852 9123 4567");
    const Finding* finding = verdict.find("not_mainland_number");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
}

TEST(ValidateMobileNumber, RejectsOtherCountryCodeAfter00) {
    EXPECT_NE(validateMobileNumber("00852 91234567").find("not_mainland_number"), nullptr);
}

TEST(ValidateMobileNumber, RejectsLetterShowingItAsTyped) {
    const MobileVerdict verdict = validateMobileNumber("139a5910000");
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 4u);
    EXPECT_EQ(finding->message, "第4位的“a”不是数字，请只输入手机号码");
}

TEST(ValidateMobileNumber, RejectsPlusInsideNumber) {
    EXPECT_NE(validateMobileNumber("139+5910000").find("invalid_character"), nullptr);
}

TEST(ValidateMobileNumber, RejectsTenDigitsStatingLength) {
    const MobileVerdict verdict = validateMobileNumber("1395910000");
    const Finding* finding = verdict.find("wrong_length");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "手机号码应为11位数字，当前为10位");
}

TEST(ValidateMobileNumber, RejectsTwelveDigits) {
    EXPECT_NE(validateMobileNumber("139591000001").find("wrong_length"), nullptr);
}

TEST(ValidateMobileNumber, RejectsNumberNotStartingWithOne) {
    const MobileVerdict verdict = validateMobileNumber("23959100000");
    const Finding* finding = verdict.find("not_mobile_number");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 1u);
}

TEST(ValidateMobileNumber, RejectsUnallocatedSegmentNamingIt) {
    const MobileVerdict verdict = validateMobileNumber("15412345678");
    const Finding* finding = verdict.find("unallocated_segment");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "号段 154 不是已分配的手机号段，请核对前3位");
}

TEST(ValidateMobileNumber, RejectsInvalidUtf8) {
    const std::string input = "139\xFF" + std::string("59100000");
    EXPECT_NE(validateMobileNumber(input).find("invalid_utf8"), nullptr);
}

TEST(ValidateMobileNumber, RejectsOneMegabyteOfDigits) {
    EXPECT_NE(validateMobileNumber(std::string(1 << 20, '1')).find("wrong_length"), nullptr);
}

TEST(IsAllocatedMobileSegment, AcceptsEveryAllocatedSegment) {
    for (const char* segment :
         {"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "146",
          "147", "148", "149", "150", "151", "152", "153", "155", "156", "157", "158", "159",
          "162", "165", "166", "167", "170", "171", "172", "173", "174", "175", "176", "177",
          "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "190",
          "191", "192", "193", "195", "196", "197", "198", "199"}) {
        EXPECT_TRUE(isAllocatedMobileSegment(segment)) << segment;
    }
}

TEST(IsAllocatedMobileSegment, RejectsUnallocatedSegments) {
    for (const char* segment : {"100", "110", "120", "140", "141", "142", "143", "144", "154",
                                "160", "161", "163", "164", "168", "169", "179", "194"}) {
        EXPECT_FALSE(isAllocatedMobileSegment(segment)) << segment;
    }
}

TEST(IsAllocatedMobileSegment, RejectsShortInput) {
    EXPECT_FALSE(isAllocatedMobileSegment("13"));
}

TEST(ValidateMobileNumberForSms, AllowsFujianNumber) {
    const FixedRegionLookup lookup({MobileRegionStatus::fujian, "福建省", "福州市"});
    const MobileVerdict verdict = validateMobileNumberForSms("+86 139 5910 0000", lookup);
    EXPECT_TRUE(verdict.smsAllowed());
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.region.city, "福州市");
}

TEST(ValidateMobileNumberForSms, LooksUpNormalizedNumber) {
    const FixedRegionLookup lookup({MobileRegionStatus::fujian, "福建省", "福州市"});
    validateMobileNumberForSms("+86 139 5910 0000", lookup);
    EXPECT_EQ(lookup.lastNumber, "13959100000");
}

TEST(ValidateMobileNumberForSms, BlocksNumberOfOtherProvinceNamingIt) {
    const FixedRegionLookup lookup({MobileRegionStatus::other_province, "浙江省", "杭州市"});
    const MobileVerdict verdict = validateMobileNumberForSms("13857100000", lookup);
    EXPECT_FALSE(verdict.smsAllowed());
    const Finding* finding = verdict.find("region_outside_fujian");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "该号码归属地为 浙江省杭州市，短信验证码仅支持福建省内手机号码");
}

TEST(ValidateMobileNumberForSms, NamesMunicipalityWithoutCity) {
    const FixedRegionLookup lookup({MobileRegionStatus::other_province, "北京市", ""});
    const MobileVerdict verdict = validateMobileNumberForSms("13800000000", lookup);
    const Finding* finding = verdict.find("region_outside_fujian");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "该号码归属地为 北京市，短信验证码仅支持福建省内手机号码");
}

TEST(ValidateMobileNumberForSms, WarnsButAllowsUnknownRegion) {
    const FixedRegionLookup lookup({MobileRegionStatus::unknown, "", ""});
    const MobileVerdict verdict = validateMobileNumberForSms("19212345678", lookup);
    EXPECT_TRUE(verdict.smsAllowed());
    const Finding* finding = verdict.find("region_unknown");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
}

TEST(ValidateMobileNumberForSms, BlocksNumberTheLookupCallsInvalid) {
    const FixedRegionLookup lookup({MobileRegionStatus::invalid, "", ""});
    const MobileVerdict verdict = validateMobileNumberForSms("13959100000", lookup);
    EXPECT_FALSE(verdict.smsAllowed());
    EXPECT_NE(verdict.find("region_invalid"), nullptr);
}

TEST(ValidateMobileNumberForSms, SkipsLookupForMalformedNumber) {
    const FixedRegionLookup lookup({MobileRegionStatus::fujian, "福建省", "福州市"});
    const MobileVerdict verdict = validateMobileNumberForSms("1395910000", lookup);
    EXPECT_FALSE(verdict.smsAllowed());
    EXPECT_EQ(lookup.calls, 0);
}

TEST(ValidateMobileNumber, HandlesRandomBytes) {
    // Each byte is arbitrary in one round of three. The other rounds draw from characters the
    // validator reads, so that they reach the later checks.
    const std::string alphabet = "0123456789+-() ";
    std::mt19937 random(12333);
    std::uniform_int_distribution<int> anyByte(0, 255);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int round = 0; round < 20000; ++round) {
        std::string input(static_cast<std::size_t>(round % 20), '\0');
        for (char& c : input) {
            c = round % 3 == 0 ? static_cast<char>(anyByte(random)) : alphabet[pick(random)];
        }
        const MobileVerdict verdict = validateMobileNumber(input);
        ASSERT_TRUE(verdict.isBlocked() || !verdict.normalized.empty()) << "round " << round;
        for (const Finding& finding : verdict.findings) {
            ASSERT_FALSE(finding.message.empty()) << "round " << round;
        }
    }
}

void expectSameVerdictOnGeneralPath(const std::string& input) {
    test::expectSameVerdictAfterNoBreakSpace(
        input, [](const std::string& value) { return validateMobileNumber(value); },
        [](const MobileVerdict&) { return std::string(); });
}

TEST(ValidateMobileNumber, PlainInputMatchesGeneralPath) {
    const auto rows = test::readVectorFile("mobile_numbers.tsv");
    ASSERT_FALSE(rows.empty());
    for (const test::VectorRow& row : rows) {
        expectSameVerdictOnGeneralPath(row.get("value"));
    }

    // Random sequences of what typed numbers consist of, full-width digits and a bare EF byte
    // included. Up to 30 pieces, so that some inputs have more than the 24 digits that the plain
    // path reads.
    const std::string pieces[] = {"1", "3", "8", "6", "0", "9", "5", " ", "-", "(",
                                  ")", "+", "\t", "１", "８", "６", "０", "\xEF", "0086", "+86"};
    std::mt19937 random(86);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
    for (int round = 0; round < 5000; ++round) {
        std::string input;
        for (int i = 0; i < round % 31; ++i) {
            input += pieces[pick(random)];
        }
        expectSameVerdictOnGeneralPath(input);
    }
}

TEST(ValidateMobileNumber, ReusedVerdictMatchesNewVerdict) {
    MobileVerdict reused;
    for (const std::string input : {"+86 139 5910 0000", "１３８００１３８０００", "+1 650 253 0000",
                                    "13959100000", "1395910000", "2395910000a"}) {
        validateMobileNumber(input, reused);
        EXPECT_EQ(test::describeVerdict(reused), test::describeVerdict(validateMobileNumber(input)))
            << input;
    }
}

TEST(ValidateMobileNumber, MatchesVectorFile) {
    const auto rows = test::readVectorFile("mobile_numbers.tsv");
    ASSERT_FALSE(rows.empty());
    for (const test::VectorRow& row : rows) {
        SCOPED_TRACE("mobile_numbers.tsv line " + std::to_string(row.line) + ": " +
                     row.get("value"));
        const MobileVerdict verdict = validateMobileNumber(row.get("value"));
        EXPECT_EQ(test::verdictName(verdict), row.get("verdict"));
        EXPECT_EQ(test::findingCodes(verdict), test::expectedCodes(row.get("findings")));
        EXPECT_EQ(verdict.normalized, row.get("normalized"));
    }
}

} // namespace
} // namespace portal
