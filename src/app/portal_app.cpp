#include "app/portal_app.h"

#include "core/json_decode.h"
#include "core/mobile_regions.h"

#include <chrono>

namespace portal {

PortalApp::PortalApp(PlatformServices services)
    : services_(std::move(services)), network_(*services_.transport, services_.run_later),
      api_(network_),
      mobile_regions_(std::make_unique<UnknownRegionLookup>()),
      person_(std::make_unique<PersonWorkspace>(*this, [this] { notify_changed(); })) {
    network_.on_connectivity_changed([this](bool) { notify_changed(); });
    api_.on_session_expired([this] { interrupt_session(); });
    unit_.exports.save_file = services_.save_file;
}

void PortalApp::show_address(Screen screen, bool replace_entry) {
    const ScreenInfo& info = screen_info(screen);
    if (services_.show_route) {
        services_.show_route(info.route, info.title, replace_entry);
    }
}

void PortalApp::show(Screen screen, bool replace_entry) {
    screen_ = screen;
    show_address(screen, replace_entry);
    unit_.screen_shown(screen);
    person_->screen_shown(screen);
}

bool PortalApp::login_first(Screen screen) {
    const ScreenInfo& info = screen_info(screen);
    if (!info.audience || (session_ && session_->user.kind == *info.audience)) {
        return false;
    }
    after_login_ = screen;
    open_login(*info.audience);
    return true;
}

void PortalApp::navigate(Screen screen) {
    if (!login_first(screen)) {
        show(screen);
    }
}

void PortalApp::open_route(std::string_view route) {
    std::optional<Screen> screen = screen_from_route(route);
    // Back, forward and typed links have already made their history entry: the app only
    // corrects its spelling ("#/" for the home page), so forward stays possible after back.
    if (!screen) {
        notice_ = "您访问的页面不存在，已为您打开首页。";
        show(Screen::Home, true);
        return;
    }
    if (*screen != screen_ && !login_first(*screen)) {
        show(*screen, true);
    }
}

void PortalApp::end_session(std::string notice) {
    session_.reset();
    unit_.session_ended();
    person_->session_ended();
    after_login_.reset();
    notice_ = std::move(notice);
    show(Screen::Home);
    notify_changed();
}

void PortalApp::interrupt_session() {
    if (!session_) {
        return;
    }
    // The screens keep what the user typed: the same user signing in again returns to it.
    interrupted_user_ = session_->user;
    session_.reset();
    after_login_ = screen_;
    notice_ = "登录已超时或已在别处退出，请重新登录；您填写的内容已保留。";
    open_login(interrupted_user_->kind);
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
    network_.send(std::move(request), [this](HttpResponse response) {
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
    if (interrupted_user_) {
        // The next user of the browser must not find the last user's forms.
        interrupted_user_.reset();
        end_session("登录已超时，您已退出登录。");
        return;
    }
    if (after_login_) {
        // The address bar shows the screen the login was for; it returns to the one shown.
        after_login_.reset();
        show_address(screen_, true);
    }
    if (limited_session_) {
        // The first-login session may do nothing but set the password; cancelling ends it.
        limited_session_.reset();
        login_form_.end_password_step();
        api_.logout([this] { notify_changed(); });
    }
}

void PortalApp::submit_login() {
    if (login_form_.setting_password()) {
        submit_new_password();
        return;
    }
    if (login_form_.busy() || !login_form_.validate()) {
        return;
    }
    login_form_.mark_sent();
    api_.login(login_form_.to_request(), [this](Result<Session> result) {
        if (!result.ok()) {
            login_form_.mark_failed(result.error());
            notify_changed();
            return;
        }
        Session session = std::move(result).value();
        if (session.user.kind == UserKind::Agent) {
            check_first_login(std::move(session));
        } else {
            finish_login(std::move(session));
        }
    });
}

// An agent's first login with the initial password from the agent sync gives a limited
// session (mustSetPassword). The login response's flag does not reach Session, so the
// session resource is asked.
void PortalApp::check_first_login(Session session) {
    api_.call("GET", "/api/session", std::nullopt,
              [this, session](Result<nlohmann::json> answer) {
                  if (!answer.ok()) {
                      login_form_.mark_failed(answer.error());
                      api_.logout([] {});
                      notify_changed();
                      return;
                  }
                  if (json_decode::bool_member(answer.value(), "mustSetPassword").value_or(false)) {
                      limited_session_ = session;
                      login_form_.begin_password_step();
                      notify_changed();
                      return;
                  }
                  finish_login(session);
              });
}

void PortalApp::finish_login(Session session) {
    if (interrupted_user_) {
        const UserSummary& last = *interrupted_user_;
        if (last.kind != session.user.kind || last.account != session.user.account ||
            last.name != session.user.name || last.unit_code != session.user.unit_code) {
            // Another user signed in: nothing of the last one's stays on screen.
            unit_.session_ended();
            person_->session_ended();
            after_login_.reset();
            show(Screen::Home);
        } else {
            unit_.session_resumed();
        }
        interrupted_user_.reset();
    }
    session_ = std::move(session);
    limited_session_.reset();
    unit_.session_started(session_->user.kind);
    login_form_.mark_succeeded();
    login_open_ = false;
    notice_.clear();
    if (after_login_) {
        const Screen target = *after_login_;
        after_login_.reset();
        navigate(target);
    }
    notify_changed();
}

void PortalApp::submit_new_password() {
    if (login_form_.busy() || !limited_session_ || !login_form_.validate_password_step()) {
        return;
    }
    login_form_.mark_sent();
    const nlohmann::json body = {
        {"newPassword", login_form_.password_value(PasswordField::NewPassword)}};
    api_.call("POST", "/api/session/password", body, [this](Result<nlohmann::json> result) {
        if (!limited_session_) {
            return;
        }
        if (!result.ok()) {
            login_form_.mark_password_failed(result.error());
            notify_changed();
            return;
        }
        Session session = *limited_session_;
        if (auto seconds = json_decode::integer_member(result.value(), "expiresInSeconds")) {
            session.expiresInSeconds = static_cast<int>(*seconds);
        }
        finish_login(std::move(session));
    });
}

void PortalApp::send_login_sms() {
    login_form_.sms().send(transport(), mobile_regions(), login_form_.value(LoginField::Mobile),
                           now_seconds(), [this] { notify_changed(); });
}

const MobileRegionLookup& PortalApp::mobile_regions() const {
    return *mobile_regions_;
}

void PortalApp::set_mobile_regions(std::unique_ptr<MobileRegionLookup> lookup) {
    mobile_regions_ = std::move(lookup);
}

void PortalApp::load_mobile_regions() {
    HttpRequest request;
    request.method = "GET";
    request.url = "phone_prefixes.bin";
    network_.send(std::move(request), [this](HttpResponse response) {
        if (response.status != 200) {
            return;
        }
        Result<PrefixTableRegionLookup> table = PrefixTableRegionLookup::parse(response.body);
        if (table.ok()) {
            mobile_regions_ = std::make_unique<PrefixTableRegionLookup>(std::move(table).value());
        }
    });
}

double PortalApp::now_seconds() const {
    if (services_.now_seconds) {
        return services_.now_seconds();
    }
    const auto since_start = std::chrono::steady_clock::now().time_since_epoch();
    return std::chrono::duration<double>(since_start).count();
}

void PortalApp::redraw_after(double seconds) {
    const double now = now_seconds();
    const double at = now + seconds;
    // A wake already due within the request covers it. One due within 50 ms may be the timer
    // that is firing now, a little early on this clock, so it does not count.
    if (wake_at_ > now + 0.05 && wake_at_ <= at) {
        return;
    }
    wake_at_ = at;
    if (services_.wake_after) {
        services_.wake_after(seconds);
    }
}

void PortalApp::download(const std::string& url, const std::string& file_name) {
    if (services_.download) {
        services_.download(url, file_name);
    } else {
        open_link(url);
    }
}

void PortalApp::pick_csv_file(BatchDeclaration& batch) {
    if (!services_.pick_csv_file) {
        return;
    }
    services_.pick_csv_file([this, &batch](PickedFile file) {
        if (file.error.empty()) {
            batch.load_file(file.file_name, file.text, file.encoding);
        } else {
            batch.reject_file(file.file_name, file.error);
        }
        notify_changed();
    });
}

void PortalApp::save_batch_template(const BatchDeclaration& batch) {
    if (services_.save_file) {
        services_.save_file(batch.template_file_name(), batch.template_csv());
    }
}

void PortalApp::logout() {
    if (!session_) {
        return;
    }
    session_.reset();
    unit_.session_ended();
    person_->session_ended();
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
