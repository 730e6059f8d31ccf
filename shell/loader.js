// Loads the portal: checks that the browser can run it, downloads the WebAssembly module and
// the Chinese font with a progress bar, then starts portal.js. Written in ES5 syntax so that old
// engines (dual-engine browsers in IE mode) reach the explanation instead of a syntax error.
(function () {
  "use strict";

  var files = [
    { url: "portal.wasm", label: "程序", weight: 0.45 },
    { url: "fonts/portal-sc.ttf", label: "字体", weight: 0.55 }
  ];

  var messages = {
    wasm: ["浏览器不支持本平台",
      "当前浏览器不支持 WebAssembly。如您使用 360、QQ 等双核浏览器，请点击地址栏右侧的图标切换到“极速模式”；" +
      "也可改用最新版的 Edge、Chrome 或 Firefox 浏览器访问。"],
    webgl2: ["浏览器不支持本平台",
      "当前浏览器无法使用 WebGL2 图形功能。请切换到双核浏览器的“极速模式”，" +
      "或在浏览器设置中开启“使用硬件加速”，也可改用最新版的 Edge、Chrome 或 Firefox 浏览器。"],
    download: ["页面加载失败",
      "网络连接中断或服务器暂时不可用，部分文件未能下载。请检查网络后点击“重新加载”。"],
    font: ["页面加载失败", "中文字体文件未能加载，请点击“重新加载”。"],
    start: ["页面加载失败", "程序启动时出错，请点击“重新加载”；如仍无法使用，请联系12333咨询。"]
  };

  function byId(id) { return document.getElementById(id); }

  // Start-up steps on the page's performance timeline, read by bench/startup.mjs.
  function mark(name) {
    if (window.performance && performance.mark) {
      performance.mark(name);
    }
  }

  function fail(kind, detail) {
    var message = messages[kind] || messages.start;
    byId("loading").hidden = true;
    byId("error-title").textContent = message[0];
    byId("error-text").textContent = message[1] + (detail ? "（" + detail + "）" : "");
    byId("error").hidden = false;
    window.portalLoadError = kind;
  }

  byId("error-retry").onclick = function () { window.location.reload(); };

  function setProgress(fraction) {
    var percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    byId("progress-fill").style.width = percent + "%";
    byId("progress-text").textContent = "正在加载… " + percent + "%";
    byId("loading").querySelector("[role=progressbar]").setAttribute("aria-valuenow", percent);
  }

  function supportsWebGL2() {
    try {
      var canvas = document.createElement("canvas");
      return !!canvas.getContext("webgl2");
    } catch (e) {
      return false;
    }
  }

  if (typeof WebAssembly !== "object" || typeof window.fetch !== "function" ||
      typeof Promise !== "function") {
    fail("wasm");
    return;
  }
  if (!supportsWebGL2()) {
    fail("webgl2");
    return;
  }

  var received = [0, 0];
  var expected = [0, 0];

  function reportProgress() {
    var total = 0;
    for (var i = 0; i < files.length; i++) {
      // With gzip the Content-Length is the compressed size: cap each file at 100 %.
      var part = expected[i] > 0 ? Math.min(1, received[i] / expected[i]) : 0;
      total += part * files[i].weight;
    }
    setProgress(total * 0.95);
  }

  // A download that receives nothing for this long is abandoned, so a dead connection ends in
  // the error page with its reload button instead of a progress bar that never moves.
  var STALL_LIMIT_MS = 30000;

  function download(index) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var stallTimer = 0;
    function watchStall() {
      clearTimeout(stallTimer);
      if (controller) {
        stallTimer = setTimeout(function () { controller.abort(); }, STALL_LIMIT_MS);
      }
    }
    watchStall();
    var options = controller ? { signal: controller.signal } : {};
    return fetch(files[index].url, options).then(function (response) {
      if (!response.ok) {
        throw new Error(files[index].label + " HTTP " + response.status);
      }
      expected[index] = Number(response.headers.get("Content-Length")) || 0;
      if (!response.body || !response.body.getReader) {
        return response.arrayBuffer().then(function (buffer) {
          clearTimeout(stallTimer);
          received[index] = expected[index];
          reportProgress();
          return new Uint8Array(buffer);
        });
      }
      var reader = response.body.getReader();
      var chunks = [];
      var length = 0;
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            clearTimeout(stallTimer);
            var bytes = new Uint8Array(length);
            var offset = 0;
            for (var c = 0; c < chunks.length; c++) {
              bytes.set(chunks[c], offset);
              offset += chunks[c].length;
            }
            return bytes;
          }
          watchStall();
          chunks.push(step.value);
          length += step.value.length;
          received[index] = length;
          reportProgress();
          return pump();
        });
      }
      return pump();
    });
  }

  // portal.js is fetched while the module and the font download, so that the browser has it
  // when the script element requests it.
  function preloadScript(url) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "script";
    link.href = url;
    document.head.appendChild(link);
  }

  // Emscripten instantiates the module through this hook, from the module compiled while the
  // font was still downloading, instead of compiling Module.wasmBinary after both arrived.
  function instantiateFrom(compiled) {
    return function (imports, receiveInstance) {
      WebAssembly.instantiate(compiled, imports).then(function (instance) {
        receiveInstance(instance, compiled);
      }, function (error) {
        fail("start", error && error.message);
      });
      return {};
    };
  }

  preloadScript("portal.js");
  var compiling = download(0).then(function (bytes) {
    mark("portal:wasm-downloaded");
    return WebAssembly.compile(bytes).then(null, function (error) {
      var failure = new Error(files[0].label + " " + (error && error.message));
      failure.portalKind = "start";
      throw failure;
    });
  });
  var fontLoading = download(1).then(function (bytes) {
    mark("portal:font-downloaded");
    return bytes;
  });

  // The module starts as soon as it is compiled: main() creates the WebGL context and compiles
  // the shaders while the font may still be downloading, then waits for it (see
  // Module.portalFontPending in src/platform/main.cpp).
  compiling.then(function (compiled) {
    mark("portal:wasm-compiled");
    window.Module = {
      canvas: byId("canvas"),
      instantiateWasm: instantiateFrom(compiled),
      portalFont: null,
      portalFontPending: true,
      portalFrameCount: 0,
      portalFail: fail,
      onPortalFirstFrame: function () {
        setProgress(1);
        byId("loading").hidden = true;
        byId("canvas").focus();
      },
      onAbort: function () { fail("start"); },
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); }
    };
    fontLoading.then(function (bytes) {
      Module.portalFont = bytes;
      Module.portalFontPending = false;
      // Set by main() when it ran before the font arrived.
      var resume = Module.portalOnFont;
      Module.portalOnFont = null;
      if (resume) {
        resume();
      }
    }, function () { /* shown by the handler at the end */ });
    mark("portal:script-requested");
    var script = document.createElement("script");
    script.src = "portal.js";
    script.onerror = function () { fail("download", "portal.js"); };
    document.body.appendChild(script);
  }, function () { /* shown by the handler at the end */ });

  Promise.all([compiling, fontLoading]).then(null, function (error) {
    fail((error && error.portalKind) || "download", error && error.message);
  });
}());
