// Feeds generated server responses to every screen and client function that decodes one, each
// driven through its public API over a ScriptedTransport. The first byte of the input picks the
// scenario (kScenarios), and the rest is the response script of scripted_transport.h. Besides
// memory safety and undefined behaviour, response_checks.h states what the decoded data must
// satisfy, and each scenario checks that its screen has settled with a result or an error.
#include "response_checks.h"
#include "scripted_transport.h"

#include "app/downloads.h"
#include "app/person_rights.h"
#include "app/portal_app.h"
#include "app/public_request.h"
#include "app/registration.h"
#include "app/settings.h"
#include "app/sms_code.h"
#include "app/staff_list.h"
#include "app/unit_workspace.h"
#include "core/api_client.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace portal::fuzz {
namespace {

// Checks that a screen is no longer busy once its responses have arrived.
void checkSettled(bool busy, const char* screen) {
    require(!busy, "a screen is not busy after its responses", screen);
}

void runLogin(ScriptedTransport& transport) {
    ApiClient api(transport);
    LoginRequest request;
    request.method = "password";
    request.account = "linxiaoming";
    request.password = "Demo@2026";
    bool called = false;
    api.login(request, [&](Result<Session> session) {
        called = true;
        if (!session.ok()) {
            checkError(session.error());
            return;
        }
        require(!session.value().token.empty(), "a session has a token");
        checkText(session.value().user.name, "a user name is valid UTF-8");
        checkText(session.value().user.account, "an account name is valid UTF-8");
    });
    transport.answer_pending();
    require(called, "the login callback runs once its response arrived");
}

void runCall(ScriptedTransport& transport) {
    ApiClient api(transport);
    bool expired = false;
    api.on_session_expired([&expired] { expired = true; });
    api.call("GET", "/api/unit", std::nullopt, [](Result<nlohmann::json> body) {
        if (body.ok()) {
            require(body.value().is_object(), "a successful call returns a JSON object");
        } else {
            checkError(body.error());
        }
    });
    transport.answer_pending();
    require(!expired, "a call without a token never ends a session");
}

// Signs in through the login form, as a person or as an agent. An agent's login also requests
// GET /api/session and may have to set the first password.
void runPortalLogin(ScriptedTransport& transport, UserKind kind) {
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};
    app.open_login(kind);
    LoginForm& form = app.login_form();
    if (kind == UserKind::Agent) {
        form.select_method(LoginMethod::AgentUsername);
        form.value(LoginField::Account) = "ma2y3k7d01";
    } else {
        form.value(LoginField::Account) = "linxiaoming";
    }
    form.value(LoginField::Password) = "Demo@2026";
    app.submit_login();
    transport.answer_pending();
    if (form.setting_password()) {
        form.password_value(PasswordField::NewPassword) = "Agent@2026";
        form.password_value(PasswordField::Confirmation) = "Agent@2026";
        app.submit_login();
        transport.answer_pending();
    }
    checkSettled(form.busy(), "login");
    checkText(form.form_error(), "a login error is valid UTF-8");
    if (app.session()) {
        require(!app.session()->token.empty(), "a session has a token");
        checkText(app.session()->user.name, "a user name is valid UTF-8");
    }
}

void runLoginPerson(ScriptedTransport& transport) {
    runPortalLogin(transport, UserKind::Person);
}

void runLoginAgent(ScriptedTransport& transport) {
    runPortalLogin(transport, UserKind::Agent);
}

void runSettings(ScriptedTransport& transport) {
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};
    app.load_settings();
    transport.answer_pending();
    checkText(app.notice(), "a notice is valid UTF-8");

    Result<PortalSettings> settings = parse_settings(transport.first_body());
    if (!settings.ok()) {
        checkError(settings.error());
        return;
    }
    for (const Notice& notice : settings.value().notices) {
        checkText(notice.title, "a notice title is valid UTF-8");
    }
}

void runKnowledgeBase(ScriptedTransport& transport) {
    PortalApp app{PlatformServices{&transport, nullptr, nullptr}};
    AssistantChat& chat = app.person().assistant();
    app.person().load_knowledge_base();
    transport.answer_pending();
    chat.ask("密码输错被锁定了怎么办？");
    for (const ChatMessage& message : chat.messages()) {
        checkText(message.text, "a chat message is valid UTF-8");
    }
    if (chat.ready()) {
        for (const std::string& id : chat.knowledge_base().featured()) {
            require(chat.knowledge_base().find(id) != nullptr, "a featured id names an entry", id);
        }
    }
}

void runSmsCode(ScriptedTransport& transport) {
    SmsCodeSender sender("login");
    const UnknownRegionLookup regions;
    const char* mobile = "13805912001";
    const double now = 1000;
    require(sender.send(transport, regions, mobile, now, nullptr), "a valid number is sent");
    transport.answer_pending();
    checkSettled(sender.busy(), "sms code");
    checkText(sender.error(), "an SMS error is valid UTF-8");
    for (const double later : {now, now + 299, now + 86400.0 * 365}) {
        require(sender.seconds_until_resend(mobile, later) >= 0, "a resend wait is not negative");
        require(sender.seconds_until_expiry(later) >= 0, "a validity is not negative");
        checkText(sender.button_label(mobile, later), "a button label is valid UTF-8");
        checkText(sender.status(later), "an SMS status is valid UTF-8");
    }
}

void runRegistration(ScriptedTransport& transport) {
    RegistrationForm form;
    form.mark_sent();
    post_public(transport, "/api/persons", nlohmann::json{{"name", "林晓明"}},
                [&form](PublicResponse response) {
                    if (response.ok()) {
                        form.mark_succeeded(*response.body);
                        return;
                    }
                    checkError(response.failure->error);
                    require(response.failure->retry_after_seconds >= 0,
                            "a retry wait is not negative");
                    form.mark_failed(response.failure->error, response.failure->field);
                });
    transport.answer_pending();
    checkSettled(form.busy(), "registration");
    checkText(form.form_error(), "a registration error is valid UTF-8");
    if (form.registered()) {
        checkText(form.registered()->name, "a registered name is valid UTF-8");
        checkText(form.registered()->unit_name, "a registered unit name is valid UTF-8");
    }
}

// The unit screens share one workspace, as in the app, and each scenario uses one of them.
struct UnitScreens {
    explicit UnitScreens(ScriptedTransport& transport) : api(transport), workspace(api, nullptr) {
        workspace.context.clock = [] { return CalendarDate{2026, 1, 15}; };
    }
    ApiClient api;
    UnitWorkspace workspace;
};

// Loads the first page of a list screen and checks its paging.
template <typename ListScreen>
void loadFirstPage(ScriptedTransport& transport, ListScreen& screen, const char* name) {
    screen.load(1);
    transport.answer_pending();
    checkSettled(screen.loading(), name);
    checkPage(screen.page());
}

// Opens the detail dialog of a list screen and checks that it shows the record or an error.
template <typename ListScreen, typename CheckRecord>
void openDetail(ScriptedTransport& transport, ListScreen& screen, long long id,
                CheckRecord check_record) {
    screen.open_detail(id);
    transport.answer_pending();
    require(screen.detail().has_value() || !screen.detail_error().empty(),
            "a detail dialog shows the record or an error");
    if (screen.detail()) {
        check_record(*screen.detail());
    }
}

void runReminders(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    unit.workspace.session_started(UserKind::LegalPerson);
    transport.answer_pending();
    for (const OverdueReminder& reminder : unit.workspace.reminders()) {
        require(!reminder.message.empty(), "a reminder has a message");
        checkText(reminder.message, "a reminder is valid UTF-8");
    }
}

void runUnitInfo(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    UnitInfoScreen& screen = unit.workspace.unit_info;
    screen.load();
    transport.answer_pending();
    checkSettled(screen.loading(), "unit info");
    require(screen.unit().has_value() || !screen.error().empty(),
            "the unit information shows the unit or an error");
    checkText(screen.error(), "a unit information error is valid UTF-8");
    for (const std::string& name : screen.candidate_names()) {
        require(!name.empty(), "a candidate name is not empty");
        checkText(name, "a candidate name is valid UTF-8");
    }

    screen.chosen_name = 1;
    screen.confirm();
    transport.answer_pending();
    checkSettled(screen.confirming(), "unit confirmation");
    checkText(screen.confirmation_result(), "a confirmation result is valid UTF-8");
}

void runAgents(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    AgentManagement& screen = unit.workspace.agents;
    screen.load();
    transport.answer_pending();
    screen.sync();
    transport.answer_pending();
    checkSettled(screen.loading() || screen.syncing(), "agents");
    checkText(screen.error(), "an agent list error is valid UTF-8");
    for (const AgentRow& agent : screen.agents()) {
        checkText(agent.name, "an agent name is valid UTF-8");
        checkText(agent_status_label(agent.status), "an agent status label is valid UTF-8");
    }
    for (const AgentSyncResult& result : screen.sync_results()) {
        checkText(result.message, "a sync message is valid UTF-8");
        checkText(agent_sync_next_step(result.result), "a next step is valid UTF-8");
    }
}

void runPlatform(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    AgentPermissions& permissions = unit.workspace.permissions;
    PlatformOpening& screen = unit.workspace.platform;
    screen.load();
    transport.answer_pending();
    checkSettled(permissions.loading(), "insurance types");
    require(permissions.loaded() || !permissions.error().empty(),
            "the insurance types are loaded or show an error");
    for (std::size_t i = 0; i < permissions.items().size() + 1; ++i) {
        screen.set_ticked(i, true);
        require(!screen.ticked(i) || permissions.items()[i].allowed,
                "only an allowed type can be ticked");
    }
    for (const char* type : kInsuranceTypes) {
        checkText(permissions.declare_refusal(type), "a refusal is valid UTF-8");
    }

    screen.open();
    transport.answer_pending();
    require(!screen.opening(), "the opening is not busy after its response");
    checkText(screen.form_error(), "an opening error is valid UTF-8");
    for (const PlatformOpeningResult& result : screen.results()) {
        checkText(result.name, "an insurance type name is valid UTF-8");
        checkText(result.message, "an opening message is valid UTF-8");
    }
}

void runStaffList(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    StaffList& screen = unit.workspace.staff;
    loadFirstPage(transport, screen, "staff list");
    for (const StaffMember& member : screen.page().items) {
        checkStaffMember(member);
        checkText(staff_active_types(member), "active types are valid UTF-8");
    }
    for (const StaffSortColumn column : {StaffSortColumn::Name, StaffSortColumn::IdCardNumber,
                                         StaffSortColumn::Base, StaffSortColumn::Order}) {
        screen.sort_by(column, false);
        std::vector<std::size_t> order = screen.order();
        std::sort(order.begin(), order.end());
        for (std::size_t i = 0; i < order.size(); ++i) {
            require(order[i] == i, "a sort order is a permutation of the page");
        }
    }

    const long long id = screen.page().items.empty() ? 1 : screen.page().items.front().staffId;
    openDetail(transport, screen, id, checkStaffMember);
}

void runDeclarationQuery(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    DeclarationQuery& screen = unit.workspace.query;
    loadFirstPage(transport, screen, "declaration query");
    for (const Declaration& declaration : screen.page().items) {
        checkDeclaration(declaration);
    }
    openDetail(transport, screen, 1, checkDeclaration);
}

void runRollback(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    DeclarationRollback& screen = unit.workspace.rollback;
    loadFirstPage(transport, screen, "rollback list");

    screen.lookup_id = "1";
    screen.lookup();
    transport.answer_pending();
    checkText(screen.lookup_note(), "a lookup note is valid UTF-8");
    if (screen.looked_up()) {
        checkDeclaration(*screen.looked_up());
        screen.choose(*screen.looked_up());
    } else if (!screen.page().items.empty()) {
        screen.choose(screen.page().items.front());
    }
    screen.confirm();
    transport.answer_pending();
    require(!screen.busy(), "the rollback is not busy after its response");
    checkText(screen.outcome(), "a rollback outcome is valid UTF-8");
}

// DeclarationForm::send is protected: the staff forms call it once their fields are valid.
struct DeclarationPoster : DeclarationForm {
    using DeclarationForm::DeclarationForm;
    void post() {
        send(nlohmann::json{{"kind", "addition"}}, [] {});
    }
};

void runDeclarationSubmit(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    DeclarationPoster form(unit.workspace.context, unit.workspace.permissions, "fuzz");
    bool finished = false;
    form.on_finished = [&finished] { finished = true; };
    form.post();
    transport.answer_pending();
    checkSettled(form.busy(), "declaration form");
    require(finished, "a submit always finishes");
    checkText(form.failure_message(), "a submit failure is valid UTF-8");
    for (const Declaration& declaration : form.created()) {
        checkDeclaration(declaration);
    }
}

void runExports(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    ListExport& exports = unit.workspace.exports;
    std::vector<std::string> files;
    exports.save_file = [&files](const std::string&, const std::string& contents) {
        files.push_back(contents);
    };
    auto url_of = [](int page) { return "/api/staff?page=" + std::to_string(page); };
    exports.export_staff(url_of, "staff.csv");
    transport.answer_pending();
    require(!exports.busy(), "the staff export is not busy after its responses");
    exports.export_declarations(url_of, "declarations.csv");
    transport.answer_pending();
    checkText(exports.error(), "an export error is valid UTF-8");
    for (const std::string& contents : files) {
        checkText(contents, "an exported file is valid UTF-8");
    }
}

void runBatchStaff(ScriptedTransport& transport) {
    UnitScreens unit(transport);
    BatchDeclaration& batch = unit.workspace.batch_removal;
    batch.prepare();
    transport.answer_pending();
    checkText(batch.preparation_status(), "a preparation status is valid UTF-8");
}

void runPersonRights(ScriptedTransport& transport) {
    ApiClient api(transport);
    PersonRights rights;
    rights.load(api, [] {});
    transport.answer_pending();
    rights.select_year(2025, api, [] {});
    transport.answer_pending();
    checkSettled(rights.loading(), "person rights");
    checkText(rights.error(), "a rights error is valid UTF-8");
    checkText(rights.person_name(), "a person name is valid UTF-8");
    const std::vector<int>& years = rights.years();
    for (std::size_t i = 0; i < years.size(); ++i) {
        require(years[i] >= 1 && years[i] <= 9999, "a year has four digits");
        require(i == 0 || years[i] == years[i - 1] + 1, "the years run without a gap");
    }
    require(rights.monthly_totals().size() == 12, "a year has 12 monthly totals");
    for (const Enrolment& enrolment : rights.enrolments()) {
        checkText(enrolment.name, "an enrolment name is valid UTF-8");
        checkText(enrolment_status_name(enrolment.status), "a status name is valid UTF-8");
    }
}

void runDownloads(ScriptedTransport& transport) {
    ApiClient api(transport);
    DownloadCentre downloads;
    downloads.load(api, [] {});
    transport.answer_pending();
    checkSettled(downloads.loading(), "downloads");
    require(downloads.loaded() || !downloads.error().empty(),
            "the download centre shows the list or an error");
    for (const DownloadItem& item : downloads.items()) {
        checkText(item.title, "a download title is valid UTF-8");
        checkText(format_file_size(item.size_bytes), "a file size is valid UTF-8");
        checkText(date_of(item.updated_at), "a download date is valid UTF-8");
    }
}

struct Scenario {
    const char* name;  // also the prefix of its seeds' file names
    void (*run)(ScriptedTransport&);
};

constexpr Scenario kScenarios[] = {
    {"login", runLogin},
    {"call", runCall},
    {"login_person", runLoginPerson},
    {"login_agent", runLoginAgent},
    {"settings", runSettings},
    {"knowledge_base", runKnowledgeBase},
    {"sms_code", runSmsCode},
    {"registration", runRegistration},
    {"reminders", runReminders},
    {"unit_info", runUnitInfo},
    {"agents", runAgents},
    {"platform", runPlatform},
    {"staff_list", runStaffList},
    {"declaration_query", runDeclarationQuery},
    {"rollback", runRollback},
    {"declaration_submit", runDeclarationSubmit},
    {"exports", runExports},
    {"batch_staff", runBatchStaff},
    {"person_rights", runPersonRights},
    {"downloads", runDownloads},
};

} // namespace
} // namespace portal::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using portal::fuzz::kScenarios;
    if (size == 0) {
        return 0;
    }
    constexpr std::size_t kCount = sizeof kScenarios / sizeof kScenarios[0];
    const portal::fuzz::Scenario& scenario = kScenarios[data[0] % kCount];
    portal::fuzz::ScriptedTransport transport(
        std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
    scenario.run(transport);
    return 0;
}
