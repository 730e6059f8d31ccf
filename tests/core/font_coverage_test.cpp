#include "core/font_coverage.h"

#include <gtest/gtest.h>

#include <string>

namespace portal {
namespace {

// A stand-in for the base subset. GB 2312 level-1 characters such as 张, 林 and 明 are in it,
// but the rare name characters 堃 (U+5803), 赟 (U+8D5F) and 𠀀 (U+20000) are not.
bool inTestBaseFont(char32_t codePoint) {
    return codePoint != U'\u5803' && codePoint != U'\u8D5F' && codePoint != U'\U00020000';
}

TEST(NeedsFontSupplement, FalseForAscii) {
    EXPECT_FALSE(needsFontSupplement("linxiaoming Demo@2026", inTestBaseFont));
}

TEST(NeedsFontSupplement, FalseForEmptyText) {
    EXPECT_FALSE(needsFontSupplement("", inTestBaseFont));
}

TEST(NeedsFontSupplement, FalseForCommonName) {
    EXPECT_FALSE(needsFontSupplement("林晓明", inTestBaseFont));
}

TEST(NeedsFontSupplement, TrueForRareCharacterInName) {
    EXPECT_TRUE(needsFontSupplement("张堃", inTestBaseFont));
}

TEST(NeedsFontSupplement, TrueForRareCharacterInJson) {
    EXPECT_TRUE(needsFontSupplement(R"({"items":[{"name":"王赟","idCard":"3501**"}]})",
                                    inTestBaseFont));
}

TEST(NeedsFontSupplement, TrueForCharacterBeyondBmp) {
    EXPECT_TRUE(needsFontSupplement("李\U00020000", inTestBaseFont));
}

TEST(NeedsFontSupplement, FalseForMissingNonIdeograph) {
    // Hangul and emoji are outside the supplement, so fetching it would not help.
    const auto nothingInBase = [](char32_t) { return false; };
    EXPECT_FALSE(needsFontSupplement("\uD55C\U0001F600", nothingInBase));
}

TEST(NeedsFontSupplement, SkipsIllFormedBytes) {
    const auto nothingInBase = [](char32_t) { return false; };
    // A truncated three-byte sequence (the start of 堃) before an ASCII letter, a lone
    // continuation byte and an overlong slash.
    EXPECT_FALSE(needsFontSupplement("\xE5\xA0" "A" "\x80" "\xC0\xAF", nothingInBase));
}

TEST(NeedsFontSupplement, FindsRareCharacterAfterIllFormedBytes) {
    EXPECT_TRUE(needsFontSupplement(std::string("\xE5\xA0", 2) + "堃", inTestBaseFont));
}

TEST(IsSupplementIdeograph, CoversRangeEnds) {
    EXPECT_TRUE(isSupplementIdeograph(0x3400));
    EXPECT_TRUE(isSupplementIdeograph(0x9FFF));
    EXPECT_TRUE(isSupplementIdeograph(0xFAFF));
    EXPECT_TRUE(isSupplementIdeograph(0x2EBEF));
}

TEST(IsSupplementIdeograph, ExcludesNeighbours) {
    EXPECT_FALSE(isSupplementIdeograph(0x33FF));
    EXPECT_FALSE(isSupplementIdeograph(0xA000));
    EXPECT_FALSE(isSupplementIdeograph(0xFB00));
    EXPECT_FALSE(isSupplementIdeograph(0x3000));
}

} // namespace
} // namespace portal
