#include "core/id_card.h"

#include "vector_file.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace portal {
namespace {

using namespace std::string_literals;

constexpr CalendarDate kToday{2025, 6, 1};

// The example number of GB 11643-1999: Beijing Chaoyang district, born 1949-12-31, female.
constexpr const char* kStandardExample = "11010519491231002X";

std::string kindName(IdCardKind kind) {
    switch (kind) {
    case IdCardKind::unknown:
        return "unknown";
    case IdCardKind::resident:
        return "resident";
    case IdCardKind::hong_kong_residence_permit:
        return "hong_kong_residence_permit";
    case IdCardKind::macao_residence_permit:
        return "macao_residence_permit";
    case IdCardKind::taiwan_residence_permit:
        return "taiwan_residence_permit";
    case IdCardKind::foreign_permanent_residence:
        return "foreign_permanent_residence";
    case IdCardKind::foreign_permanent_residence_legacy:
        return "foreign_permanent_residence_legacy";
    }
    return "?";
}

std::string sexName(Sex sex) {
    if (sex == Sex::male) {
        return "male";
    }
    if (sex == Sex::female) {
        return "female";
    }
    return "";
}

CalendarDate parseIsoDate(const std::string& text) {
    return {std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
            std::stoi(text.substr(8, 2))};
}

TEST(IdCardCheckCharacter, MatchesStandardExampleByHand) {
    // Digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 times weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // sum to 167. 167 mod 11 = 2, and "10X98765432"[2] = X.
    EXPECT_EQ(computeIdCardCheckCharacter("11010519491231002"), 'X');
}

TEST(IdCardCheckCharacter, MatchesSecondStandardExample) {
    EXPECT_EQ(computeIdCardCheckCharacter("44052418800101001"), '4');
}

TEST(IdCardCheckCharacter, UsesPowersOfTwoModulo11AsWeights) {
    // Position i (1-based) weighs 2^(18-i) mod 11, so a single 1 at position i gives the sum
    // 2^(18-i) mod 11 and the check character at that index.
    constexpr std::string_view kCheckCharacters = "10X98765432";
    int weight = 1;
    for (std::size_t i = 17; i-- > 0;) {
        weight = weight * 2 % 11;
        std::string digits(17, '0');
        digits[i] = '1';
        EXPECT_EQ(computeIdCardCheckCharacter(digits),
                  kCheckCharacters[static_cast<std::size_t>(weight)])
            << "position " << i + 1;
    }
}

TEST(IdCardCheckCharacter, ReturnsNulForNonDigit) {
    EXPECT_EQ(computeIdCardCheckCharacter("1101051949123100X"), '\0');
}

TEST(ConvertLegacyIdCardNumber, InsertsCenturyAndCheckCharacter) {
    EXPECT_EQ(convertLegacyIdCardNumber("350102850101123"), "35010219850101123X");
}

TEST(ConvertLegacyIdCardNumber, ReturnsEmptyForNonDigits) {
    EXPECT_EQ(convertLegacyIdCardNumber("35010285010112X"), "");
}

TEST(ConvertLegacyIdCardNumber, ReturnsEmptyForWrongLength) {
    EXPECT_EQ(convertLegacyIdCardNumber("3501028501011"), "");
}

TEST(ValidateIdCardNumber, AcceptsStandardExample) {
    const IdCardVerdict verdict = validateIdCardNumber(kStandardExample, kToday);
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.normalized, kStandardExample);
    EXPECT_EQ(verdict.details.kind, IdCardKind::resident);
}

TEST(ValidateIdCardNumber, DerivesBirthDateAndSex) {
    const IdCardVerdict verdict = validateIdCardNumber(kStandardExample, kToday);
    ASSERT_TRUE(verdict.details.birthDate.has_value());
    EXPECT_EQ(*verdict.details.birthDate, (CalendarDate{1949, 12, 31}));
    EXPECT_EQ(verdict.details.sex, Sex::female);
}

TEST(ValidateIdCardNumber, DerivesMaleFromOddSeventeenthDigit) {
    EXPECT_EQ(validateIdCardNumber("350102190506020016", kToday).details.sex, Sex::male);
}

TEST(ValidateIdCardNumber, AcceptsLowerCaseX) {
    const IdCardVerdict verdict = validateIdCardNumber("11010519491231002x", kToday);
    EXPECT_EQ(verdict.normalized, kStandardExample);
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateIdCardNumber, AcceptsFullWidthDigitsAndSpaces) {
    const IdCardVerdict verdict =
        validateIdCardNumber(" １１０１０５１９４９１２３１００２ｘ\u3000", kToday);
    EXPECT_EQ(verdict.normalized, kStandardExample);
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateIdCardNumber, NamesFujianCounty) {
    const IdCardVerdict verdict = validateIdCardNumber("35010219850101123X", kToday);
    EXPECT_EQ(verdict.details.divisionName, "福建省福州市鼓楼区");
}

TEST(ValidateIdCardNumber, AcceptsSupersededFujianCounty) {
    const IdCardVerdict verdict = validateIdCardNumber("350182199006150028", kToday);
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.details.divisionName, "福建省福州市长乐市");
}

TEST(ValidateIdCardNumber, RejectsWrongCheckCharacterNamingExpected) {
    const IdCardVerdict verdict = validateIdCardNumber("110105194912310021", kToday);
    const Finding* finding = verdict.find("check_character_mismatch");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
    EXPECT_EQ(finding->position, 18u);
    EXPECT_EQ(finding->message.rfind("第18位校验码应为 X", 0), 0u) << finding->message;
}

TEST(ValidateIdCardNumber, RejectsXBeforeLastPosition) {
    const IdCardVerdict verdict = validateIdCardNumber("1101051949123100X2", kToday);
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 17u);
}

TEST(ValidateIdCardNumber, RejectsLetterOtherThanX) {
    const IdCardVerdict verdict = validateIdCardNumber("11010519491231002A", kToday);
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 18u);
}

TEST(ValidateIdCardNumber, RejectsSeventeenDigitsStatingLength) {
    const IdCardVerdict verdict = validateIdCardNumber("11010519491231002", kToday);
    const Finding* finding = verdict.find("wrong_length");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->message, "身份证号码应为18位（或15位旧号码），当前为17位");
}

TEST(ValidateIdCardNumber, RejectsEmptyInput) {
    EXPECT_NE(validateIdCardNumber("", kToday).find("empty"), nullptr);
}

TEST(ValidateIdCardNumber, RejectsUnknownProvince) {
    const IdCardVerdict verdict = validateIdCardNumber("600102198501011231", kToday);
    const Finding* finding = verdict.find("unknown_province");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
    EXPECT_EQ(finding->position, 1u);
}

TEST(ValidateIdCardNumber, WarnsOnUnknownFujianPrefecture) {
    const IdCardVerdict verdict = validateIdCardNumber("359900198501011239", kToday);
    const Finding* finding = verdict.find("unknown_prefecture");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_EQ(finding->position, 3u);
}

TEST(ValidateIdCardNumber, WarnsOnUnknownFujianCounty) {
    const IdCardVerdict verdict = validateIdCardNumber("350999198501011232", kToday);
    const Finding* finding = verdict.find("unknown_county");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_EQ(finding->position, 5u);
    EXPECT_FALSE(verdict.isBlocked());
}

TEST(ValidateIdCardNumber, RejectsNonexistentBirthDate) {
    const IdCardVerdict verdict = validateIdCardNumber("350502198513011239", kToday);
    const Finding* finding = verdict.find("invalid_birth_date");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 7u);
    EXPECT_EQ(finding->message, "第7-14位出生日期“19851301”不是有效日期");
    EXPECT_FALSE(verdict.details.birthDate.has_value());
}

TEST(ValidateIdCardNumber, AcceptsLeapDayOf2000) {
    const IdCardVerdict verdict = validateIdCardNumber("350203200002290045", kToday);
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(ValidateIdCardNumber, RejectsFebruary29Of1900) {
    // 1900 is divisible by 100 but not by 400, so it has no leap day.
    const IdCardVerdict verdict = validateIdCardNumber("350203190002290014", kToday);
    EXPECT_NE(verdict.find("invalid_birth_date"), nullptr);
}

TEST(ValidateIdCardNumber, RejectsBirthDateAfterToday) {
    const IdCardVerdict verdict = validateIdCardNumber("350102202506020011", kToday);
    const Finding* finding = verdict.find("birth_date_in_future");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
}

TEST(ValidateIdCardNumber, AcceptsBirthDateOfToday) {
    EXPECT_TRUE(validateIdCardNumber("350102202506010016", kToday).findings.empty());
}

TEST(ValidateIdCardNumber, WarnsOnBirthMoreThan120YearsAgo) {
    const IdCardVerdict verdict = validateIdCardNumber("350102190401010014", kToday);
    const Finding* finding = verdict.find("birth_date_implausible");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
}

TEST(ValidateIdCardNumber, AcceptsBirth119YearsAgo) {
    EXPECT_TRUE(validateIdCardNumber("350102190506020016", kToday).findings.empty());
}

TEST(ValidateIdCardNumber, ConvertsLegacyFifteenDigitNumber) {
    const IdCardVerdict verdict = validateIdCardNumber("350102850101123", kToday);
    EXPECT_EQ(verdict.normalized, "35010219850101123X");
    EXPECT_TRUE(verdict.details.convertedFromLegacy);
    EXPECT_EQ(verdict.details.kind, IdCardKind::resident);
    ASSERT_TRUE(verdict.details.birthDate.has_value());
    EXPECT_EQ(*verdict.details.birthDate, (CalendarDate{1985, 1, 1}));
}

TEST(ValidateIdCardNumber, WarnsThatLegacyNumberWasConverted) {
    const IdCardVerdict verdict = validateIdCardNumber("350102850101123", kToday);
    const Finding* finding = verdict.find("legacy_number_converted");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::warn);
    EXPECT_NE(finding->message.find("35010219850101123X"), std::string::npos) << finding->message;
}

TEST(ValidateIdCardNumber, TreatsLegacyNumberStartingWithNineAsResident) {
    // A 15-digit number is always a citizen's, so 9 is an unknown province, not a foreigner.
    const IdCardVerdict verdict = validateIdCardNumber("935840900101123", kToday);
    EXPECT_EQ(verdict.details.kind, IdCardKind::resident);
    EXPECT_NE(verdict.find("unknown_province"), nullptr);
}

TEST(ValidateIdCardNumber, RecognisesHongKongResidencePermit) {
    const IdCardVerdict verdict = validateIdCardNumber("810000199001011230", kToday);
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.details.kind, IdCardKind::hong_kong_residence_permit);
    EXPECT_EQ(verdict.details.divisionName, "香港特别行政区");
}

TEST(ValidateIdCardNumber, RecognisesMacaoResidencePermit) {
    const IdCardVerdict verdict = validateIdCardNumber("820000199001011240", kToday);
    EXPECT_EQ(verdict.details.kind, IdCardKind::macao_residence_permit);
    EXPECT_EQ(verdict.details.sex, Sex::female);
}

TEST(ValidateIdCardNumber, RecognisesTaiwanResidencePermit) {
    const IdCardVerdict verdict = validateIdCardNumber("830000199001011250", kToday);
    EXPECT_EQ(verdict.details.kind, IdCardKind::taiwan_residence_permit);
    EXPECT_EQ(idCardKindName(verdict.details.kind), "台湾居民居住证");
}

TEST(ValidateIdCardNumber, RejectsPermitWithNonZeroDivisionDigits) {
    const IdCardVerdict verdict = validateIdCardNumber("810100199001011236", kToday);
    const Finding* finding = verdict.find("invalid_division_code");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->severity, Severity::block);
}

TEST(ValidateIdCardNumber, RecognisesForeignPermanentResidenceCard) {
    const IdCardVerdict verdict = validateIdCardNumber("935840199001011237", kToday);
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.details.kind, IdCardKind::foreign_permanent_residence);
    EXPECT_EQ(verdict.details.divisionName, "福建省");
    EXPECT_EQ(verdict.details.sex, Sex::male);
}

TEST(ValidateIdCardNumber, RejectsForeignCardWithUnknownProvince) {
    const IdCardVerdict verdict = validateIdCardNumber("999840199001011231", kToday);
    const Finding* finding = verdict.find("unknown_province");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 2u);
}

TEST(ValidateIdCardNumber, RecognisesLegacyForeignCard) {
    const IdCardVerdict verdict = validateIdCardNumber("usa350123456789", kToday);
    EXPECT_TRUE(verdict.findings.empty());
    EXPECT_EQ(verdict.normalized, "USA350123456789");
    EXPECT_EQ(verdict.details.kind, IdCardKind::foreign_permanent_residence_legacy);
    EXPECT_EQ(idCardKindName(verdict.details.kind), "外国人永久居留身份证");
}

TEST(ValidateIdCardNumber, RejectsLetterAmongLegacyForeignCardDigits) {
    const IdCardVerdict verdict = validateIdCardNumber("USA35012345678A", kToday);
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 15u);
}

TEST(ValidateIdCardNumber, RejectsInvalidUtf8) {
    const std::string input = "1101051949\xE4\xB8" + "1231002X"s;
    const IdCardVerdict verdict = validateIdCardNumber(input, kToday);
    const Finding* finding = verdict.find("invalid_utf8");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 11u);
}

TEST(ValidateIdCardNumber, RejectsNulByte) {
    const std::string withNul = "110105"s + '\0' + "9491231002X";
    const IdCardVerdict verdict = validateIdCardNumber(withNul, kToday);
    const Finding* finding = verdict.find("invalid_character");
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->position, 7u);
}

TEST(ValidateIdCardNumber, RejectsOneMegabyteInput) {
    const IdCardVerdict verdict = validateIdCardNumber(std::string(1 << 20, '1'), kToday);
    EXPECT_NE(verdict.find("wrong_length"), nullptr);
}

TEST(ValidateIdCardNumber, HandlesRandomBytes) {
    // Each byte is arbitrary in one round of three. The other rounds draw from characters the
    // validator reads, so that they reach the later checks.
    const std::string alphabet = "0123456789Xx ABC";
    std::mt19937 random(11643);
    std::uniform_int_distribution<int> anyByte(0, 255);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int round = 0; round < 20000; ++round) {
        std::string input(static_cast<std::size_t>(round % 24), '\0');
        for (char& c : input) {
            c = round % 3 == 0 ? static_cast<char>(anyByte(random)) : alphabet[pick(random)];
        }
        const IdCardVerdict verdict = validateIdCardNumber(input, kToday);
        ASSERT_TRUE(verdict.isBlocked() || !verdict.normalized.empty()) << "round " << round;
        for (const Finding& finding : verdict.findings) {
            ASSERT_FALSE(finding.message.empty()) << "round " << round;
        }
    }
}

// Returns an identity number verdict's details, one per line.
std::string describeDetails(const IdCardVerdict& verdict) {
    const IdCardDetails& details = verdict.details;
    return kindName(details.kind) + "\n" + (details.convertedFromLegacy ? "converted" : "-") +
           "\n" + (details.birthDate ? formatDate(*details.birthDate) : "-") + "\n" +
           sexName(details.sex) + "\n" + details.divisionName + "\n";
}

void expectSameVerdictOnGeneralPath(const std::string& input, const CalendarDate& today) {
    test::expectSameVerdictAfterNoBreakSpace(
        input, [&today](const std::string& value) { return validateIdCardNumber(value, today); },
        describeDetails);
}

TEST(ValidateIdCardNumber, PlainInputMatchesGeneralPath) {
    const auto rows = test::readVectorFile("id_cards.tsv");
    ASSERT_FALSE(rows.empty());
    for (const test::VectorRow& row : rows) {
        expectSameVerdictOnGeneralPath(row.get("value"), parseIsoDate(row.get("today")));
    }

    // Random numbers over known and unknown divisions, the permits' prefixes and dates that
    // exist or not, ending in a digit, X or x.
    const std::string divisions[] = {"350102", "350203", "350999", "359900", "110105",
                                     "990000", "810000", "830012", "912345"};
    const std::string dates[] = {"19491231", "20000229", "19000229", "20991231", "18990101"};
    const std::string lastCharacters = "0123456789Xx";
    const CalendarDate today{2025, 6, 1};
    std::mt19937 random(11643);
    std::uniform_int_distribution<int> digit(0, 9);
    for (int round = 0; round < 2000; ++round) {
        std::string input = divisions[static_cast<std::size_t>(round) % std::size(divisions)] +
                            dates[static_cast<std::size_t>(round / 9) % std::size(dates)];
        for (int i = 0; i < 3; ++i) {
            input += static_cast<char>('0' + digit(random));
        }
        input += lastCharacters[static_cast<std::size_t>(digit(random) + round % 3)];
        expectSameVerdictOnGeneralPath(input, today);
    }
}

TEST(ValidateIdCardNumber, ReusedVerdictMatchesNewVerdict) {
    const CalendarDate today{2025, 6, 1};
    IdCardVerdict reused;
    for (const std::string input : {"11010519491231002X", "350102190506020016", "35010219050602001",
                                    "810000199001011230", "350102900101001", "11010519491231002x"}) {
        validateIdCardNumber(input, today, reused);
        const IdCardVerdict fresh = validateIdCardNumber(input, today);
        EXPECT_EQ(test::describeVerdict(reused), test::describeVerdict(fresh)) << input;
        EXPECT_EQ(reused.details.divisionName, fresh.details.divisionName) << input;
    }
}

TEST(ValidateIdCardNumber, MatchesVectorFile) {
    const auto rows = test::readVectorFile("id_cards.tsv");
    ASSERT_FALSE(rows.empty());
    for (const test::VectorRow& row : rows) {
        SCOPED_TRACE("id_cards.tsv line " + std::to_string(row.line) + ": " + row.get("value"));
        const IdCardVerdict verdict =
            validateIdCardNumber(row.get("value"), parseIsoDate(row.get("today")));
        EXPECT_EQ(test::verdictName(verdict), row.get("verdict"));
        EXPECT_EQ(test::findingCodes(verdict), test::expectedCodes(row.get("findings")));
        EXPECT_EQ(verdict.normalized, row.get("normalized"));
        EXPECT_EQ(kindName(verdict.details.kind), row.get("kind"));
        EXPECT_EQ(verdict.details.birthDate ? formatDate(*verdict.details.birthDate) : "",
                  row.get("birth_date"));
        EXPECT_EQ(sexName(verdict.details.sex), row.get("sex"));
    }
}

} // namespace
} // namespace portal
