#include "core/font_coverage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace portal {
namespace {

using Chunks = std::vector<int>;

// A stand-in for the base subset. GB 2312 level-1 characters such as 张, 林 and 明 are in it,
// but the rare name characters 堃 (U+5803, chunk 2), 赟 (U+8D5F, chunk 15), 喆 (U+5586, chunk 1)
// and 𠀀 (U+20000, chunk 21) are not.
bool inTestBaseFont(char32_t codePoint) {
    return codePoint != U'\u5803' && codePoint != U'\u8D5F' && codePoint != U'\u5586' &&
           codePoint != U'\U00020000';
}

TEST(SupplementChunksNeeded, NoneForAscii) {
    EXPECT_EQ(supplementChunksNeeded("linxiaoming Demo@2026", inTestBaseFont), Chunks{});
}

TEST(SupplementChunksNeeded, NoneForEmptyText) {
    EXPECT_EQ(supplementChunksNeeded("", inTestBaseFont), Chunks{});
}

TEST(SupplementChunksNeeded, NoneForCommonName) {
    EXPECT_EQ(supplementChunksNeeded("林晓明", inTestBaseFont), Chunks{});
}

TEST(SupplementChunksNeeded, ChunkOfRareCharacterInName) {
    EXPECT_EQ(supplementChunksNeeded("张堃", inTestBaseFont), Chunks{2});
}

TEST(SupplementChunksNeeded, ChunkOfRareCharacterInJson) {
    EXPECT_EQ(supplementChunksNeeded(R"({"items":[{"name":"王赟","idCard":"3501**"}]})",
                                     inTestBaseFont),
              Chunks{15});
}

TEST(SupplementChunksNeeded, AscendingWithoutRepeats) {
    EXPECT_EQ(supplementChunksNeeded("赟堃 张堃 喆赟", inTestBaseFont), (Chunks{1, 2, 15}));
}

TEST(SupplementChunksNeeded, LastChunkForCharacterBeyondBmp) {
    EXPECT_EQ(supplementChunksNeeded("李\U00020000", inTestBaseFont), Chunks{21});
}

TEST(SupplementChunksNeeded, NoneForMissingNonIdeograph) {
    // Hangul and emoji are outside the supplement, so fetching a chunk would not help.
    const auto nothingInBase = [](char32_t) { return false; };
    EXPECT_EQ(supplementChunksNeeded("\uD55C\U0001F600", nothingInBase), Chunks{});
}

TEST(SupplementChunksNeeded, SkipsIllFormedBytes) {
    const auto nothingInBase = [](char32_t) { return false; };
    // A truncated three-byte sequence (the start of 堃) before an ASCII letter, a lone
    // continuation byte and an overlong slash.
    EXPECT_EQ(supplementChunksNeeded("\xE5\xA0" "A" "\x80" "\xC0\xAF", nothingInBase), Chunks{});
}

TEST(SupplementChunksNeeded, FindsRareCharacterAfterIllFormedBytes) {
    EXPECT_EQ(supplementChunksNeeded(std::string("\xE5\xA0", 2) + "堃", inTestBaseFont),
              Chunks{2});
}

TEST(SupplementChunkOf, SlicesOfUnifiedIdeographs) {
    EXPECT_EQ(supplementChunkOf(0x4E00), 0);
    EXPECT_EQ(supplementChunkOf(0x4E00 + kSupplementChunkWidth - 1), 0);
    EXPECT_EQ(supplementChunkOf(0x4E00 + kSupplementChunkWidth), 1);
    EXPECT_EQ(supplementChunkOf(0x55FF), 1);
    EXPECT_EQ(supplementChunkOf(0x5600), 2);
    EXPECT_EQ(supplementChunkOf(0x9DFF), 19);
    EXPECT_EQ(supplementChunkOf(0x9E00), 20);
    EXPECT_EQ(supplementChunkOf(0x9FFF), 20);
}

TEST(SupplementChunkOf, OtherRangesShareTheLastChunk) {
    const int last = kSupplementChunkCount - 1;
    EXPECT_EQ(last, 21);
    EXPECT_EQ(supplementChunkOf(0x3400), last);
    EXPECT_EQ(supplementChunkOf(0x4DBF), last);
    EXPECT_EQ(supplementChunkOf(0xF900), last);
    EXPECT_EQ(supplementChunkOf(0xFAFF), last);
    EXPECT_EQ(supplementChunkOf(0x20000), last);
    EXPECT_EQ(supplementChunkOf(0x2EBEF), last);
}

TEST(SupplementChunkOf, NoneForNeighbours) {
    EXPECT_EQ(supplementChunkOf(0x33FF), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0x4DC0), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0xA000), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0xF8FF), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0xFB00), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0x1FFFF), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0x2EBF0), std::nullopt);
    EXPECT_EQ(supplementChunkOf(0x3000), std::nullopt);
}

} // namespace
} // namespace portal
