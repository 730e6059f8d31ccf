// The text agent: a hidden <textarea> that holds keyboard focus while an ImGui text field is
// being edited, so that the browser's IME, the phone's soft keyboard and the clipboard events
// all work. Keys pressed while the canvas itself has focus are handled here too, so that every
// key reaches the app through one path. Included with --pre-js; it talks to C++ through ccall.
(function () {
  "use strict";

  var MOD_CTRL = 1, MOD_SHIFT = 2, MOD_ALT = 4, MOD_META = 8;

  function modifiers(event) {
    return (event.ctrlKey ? MOD_CTRL : 0) | (event.shiftKey ? MOD_SHIFT : 0) |
      (event.altKey ? MOD_ALT : 0) | (event.metaKey ? MOD_META : 0);
  }

  function isPrintable(event) {
    // A printable key's KeyboardEvent.key is one character (one or two UTF-16 units).
    return !event.ctrlKey && !event.metaKey && event.key.length > 0 &&
      Array.from(event.key).length === 1;
  }

  function sendKey(key, down, mods) {
    Module.ccall("portal_key_event", null, ["string", "number", "number"], [key, down ? 1 : 0, mods]);
  }

  function sendText(text) {
    if (text) Module.ccall("portal_text_input", null, ["string"], [text]);
  }

  function sendPreedit(text) {
    Module.ccall("portal_ime_preedit", null, ["string"], [text || ""]);
  }

  Module.portalInstallTextAgent = function (canvas) {
    var agent = document.createElement("textarea");
    agent.id = "portal-text-agent";
    agent.setAttribute("autocomplete", "off");
    agent.setAttribute("autocorrect", "off");
    agent.setAttribute("autocapitalize", "off");
    agent.setAttribute("spellcheck", "false");
    agent.setAttribute("aria-hidden", "true");
    agent.tabIndex = -1;
    // Invisible but focusable and laid out, so the OS candidate window follows its position.
    agent.style.cssText = "position:fixed;left:0;top:0;width:1px;height:20px;padding:0;border:0;" +
      "margin:0;opacity:0;resize:none;overflow:hidden;white-space:nowrap;color:transparent;" +
      "background:transparent;caret-color:transparent;font-size:16px;z-index:-1;";
    document.body.appendChild(agent);

    var composing = false;
    var pendingCopy = null;
    var wantText = false;

    function onKeyDown(event) {
      if (event.isComposing || event.keyCode === 229) return;  // the IME owns this key
      var mods = modifiers(event);
      var lower = event.key.length === 1 ? event.key.toLowerCase() : "";
      var clipboardShortcut = (event.ctrlKey || event.metaKey) &&
        (lower === "c" || lower === "x" || lower === "v");
      if (clipboardShortcut && lower === "v") {
        // Pasting arrives as a paste event with the page's clipboard; ImGui's own Ctrl+V
        // would paste the app's internal clipboard instead.
        return;
      }
      sendKey(event.key, true, mods);
      if (clipboardShortcut) {
        // Run a frame now so ImGui handles the copy and hands over the text before the
        // browser fires the copy event of this same gesture.
        pendingCopy = null;
        Module.ccall("portal_process_input_now", null, [], []);
        return;  // default action: the browser fires copy/cut on the focused element
      }
      if (isPrintable(event)) {
        if (event.target === canvas) {
          // No text field is being edited yet (its focus arrives with the next frame).
          sendText(event.key);
          event.preventDefault();
        }
        return;  // the textarea's input event carries the text
      }
      // Tab stays in the app, Backspace never navigates back, arrows never scroll the page.
      event.preventDefault();
    }

    function onKeyUp(event) {
      if (event.isComposing || event.keyCode === 229) return;
      sendKey(event.key, false, modifiers(event));
    }

    canvas.addEventListener("keydown", onKeyDown);
    canvas.addEventListener("keyup", onKeyUp);

    // Makes `element` (the hidden textarea, or a text box of the accessibility mirror) pass
    // keys, composed text, typed text and clipboard events to the app.
    function attach(element) {
      element.addEventListener("keydown", onKeyDown);
      element.addEventListener("keyup", onKeyUp);
      element.addEventListener("compositionstart", function () {
        composing = true;
        sendPreedit("");
      });
      element.addEventListener("compositionupdate", function (event) {
        sendPreedit(event.data);
      });
      element.addEventListener("compositionend", function (event) {
        composing = false;
        sendPreedit("");
        sendText(event.data);
        element.value = "";
      });
      element.addEventListener("input", function (event) {
        if (composing || event.isComposing) return;
        var type = event.inputType || "insertText";
        if (type === "deleteContentBackward") {
          // Soft keyboards send Backspace as an input event, not as a key.
          sendKey("Backspace", true, 0);
          sendKey("Backspace", false, 0);
        } else if (type === "insertLineBreak" || type === "insertParagraph") {
          sendKey("Enter", true, 0);
          sendKey("Enter", false, 0);
        } else if (type.indexOf("insert") === 0 && type !== "insertFromPaste") {
          sendText(event.data !== null && event.data !== undefined ? event.data : element.value);
        }
        element.value = "";
      });
      element.addEventListener("copy", onCopyOrCut);
      element.addEventListener("cut", onCopyOrCut);
      element.addEventListener("paste", onPaste);
    }

    function onCopyOrCut(event) {
      if (pendingCopy === null) return;
      event.clipboardData.setData("text/plain", pendingCopy);
      event.preventDefault();
      pendingCopy = null;
    }
    canvas.addEventListener("copy", onCopyOrCut);
    canvas.addEventListener("cut", onCopyOrCut);

    function onPaste(event) {
      var text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
      event.preventDefault();
      sendText(text);
    }
    canvas.addEventListener("paste", onPaste);
    attach(agent);

    // A click on the canvas moves focus to it by default, and the click that activates a field
    // may do so after the frame that focused the agent: while ImGui still wants text, focus
    // goes back to the agent.
    canvas.addEventListener("focus", function () {
      if (wantText) {
        setTimeout(function () {
          if (wantText && document.activeElement === canvas) agent.focus({ preventScroll: true });
        }, 0);
      }
    });

    window.addEventListener("blur", function () {
      composing = false;
      sendPreedit("");
    });

    Module.portalTextAgent = {
      element: agent,
      attach: attach,
      // Called from C++ when ImGui's text-input state or caret changes (CSS pixels).
      place: function (want, x, y, lineHeight) {
        agent.style.left = Math.round(x) + "px";
        agent.style.top = Math.round(y) + "px";
        agent.style.height = Math.max(16, Math.round(lineHeight)) + "px";
        // A text box of the accessibility mirror that has focus edits the field itself.
        var mirrorField = document.activeElement && document.activeElement.dataset &&
          document.activeElement.dataset.portalWidget;
        if (want && document.activeElement !== agent && !mirrorField) {
          agent.focus({ preventScroll: true });
        } else if (!want && wantText && document.activeElement === agent) {
          composing = false;
          agent.value = "";
          canvas.focus({ preventScroll: true });
        }
        wantText = want;
      },
      // Called from C++ when ImGui copies text.
      setClipboard: function (text) {
        pendingCopy = text;
        if (navigator.clipboard && navigator.clipboard.writeText) {
          // Outside a copy event (e.g. a button) this may be refused; the copy event path above
          // does not need the permission.
          navigator.clipboard.writeText(text).catch(function () {});
        }
      },
    };
  };
})();
