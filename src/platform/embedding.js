// Embedding in another site's <iframe> (the legacy portal): a postMessage API towards the
// host page, restricted to the origins listed in portal-config.json ("embedderOrigins").
// Messages to the host: portal:ready, portal:route, portal:height, portal:logged-out.
// Messages from the host: portal:navigate { route }. Included with --pre-js.
(function () {
  "use strict";

  var embedded = window.parent !== window;
  var allowed = [];
  var hostOrigin = null;  // the host's origin, once known to be allowed
  var pending = [];       // messages waiting for the allowlist
  var configLoaded = false;
  var lastHeight = -1;

  // The embedding page's origin as the browser reports it.
  function parentOrigin() {
    if (window.location.ancestorOrigins && window.location.ancestorOrigins.length > 0) {
      return window.location.ancestorOrigins[0];
    }
    try {
      return document.referrer ? new URL(document.referrer).origin : null;
    } catch (e) {
      return null;
    }
  }

  function post(message) {
    if (!embedded) return;
    if (!configLoaded) {
      pending.push(message);
      return;
    }
    if (hostOrigin) window.parent.postMessage(message, hostOrigin);
  }

  function applyConfig(config) {
    allowed = config && Array.isArray(config.embedderOrigins) ? config.embedderOrigins.filter(
      function (origin) { return typeof origin === "string" && origin !== "*"; }) : [];
    var origin = parentOrigin();
    hostOrigin = origin && allowed.indexOf(origin) >= 0 ? origin : null;
    if (embedded && !hostOrigin) {
      console.warn("portal: the embedding page's origin is not in embedderOrigins; " +
        "no messages are exchanged with it");
    }
    configLoaded = true;
    var queued = pending;
    pending = [];
    queued.forEach(post);
  }

  window.addEventListener("message", function (event) {
    if (!embedded || event.source !== window.parent) return;
    if (!hostOrigin || event.origin !== hostOrigin) return;
    var data = event.data;
    if (!data || typeof data !== "object") return;
    if (data.type === "portal:navigate" && typeof data.route === "string" && Module.ccall) {
      Module.ccall("portal_route_changed", null, ["string"], [data.route]);
    }
  });

  Module.portalEmbedding = {
    embedded: embedded,
    start: function () {
      if (!embedded) return;
      // The defaults apply when the settings do not arrive within 10 s.
      var controller = new AbortController();
      setTimeout(function () { controller.abort(); }, 10000);
      fetch("portal-config.json", { signal: controller.signal }).then(function (response) {
        return response.ok ? response.json() : {};
      }).then(applyConfig, function () { applyConfig({}); });
      post({ type: "portal:ready" });
    },
    routeChanged: function (route) { post({ type: "portal:route", route: route }); },
    loggedOut: function () { post({ type: "portal:logged-out" }); },
    contentHeight: function (height) {
      height = Math.ceil(height);
      // The first frames measure the page before it has content.
      if (height > 0 && height !== lastHeight) {
        lastHeight = height;
        post({ type: "portal:height", height: height });
      }
    },
  };
})();
