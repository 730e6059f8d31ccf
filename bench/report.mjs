// Renders the benchmark summary as a console table and as the generated Markdown section of
// docs/performance.md.
import { ratio } from "./stats.mjs";

export const BEGIN_MARKER =
  "<!-- BEGIN bench/run.sh output: regenerated on every run, edit outside -->";
export const END_MARKER = "<!-- END bench/run.sh output -->";

const kb = (bytes) => (typeof bytes === "number" ? `${(bytes / 1000).toFixed(1)} KB` : "n/a");
const mib = (bytes) => (typeof bytes === "number" ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : "n/a");
const ms = (value, digits = 0) =>
  (typeof value === "number" ? `${value.toFixed(digits)} ms` : "n/a");
const times = (value) => (typeof value === "number" ? `${value.toFixed(2)}×` : "n/a");
const count = (value) => (typeof value === "number" ? `${Math.round(value)}` : "n/a");
const percent = (share) => `${(share * 100).toFixed(0)} %`;

function budgetFigure(budget) {
  if (budget.unit === "bytes") return kb(budget.value);
  if (budget.unit === "ratio") return times(budget.value);
  if (budget.unit === "ms") return ms(budget.value, 2);
  return count(budget.value);
}

const NATIVE_HEADER = ["benchmark", "rows", "CPU per frame", "wall per frame"];

function nativeRows(summary) {
  return summary.native.map((entry) => [
    entry.name, count(entry.rows), ms(entry.cpuMs, 3), ms(entry.realMs, 3),
  ]);
}

function budgetRows(summary) {
  return summary.budgets.map((budget) => [
    budget.name, budget.limit, budgetFigure(budget), budget.met ? "met" : "NOT MET",
  ]);
}

function loadRows(summary) {
  const { portal, baseline } = summary.apps;
  const row = (label, field, format) => [
    label, format(portal.load[field]), format(baseline.load[field]),
    times(ratio(portal.load[field], baseline.load[field])),
  ];
  return [
    row("first load, transferred (gzip)", "transferBytes", kb),
    row("first load, decoded", "decodedBytes", kb),
    row("time to first frame", "firstFrameMs", ms),
    row("time to first interactive frame", "firstInteractiveMs", ms),
    row("wasm memory after load", "wasmMemoryBytes", mib),
    row("JS heap used after load", "jsHeapUsedBytes", mib),
  ];
}

function fileRows(app) {
  const total = app.load.files.reduce((sum, file) => sum + file.transferBytes, 0);
  return app.load.files.map((file) => [
    file.file, file.kind, file.encoding, kb(file.transferBytes), kb(file.decodedBytes),
    total > 0 ? percent(file.transferBytes / total) : "n/a",
  ]);
}

function screenRows(summary) {
  const { portal, baseline } = summary.apps;
  const reference = baseline.screens[0];
  const rows = [];
  for (const app of [portal, baseline]) {
    for (const screen of app.screens) {
      const versus = (field) => (app === portal
        ? times(ratio(screen[field].median, reference[field].median)) : "1.00×");
      rows.push([
        app.title, screen.name, count(screen.idleFrames), count(screen.framesDrawn),
        ms(screen.wallMs.median, 1), ms(screen.wallMs.p95, 1), ms(screen.wallMs.max, 1),
        versus("wallMs"),
        ms(screen.cpuMs.median, 1), ms(screen.cpuMs.p95, 1), ms(screen.cpuMs.max, 1),
        versus("cpuMs"),
      ]);
    }
  }
  return rows;
}

function breakdownLine(summary) {
  return summary.breakdown
    .map((part) => `${part.kind} ${kb(part.bytes)} (${percent(part.share)})`)
    .join(", ");
}

const LOAD_HEADER = ["metric", "portal", "baseline", "portal / baseline"];
const BUDGET_HEADER = ["budget", "limit", "measured", "verdict"];
const FILE_HEADER = ["file", "kind", "encoding", "transferred", "decoded", "share"];
const SCREEN_HEADER = ["page", "screen", "idle frames", "frames while interacting",
  "wall median", "wall p95", "wall max", "wall vs baseline",
  "CPU median", "CPU p95", "CPU max", "CPU vs baseline"];

// Wraps a paragraph at 100 columns, the width of the project's Markdown files.
function wrap(paragraph, width = 100) {
  const lines = [];
  let line = "";
  for (const word of paragraph.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function textTable(header, rows) {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) =>
    cells.map((cell, column) => String(cell).padEnd(widths[column])).join("  ").trimEnd();
  const rule = line(widths.map((width) => "-".repeat(width)));
  return [line(header), rule, ...rows.map(line)].join("\n");
}

function loadText(context) {
  const [before, after] = context.loadAverage;
  return `${before.toFixed(1)} and ${after.toFixed(1)}`;
}

function rangeText(app) {
  const [low, high] = app.load.firstFrameRangeMs;
  return `${ms(low)} to ${ms(high)}`;
}

function renderMarkdown(summary) {
  const { context, apps } = summary;
  const screenNames = apps.portal.screens.map((screen) => screen.name).join(", ");
  const setup = [
    `Measured on ${context.date} by \`bench/run.sh\`: ${context.runs} cold loads of each`,
    "page, medians over the runs.",
    `Machine: ${context.machine}, 1-minute load average ${loadText(context)} before and after`,
    "the runs (other processes stretch the timings).",
    `Browser: ${context.browser}, headless, WebGL2 on SwiftShader (software rendering, so`,
    "frame times include drawing on the CPU).",
    `Over the runs, the portal's time to first frame ranged from ${rangeText(apps.portal)},`,
    `the baseline's from ${rangeText(apps.baseline)}.`,
  ].join(" ");
  const screens = [
    `Portal screens measured: ${screenNames}. For the staff list the agent's unit holds 5,000`,
    "staff and the list shows 100 a page, the most the server sends; the wheel scrolls it.",
  ].join(" ");
  const nativeNote = [
    "Frame build time of the staff list natively, drawn headless by the real screen code",
    "(`build/native/bench/staff_list_bench`): the browser build does the same work plus the",
    "WebGL upload. 5,000 rows put a whole large unit on one page to show that the list",
    "clipper keeps the cost flat; \"Scroll\" turns the mouse wheel every frame.",
  ].join(" ");
  const frameNote = [
    `Idle frames are counted over ${context.idleSeconds} s without input. The frame times are`,
    "those of the renderer main-thread task that runs each animation frame while the screen is",
    "driven: wall time (how long the main thread was busy, waiting included) and the thread's",
    "CPU time. \"vs baseline\" compares medians with the baseline's window.",
  ].join(" ");
  return [
    "## Latest measurement",
    "",
    wrap(setup),
    "",
    wrap(screens),
    "",
    "### Budgets",
    "",
    markdownTable(BUDGET_HEADER, budgetRows(summary)),
    "",
    "### Load and memory",
    "",
    markdownTable(LOAD_HEADER, loadRows(summary)),
    "",
    wrap(`The portal's first load by kind: ${breakdownLine(summary)}.`),
    "",
    "Files of the portal's first load:",
    "",
    markdownTable(FILE_HEADER, fileRows(apps.portal)),
    "",
    "Files of the baseline's first load:",
    "",
    markdownTable(FILE_HEADER, fileRows(apps.baseline)),
    "",
    "### Screens",
    "",
    wrap(frameNote),
    "",
    markdownTable(SCREEN_HEADER, screenRows(summary)),
    "",
    "### Staff list, native",
    "",
    wrap(nativeNote),
    "",
    summary.native.length > 0 ? markdownTable(NATIVE_HEADER, nativeRows(summary))
      : "Not measured: `staff_list_bench` was not built (needs libbenchmark-dev).",
  ].join("\n");
}

function renderText(summary) {
  const { apps, context } = summary;
  return [
    `1-minute load average before and after the runs: ${loadText(context)}`,
    "",
    "Budgets",
    textTable(BUDGET_HEADER, budgetRows(summary)),
    "",
    "Load and memory (medians)",
    textTable(LOAD_HEADER, loadRows(summary)),
    "",
    `Portal first load by kind: ${breakdownLine(summary)}`,
    "",
    "Portal files",
    textTable(FILE_HEADER, fileRows(apps.portal)),
    "",
    "Baseline files",
    textTable(FILE_HEADER, fileRows(apps.baseline)),
    "",
    "Screens (main-thread time per frame while interacting; wall and CPU)",
    textTable(SCREEN_HEADER, screenRows(summary)),
    "",
    "Staff list, native frame build time",
    textTable(NATIVE_HEADER, nativeRows(summary)),
  ].join("\n");
}

export function renderReport(summary) {
  return { text: renderText(summary), markdown: renderMarkdown(summary) };
}

// Replaces the text between the markers with the generated section, keeping the rest of the
// document. A document without markers gets the section appended, and an empty one also gets
// a title.
export function replaceGeneratedSection(document, generated) {
  const block = `${BEGIN_MARKER}\n${generated}\n${END_MARKER}`;
  const begin = document.indexOf(BEGIN_MARKER);
  const end = document.indexOf(END_MARKER);
  if (begin >= 0 && end > begin) {
    return document.slice(0, begin) + block + document.slice(end + END_MARKER.length);
  }
  if (document.trim() === "") {
    return `# Performance\n\n${block}\n`;
  }
  return `${document.replace(/\s*$/, "")}\n\n${block}\n`;
}
