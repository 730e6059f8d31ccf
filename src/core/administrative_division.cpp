#include "core/administrative_division.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

namespace portal {
namespace {

struct NamedCode {
    std::string_view code;
    std::string_view name;
};

// Province-level divisions of GB/T 2260.
constexpr NamedCode kProvinces[] = {
    {"11", "北京市"},           {"12", "天津市"},         {"13", "河北省"},
    {"14", "山西省"},           {"15", "内蒙古自治区"},   {"21", "辽宁省"},
    {"22", "吉林省"},           {"23", "黑龙江省"},       {"31", "上海市"},
    {"32", "江苏省"},           {"33", "浙江省"},         {"34", "安徽省"},
    {"35", "福建省"},           {"36", "江西省"},         {"37", "山东省"},
    {"41", "河南省"},           {"42", "湖北省"},         {"43", "湖南省"},
    {"44", "广东省"},           {"45", "广西壮族自治区"}, {"46", "海南省"},
    {"50", "重庆市"},           {"51", "四川省"},         {"52", "贵州省"},
    {"53", "云南省"},           {"54", "西藏自治区"},     {"61", "陕西省"},
    {"62", "甘肃省"},           {"63", "青海省"},         {"64", "宁夏回族自治区"},
    {"65", "新疆维吾尔自治区"}, {"71", "台湾省"},         {"81", "香港特别行政区"},
    {"82", "澳门特别行政区"},
};

// Fujian prefectures (35xx) of GB/T 2260.
constexpr NamedCode kFujianPrefectures[] = {
    {"3501", "福州市"}, {"3502", "厦门市"}, {"3503", "莆田市"},
    {"3504", "三明市"}, {"3505", "泉州市"}, {"3506", "漳州市"},
    {"3507", "南平市"}, {"3508", "龙岩市"}, {"3509", "宁德市"},
};

// Fujian county-level divisions: the current GB/T 2260 codes, plus superseded codes that
// ID-card numbers issued earlier still carry (such as 350182 长乐市, now 350112 长乐区).
// Limitation: codes of the former prefectures (352xxx), which changed when those prefectures
// became cities, and other retired codes are missing, so they get an "unknown" warning.
constexpr NamedCode kFujianCounties[] = {
    {"350102", "鼓楼区"},   {"350103", "台江区"}, {"350104", "仓山区"}, {"350105", "马尾区"},
    {"350111", "晋安区"},   {"350112", "长乐区"}, {"350121", "闽侯县"}, {"350122", "连江县"},
    {"350123", "罗源县"},   {"350124", "闽清县"}, {"350125", "永泰县"}, {"350128", "平潭县"},
    {"350181", "福清市"},   {"350182", "长乐市"},

    {"350202", "鼓浪屿区"}, {"350203", "思明区"}, {"350204", "开元区"}, {"350205", "海沧区"},
    {"350206", "湖里区"},   {"350211", "集美区"}, {"350212", "同安区"}, {"350213", "翔安区"},
    {"350221", "同安县"},

    {"350302", "城厢区"},   {"350303", "涵江区"}, {"350304", "荔城区"}, {"350305", "秀屿区"},
    {"350321", "莆田县"},   {"350322", "仙游县"},

    {"350402", "梅列区"},   {"350403", "三元区"}, {"350404", "三元区"}, {"350405", "沙县区"},
    {"350421", "明溪县"},   {"350423", "清流县"}, {"350424", "宁化县"}, {"350425", "大田县"},
    {"350426", "尤溪县"},   {"350427", "沙县"},   {"350428", "将乐县"}, {"350429", "泰宁县"},
    {"350430", "建宁县"},   {"350481", "永安市"},

    {"350502", "鲤城区"},   {"350503", "丰泽区"}, {"350504", "洛江区"}, {"350505", "泉港区"},
    {"350521", "惠安县"},   {"350524", "安溪县"}, {"350525", "永春县"}, {"350526", "德化县"},
    {"350527", "金门县"},   {"350581", "石狮市"}, {"350582", "晋江市"}, {"350583", "南安市"},

    {"350602", "芗城区"},   {"350603", "龙文区"}, {"350604", "龙海区"}, {"350605", "长泰区"},
    {"350622", "云霄县"},   {"350623", "漳浦县"}, {"350624", "诏安县"}, {"350625", "长泰县"},
    {"350626", "东山县"},   {"350627", "南靖县"}, {"350628", "平和县"}, {"350629", "华安县"},
    {"350681", "龙海市"},

    {"350702", "延平区"},   {"350703", "建阳区"}, {"350721", "顺昌县"}, {"350722", "浦城县"},
    {"350723", "光泽县"},   {"350724", "松溪县"}, {"350725", "政和县"}, {"350781", "邵武市"},
    {"350782", "武夷山市"}, {"350783", "建瓯市"}, {"350784", "建阳市"},

    {"350802", "新罗区"},   {"350803", "永定区"}, {"350821", "长汀县"}, {"350822", "永定县"},
    {"350823", "上杭县"},   {"350824", "武平县"}, {"350825", "连城县"}, {"350881", "漳平市"},

    {"350902", "蕉城区"},   {"350921", "霞浦县"}, {"350922", "古田县"}, {"350923", "屏南县"},
    {"350924", "寿宁县"},   {"350925", "周宁县"}, {"350926", "柘荣县"}, {"350981", "福安市"},
    {"350982", "福鼎市"},
};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isSixDigits(std::string_view code) {
    return code.size() == 6 && std::all_of(code.begin(), code.end(), isDigit);
}

// The number written by the two ASCII digits at `offset`, e.g. 1 for "01".
constexpr std::size_t twoDigitNumber(std::string_view digits, std::size_t offset) {
    return static_cast<std::size_t>((digits[offset] - '0') * 10 + (digits[offset + 1] - '0'));
}

// Province names indexed by their two digits, because every credit code and ID-card number
// is checked against one.
constexpr std::array<std::string_view, 100> indexProvinces() {
    std::array<std::string_view, 100> byNumber{};
    for (const NamedCode& province : kProvinces) {
        byNumber[twoDigitNumber(province.code, 0)] = province.name;
    }
    return byNumber;
}

constexpr std::array<std::string_view, 100> kProvinceByNumber = indexProvinces();

constexpr std::size_t kFujianPrefectureCount = std::size(kFujianPrefectures);

// Fujian prefecture and county names indexed by their digits, so that a lookup reads one entry
// instead of comparing codes. Counties are indexed by the position of their prefecture in
// kFujianPrefectures (1-based, 0 for none) and then by their last two digits.
struct FujianIndex {
    std::array<std::uint8_t, 100> prefectureByNumber{};
    std::array<std::array<std::string_view, 100>, kFujianPrefectureCount + 1> countyByNumber{};
};

constexpr FujianIndex indexFujian() {
    FujianIndex index;
    for (std::size_t i = 0; i < kFujianPrefectureCount; ++i) {
        index.prefectureByNumber[twoDigitNumber(kFujianPrefectures[i].code, 2)] =
            static_cast<std::uint8_t>(i + 1);
    }
    for (const NamedCode& county : kFujianCounties) {
        const std::size_t prefecture = index.prefectureByNumber[twoDigitNumber(county.code, 2)];
        index.countyByNumber[prefecture][twoDigitNumber(county.code, 4)] = county.name;
    }
    return index;
}

constexpr FujianIndex kFujianIndex = indexFujian();

// Every listed county must belong to a listed prefecture, or indexFujian files it under
// "no prefecture" where no lookup reads it.
constexpr bool countiesHavePrefectures() {
    for (const NamedCode& county : kFujianCounties) {
        if (kFujianIndex.prefectureByNumber[twoDigitNumber(county.code, 2)] == 0) {
            return false;
        }
    }
    return true;
}

static_assert(countiesHavePrefectures(), "a Fujian county's prefecture is missing");

} // namespace

std::string_view provinceName(std::string_view twoDigits) {
    if (twoDigits.size() != 2 || !isDigit(twoDigits[0]) || !isDigit(twoDigits[1])) {
        return {};
    }
    return kProvinceByNumber[twoDigitNumber(twoDigits, 0)];
}

DivisionInfo lookupDivision(std::string_view code) {
    DivisionInfo info;
    if (!isSixDigits(code)) {
        return info;
    }

    info.provinceName = kProvinceByNumber[twoDigitNumber(code, 0)];
    info.provinceKnown = !info.provinceName.empty();
    if (code[0] != '3' || code[1] != '5') {
        return info;
    }

    info.lowerLevelsListed = true;
    const std::size_t prefectureNumber = twoDigitNumber(code, 2);
    const std::size_t countyNumber = twoDigitNumber(code, 4);
    if (prefectureNumber == 0) {
        info.prefectureKnown = true;
        info.countyKnown = countyNumber == 0;
        return info;
    }

    const std::size_t prefecture = kFujianIndex.prefectureByNumber[prefectureNumber];
    info.prefectureKnown = prefecture != 0;
    if (!info.prefectureKnown) {
        return info;
    }
    info.prefectureName = kFujianPrefectures[prefecture - 1].name;
    if (countyNumber == 0) {
        info.countyKnown = true;
        return info;
    }
    info.countyName = kFujianIndex.countyByNumber[prefecture][countyNumber];
    info.countyKnown = !info.countyName.empty();
    return info;
}

} // namespace portal
