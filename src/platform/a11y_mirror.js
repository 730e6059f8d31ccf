// The accessibility mirror: a hidden DOM tree that follows the widgets of the app's last frame
// (buttons, text boxes, checkboxes, tabs, dialogs, messages) with their roles, names and
// states, so screen readers and DOM-based tools can read and operate the canvas. Each element
// sits over its widget; only what changed is touched. Included with --pre-js.
(function () {
  "use strict";

  Module.portalInstallA11yMirror = function (canvas) {
    var root = document.createElement("div");
    root.id = "portal-a11y";
    // Transparent and click-through: the canvas below still receives the mouse, while the
    // accessibility tree and keyboard focus see these elements.
    root.style.cssText = "position:fixed;left:0;top:0;width:0;height:0;overflow:visible;" +
      "pointer-events:none;opacity:0;z-index:1;";
    document.body.appendChild(root);

    var nodes = new Map();  // "role:id" -> element

    function activate(id, preferInput) {
      Module.ccall("portal_activate_widget", null, ["number", "number"], [id, preferInput ? 1 : 0]);
    }

    function create(widget) {
      var element;
      if (widget.role === "textbox") {
        element = document.createElement("input");
        element.type = "text";
        element.autocomplete = "off";
        element.addEventListener("focus", function () { activate(widget.id, true); });
        if (Module.portalTextAgent) Module.portalTextAgent.attach(element);
      } else if (widget.role === "checkbox") {
        element = document.createElement("input");
        element.type = "checkbox";
        element.addEventListener("click", function (event) {
          // The app owns the state: it arrives with the next frame.
          event.preventDefault();
          activate(widget.id, false);
        });
      } else if (widget.role === "dialog") {
        element = document.createElement("div");
        element.setAttribute("role", "dialog");
        element.setAttribute("aria-modal", "true");
      } else if (widget.role === "alert") {
        element = document.createElement("div");
        element.setAttribute("role", "alert");
      } else {
        element = document.createElement("button");
        element.type = "button";
        if (widget.role === "tab") element.setAttribute("role", "tab");
        element.addEventListener("click", function () { activate(widget.id, false); });
      }
      element.dataset.portalWidget = String(widget.id);
      element.style.position = "fixed";
      element.style.margin = "0";
      element.style.padding = "0";
      element.style.boxSizing = "border-box";
      return element;
    }

    function setIfChanged(element, name, value) {
      if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    }

    function update(element, widget) {
      if (widget.role === "alert") {
        if (element.textContent !== widget.label) element.textContent = widget.label;
      } else {
        setIfChanged(element, "aria-label", widget.label);
      }
      if (widget.role === "checkbox" && element.checked !== widget.checked) {
        element.checked = widget.checked;
      }
      if (widget.role === "tab") setIfChanged(element, "aria-selected", String(widget.checked));
      if ("disabled" in element && element.disabled !== widget.disabled) {
        element.disabled = widget.disabled;
      }
      var style = element.style;
      var left = Math.round(widget.x) + "px", top = Math.round(widget.y) + "px";
      var width = Math.max(1, Math.round(widget.width)) + "px";
      var height = Math.max(1, Math.round(widget.height)) + "px";
      if (style.left !== left) style.left = left;
      if (style.top !== top) style.top = top;
      if (style.width !== width) style.width = width;
      if (style.height !== height) style.height = height;
    }

    // Places `element` at `index` among `parent`'s children, moving it only when needed.
    function place(parent, element, index) {
      if (parent.children[index] !== element) {
        parent.insertBefore(element, parent.children[index] || null);
      }
    }

    Module.portalA11yMirror = {
      root: root,
      // Brings the tree in step with `widgets` (the list of the widget registry).
      sync: function (widgets) {
        var seen = new Set();
        var positions = new Map();  // parent -> next child index
        var dialogOpen = false;
        for (var i = 0; i < widgets.length; i++) {
          var widget = widgets[i];
          var key = widget.role + ":" + widget.id;
          if (seen.has(key)) continue;  // the same widget drawn twice in one frame
          seen.add(key);
          var element = nodes.get(key);
          if (!element) {
            element = create(widget);
            nodes.set(key, element);
          }
          update(element, widget);
          if (widget.role === "dialog") dialogOpen = true;
          var parent = widget.dialog ? nodes.get("dialog:" + widget.dialog) || root : root;
          var index = positions.get(parent) || 0;
          place(parent, element, index);
          positions.set(parent, index + 1);
        }
        nodes.forEach(function (element, key) {
          if (!seen.has(key)) {
            element.remove();
            nodes.delete(key);
          }
        });
        // While a modal dialog is open, what lies behind it is out of reach, as on screen.
        for (var c = 0; c < root.children.length; c++) {
          var child = root.children[c];
          var behind = dialogOpen && child.getAttribute("role") !== "dialog";
          if (child.inert !== behind) {
            child.inert = behind;
            if (behind) child.setAttribute("aria-hidden", "true");
            else child.removeAttribute("aria-hidden");
          }
        }
      },
    };
  };
})();
