// Frame build time of the heaviest screen, the agent's 人员列表, natively and without a GPU:
// the real ImGui code builds each frame's draw lists as the browser build does, only the
// upload to WebGL is missing. Built by the native preset as staff_list_bench and run by
// bench/run.sh; docs/performance.md records the figures.
//
//   build/native/bench/staff_list_bench [--font FILE] [Google Benchmark flags]
//
// Rows: 100 is the largest page the server sends; 5,000 puts a whole large unit on one page,
// to show that the list clipper keeps the cost flat.
#include "../../tests/support/headless_portal.h"
#include "../bench_main.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <string>

#ifndef PORTAL_BENCH_FONT
#define PORTAL_BENCH_FONT "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#endif

namespace {

using portal::Screen;
using portal::testing::HeadlessPortal;
using nlohmann::json;

std::string gFontPath = PORTAL_BENCH_FONT;

constexpr const char* kPermissions = R"({"items":[
  {"insuranceType":"pension","name":"企业养老","allowed":true,"opened":true},
  {"insuranceType":"work_injury","name":"工伤","allowed":true,"opened":true},
  {"insuranceType":"unemployment","name":"失业","allowed":true,"opened":true}]})";

// A staff page as GET /api/staff returns it, with `rows` synthetic members of three records.
std::string staffPage(int rows) {
    static const char* const kSurnames[] = {"林", "陈", "黄", "张", "吴", "王", "郑", "李"};
    static const char* const kGivenNames[] = {"晓明", "建华", "丽娟", "志强", "雅婷", "国栋"};
    json items = json::array();
    for (int i = 0; i < rows; ++i) {
        json records = json::array();
        for (const char* type : {"pension", "work_injury", "unemployment"}) {
            records.push_back({{"recordId", i * 3 + 1},
                               {"insuranceType", type},
                               {"insuranceTypeName", type},
                               {"status", i % 7 == 0 ? "stopped" : "active"},
                               {"contributionBase", 4000 + (i * 37) % 9000},
                               {"startMonth", "2024-01"},
                               {"endMonth", nullptr}});
        }
        items.push_back({{"staffId", i + 1},
                         {"name", std::string(kSurnames[i % 8]) + kGivenNames[i % 6]},
                         {"idCardNumber", "3501**********" + std::to_string(1000 + i % 9000)},
                         {"records", records},
                         {"duplicateRecords", i % 97 == 0}});
    }
    return json{{"items", items}, {"total", rows}, {"page", 1}, {"pageSize", rows}}.dump();
}

// Signs in an agent and opens 人员列表 with a page of `rows` members.
void openStaffList(HeadlessPortal& portal, int rows) {
    portal.frames(2);
    portal.app.navigate(Screen::StaffList);
    portal::testing::sign_in_agent(portal, kPermissions);
    portal.app.unit().staff.load(1);
    while (!portal.transport.pending.empty()) {
        const std::string url = portal.transport.pending.front().first.url;
        portal.transport.reply(200, url.rfind("/api/staff", 0) == 0 ? staffPage(rows)
                                                                       : R"({"items":[]})");
    }
    portal.frames(3);
}

// A frame of the list at rest: the table, its visible rows and the row actions.
void BM_StaffListFrame(benchmark::State& state) {
    HeadlessPortal portal(gFontPath.c_str());
    if (!portal.font_loaded()) {
        state.SkipWithError("cannot read the font");
        return;
    }
    openStaffList(portal, static_cast<int>(state.range(0)));
    if (portal.app.unit().staff.page().items.size() != static_cast<size_t>(state.range(0))) {
        state.SkipWithError("the staff page was not loaded");
        return;
    }
    for (auto _ : state) {
        portal.frame();
    }
}
BENCHMARK(BM_StaffListFrame)->Arg(100)->Arg(5000)->Unit(benchmark::kMicrosecond);

// A frame while the mouse wheel scrolls the table: each frame scrolls a few rows further
// and wraps around at the end.
void BM_StaffListScrollFrame(benchmark::State& state) {
    HeadlessPortal portal(gFontPath.c_str());
    if (!portal.font_loaded()) {
        state.SkipWithError("cannot read the font");
        return;
    }
    const int rows = static_cast<int>(state.range(0));
    openStaffList(portal, rows);
    const std::optional<portal::ui::WidgetInfo> details =
        portal.find(portal::ui::WidgetRole::Button, "详情");
    if (!details) {
        state.SkipWithError("no row of the table was drawn");
        return;
    }
    // The first row's buttons are inside the table, so the wheel over them scrolls it.
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(details->x, details->y + 40.0f);
    int frame = 0;
    for (auto _ : state) {
        io.AddMouseWheelEvent(0.0f, (++frame % 400 == 0) ? 4000.0f : -1.0f);
        portal.frame();
    }
}
BENCHMARK(BM_StaffListScrollFrame)->Arg(100)->Arg(5000)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv) {
    portal::bench::takeOption(argc, argv, "--font", gFontPath);
    return portal::bench::runBenchmarks(argc, argv);
}
