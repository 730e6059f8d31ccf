// A date in the proleptic Gregorian calendar, without time or time zone.
#pragma once

#include <cstdio>
#include <string>
#include <tuple>

namespace portal {

// A calendar date such as a birth date. The default value (0-00-00) is not a valid date.
struct CalendarDate {
    int year = 0;
    int month = 0;
    int day = 0;
};

inline bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Returns the number of days in a month, or 0 when `month` is not 1-12.
inline int daysInMonth(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Returns whether the date exists, for years 1 to 9999.
inline bool isValidDate(const CalendarDate& date) {
    return date.year >= 1 && date.year <= 9999 && date.day >= 1 &&
           date.day <= daysInMonth(date.year, date.month);
}

inline bool operator==(const CalendarDate& a, const CalendarDate& b) {
    return std::tie(a.year, a.month, a.day) == std::tie(b.year, b.month, b.day);
}

inline bool operator!=(const CalendarDate& a, const CalendarDate& b) {
    return !(a == b);
}

inline bool operator<(const CalendarDate& a, const CalendarDate& b) {
    return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

// Returns the number of whole years from `from` to `to`, counted as ages are: a year is
// complete on the anniversary of `from`, not the day before.
inline int wholeYearsBetween(const CalendarDate& from, const CalendarDate& to) {
    int years = to.year - from.year;
    if (std::tie(to.month, to.day) < std::tie(from.month, from.day)) {
        --years;
    }
    return years;
}

// Formats a date as ISO 8601, e.g. "1949-12-31".
inline std::string formatDate(const CalendarDate& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year % 10000, date.month % 100,
                  date.day % 100);
    return text;
}

} // namespace portal
