// Properties that whatever the client decoded from a server response must have, whatever the
// response was. A violation aborts through require(), so libFuzzer saves the input.
#pragma once

#include "verdict_checks.h"

#include "app/unit_records.h"
#include "core/result.h"
#include "core/text_normalize.h"

#include <climits>
#include <string_view>

namespace portal::fuzz {

// Text that the screens draw or export must be valid UTF-8: ImGui, the accessibility mirror
// and the CSV files all take it as such.
inline void checkText(std::string_view text, const char* property) {
    require(findInvalidUtf8(text) == 0, property, text.substr(0, 80));
}

// An error the screens show: a code, because callers read an empty one as "no failure", and a
// message in valid UTF-8.
inline void checkError(const Error& error) {
    require(!error.code.empty(), "an error has a code", error.message);
    require(!error.message.empty(), "an error has a message", error.code);
    checkText(error.message, "an error message is valid UTF-8");
    checkText(error.code, "an error code is valid UTF-8");
}

// A page of a list endpoint as the pagers draw it: numbers from 1, and a first row number
// ((page - 1) * pageSize, computed in int by the staff list) that does not overflow.
template <typename T> void checkPage(const Page<T>& page) {
    require(page.page >= 1, "a page number is at least 1");
    require(page.pageSize >= 1, "a page size is at least 1");
    require(page.total >= 0, "a total is not negative");
    require(page.page_count() >= 1, "a page count is at least 1");
    int first_row = 0;
    require(!__builtin_mul_overflow(page.page - 1, page.pageSize, &first_row),
            "the first row number of a page fits in an int");
}

inline void checkDeclaration(const Declaration& declaration) {
    for (const std::string* text :
         {&declaration.kind, &declaration.kindName, &declaration.insuranceTypeName,
          &declaration.name, &declaration.idCardNumber, &declaration.details,
          &declaration.statusName, &declaration.reviewReason}) {
        checkText(*text, "a declaration's text is valid UTF-8");
    }
    checkText(format_moment(declaration.createdAt), "a formatted time is valid UTF-8");
    checkText(format_moment(declaration.reviewedAt), "a formatted time is valid UTF-8");
}

inline void checkStaffMember(const StaffMember& member) {
    checkText(member.name, "a staff member's name is valid UTF-8");
    checkText(member.idCardNumber, "a staff member's ID-card number is valid UTF-8");
    for (const StaffRecord& record : member.records) {
        checkText(record.insuranceTypeName, "an insurance type name is valid UTF-8");
    }
}

} // namespace portal::fuzz
