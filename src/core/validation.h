// Findings and verdicts shared by the input validators (credit code, ID-card number, mobile
// number). The validators throw for no input (allocation failure aside) and report every
// problem as a Finding in the verdict.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal {

// Effect of a finding on the form: `block` stops submission, `warn` only informs the user.
enum class Severity { block, warn };

// One problem found in an input value.
struct Finding {
    Severity severity = Severity::block;
    // Stable snake_case identifier that tests and the server match on, e.g. "wrong_length".
    std::string code;
    // Chinese message for the user that says what is wrong and where, e.g. "第18位校验码应为 X".
    std::string message;
    // 1-based character (code point) index in the normalized value, or 0 when the finding
    // concerns the value as a whole.
    std::size_t position = 0;
};

// The normalized form of an input value and everything found wrong with it.
struct Verdict {
    // The value as the form should show and submit it: trimmed, full-width characters folded
    // to ASCII, letters upper-cased, separators removed where the validator allows them.
    std::string normalized;
    std::vector<Finding> findings;

    // Empties the verdict for the next value, keeping the memory of its strings so that a
    // field validated on every keystroke does not allocate once it has seen a long value.
    void clear() {
        normalized.clear();
        findings.clear();
    }

    // Returns whether any finding blocks submission.
    bool isBlocked() const {
        return std::any_of(findings.begin(), findings.end(),
                           [](const Finding& f) { return f.severity == Severity::block; });
    }

    // Returns whether any finding is a warning.
    bool hasWarnings() const {
        return std::any_of(findings.begin(), findings.end(),
                           [](const Finding& f) { return f.severity == Severity::warn; });
    }

    // Puts the first blocking finding's message into `error` (unless it already has one) and
    // appends every warning's message to `warning`, joined by "；", as a form field shows them.
    void splitMessages(std::string& error, std::string& warning) const {
        for (const Finding& finding : findings) {
            if (finding.severity == Severity::block) {
                if (error.empty()) {
                    error = finding.message;
                }
            } else {
                warning += warning.empty() ? finding.message : "；" + finding.message;
            }
        }
    }

    // Returns the first finding with the given code, or nullptr.
    const Finding* find(std::string_view code) const {
        for (const Finding& f : findings) {
            if (f.code == code) {
                return &f;
            }
        }
        return nullptr;
    }

    // Appends a blocking finding.
    void block(std::string code, std::string message, std::size_t position = 0) {
        findings.push_back({Severity::block, std::move(code), std::move(message), position});
    }

    // Appends a warning.
    void warn(std::string code, std::string message, std::size_t position = 0) {
        findings.push_back({Severity::warn, std::move(code), std::move(message), position});
    }
};

// Writes `value` over `out`, keeping its memory. `value` must not point into `out`. With
// libstdc++ (GCC 12) clear() and append() take a shorter path than assign(), which allows the
// two to overlap, and a validator writes several short fields per call.
inline void assignNonOverlapping(std::string& out, std::string_view value) {
    out.clear();
    out.append(value);
}

} // namespace portal
