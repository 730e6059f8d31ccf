// Measures the portal's web build against the bare ImGui baseline page in headless Chromium.
// The figures are the first load's transfer, the times to the first and the first interactive
// frame, memory after load, frames drawn while idle, and main-thread time per frame while
// interacting. Prints tables with the ratios portal/baseline and rewrites the generated
// section of docs/performance.md.
//
//   node bench/measure.mjs --portal-root DIR --baseline-root DIR [--runs 3]
//       [--doc docs/performance.md | --no-doc] [--json FILE] [--native-json FILE]
//
// --native-json reads the Google Benchmark JSON of bench/ui/staff_list_bench.
//
// bench/run.sh builds both pages and calls this script.
import os from "node:os";
import path from "node:path";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { execFileSync } from "node:child_process";

import {
  clickWidget, findWidget, launchChromium, prepareAgent, repoRoot, startServer, waitForFrames,
} from "../tests/browser/chromium.mjs";
import { renderReport, replaceGeneratedSection } from "./report.mjs";
import { STAFF_LIST_SCREEN, nativeFrameTimes, summarize } from "./stats.mjs";

const IDLE_MS = 3000;
const SETTLE_QUIET_MS = 500;
const SETTLE_MAX_MS = 1500;
const NETWORK_IDLE_TIMEOUT_MS = 15000;
const AGENT_PASSWORD = "Bench@2027";
const STAFF_COUNT = 5000;
// The seeded unit whose first agent prepareAgent signs up.
const UNIT_CREDIT_CODE = "91350100MA2Y3K7D3D";

// ---------------------------------------------------------------------------------------------
// Workloads

// Moves the pointer along a closed curve over the whole 1280x800 viewport, one move per step.
async function sweepPointer(page, steps = 60, pauseMs = 30) {
  for (let i = 0; i < steps; i++) {
    const angle = (2 * Math.PI * i) / steps;
    const x = 640 + 560 * Math.sin(angle);
    const y = 400 + 340 * Math.sin(2 * angle);
    await page.mouse.move(x, y);
    await page.waitForTimeout(pauseMs);
  }
}

async function clickBaselineButton(page) {
  const rect = await page.evaluate(() => window.Module.baselineButton);
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

// Replaces the content of a text field, typing through the DevTools protocol as an input
// method commits text. The login form keeps what was typed on another of its tabs.
async function typeInto(page, label, text) {
  await clickWidget(page, "textbox", label);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.insertText", { text });
  await cdp.detach();
}

// Closes the person's login dialog of the previous screen, follows the staff list's route,
// which sends a signed-out user to the login first, logs the agent in and shows 100 staff a page.
async function openStaffList(page) {
  await clickWidget(page, "button", "取消");
  await page.waitForTimeout(200);
  await page.evaluate(() => { window.location.hash = "#/agent-module/staff"; });
  await clickWidget(page, "radio", "用户名登录");
  await page.waitForTimeout(200);
  await typeInto(page, "用户名", "ma2y3k7d01");
  await typeInto(page, "密码", AGENT_PASSWORD);
  await clickWidget(page, "button", "登录");
  // The seeded unit has a declaration waiting for its review for longer than 5 days.
  await findWidget(page, "button", "知道了", 30000);
  await clickWidget(page, "button", "知道了");
  await clickWidget(page, "combobox", "每页条数");
  await clickWidget(page, "option", "每页100条");
  await findWidget(page, "button", "详情", 30000);
}

// Turns the mouse wheel over the staff table, a few rows a step.
async function scrollStaffList(page) {
  const row = await findWidget(page, "button", "详情");
  await page.mouse.move(row.x + row.width / 2, row.y + row.height / 2 + 60);
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, i < 40 ? 120 : -240);
    await page.waitForTimeout(30);
  }
}

// The screens measured on each page. A screen is opened from the previous one, left idle for
// IDLE_MS, then driven by its interaction while Chromium traces the main thread.
const PORTAL_SCREENS = [
  {
    name: "home page",
    open: async () => {},
    interact: (page) => sweepPointer(page),
  },
  {
    name: "login dialog",
    open: async (page) => {
      await clickWidget(page, "button", "个人登录");
      await findWidget(page, "textbox", "密码");
    },
    interact: async (page) => {
      await clickWidget(page, "textbox", "用户名/身份证号/手机号");
      await page.keyboard.type("linxiaoming", { delay: 50 });
      await sweepPointer(page, 30);
    },
  },
  {
    name: STAFF_LIST_SCREEN,
    open: openStaffList,
    interact: scrollStaffList,
  },
];

const BASELINE_SCREENS = [
  {
    name: "hello window",
    open: async () => {},
    interact: async (page) => {
      await sweepPointer(page);
      for (let i = 0; i < 3; i++) {
        await clickBaselineButton(page);
        await page.waitForTimeout(100);
      }
    },
  },
];

const APPS = [
  {
    key: "portal",
    title: "portal",
    ready: (page) => findWidget(page, "button", "个人登录", 30000),
    screens: PORTAL_SCREENS,
  },
  {
    key: "baseline",
    title: "ImGui baseline",
    ready: (page) => page.waitForFunction(() => window.Module && window.Module.baselineButton,
      null, { timeout: 30000 }),
    screens: BASELINE_SCREENS,
  },
];

// ---------------------------------------------------------------------------------------------
// Page instrumentation

// Runs before any page script. When the page assigns window.Module, its frame counter becomes
// an accessor that also records performance.now() of every drawn frame, in milliseconds since
// navigation start.
function instrumentFrames() {
  const frameTimes = [];
  let moduleObject;
  window.__benchFrameTimes = frameTimes;
  Object.defineProperty(window, "Module", {
    configurable: true,
    get() { return moduleObject; },
    set(value) {
      moduleObject = value;
      if (!value || typeof value !== "object" || value.__benchInstrumented) return;
      let count = value.portalFrameCount || 0;
      Object.defineProperty(value, "__benchInstrumented", { value: true });
      Object.defineProperty(value, "portalFrameCount", {
        configurable: true,
        enumerable: true,
        get() { return count; },
        set(next) {
          if (next > count) frameTimes.push(performance.now());
          count = next;
        },
      });
    },
  });
}

// Records every HTTP request of the page through the CDP Network domain.
function trackNetwork(cdp) {
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", ({ requestId, request }) => {
    if (!request.url.startsWith("http")) return;
    requests.set(requestId, {
      url: request.url, status: 0, encoding: "", decodedBytes: 0, transferBytes: 0, done: false,
    });
  });
  cdp.on("Network.responseReceived", ({ requestId, response }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.status = response.status;
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]));
    entry.encoding = headers["content-encoding"] || "";
  });
  cdp.on("Network.dataReceived", ({ requestId, dataLength }) => {
    const entry = requests.get(requestId);
    if (entry) entry.decodedBytes += dataLength;
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.transferBytes = encodedDataLength;
    entry.done = true;
  });
  cdp.on("Network.loadingFailed", ({ requestId, errorText }) => {
    const entry = requests.get(requestId);
    if (!entry) return;
    entry.failed = errorText;
    entry.done = true;
  });
  return {
    pending: () => [...requests.values()].filter((entry) => !entry.done).length,
    files: () => [...requests.values()].map((entry) => ({
      file: new URL(entry.url).pathname,
      status: entry.status,
      encoding: entry.encoding,
      transferBytes: entry.transferBytes,
      decodedBytes: entry.decodedBytes,
      failed: entry.failed,
    })),
  };
}

async function frameCount(page) {
  return page.evaluate(() => window.Module.portalFrameCount);
}

async function waitForNetworkIdle(network) {
  const deadline = Date.now() + NETWORK_IDLE_TIMEOUT_MS;
  while (network.pending() > 0) {
    if (Date.now() > deadline) {
      const pending = network.pending();
      throw new Error(
        `timed out after ${NETWORK_IDLE_TIMEOUT_MS} ms waiting for ${pending} requests`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Waits until no request is in flight and no frame was drawn for SETTLE_QUIET_MS. The wait
// ends after SETTLE_MAX_MS all the same, because a page that draws every animation frame never
// goes quiet.
async function settle(page, network) {
  await waitForNetworkIdle(network);
  const deadline = Date.now() + SETTLE_MAX_MS;
  let last = await frameCount(page);
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < SETTLE_QUIET_MS) {
    await page.waitForTimeout(100);
    const now = await frameCount(page);
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Load metrics

// The first frame drawn after every startup file arrived (the page, its scripts, the wasm
// module, the font and the app's own startup requests such as portal-config.json).
async function loadTimings(page) {
  return page.evaluate(() => {
    const frames = window.__benchFrameTimes;
    const entries = [...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource")];
    const lastResponseEnd = Math.max(...entries.map((entry) => entry.responseEnd));
    const interactive = frames.find((time) => time >= lastResponseEnd);
    return {
      firstFrameMs: frames.length > 0 ? frames[0] : null,
      firstInteractiveMs: interactive === undefined ? null : interactive,
      lastStartupResponseMs: lastResponseEnd,
    };
  });
}

async function wasmMemoryBytes(page) {
  return page.evaluate(() => {
    const module = window.Module;
    if (module.HEAP8) return module.HEAP8.length;
    if (module.wasmMemory) return module.wasmMemory.buffer.byteLength;
    return null;
  });
}

// JSHeapUsedSize after a full garbage collection, so only what the page keeps is counted.
async function jsHeapUsedBytes(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = metrics.find((entry) => entry.name === "JSHeapUsedSize");
  return metric ? metric.value : null;
}

// ---------------------------------------------------------------------------------------------
// Main-thread time per frame

async function recordTrace(cdp, action) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: {
      recordMode: "recordAsMuchAsPossible",
      includedCategories: ["toplevel", "devtools.timeline"],
    },
  });
  try {
    await action();
  } finally {
    await cdp.send("Tracing.end");
    await complete;
    cdp.off("Tracing.dataCollected", collect);
  }
  return events;
}

// Returns, for each renderer main-thread task that ran animation-frame callbacks, its wall time
// and its thread CPU time in milliseconds. Such a task contains the rAF callback, where
// Emscripten's main loop draws, and the style, layout, paint and commit work of the same frame.
function frameTasks(events) {
  const mainThreads = new Set(events
    .filter((event) => event.ph === "M" && event.name === "thread_name" &&
      event.args && event.args.name === "CrRendererMain")
    .map((event) => `${event.pid}:${event.tid}`));
  const onMain = (event) => mainThreads.has(`${event.pid}:${event.tid}`);
  const tasks = events
    .filter((event) => event.ph === "X" && onMain(event) && event.cat &&
      event.cat.split(",").includes("toplevel"))
    .sort((a, b) => a.ts - b.ts);
  const animationFrames = events.filter(
    (event) => event.name === "FireAnimationFrame" && onMain(event));

  const found = new Set();
  for (const frame of animationFrames) {
    // Top-level tasks do not nest, so at most one encloses the callback.
    const task = tasks.find((candidate) => candidate.pid === frame.pid &&
      candidate.tid === frame.tid && candidate.ts <= frame.ts &&
      candidate.ts + candidate.dur >= frame.ts + (frame.dur || 0));
    if (task) found.add(task);
  }
  return [...found].map((task) => ({
    wallMs: task.dur / 1000,
    cpuMs: typeof task.tdur === "number" ? task.tdur / 1000 : null,
  }));
}

async function measureInteraction(cdp, page, screen) {
  const before = await frameCount(page);
  const started = Date.now();
  const events = await recordTrace(cdp, async () => {
    await screen.interact(page);
    // Lets the frames that the last input requested be drawn inside the trace.
    await page.waitForTimeout(200);
  });
  const frames = (await frameCount(page)) - before;
  const tasks = frameTasks(events);
  if (tasks.length === 0) {
    throw new Error(`the trace of "${screen.name}" contains no animation-frame task`);
  }
  return { framesDrawn: frames, interactionMs: Date.now() - started, frameTasks: tasks };
}

// ---------------------------------------------------------------------------------------------
// One cold load of one page

async function measureApp(app, url) {
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] || await browser.context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.addInitScript(instrumentFrames);

    const cdp = await browser.context.newCDPSession(page);
    const network = trackNetwork(cdp);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Performance.enable");
    const { product } = await cdp.send("Browser.getVersion");

    await page.goto(url, { waitUntil: "load" });
    await waitForFrames(page, 1, 60000);
    await app.ready(page);
    await settle(page, network);

    const load = {
      ...await loadTimings(page),
      files: network.files(),
      wasmMemoryBytes: await wasmMemoryBytes(page),
      jsHeapUsedBytes: await jsHeapUsedBytes(cdp),
    };

    const screens = [];
    for (const screen of app.screens) {
      await screen.open(page);
      await settle(page, network);
      const idleBefore = await frameCount(page);
      await page.waitForTimeout(IDLE_MS);
      const idleFrames = (await frameCount(page)) - idleBefore;
      const interaction = await measureInteraction(cdp, page, screen);
      screens.push({ name: screen.name, idleFrames, ...interaction });
    }
    if (pageErrors.length > 0) {
      throw new Error(`${app.title} raised page errors: ${pageErrors.join("; ")}`);
    }
    return { browser: product, load, screens };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseCommandLineOptions() {
  return parseArgs({
    options: {
      "portal-root": { type: "string" },
      "baseline-root": { type: "string" },
      runs: { type: "string", default: "3" },
      doc: { type: "string", default: path.join(repoRoot, "docs/performance.md") },
      "no-doc": { type: "boolean", default: false },
      json: { type: "string" },
      "native-json": { type: "string" },
    },
  });
}

// An invalid command line, reported without a stack trace.
class UsageError extends Error {}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseCommandLineOptions();
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  const runs = Number(values.runs);
  if (!values["portal-root"] || !values["baseline-root"]) {
    throw new UsageError("--portal-root and --baseline-root are required (bench/run.sh sets them)");
  }
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
    throw new UsageError(`invalid --runs ${values.runs}: expected a whole number from 1 to 20`);
  }
  for (const key of ["portal-root", "baseline-root"]) {
    if (!existsSync(path.join(values[key], "index.html"))) {
      throw new UsageError(`--${key} ${values[key]} has no index.html`);
    }
  }
  if (values["native-json"] && !existsSync(values["native-json"])) {
    throw new UsageError(`--native-json ${values["native-json"]} does not exist`);
  }
  return { ...values, runs };
}

// Adds `count` synthetic staff members with a pension and a work-injury record each to the
// staff list of the unit `creditCode`, straight into the server's database.
function addStaff(server, creditCode, count) {
  const script = `
import json, sqlite3, sys
credit_code, count = json.loads(sys.argv[2])
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
surnames, given_names = "林陈黄张吴王郑李", ["晓明", "建华", "丽娟", "志强", "雅婷", "国栋"]
rows = []
for i in range(count):
    first17 = f"350102{1960 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    number = first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]
    for insurance_type in ("pension", "work_injury"):
        rows.append((credit_code, number, surnames[i % 8] + given_names[i % 6], insurance_type,
                     "active", 5000 + i % 7000, "2024-01"))
with sqlite3.connect(sys.argv[1]) as connection:
    connection.executemany(
        "INSERT INTO staff_records (credit_code, id_card_number, name, insurance_type, status,"
        " contribution_base, start_month) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
`;
  execFileSync("python3", ["-c", script, server.dbPath, JSON.stringify([creditCode, count])]);
}

// The portal's server gets an agent with an opened platform and a unit of STAFF_COUNT staff.
async function prepareStaffList(server) {
  await prepareAgent(server, { password: AGENT_PASSWORD });
  addStaff(server, UNIT_CREDIT_CODE, STAFF_COUNT);
}

function machineDescription() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : "unknown CPU"}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`;
}

// Other processes on the machine stretch every timing, so a busy machine is reported.
function warnWhenBusy(loadAverage) {
  const cores = os.cpus().length;
  if (loadAverage > cores) {
    process.stderr.write(`bench: warning: the 1-minute load average is ${loadAverage.toFixed(1)} ` +
      `on ${cores} cores, so the timings will be slower and more spread than on an idle machine\n`);
  }
}

async function main() {
  const options = parseCommandLine();
  const roots = { portal: options["portal-root"], baseline: options["baseline-root"] };
  const servers = {};
  const runs = { portal: [], baseline: [] };
  let browserVersion = "";
  const loadAverageBefore = os.loadavg()[0];
  warnWhenBusy(loadAverageBefore);
  try {
    for (const app of APPS) {
      servers[app.key] = await startServer({ root: path.resolve(roots[app.key]) });
    }
    await prepareStaffList(servers.portal);
    for (let run = 0; run < options.runs; run++) {
      // Alternating the order spreads slow moments of a shared machine over both pages.
      const order = run % 2 === 0 ? APPS : [...APPS].reverse();
      for (const app of order) {
        process.stderr.write(`bench: run ${run + 1}/${options.runs}: ${app.title}\n`);
        const result = await measureApp(app, servers[app.key].url);
        browserVersion = result.browser;
        runs[app.key].push(result);
      }
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }

  const native = options["native-json"]
    ? nativeFrameTimes(JSON.parse(readFileSync(options["native-json"], "utf8"))) : [];
  const summary = summarize(runs, APPS, native);
  summary.context = {
    date: new Date().toISOString().slice(0, 10),
    machine: machineDescription(),
    browser: browserVersion,
    node: process.version,
    runs: options.runs,
    idleSeconds: IDLE_MS / 1000,
    loadAverage: [loadAverageBefore, os.loadavg()[0]],
  };
  const report = renderReport(summary);
  process.stdout.write(`${report.text}\n`);

  if (options.json) writeFileSync(options.json, JSON.stringify({ summary, runs }, null, 2));
  if (!options["no-doc"]) {
    const before = existsSync(options.doc) ? readFileSync(options.doc, "utf8") : "";
    writeFileSync(options.doc, replaceGeneratedSection(before, report.markdown));
    process.stderr.write(`bench: wrote ${path.relative(process.cwd(), options.doc)}\n`);
  }
}

main().catch((error) => {
  const text = error instanceof UsageError ? error.message : error.stack || error;
  process.stderr.write(`bench: ${text}\n`);
  process.exit(1);
});
