#include "core/text_normalize.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace portal {
namespace {

using namespace std::string_literals;

TEST(TrimSpaces, RemovesAsciiSpacesAndTabsAroundValue) {
    EXPECT_EQ(trimSpaces(" \t 913501 \r\n"), "913501");
}

TEST(TrimSpaces, RemovesIdeographicSpaceAroundValue) {
    EXPECT_EQ(trimSpaces("\u3000913501\u3000"), "913501");
}

TEST(TrimSpaces, RemovesNoBreakSpaceAndByteOrderMark) {
    EXPECT_EQ(trimSpaces("\uFEFF\u00A0913501\u200B"), "913501");
}

TEST(TrimSpaces, KeepsSpacesInsideValue) {
    EXPECT_EQ(trimSpaces(" 139 5910 "), "139 5910");
}

TEST(TrimSpaces, ReturnsEmptyForOnlySpaces) {
    EXPECT_EQ(trimSpaces(" \u3000 \t"), "");
}

TEST(FoldFullWidth, MapsFullWidthDigitsAndLettersToAscii) {
    EXPECT_EQ(foldFullWidth("９１３５ＡＢｘ"), "9135ABx");
}

TEST(FoldFullWidth, MapsFirstAndLastFullWidthCharacters) {
    // U+FF01 is the full-width '!', U+FF5E the full-width '~'.
    EXPECT_EQ(foldFullWidth("\uFF01\uFF5E"), "!~");
}

TEST(FoldFullWidth, MapsIdeographicSpaceToAsciiSpace) {
    EXPECT_EQ(foldFullWidth("1\u30002"), "1 2");
}

TEST(FoldFullWidth, LeavesChineseCharactersUnchanged) {
    EXPECT_EQ(foldFullWidth("福建省"), "福建省");
}

TEST(ToUpperAscii, UpperCasesOnlyAsciiLetters) {
    EXPECT_EQ(toUpperAscii("9135ma2y é"), "9135MA2Y é");
}

TEST(DecodeCodePoint, DecodesFourByteSequence) {
    const std::string text = "\xF0\x9F\x98\x80";
    std::size_t offset = 0;
    bool wellFormed = false;
    EXPECT_EQ(decodeCodePoint(text, offset, wellFormed), U'\U0001F600');
    EXPECT_TRUE(wellFormed);
    EXPECT_EQ(offset, 4u);
}

TEST(DecodeCodePoint, StopsAtEndOfText) {
    std::size_t offset = 3;
    bool wellFormed = true;
    EXPECT_EQ(decodeCodePoint("abc", offset, wellFormed), kReplacementCharacter);
    EXPECT_FALSE(wellFormed);
    EXPECT_EQ(offset, 3u);
}

TEST(DecodeCodePoint, DecodesTruncatedSequenceAsOneReplacement) {
    // E4 B8 starts the three-byte 中 (E4 B8 AD), but "A" ends it early.
    const std::string truncated = "\xE4\xB8" + "A"s;
    EXPECT_EQ(countCodePoints(truncated), 2u);
    EXPECT_EQ(findInvalidUtf8(truncated), 1u);
}

TEST(DecodeCodePoint, RejectsOverlongEncoding) {
    // C0 AF would be an overlong '/', and C0 is never a valid lead byte.
    EXPECT_EQ(countCodePoints("\xC0\xAF"), 2u);
    EXPECT_EQ(findInvalidUtf8("\xC0\xAF"), 1u);
}

TEST(DecodeCodePoint, RejectsEncodedSurrogate) {
    EXPECT_EQ(findInvalidUtf8("\xED\xA0\x80"), 1u);
}

TEST(DecodeCodePoint, RejectsCodePointAboveUnicodeRange) {
    EXPECT_EQ(findInvalidUtf8("\xF4\x90\x80\x80"), 1u);
}

TEST(DecodeCodePoint, RejectsLoneContinuationByte) {
    EXPECT_EQ(findInvalidUtf8("ab\x80"), 3u);
}

TEST(FindInvalidUtf8, ReturnsZeroForWellFormedText) {
    EXPECT_EQ(findInvalidUtf8("统一社会信用代码 9135"), 0u);
}

TEST(FindInvalidUtf8, CountsPositionInCharactersNotBytes) {
    EXPECT_EQ(findInvalidUtf8("福建\xFF"), 3u);
}

TEST(AppendUtf8, WritesSurrogateAsReplacementCharacter) {
    std::string out;
    appendUtf8(out, 0xD800);
    EXPECT_EQ(out, "\uFFFD");
}

TEST(NormalizeIdentifier, FoldsTrimsAndUpperCases) {
    const Verdict verdict = normalizeIdentifier("\u3000 ９１３５ma2y\t");
    EXPECT_EQ(verdict.normalized, "9135MA2Y");
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(NormalizeIdentifier, KeepsCaseWhenAsked) {
    EXPECT_EQ(normalizeIdentifier(" ab ", LetterCase::keep).normalized, "ab");
}

TEST(NormalizeIdentifier, BlocksInvalidUtf8AtPositionAfterTrim) {
    const std::string input = "  91\xFF" + "35"s;
    const Verdict verdict = normalizeIdentifier(input);
    ASSERT_EQ(verdict.findings.size(), 1u);
    EXPECT_EQ(verdict.findings[0].code, "invalid_utf8");
    EXPECT_EQ(verdict.findings[0].severity, Severity::block);
    EXPECT_EQ(verdict.findings[0].position, 3u);
    EXPECT_EQ(verdict.normalized, "91\uFFFD35");
}

TEST(NormalizeIdentifier, KeepsNulByteAsCharacter) {
    const std::string withNul = "91"s + '\0' + "35";
    const Verdict verdict = normalizeIdentifier(withNul);
    EXPECT_EQ(verdict.normalized, withNul);
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(NormalizeIdentifier, ReturnsEmptyValueForEmptyInput) {
    const Verdict verdict = normalizeIdentifier("");
    EXPECT_EQ(verdict.normalized, "");
    EXPECT_TRUE(verdict.findings.empty());
}

TEST(NormalizeIdentifier, HandlesOneMegabyteInput) {
    const std::string input(1 << 20, 'a');
    EXPECT_EQ(normalizeIdentifier(input).normalized, std::string(1 << 20, 'A'));
}

TEST(NormalizeIdentifier, HandlesRandomBytes) {
    std::mt19937 random(20150901);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 2000; ++round) {
        std::string input(static_cast<std::size_t>(round % 40), '\0');
        for (char& c : input) {
            c = static_cast<char>(byte(random));
        }
        const Verdict verdict = normalizeIdentifier(input);
        ASSERT_EQ(findInvalidUtf8(verdict.normalized), 0u) << "round " << round;
        ASSERT_LE(countCodePoints(verdict.normalized), input.size()) << "round " << round;
    }
}

TEST(NormalizeIdentifier, HandlesEveryTwoByteInput) {
    for (int first = 0; first < 256; ++first) {
        for (int second = 0; second < 256; ++second) {
            const std::string input{static_cast<char>(first), static_cast<char>(second)};
            const Verdict verdict = normalizeIdentifier(input);
            ASSERT_EQ(findInvalidUtf8(verdict.normalized), 0u) << first << " " << second;
        }
    }
}

TEST(DescribeCharacter, QuotesPrintableCharacter) {
    EXPECT_EQ(describeCharacter(U'O'), "“O”");
    EXPECT_EQ(describeCharacter(U'中'), "“中”");
}

TEST(DescribeCharacter, NamesSpace) {
    EXPECT_EQ(describeCharacter(U' '), "空格");
}

TEST(DescribeCharacter, NamesControlCharacterByCodePoint) {
    EXPECT_EQ(describeCharacter(U'\0'), "控制字符 U+0000");
}

TEST(DescribeCharacter, NamesReplacementCharacter) {
    EXPECT_EQ(describeCharacter(kReplacementCharacter), "无法识别的字符 U+FFFD");
}

TEST(IsHanCharacter, CoversNameRangesAtTheirEdges) {
    for (char32_t c : {U'\u3400', U'\u4DBF', U'\u4E00', U'\u9FFF', U'\uF900', U'\uFAFF',
                       U'\U00020000', U'\U00020BB7', U'\U0002EBEF', U'\U00030000',
                       U'\U0003134F'}) {
        EXPECT_TRUE(isHanCharacter(c)) << static_cast<unsigned>(c);
    }
}

TEST(IsHanCharacter, RejectsNeighboursAndOtherScripts) {
    for (char32_t c : {U'\u33FF', U'\u4DC0', U'\uA000', U'\uF8FF', U'\uFB00', U'\U0001FFFF',
                       U'\U00031350', U'A', U'\u00B7', U'\uAC00'}) {
        EXPECT_FALSE(isHanCharacter(c)) << static_cast<unsigned>(c);
    }
}

} // namespace
} // namespace portal
