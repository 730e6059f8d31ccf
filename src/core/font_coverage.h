// Decides whether a text needs the font supplement: the CJK ideographs that the font subset the
// page loads at start leaves out (tools/font_subset.py cuts both files).
#pragma once

#include <functional>
#include <string_view>

namespace portal {

// Returns whether `codePoint` lies in a range that tools/font_subset.py cuts the supplement
// from: CJK Extension A, the Unified Ideographs, the compatibility ideographs and Extensions B
// to F. The two lists must match.
bool isSupplementIdeograph(char32_t codePoint);

// Returns whether the UTF-8 `text` contains an ideograph of the supplement's ranges for which
// `inBaseFont` returns false. Ill-formed sequences are skipped.
bool needsFontSupplement(std::string_view text, const std::function<bool(char32_t)>& inBaseFont);

} // namespace portal
