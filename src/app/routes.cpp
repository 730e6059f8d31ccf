#include "app/routes.h"

#include <iterator>

namespace portal {

namespace {

// One row per screen, in the order of the Screen enum.
const ScreenInfo kScreens[] = {
    {Screen::Home, "#/portal-module/index", "首页", std::nullopt},
    {Screen::UnitInfo, "#/unit-module/info", "单位信息", UserKind::LegalPerson},
    {Screen::AgentManagement, "#/unit-module/agents", "经办人管理", UserKind::LegalPerson},
    {Screen::PlatformOpening, "#/agent-module/platform", "开通多险平台", UserKind::Agent},
    {Screen::StaffAddition, "#/agent-module/staff-addition", "增员", UserKind::Agent},
    {Screen::StaffRemoval, "#/agent-module/staff-removal", "减员", UserKind::Agent},
    {Screen::StaffChange, "#/agent-module/staff-change", "人员信息变更", UserKind::Agent},
    {Screen::BatchAddition, "#/agent-module/batch-addition", "批量增员", UserKind::Agent},
    {Screen::BatchRemoval, "#/agent-module/batch-removal", "批量减员", UserKind::Agent},
    {Screen::StaffList, "#/agent-module/staff", "人员列表", UserKind::Agent},
    {Screen::DeclarationQuery, "#/agent-module/declarations", "人员申报查询", UserKind::Agent},
    {Screen::DeclarationRollback, "#/agent-module/rollback", "申报业务回退", UserKind::Agent},
    {Screen::Registration, "#/portal-module/register", "用户注册", std::nullopt},
    {Screen::Downloads, "#/portal-module/downloads", "下载中心", std::nullopt},
    {Screen::Assistant, "#/portal-module/assistant", "小易智能客服", std::nullopt},
    {Screen::PersonRights, "#/person-module/rights", "我的社保权益", UserKind::Person},
};

} // namespace

const ScreenInfo& screen_info(Screen screen) {
    for (const ScreenInfo& info : kScreens) {
        if (info.screen == screen) {
            return info;
        }
    }
    return kScreens[0];
}

std::optional<Screen> screen_from_route(std::string_view route) {
    if (!route.empty() && route.front() == '#') {
        route.remove_prefix(1);
    }
    route = route.substr(0, route.find('?'));
    while (route.size() > 1 && route.back() == '/') {
        route.remove_suffix(1);
    }
    if (route.empty() || route == "/") {
        return Screen::Home;
    }
    for (const ScreenInfo& info : kScreens) {
        if (std::string_view(info.route).substr(1) == route) {
            return info.screen;
        }
    }
    return std::nullopt;
}

} // namespace portal
