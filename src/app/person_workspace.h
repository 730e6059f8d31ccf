// The state of the screens for visitors and persons: registration, the person's rights, the
// download centre and the assistant 小易. PortalApp owns one and calls it when a screen opens
// and when a session ends.
#pragma once

#include "app/assistant.h"
#include "app/downloads.h"
#include "app/person_rights.h"
#include "app/registration.h"
#include "app/routes.h"
#include "core/calendar_date.h"

#include <functional>

namespace portal {

class PortalApp;

// Today's date on the device, for judging birth dates in ID-card numbers.
CalendarDate local_today();

class PersonWorkspace {
public:
    PersonWorkspace(PortalApp& app, std::function<void()> changed);

    // Starts the loads a screen needs when it opens.
    void screen_shown(Screen screen);
    // Drops the person's data after logout or expiry.
    void session_ended();

    RegistrationForm& registration() { return registration_; }
    // Requests the registration SMS code for the typed mobile number.
    void send_registration_sms();
    // Validates the form and sends the registration.
    void submit_registration();

    PersonRights& rights() { return rights_; }
    void select_rights_year(int year);

    DownloadCentre& downloads() { return downloads_; }

    AssistantChat& assistant() { return assistant_; }
    // Fetches faq.json from the web root once; the assistant works without the server.
    void load_knowledge_base();

private:
    PortalApp& app_;
    std::function<void()> changed_;
    RegistrationForm registration_;
    PersonRights rights_;
    DownloadCentre downloads_;
    AssistantChat assistant_;
    bool knowledge_base_requested_ = false;
};

} // namespace portal
