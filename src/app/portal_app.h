// The application's state and navigation, independent of ImGui: which screen is shown, who is
// signed in, the login dialog and message boxes. The UI layer reads it and calls its actions.
#pragma once

#include "app/login.h"
#include "app/person_workspace.h"
#include "app/routes.h"
#include "app/settings.h"
#include "app/unit_workspace.h"
#include "core/api_client.h"
#include "core/resilient_transport.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace portal {

// A file the user picked in the browser, as text.
struct PickedFile {
    std::string file_name;
    std::string text;      // UTF-8
    std::string encoding;  // the encoding the file was read in, e.g. "GB18030"
    std::string error;     // why the file could not be read; empty on success
};

// Services the application needs from the platform it runs on.
struct PlatformServices {
    HttpTransport* transport = nullptr;
    // Called whenever state changes outside a frame (a network response arrived), so the platform
    // draws again.
    std::function<void()> changed;
    // Opens an external link in a new browser tab.
    std::function<void(const std::string& url)> open_url;
    // Shows `route` in the address bar as a new history entry (back returns to the last one),
    // or with `replace` in place of the current entry.
    std::function<void(const std::string& route, const std::string& title, bool replace)>
        show_route;
    // Draws again after `seconds` even when no input arrives, for countdowns. Null in tests.
    std::function<void(double seconds)> wake_after;
    // Runs a task later on the main thread, for resends and connection probes. Null in tests
    // that script every response, so nothing is resent there.
    Scheduler run_later;
    // Seconds on a monotonic clock; null uses std::chrono::steady_clock.
    std::function<double()> now_seconds;
    // Saves the same-origin file at `url` under `file_name` through the browser's download.
    std::function<void(const std::string& url, const std::string& file_name)> download;
    // Saves `contents` (the bytes of a text file) under `file_name` through the browser's
    // download of a Blob.
    SaveFile save_file;
    // Opens the browser's file chooser for a CSV file and calls `done` once it is read.
    std::function<void(std::function<void(PickedFile)> done)> pick_csv_file;
};

// A message box: a title and a paragraph.
struct Message {
    std::string title;
    std::string text;
};

class PortalApp {
public:
    explicit PortalApp(PlatformServices services);

    // Fetches portal-config.json; until it arrives (or if it fails) the defaults apply.
    void load_settings();
    const PortalSettings& settings() const { return settings_; }

    Screen screen() const { return screen_; }
    const std::optional<Session>& session() const { return session_; }
    ApiClient& api() { return api_; }
    // Every request of the app goes through here, to be resent after a failure on the way.
    HttpTransport& transport() { return network_; }
    // Whether the server is unreachable. A notice shows until it responds again.
    bool offline() const { return network_.offline(); }
    ResilientTransport& network() { return network_; }
    // The state of the legal person's and the agent's screens.
    UnitWorkspace& unit() { return unit_; }

    // Shows `screen`. A screen for signed-in users of one kind opens the login of that kind
    // first and follows once the login succeeds.
    void navigate(Screen screen);

    // Follows a route from the address bar (start-up, back, forward, a typed link). An
    // unknown route shows the home page with a notice.
    void open_route(std::string_view route);

    bool login_open() const { return login_open_; }
    void open_login(UserKind kind);
    void close_login();
    LoginForm& login_form() { return login_form_; }

    // Validates the form and, when it is complete, sends the login. Ignored while a login is in
    // flight, so a double click sends one request. During the first-login password step it
    // sends the new password instead.
    void submit_login();

    // Requests an SMS code for the login form's mobile number, after checking that the number
    // is registered in Fujian.
    void send_login_sms();

    // The visitor's and the person's screens: registration, rights, downloads, the assistant.
    PersonWorkspace& person() { return *person_; }

    // Returns the region lookup of mobile numbers: the prefix table once loaded, otherwise a
    // lookup that finds no number.
    const MobileRegionLookup& mobile_regions() const;
    // Fetches the prefix table from the web root; without it every region is unknown.
    void load_mobile_regions();
    void set_mobile_regions(std::unique_ptr<MobileRegionLookup> lookup);

    // Seconds on the platform's monotonic clock.
    double now_seconds() const;
    // Asks the platform for a frame `seconds` from now, e.g. for the next countdown tick.
    void redraw_after(double seconds);
    // Saves a same-origin file through the browser.
    void download(const std::string& url, const std::string& file_name);

    // Lets the user pick a CSV file and reads it into `batch`.
    void pick_csv_file(BatchDeclaration& batch);
    // Saves the template file of `batch` through the browser.
    void save_batch_template(const BatchDeclaration& batch);

    void logout();

    void show_message(std::string title, std::string text);
    const std::optional<Message>& message() const { return message_; }
    void dismiss_message() { message_.reset(); }

    void open_link(const std::string& url);

    // A one-line notice shown under the header, e.g. after logout.
    const std::string& notice() const { return notice_; }

private:
    void notify_changed();
    // Shows `screen`. With `replace_entry` the address bar's current history entry is rewritten
    // instead of a new one added, because the address bar already requested this screen.
    void show(Screen screen, bool replace_entry = false);
    void show_address(Screen screen, bool replace_entry);
    // Opens the login of the user kind that `screen` is for, unless that user is signed in;
    // the screen follows once the login succeeds. Returns whether the login was opened.
    bool login_first(Screen screen);
    void end_session(std::string notice);
    // The server no longer accepts the session: the login opens over the current screen, which
    // keeps its content for the same user.
    void interrupt_session();
    void check_first_login(Session session);
    void finish_login(Session session);
    void submit_new_password();

    PlatformServices services_;
    ResilientTransport network_;
    ApiClient api_;
    PortalSettings settings_;
    Screen screen_ = Screen::Home;
    std::optional<Screen> after_login_;
    std::optional<Session> session_;
    // The session of an agent's first login until the new password is set.
    std::optional<Session> limited_session_;
    // The user whose session ended under them, until someone signs in or the login is closed.
    std::optional<UserSummary> interrupted_user_;
    std::unique_ptr<MobileRegionLookup> mobile_regions_;
    double wake_at_ = 0;
    LoginForm login_form_;
    bool login_open_ = false;
    std::optional<Message> message_;
    std::string notice_;
    UnitWorkspace unit_{api_, [this] { notify_changed(); }};
    std::unique_ptr<PersonWorkspace> person_;
};

} // namespace portal
