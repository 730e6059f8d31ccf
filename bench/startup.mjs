// Breaks the time to the first frame down into its steps, for the portal and the ImGui
// baseline, from cold loads in headless Chromium. Both pages are served by serve.py as
// bench/run.sh serves them (run tools/precompress.sh on each folder first for gzip).
//
//   node bench/startup.mjs --portal-root DIR --baseline-root DIR [--runs 5] [--json FILE]
//
// The steps come from resource timing, from wrappers around the WebAssembly API installed
// before the page's scripts, and from the performance marks of shell/loader.js and of main()
// in src/platform/main.cpp. All times are milliseconds since navigation start. Prints the
// median of each step over the runs, with the lowest and highest value.
import path from "node:path";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { launchChromium, startServer, waitForFrames } from "../tests/browser/chromium.mjs";

// Runs before any page script. Records WebAssembly compile and instantiate calls, the
// runtime's start and the first two frames as performance marks.
function instrumentStartup() {
  const mark = (name) => performance.mark(name);
  const timed = (name, call) => function (...args) {
    mark(`wasm:${name}-start`);
    return call.apply(this, args).then((result) => {
      mark(`wasm:${name}-end`);
      return result;
    });
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.compile = timed("compile", WebAssembly.compile);
  WebAssembly.compileStreaming = timed("compile", WebAssembly.compileStreaming);
  WebAssembly.instantiateStreaming = timed("compile+instantiate",
    WebAssembly.instantiateStreaming);
  WebAssembly.instantiate = function (source, imports) {
    const name = source instanceof WebAssembly.Module ? "instantiate" : "compile+instantiate";
    return timed(name, instantiate).call(this, source, imports);
  };

  let moduleObject;
  Object.defineProperty(window, "Module", {
    configurable: true,
    get() { return moduleObject; },
    set(value) {
      moduleObject = value;
      if (!value || typeof value !== "object" || value.__startupInstrumented) return;
      Object.defineProperty(value, "__startupInstrumented", { value: true });
      mark("page:module-assigned");
      const initialized = value.onRuntimeInitialized;
      value.onRuntimeInitialized = function (...args) {
        mark("runtime:initialized");
        if (initialized) initialized.apply(this, args);
      };
      let count = value.portalFrameCount || 0;
      Object.defineProperty(value, "portalFrameCount", {
        configurable: true,
        enumerable: true,
        get() { return count; },
        set(next) {
          if (next > count && count < 2) mark(`frame:${next}`);
          count = next;
        },
      });
    },
  });
}

async function loadOnce(url) {
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] || await browser.context.newPage();
    await page.addInitScript(instrumentStartup);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto(url, { waitUntil: "load" });
    await waitForFrames(page, 2, 60000);
    await page.waitForTimeout(500);
    return await page.evaluate(() => {
      const times = {};
      const [navigation] = performance.getEntriesByType("navigation");
      times["html:response-end"] = navigation.responseEnd;
      for (const entry of performance.getEntriesByType("resource")) {
        const file = new URL(entry.name).pathname.replace(/^\//, "");
        times[`${file}:request`] = entry.startTime;
        times[`${file}:response-end`] = entry.responseEnd;
      }
      for (const entry of performance.getEntriesByType("mark")) {
        if (!(entry.name in times)) times[entry.name] = entry.startTime;
      }
      return times;
    });
  } finally {
    await browser.close();
  }
}

// Start and end marks of each step, in page order. A step whose marks a page lacks is left
// out of its table.
const STEPS = [
  ["HTML received", null, "html:response-end"],
  ["loader.js received", "html:response-end", "loader.js:response-end"],
  ["wasm download", "portal.wasm:request", "portal.wasm:response-end"],
  ["wasm download", "baseline.wasm:request", "baseline.wasm:response-end"],
  ["font download", "fonts/portal-sc.ttf:request", "fonts/portal-sc.ttf:response-end"],
  ["wasm compile (loader)", "wasm:compile-start", "wasm:compile-end"],
  ["compiled to portal.js requested", "wasm:compile-end", "portal:script-requested"],
  ["portal.js received (preloaded)", "portal.js:request", "portal.js:response-end"],
  ["script start to instantiate", "page:module-assigned", "wasm:instantiate-start"],
  ["instantiate", "wasm:instantiate-start", "wasm:instantiate-end"],
  ["script start to compile", "page:module-assigned", "wasm:compile+instantiate-start"],
  ["compile + instantiate (runtime)", "wasm:compile+instantiate-start",
    "wasm:compile+instantiate-end"],
  ["instantiate to runtime ready", "wasm:instantiate-end", "runtime:initialized"],
  ["compile + instantiate to runtime ready", "wasm:compile+instantiate-end",
    "runtime:initialized"],
  ["main: GL context, ImGui, theme, shaders", "portal:main", "portal:renderer-ready"],
  ["main: waits for the font, adds it", "portal:renderer-ready", "portal:font-added"],
  ["main: supplement, services, app created", "portal:font-added", "portal:app-created"],
  ["main: settings, prefixes, routes, input, a11y, CSV", "portal:app-created",
    "portal:main-end"],
  ["wait for the first animation frame", "portal:main-end", "portal:frame1-start"],
  ["frame 1: NewFrame and UI (glyphs rasterised)", "portal:frame1-start", "portal:frame1-ui"],
  ["frame 1: Render, widget list, a11y mirror", "portal:frame1-ui", "portal:frame1-render"],
  ["frame 1: GL upload and draw", "portal:frame1-render", "portal:frame1-gl"],
  ["frame 2: NewFrame and UI", "portal:frame2-start", "portal:frame2-ui"],
  ["frame 2: Render, widget list, a11y mirror", "portal:frame2-ui", "portal:frame2-render"],
  ["frame 2: GL draw", "portal:frame2-render", "portal:frame2-gl"],
  ["runtime ready to first frame", "runtime:initialized", "frame:1"],
  ["first frame", null, "frame:1"],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarizeSteps(runs) {
  const rows = [];
  for (const [label, from, to] of STEPS) {
    const durations = runs
      .filter((times) => to in times && (from === null || from in times))
      .map((times) => times[to] - (from === null ? 0 : times[from]));
    if (durations.length !== runs.length) continue;
    const ends = runs.map((times) => times[to]);
    rows.push({
      step: label,
      medianMs: median(durations),
      minMs: Math.min(...durations),
      maxMs: Math.max(...durations),
      endMs: median(ends),
    });
  }
  return rows;
}

function printTable(title, rows) {
  console.log(`\n${title}\n`);
  console.log("| step | median ms | range ms | ends at (median) |");
  console.log("| --- | ---: | --- | ---: |");
  for (const row of rows) {
    console.log(`| ${row.step} | ${row.medianMs.toFixed(1)} | ` +
      `${row.minMs.toFixed(1)}–${row.maxMs.toFixed(1)} | ${row.endMs.toFixed(0)} |`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      "portal-root": { type: "string" },
      "baseline-root": { type: "string" },
      runs: { type: "string", default: "5" },
      json: { type: "string" },
    },
  });
  if (!values["portal-root"] || !values["baseline-root"]) {
    throw new Error("--portal-root and --baseline-root are required: " +
      "two built web folders, such as build/web and the baseline's web folder");
  }
  const runs = Number(values.runs);
  const pages = [["portal", values["portal-root"]], ["baseline", values["baseline-root"]]];
  const servers = {};
  const results = { portal: [], baseline: [] };
  try {
    for (const [key, root] of pages) {
      servers[key] = await startServer({ root: path.resolve(root) });
    }
    // The order alternates, so that a load on the machine falls on both pages alike.
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...pages].reverse() : pages;
      for (const [key] of order) {
        results[key].push(await loadOnce(servers[key].url));
      }
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
  printTable(`portal (${runs} cold loads)`, summarizeSteps(results.portal));
  printTable(`baseline (${runs} cold loads)`, summarizeSteps(results.baseline));
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(`startup: ${error.message}`);
  process.exit(1);
});
