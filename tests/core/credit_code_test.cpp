#include "core/credit_code.h"

#include "vector_file.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace portal {
namespace {

using namespace std::string_literals;

// 91350100M000100Y43 is a widely published sample code: 工商 / 企业, Fuzhou, organisation code
// M000100Y-4, check character 3.
constexpr const char* kSampleCode = "91350100M000100Y43";

// The credit code character set in order of value (GB 32100-2015).
constexpr std::string_view kCharacterSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

TEST(CreditCodeCheckCharacter, MatchesHandComputedSample) {
    // Values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4 times weights 1 3 9 27 19 26 16 17 20 29
    // 25 13 8 24 10 30 28 sum to 9+3+27+135+26+420+8+900+112 = 1640. 1640 mod 31 = 28, and
    // 31 - 28 = 3.
    EXPECT_EQ(computeCreditCodeCheckCharacter("91350100M000100Y4"), '3');
}

TEST(CreditCodeCheckCharacter, IsZeroWhenSumIsDivisibleBy31) {
    EXPECT_EQ(computeCreditCodeCheckCharacter("91350102100000286"), '0');
}

TEST(CreditCodeCheckCharacter, UsesPowersOfThreeModulo31AsWeights) {
    // Raising the value at position i by one raises the weighted sum by that position's
    // weight, so the check value drops by 3^(i-1) mod 31.
    const std::string base = "00000000000000000";
    int weight = 1;
    for (std::size_t i = 0; i < base.size(); ++i) {
        std::string raised = base;
        raised[i] = '1';
        const std::size_t baseCheck = kCharacterSet.find(computeCreditCodeCheckCharacter(base));
        const std::size_t raisedCheck = kCharacterSet.find(computeCreditCodeCheckCharacter(raised));
        EXPECT_EQ((static_cast<int>(baseCheck) - static_cast<int>(raisedCheck) + 31) % 31, weight)
            << "position " << i + 1;
        weight = weight * 3 % 31;
    }
}

TEST(CreditCodeCheckCharacter, ReturnsNulForCharacterOutsideSet) {
    EXPECT_EQ(computeCreditCodeCheckCharacter("91350100O000100Y4"), '\0');
}

TEST(CreditCodeCheckCharacter, ReturnsNulForWrongLength) {
    EXPECT_EQ(computeCreditCodeCheckCharacter("9135"), '\0');
}

TEST(OrganizationCodeCheckCharacter, MatchesHandComputedSample) {
    // M=22 and Y=34 in GB 11714. 22*3 + 1*5 + 34*2 = 139, 139 mod 11 = 7, 11 - 7 = 4.
    EXPECT_EQ(computeOrganizationCodeCheckCharacter("M000100Y"), '4');
}

TEST(OrganizationCodeCheckCharacter, WritesTenAsX) {
    // 1*3 + 1*4 + 8*2 = 23, 23 mod 11 = 1, 11 - 1 = 10.
    EXPECT_EQ(computeOrganizationCodeCheckCharacter("10000018"), 'X');
}

TEST(OrganizationCodeCheckCharacter, WritesElevenAsZero) {
    // 1*3 + 4*2 = 11, 11 mod 11 = 0, 11 - 0 = 11.
    EXPECT_EQ(computeOrganizationCodeCheckCharacter("10000004"), '0');
}

TEST(OrganizationCodeCheckCharacter, ReturnsNulForLowerCaseLetter) {
    EXPECT_EQ(computeOrganizationCodeCheckCharacter("m000100Y"), '\0');
}

TEST(ValidateCreditCode, AcceptsSampleCodeWithoutFindings) {
    const CreditCodeVerdict verdict = validateCreditCode(kSampleCode);
    EXPECT_EQ(verdict.normalized, kSampleCode);
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateCreditCode, NamesAuthorityTypeAndDivision) {
    const CreditCodeVerdict verdict = validateCreditCode(kSampleCode);
    EXPECT_EQ(verdict.details.registrationAuthority, "工商");
    EXPECT_EQ(verdict.details.organizationType, "企业");
    EXPECT_EQ(verdict.details.divisionCode, "350100");
    EXPECT_EQ(verdict.details.divisionName, "福建省福州市");
    EXPECT_EQ(verdict.details.organizationCode, "M000100Y4");
}

TEST(ValidateCreditCode, AcceptsLowerCaseAndShowsUpperCase) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100m000100y43");
    EXPECT_EQ(verdict.normalized, kSampleCode);
    EXPECT_FALSE(verdict.isBlocked());
    EXPECT_FALSE(verdict.hasWarnings());
}

TEST(ValidateCreditCode, AcceptsFullWidthCharactersAndSurroundingSpaces) {
    const CreditCodeVerdict verdict =
        validateCreditCode("\u3000９１３５０１００Ｍ０００１００Ｙ４３ ");
    EXPECT_EQ(verdict.normalized, kSampleCode);
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateCreditCode, RejectsEmptyInput) {
    const CreditCodeVerdict verdict = validateCreditCode("  ");
    ASSERT_NE(verdict.find("empty"), nullptr);
    EXPECT_EQ(verdict.find("empty")->severity, Severity::block);
}

TEST(ValidateCreditCode, RejectsCodeContainingLetterO) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100O000100Y43");
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
    EXPECT_EQ(finding->position, 9u);
    EXPECT_EQ(finding->message,
              "第9位是字母 O，统一社会信用代码不使用字母 I、O、Z、S、V，是否应为数字 0？");
}

TEST(ValidateCreditCode, RejectsEachExcludedLetter) {
    for (const char letter : {'I', 'O', 'Z', 'S', 'V'}) {
        std::string code = kSampleCode;
        code[4] = letter;
        const CreditCodeVerdict verdict = validateCreditCode(code);
        const Finding* finding = verdict.find("invalid_character");
        ASSERT_NE(finding, nullptr) << letter;
        EXPECT_EQ(finding->position, 5u) << letter;
    }
}

TEST(ValidateCreditCode, RejectsChineseCharacterNamingIt) {
    const CreditCodeVerdict verdict = validateCreditCode("9135010中M000100Y43");
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 8u);
    EXPECT_NE(finding->message.find("第8位的“中”"), std::string::npos) << finding->message;
    EXPECT_EQ(verdict.find("wrong_length"), nullptr);
}

TEST(ValidateCreditCode, RejectsPunctuationInsideCode) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100-M000100Y43");
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 9u);
}

TEST(ValidateCreditCode, RejectsShortCodeStatingLength) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100M000100Y4");
    const Finding* finding = verdict.find("wrong_length");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
    EXPECT_EQ(finding->message, "统一社会信用代码应为18位，当前为17位");
}

TEST(ValidateCreditCode, RejectsLongCode) {
    EXPECT_NE(validateCreditCode("91350100M000100Y433").find("wrong_length"), nullptr);
}

TEST(ValidateCreditCode, ReportsBadCharacterAndWrongLengthTogether) {
    const CreditCodeVerdict verdict = validateCreditCode("9135 0100M000100Y43");
    EXPECT_NE(verdict.find("invalid_character"), nullptr);
    EXPECT_NE(verdict.find("wrong_length"), nullptr);
}

TEST(ValidateCreditCode, RejectsInvalidUtf8) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100\xC3M000100Y43");
    const Finding* finding = verdict.find("invalid_utf8");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 9u);
}

TEST(ValidateCreditCode, RejectsNulByte) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100\0M00100Y43"s);
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 9u);
    EXPECT_NE(finding->message.find("控制字符 U+0000"), std::string::npos) << finding->message;
}

TEST(ValidateCreditCode, RejectsOneMegabyteInput) {
    const CreditCodeVerdict verdict = validateCreditCode(std::string(1 << 20, '9'));
    const Finding* finding = verdict.find("wrong_length");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "统一社会信用代码应为18位，当前为1048576位");
}

TEST(ValidateCreditCode, WarnsOnWrongCheckCharacterNamingExpected) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100M000100Y44");
    EXPECT_FALSE(verdict.isBlocked());
    const Finding* finding = verdict.find("check_character_mismatch");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_EQ(finding->position, 18u);
    EXPECT_EQ(finding->message.rfind("第18位校验码应为 3", 0), 0u) << finding->message;
}

TEST(ValidateCreditCode, WarnsOnUnknownRegistrationAuthority) {
    const CreditCodeVerdict verdict = validateCreditCode("B1350100MA2Y3K4LX2");
    const Finding* finding = verdict.find("unknown_registration_authority");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_EQ(finding->position, 1u);
    EXPECT_EQ(verdict.findings.size(), 1u);
}

TEST(ValidateCreditCode, WarnsOnTypeTheAuthorityDoesNotAssign) {
    const CreditCodeVerdict verdict = validateCreditCode("94350100MA2Y3K4LXT");
    const Finding* finding = verdict.find("unknown_organization_type");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 2u);
    EXPECT_NE(finding->message.find("1 企业、2 个体工商户、3 农民专业合作社"), std::string::npos)
        << finding->message;
}

TEST(ValidateCreditCode, AcceptsVillageCollectiveOfAgricultureAuthority) {
    const CreditCodeVerdict verdict = validateCreditCode("N2350100MA2Y3K4LXK");
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.details.registrationAuthority, "农业");
    EXPECT_EQ(verdict.details.organizationType, "村级集体经济组织");
}

TEST(ValidateCreditCode, WarnsOnUnknownProvince) {
    const CreditCodeVerdict verdict = validateCreditCode("91990100MA2Y3K4LXW");
    const Finding* finding = verdict.find("unknown_province");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_EQ(finding->position, 3u);
}

TEST(ValidateCreditCode, WarnsOnUnknownFujianPrefecture) {
    const CreditCodeVerdict verdict = validateCreditCode("91359900MA2Y3K4LXW");
    const Finding* finding = verdict.find("unknown_prefecture");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 5u);
}

TEST(ValidateCreditCode, WarnsOnUnknownFujianCounty) {
    const CreditCodeVerdict verdict = validateCreditCode("91350199MA2Y3K4LXH");
    const Finding* finding = verdict.find("unknown_county");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 7u);
}

TEST(ValidateCreditCode, WarnsOnLetterInDivisionCode) {
    const CreditCodeVerdict verdict = validateCreditCode("913501A0MA2Y3K4LXY");
    const Finding* finding = verdict.find("invalid_division_code");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 7u);
}

TEST(ValidateCreditCode, NamesEachFujianPrefecture) {
    // Codes 91 35pp00 MA2Y3K4L X + check character, worked out per prefecture pp.
    const struct {
        const char* code;
        const char* divisionName;
    } cases[] = {
        {"91350100MA2Y3K4LX4", "福建省福州市"}, {"91350200MA2Y3K4LX9", "福建省厦门市"},
        {"91350300MA2Y3K4LXE", "福建省莆田市"}, {"91350400MA2Y3K4LXK", "福建省三明市"},
        {"91350500MA2Y3K4LXQ", "福建省泉州市"}, {"91350600MA2Y3K4LXX", "福建省漳州市"},
        {"91350700MA2Y3K4LX3", "福建省南平市"}, {"91350800MA2Y3K4LX8", "福建省龙岩市"},
        {"91350900MA2Y3K4LXD", "福建省宁德市"}, {"91350000MA2Y3K4LXY", "福建省"},
    };
    for (const auto& c : cases) {
        const CreditCodeVerdict verdict = validateCreditCode(c.code);
        EXPECT_TRUE(verdict.findings.empty()) << c.code;
        EXPECT_EQ(verdict.details.divisionName, c.divisionName) << c.code;
    }
}

TEST(ValidateCreditCode, AcceptsNationalLevelDivision) {
    const CreditCodeVerdict verdict = validateCreditCode("11100000000013127D");
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.details.divisionName, "国家级");
    EXPECT_EQ(verdict.details.organizationType, "机关");
}

TEST(ValidateCreditCode, NamesOtherProvinceOnly) {
    const CreditCodeVerdict verdict = validateCreditCode("914403001922038216");
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.details.divisionName, "广东省");
}

TEST(ValidateCreditCode, WarnsOnWrongOrganizationCodeCheck) {
    const CreditCodeVerdict verdict = validateCreditCode("91350100MA2Y3K4L1D");
    const Finding* finding = verdict.find("organization_code_check_mismatch");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_EQ(finding->position, 17u);
    EXPECT_EQ(finding->message.rfind("第17位（组织机构代码校验码）应为 X", 0), 0u)
        << finding->message;
}

TEST(ValidateCreditCode, HandlesRandomBytes) {
    // Each byte is arbitrary in one round of three. The other rounds draw from characters the
    // validator reads, so that they reach the later checks.
    const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXYIOZSV a";
    std::mt19937 random(32100);
    std::uniform_int_distribution<int> anyByte(0, 255);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int round = 0; round < 20000; ++round) {
        std::string input(static_cast<std::size_t>(round % 32), '\0');
        for (char& c : input) {
            c = round % 3 == 0 ? static_cast<char>(anyByte(random)) : alphabet[pick(random)];
        }
        const CreditCodeVerdict verdict = validateCreditCode(input);
        ASSERT_TRUE(verdict.isBlocked() || !verdict.normalized.empty()) << "round " << round;
        for (const Finding& finding : verdict.findings) {
            ASSERT_FALSE(finding.message.empty()) << "round " << round;
        }
    }
}

// Returns a credit code verdict's details, one per line.
std::string describeDetails(const CreditCodeVerdict& verdict) {
    const CreditCodeDetails& details = verdict.details;
    return std::string(details.registrationAuthority) + "\n" +
           std::string(details.organizationType) + "\n" + details.divisionCode + "\n" +
           details.divisionName + "\n" + details.organizationCode + "\n";
}

void expectSameVerdictOnGeneralPath(const std::string& input) {
    test::expectSameVerdictAfterNoBreakSpace(
        input, [](const std::string& value) { return validateCreditCode(value); },
        describeDetails);
}

TEST(ValidateCreditCode, PlainInputMatchesGeneralPath) {
    const auto rows = test::readVectorFile("credit_codes.tsv");
    ASSERT_FALSE(rows.empty());
    for (const test::VectorRow& row : rows) {
        expectSameVerdictOnGeneralPath(row.get("value"));
    }

    // Random codes of characters from the set in both cases, so that most have wrong check
    // characters, unknown authorities and divisions.
    const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXYabcdefghjklmnpqrtuwxy";
    std::mt19937 random(32100);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int round = 0; round < 2000; ++round) {
        std::string input(18, '\0');
        for (char& c : input) {
            c = alphabet[pick(random)];
        }
        expectSameVerdictOnGeneralPath(input);
    }
}

TEST(ValidateCreditCode, ReusedVerdictMatchesNewVerdict) {
    CreditCodeVerdict reused;
    for (const std::string input : {"91350100M000100Y43", "91350100M000100Y4", "Y1350582MA2XN1234",
                                    "91110000600037341L", " 91350100m000100y43"}) {
        validateCreditCode(input, reused);
        const CreditCodeVerdict fresh = validateCreditCode(input);
        EXPECT_EQ(test::describeVerdict(reused), test::describeVerdict(fresh)) << input;
        EXPECT_EQ(reused.details.divisionName, fresh.details.divisionName) << input;
    }
}

TEST(ValidateCreditCode, MatchesVectorFile) {
    const auto rows = test::readVectorFile("credit_codes.tsv");
    ASSERT_FALSE(rows.empty());
    for (const test::VectorRow& row : rows) {
        SCOPED_TRACE("credit_codes.tsv line " + std::to_string(row.line) + ": " + row.get("value"));
        const CreditCodeVerdict verdict = validateCreditCode(row.get("value"));
        EXPECT_EQ(test::verdictName(verdict), row.get("verdict"));
        EXPECT_EQ(test::findingCodes(verdict), test::expectedCodes(row.get("findings")));
        EXPECT_EQ(verdict.normalized, row.get("normalized"));
    }
}

} // namespace
} // namespace portal
