// Decides which chunks of the font supplement a text needs: the CJK ideographs that the font
// subset the page loads at start leaves out (tools/font_subset.py cuts both).
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace portal {

// The supplement is cut into chunks by code point. Chunks 0 to 20 are slices of
// kSupplementChunkWidth code points of the CJK Unified Ideographs U+4E00 to U+9FFF, the last
// slice half as wide. Chunk 21 contains CJK Extension A, the compatibility ideographs and
// Extensions B to F. SUPPLEMENT_CHUNK_WIDTH and chunk_ranges in tools/font_subset.py define the
// same chunks, and the two definitions must match.
inline constexpr char32_t kSupplementChunkWidth = 0x400;
inline constexpr int kSupplementChunkCount = 22;

// Returns the index of the supplement chunk whose ranges contain `codePoint`, or nothing when
// the code point lies outside every range the supplement is cut from.
std::optional<int> supplementChunkOf(char32_t codePoint);

// Returns the indexes, ascending and without repeats, of the chunks that contain the ideographs
// of the UTF-8 `text` for which `inBaseFont` returns false. Ill-formed sequences are skipped.
std::vector<int> supplementChunksNeeded(std::string_view text,
                                        const std::function<bool(char32_t)>& inBaseFont);

} // namespace portal
