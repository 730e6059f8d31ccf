#include "app/portal_app.h"

namespace portal {

PortalApp::PortalApp(PlatformServices services)
    : services_(std::move(services)), api_(*services_.transport) {
    api_.on_session_expired([this] { end_session("登录已超时或已在别处退出，请重新登录。"); });
}

void PortalApp::show(Screen screen) {
    screen_ = screen;
    const ScreenInfo& info = screen_info(screen);
    if (services_.show_route) {
        services_.show_route(info.route, info.title);
    }
}

void PortalApp::navigate(Screen screen) {
    const ScreenInfo& info = screen_info(screen);
    if (info.audience && (!session_ || session_->user.kind != *info.audience)) {
        after_login_ = screen;
        open_login(*info.audience);
        return;
    }
    show(screen);
}

void PortalApp::open_route(std::string_view route) {
    std::optional<Screen> screen = screen_from_route(route);
    if (!screen) {
        notice_ = "您访问的页面不存在，已为您打开首页。";
        show(Screen::Home);
        return;
    }
    if (*screen != screen_) {
        navigate(*screen);
    }
}

void PortalApp::end_session(std::string notice) {
    session_.reset();
    after_login_.reset();
    notice_ = std::move(notice);
    show(Screen::Home);
    notify_changed();
}

void PortalApp::notify_changed() {
    if (services_.changed) {
        services_.changed();
    }
}

void PortalApp::load_settings() {
    HttpRequest request;
    request.method = "GET";
    request.url = "portal-config.json";
    services_.transport->send(std::move(request), [this](HttpResponse response) {
        if (response.status == 200) {
            Result<PortalSettings> parsed = parse_settings(response.body);
            if (parsed.ok()) {
                settings_ = std::move(parsed).value();
            } else {
                notice_ = parsed.error().message;
            }
        }
        notify_changed();
    });
}

void PortalApp::open_login(UserKind kind) {
    login_form_.select_kind(kind);
    login_open_ = true;
}

void PortalApp::close_login() {
    login_open_ = false;
    after_login_.reset();
}

void PortalApp::submit_login() {
    if (login_form_.busy() || !login_form_.validate()) {
        return;
    }
    login_form_.mark_sent();
    api_.login(login_form_.to_request(), [this](Result<Session> result) {
        if (result.ok()) {
            session_ = std::move(result).value();
            login_form_.mark_succeeded();
            login_open_ = false;
            notice_.clear();
            if (after_login_) {
                const Screen target = *after_login_;
                after_login_.reset();
                navigate(target);
            }
        } else {
            login_form_.mark_failed(result.error());
        }
        notify_changed();
    });
}

void PortalApp::logout() {
    if (!session_) {
        return;
    }
    session_.reset();
    after_login_.reset();
    notice_ = "您已安全退出。";
    show(Screen::Home);
    api_.logout([this] { notify_changed(); });
}

void PortalApp::show_message(std::string title, std::string text) {
    message_ = Message{std::move(title), std::move(text)};
}

void PortalApp::open_link(const std::string& url) {
    if (url.empty()) {
        show_message("提示", "该链接尚未配置，请联系平台管理员。");
        return;
    }
    if (services_.open_url) {
        services_.open_url(url);
    }
}

} // namespace portal
