#include "app/person_workspace.h"

#include "app/portal_app.h"
#include "app/public_request.h"

#include <ctime>
#include <utility>

namespace portal {

CalendarDate local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
#if defined(_WIN32)
    localtime_s(&parts, &now);
#else
    localtime_r(&now, &parts);
#endif
    return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

PersonWorkspace::PersonWorkspace(PortalApp& app, std::function<void()> changed)
    : app_(app), changed_(std::move(changed)) {}

void PersonWorkspace::screen_shown(Screen screen) {
    switch (screen) {
    case Screen::PersonRights:
        rights_.load(app_.api(), changed_);
        break;
    case Screen::Downloads:
        downloads_.load(app_.api(), changed_);
        break;
    case Screen::Assistant:
        load_knowledge_base();
        break;
    default:
        break;
    }
}

void PersonWorkspace::session_ended() {
    rights_.clear();
}

void PersonWorkspace::send_registration_sms() {
    registration_.sms().send(app_.transport(), app_.mobile_regions(),
                             registration_.value(RegistrationField::Mobile), app_.now_seconds(),
                             changed_);
}

void PersonWorkspace::submit_registration() {
    const CalendarDate today = local_today();
    if (registration_.busy() || !registration_.validate(today)) {
        return;
    }
    registration_.mark_sent();
    post_public(app_.transport(), registration_.endpoint(), registration_.to_request(today),
                [this](PublicResponse response) {
                    if (response.ok()) {
                        registration_.mark_succeeded(*response.body);
                        registration_.sms().reset();
                    } else {
                        registration_.mark_failed(response.failure->error,
                                                  response.failure->field);
                    }
                    changed_();
                });
}

void PersonWorkspace::select_rights_year(int year) {
    rights_.select_year(year, app_.api(), changed_);
}

void PersonWorkspace::load_knowledge_base() {
    if (knowledge_base_requested_) {
        return;
    }
    knowledge_base_requested_ = true;
    HttpRequest request;
    request.method = "GET";
    request.url = "faq.json";
    app_.transport().send(std::move(request), [this](HttpResponse response) {
        if (response.status != 200) {
            // A later open tries again, e.g. once the network is back.
            knowledge_base_requested_ = false;
            assistant_.set_load_error(
                {"faq_unavailable", "小易的知识库未能加载（" +
                                        (response.status == 0
                                             ? std::string("网络连接失败")
                                             : "HTTP " + std::to_string(response.status)) +
                                        "），请稍后重新打开小易"});
        } else {
            Result<KnowledgeBase> parsed = parse_knowledge_base(response.body);
            if (parsed.ok()) {
                assistant_.set_knowledge_base(std::move(parsed).value());
            } else {
                assistant_.set_load_error(parsed.error());
            }
        }
        changed_();
    });
}

} // namespace portal
