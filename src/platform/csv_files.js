// CSV files for the batch screens: a hidden <input type=file> that the app opens for the agent
// to pick a spreadsheet saved as CSV, and downloads of files the app generates (templates,
// exports) through a Blob. Included with --pre-js; it talks to C++ through ccall.
(function () {
  "use strict";

  // The app checks the same limit again; reading stops here so a huge file is never copied.
  var MAX_BYTES = 1024 * 1024;
  var input = null;

  // Decodes the file's bytes as Excel in China writes CSV: UTF-8 with a byte-order mark
  // ("CSV UTF-8"), plain UTF-8, or otherwise the ANSI code page GBK, which GB18030 contains.
  function decode(bytes) {
    if (bytes.length >= 3 && bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF) {
      return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8" };
    }
    if (bytes.length >= 2 && ((bytes[0] === 0xFF && bytes[1] === 0xFE) ||
                              (bytes[0] === 0xFE && bytes[1] === 0xFF))) {
      return { error: "这是UTF-16编码的“Unicode文本”文件，请在Excel中另存为“CSV（逗号分隔）”后重试" };
    }
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
    } catch (e) {
      return { text: new TextDecoder("gb18030").decode(bytes), encoding: "GB18030" };
    }
  }

  function deliver(name, text, encoding, error) {
    var pointers = [name, text, encoding, error].map(function (value) {
      var size = Module.lengthBytesUTF8(value) + 1;
      var pointer = Module._malloc(size);
      Module.stringToUTF8(value, pointer, size);
      return pointer;
    });
    Module.ccall("portal_csv_file_read", null, ["number", "number", "number", "number"], pointers);
    pointers.forEach(function (pointer) { Module._free(pointer); });
  }

  function looksLikeCsv(file) {
    return /\.csv$/i.test(file.name) || file.type === "text/csv";
  }

  function onChange() {
    var file = input.files && input.files[0];
    input.value = "";  // picking the same file again fires change again
    if (!file) return;
    if (!looksLikeCsv(file)) {
      deliver(file.name, "", "", "请选择CSV文件（.csv）。Excel工作簿（.xlsx、.xls）请先另存为“CSV（逗号分隔）”");
      return;
    }
    if (file.size > MAX_BYTES) {
      deliver(file.name, "", "", "文件超过1024KB，请分成几个文件分别导入");
      return;
    }
    file.arrayBuffer().then(function (buffer) {
      var decoded = decode(new Uint8Array(buffer));
      deliver(file.name, decoded.text || "", decoded.encoding || "", decoded.error || "");
    }, function () {
      deliver(file.name, "", "", "文件读取失败，请确认文件没有在其他程序中打开后重试");
    });
  }

  Module.portalFiles = {
    install: function () {
      input = document.createElement("input");
      input.type = "file";
      input.id = "portal-csv-input";
      input.accept = ".csv,text/csv";
      input.setAttribute("aria-hidden", "true");
      input.tabIndex = -1;
      input.style.display = "none";
      input.addEventListener("change", onChange);
      document.body.appendChild(input);
    },
    // Called from C++ in the frame after the button's click; Chrome keeps the click's user
    // activation for a few seconds, which the file chooser needs.
    pick: function () {
      input.click();
    },
    // Saves `bytes` (a Uint8Array) as a download named `name`.
    save: function (name, bytes) {
      var url = URL.createObjectURL(new Blob([bytes], { type: "text/csv;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.rel = "noopener";
      link.style.display = "none";
      document.body.appendChild(link);
      link.click();
      link.remove();
      // Revoking at once can cancel the download in some browsers.
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    },
  };
})();
