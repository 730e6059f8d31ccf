// CSV files through the browser (csv_files.js): picking a file to read and saving generated
// text as a download.
#pragma once

#include "app/portal_app.h"

#include <functional>
#include <string>

namespace portal::platform {

// Adds the hidden file input to the page.
void install_csv_files();

// Opens the browser's file chooser; `done` receives the picked file's text or why it failed.
void pick_csv_file(std::function<void(PickedFile)> done);

// Saves `contents` as a download named `file_name`.
void save_text_file(const std::string& file_name, const std::string& contents);

} // namespace portal::platform
