// The accessibility mirror: a hidden DOM tree that follows the widgets of the app's last frame
// (buttons, text boxes, checkboxes, radio buttons, combo boxes and their options, tabs,
// dialogs, messages, tables) with their roles, names and states, so screen readers and DOM-based
// tools can read and operate the canvas. Each element sits over its widget; only what changed is
// touched. Table rows and cells follow the table's layout instead, and a widget drawn in a cell
// sits inside that cell's element. While keyboard focus is in the mirror, it follows the app's
// focus (Tab moves between fields in the app). Included with --pre-js.
// NOTE: the batch preview and the before-and-after table of a staff change do not record their
// cells in the widget registry, so of those two tables only the buttons in their cells appear.
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

    var nodes = new Map();  // "role:id", or "row:table:row" and "cell:table:row:column" -> element
    var focusedKey = null;  // the widget the app had focus on at the last sync
    var ownsFocus = false;  // whether keyboard focus was last seen in the mirror
    var movingFocus = false;  // set while the mirror itself moves focus to follow the app

    function activate(id, preferInput) {
      Module.ccall("portal_activate_widget", null, ["number", "number"], [id, preferInput ? 1 : 0]);
    }

    function sendKey(key, down) {
      Module.ccall("portal_key_event", null, ["string", "number", "number"], [key, down ? 1 : 0, 0]);
    }

    // A click on an element whose state the app owns: the state arrives with the next frame.
    function activateOnClick(element, id) {
      element.addEventListener("click", function (event) {
        event.preventDefault();
        activate(id, false);
      });
    }

    // Escape closes the app's dialogs. Text boxes pass every key through the text agent;
    // from other elements only Escape goes to the app, the browser handles the rest.
    root.addEventListener("keydown", function (event) {
      var editsText = event.target.type === "text" && !event.target.readOnly;
      if (event.key !== "Escape" || editsText) return;
      event.preventDefault();
      sendKey("Escape", true);
      sendKey("Escape", false);
    });

    function create(widget) {
      var element;
      if (widget.role === "textbox") {
        element = document.createElement("input");
        element.type = "text";
        element.autocomplete = "off";
        element.addEventListener("focus", function () {
          if (!movingFocus) activate(widget.id, true);
        });
        if (Module.portalTextAgent) Module.portalTextAgent.attach(element);
      } else if (widget.role === "checkbox") {
        element = document.createElement("input");
        element.type = "checkbox";
        activateOnClick(element, widget.id);
      } else if (widget.role === "combobox") {
        // A read-only input exposes the shown choice as the value; the list opens in the app
        // and its options appear as elements of their own.
        element = document.createElement("input");
        element.type = "text";
        element.readOnly = true;
        element.setAttribute("role", "combobox");
        element.setAttribute("aria-haspopup", "listbox");
        activateOnClick(element, widget.id);
        element.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " " || event.key === "ArrowDown") {
            event.preventDefault();
            activate(widget.id, false);
          }
        });
      } else if (widget.role === "dialog") {
        element = document.createElement("div");
        element.setAttribute("role", "dialog");
        element.setAttribute("aria-modal", "true");
      } else if (widget.role === "alert" || widget.role === "status") {
        element = document.createElement("div");
        element.setAttribute("role", widget.role);
      } else if (widget.role === "table") {
        // Explicit roles keep the table semantics even though the table has no visible layout.
        element = document.createElement("table");
        element.setAttribute("role", "table");
      } else if (widget.role === "columnheader") {
        element = document.createElement("th");
        element.scope = "col";
        element.setAttribute("role", "columnheader");
      } else {
        element = document.createElement("button");
        element.type = "button";
        if (widget.role !== "button") element.setAttribute("role", widget.role);
        activateOnClick(element, widget.id);
      }
      element.id = "portal-a11y-" + widget.role + "-" + widget.id;
      element.dataset.portalWidget = String(widget.id);
      if (!inTableLayout(widget)) element.style.position = "fixed";
      element.style.margin = "0";
      element.style.padding = "0";
      element.style.boxSizing = "border-box";
      return element;
    }

    // Column headers and cells are laid out by their table, not placed over their widget.
    function inTableLayout(widget) {
      return widget.role === "columnheader" || widget.role === "cell";
    }

    function setTextIfChanged(element, text) {
      if (element.textContent !== text) element.textContent = text;
    }

    function setIfChanged(element, name, value) {
      if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    }

    function setOrRemove(element, name, value) {
      if (value === null) {
        if (element.hasAttribute(name)) element.removeAttribute(name);
      } else {
        setIfChanged(element, name, value);
      }
    }

    function update(element, widget, messageIds) {
      if (widget.role === "table") {
        setIfChanged(element, "aria-label", widget.label);
        setOrRemove(element, "aria-rowcount", widget.rowCount >= 0 ? String(widget.rowCount) : null);
      } else if (widget.role === "columnheader") {
        setTextIfChanged(element, widget.label);
        return;
      } else if (widget.role === "cell") {
        setTextIfChanged(element.firstChild, widget.label);
        return;
      } else if (widget.role === "alert" || widget.role === "status") {
        setTextIfChanged(element, widget.label);
      } else {
        setIfChanged(element, "aria-label", widget.label);
      }
      if (widget.role === "checkbox" && element.checked !== widget.checked) {
        element.checked = widget.checked;
      }
      if (widget.role === "radio") setIfChanged(element, "aria-checked", String(widget.checked));
      if (widget.role === "tab" || widget.role === "option") {
        setIfChanged(element, "aria-selected", String(widget.checked));
      }
      if (widget.role === "combobox") {
        if (element.value !== widget.value) element.value = widget.value;
        setIfChanged(element, "aria-expanded", String(widget.checked));
      }
      if (widget.role !== "alert" && widget.role !== "status" && widget.role !== "table") {
        // A field with an error names the error's element, so it is read with the field.
        var described = messageIds.get(widget.id);
        setOrRemove(element, "aria-describedby", described ? described.join(" ") : null);
        setOrRemove(element, "aria-invalid", described ? "true" : null);
      }
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

    // Places `element` after the children of `parent` placed earlier in this sync. A cell's
    // first child contains its text, so widgets in the cell come after it.
    function placeNext(parent, element, positions) {
      var index = positions.has(parent) ? positions.get(parent) : parent.portalTextChildren || 0;
      place(parent, element, index);
      positions.set(parent, index + 1);
    }

    // The element with `key`, made by `make` if missing and placed in `parent` once per sync.
    function tablePart(key, make, parent, seen, positions) {
      var element = nodes.get(key);
      if (!element) {
        element = make();
        nodes.set(key, element);
      }
      if (!seen.has(key)) {
        seen.add(key);
        placeNext(parent, element, positions);
      }
      return element;
    }

    // The row element of the table row that `widget` lies in. ImGui counts the header row as
    // row 0, and aria-rowindex counts from 1.
    function rowOf(table, widget, seen, positions) {
      var row = tablePart("row:" + widget.table + ":" + widget.row, function () {
        var element = document.createElement("tr");
        element.setAttribute("role", "row");
        return element;
      }, table, seen, positions);
      setIfChanged(row, "aria-rowindex", String(widget.row + 1));
      return row;
    }

    // The cell element of the table cell that `widget` lies in. Its first child contains the
    // cell's text.
    function cellOf(table, widget, seen, positions) {
      var row = rowOf(table, widget, seen, positions);
      var key = "cell:" + widget.table + ":" + widget.row + ":" + widget.column;
      return tablePart(key, function () {
        var element = document.createElement("td");
        element.setAttribute("role", "cell");
        element.id = "portal-a11y-cell-" + widget.table + "-" + widget.row + "-" + widget.column;
        element.appendChild(document.createElement("span"));
        element.portalTextChildren = 1;
        return element;
      }, row, seen, positions);
    }

    // The element of the table that `widget` was drawn in, if that table is mirrored this frame.
    function tableOf(widget, seen) {
      var key = "table:" + widget.table;
      return widget.table && seen.has(key) ? nodes.get(key) : null;
    }

    // The element ids of the messages about each field: field id -> [element id].
    function messagesByField(widgets) {
      var ids = new Map();
      for (var i = 0; i < widgets.length; i++) {
        var widget = widgets[i];
        if (!widget.describes) continue;
        var list = ids.get(widget.describes) || [];
        var id = "portal-a11y-" + widget.role + "-" + widget.id;
        if (list.indexOf(id) < 0) list.push(id);
        ids.set(widget.describes, list);
      }
      return ids;
    }

    // Moves keyboard focus to the element of the widget the app focuses, when the app's focus
    // moved (Tab, a dialog opening) or the focused element went away, as long as the keyboard
    // user works in the mirror. Mouse and touch users keep focus on the canvas.
    function followAppFocus(widgets) {
      if (!ownsFocus) return;
      var key = null;
      for (var i = 0; i < widgets.length && key === null; i++) {
        if (widgets[i].focused) key = widgets[i].role + ":" + widgets[i].id;
      }
      var element = key !== null ? nodes.get(key) : null;
      var lost = !root.contains(document.activeElement);
      if (element && element !== document.activeElement && (key !== focusedKey || lost)) {
        movingFocus = true;
        element.focus({ preventScroll: true });
        movingFocus = false;
      }
      focusedKey = key;
    }

    Module.portalA11yMirror = {
      root: root,
      // Brings the tree in step with `widgets` (the list of the widget registry).
      sync: function (widgets) {
        var seen = new Set();
        var positions = new Map();  // parent -> next child index
        var dialogOpen = false;
        var messageIds = messagesByField(widgets);
        // Focus on the page's body means the focused element went away with the last change.
        var active = document.activeElement;
        if (active && active !== document.body) ownsFocus = root.contains(active);
        for (var i = 0; i < widgets.length; i++) {
          var widget = widgets[i];
          var table = tableOf(widget, seen);
          if (inTableLayout(widget) && !table) continue;  // its table's headers were not recorded
          if (widget.role === "cell") {
            update(cellOf(table, widget, seen, positions), widget, messageIds);
            continue;
          }
          var key = widget.role + ":" + widget.id;
          if (seen.has(key)) continue;  // the same widget drawn twice in one frame
          seen.add(key);
          var element = nodes.get(key);
          if (!element) {
            element = create(widget);
            nodes.set(key, element);
          }
          update(element, widget, messageIds);
          if (widget.role === "dialog") dialogOpen = true;
          var parent = widget.dialog ? nodes.get("dialog:" + widget.dialog) || root : root;
          if (widget.role === "columnheader") parent = rowOf(table, widget, seen, positions);
          else if (table) parent = cellOf(table, widget, seen, positions);
          placeNext(parent, element, positions);
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
        followAppFocus(widgets);
      },
    };
  };
})();
