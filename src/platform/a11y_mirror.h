// Keeps the accessibility mirror (a11y_mirror.js), a hidden DOM tree of the widgets, in step
// with the app's frames.
#pragma once

namespace portal::platform {

// Creates the mirror's root element over the canvas.
void install_a11y_mirror();

// Sends the last frame's widgets to the mirror when they differ from the previous frame's.
void sync_a11y_mirror();

} // namespace portal::platform
