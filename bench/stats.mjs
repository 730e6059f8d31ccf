// Reduces the benchmark's raw runs to medians and checks them against the performance budgets.

// Performance budgets of the portal. Sizes use 1 KB = 1,000 bytes.
export const BUDGETS = {
  firstLoadTransferBytes: 900_000,
  firstFrameRatioToBaseline: 1.3,
  idleFrames: 0,
  // Frame build time of the staff list with 5,000 rows, native and headless.
  staffListNativeFrameMs: 2,
  // The maximum main-thread frame task while the staff list scrolls in the browser.
  staffListScrollFrameMs: 50,
};

// The portal screen that the staff list budgets apply to (a name in PORTAL_SCREENS).
export const STAFF_LIST_SCREEN = "staff list, 5,000 staff";

export function median(values) {
  const sorted = values.filter((value) => typeof value === "number").sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Nearest-rank percentile (p in 0..100) of a non-empty list.
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function ratio(numerator, denominator) {
  if (typeof numerator !== "number" || typeof denominator !== "number" || denominator === 0) {
    return null;
  }
  return numerator / denominator;
}

// The kind of a downloaded file, for the load-size breakdown.
export function fileKind(file) {
  const extension = extensionOf(file);
  if (extension === ".wasm") return "wasm";
  if ([".ttf", ".otf", ".woff", ".woff2"].includes(extension)) return "font";
  if ([".js", ".mjs"].includes(extension)) return "JavaScript";
  if ([".html", ".htm", ""].includes(extension) || file.endsWith("/")) return "HTML";
  return "data";
}

function extensionOf(file) {
  const name = file.slice(file.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
}

function summarizeFiles(runs) {
  const byFile = new Map();
  for (const run of runs) {
    for (const entry of run.load.files) {
      if (!byFile.has(entry.file)) byFile.set(entry.file, []);
      byFile.get(entry.file).push(entry);
    }
  }
  return [...byFile.entries()].map(([file, entries]) => ({
    file,
    kind: fileKind(file),
    encoding: entries[0].encoding || "identity",
    transferBytes: median(entries.map((entry) => entry.transferBytes)),
    decodedBytes: median(entries.map((entry) => entry.decodedBytes)),
  })).sort((a, b) => b.transferBytes - a.transferBytes);
}

// Median over the runs of the median, p95 and max of one per-frame field, and the largest
// value of any run.
function frameStatistics(samples, field) {
  const perRun = samples.map((sample) => sample.frameTasks
    .map((task) => task[field]).filter((value) => typeof value === "number"))
    .filter((values) => values.length > 0);
  if (perRun.length === 0) return { median: null, p95: null, max: null, worst: null };
  return {
    median: median(perRun.map((values) => median(values))),
    p95: median(perRun.map((values) => percentile(values, 95))),
    max: median(perRun.map((values) => Math.max(...values))),
    worst: Math.max(...perRun.map((values) => Math.max(...values))),
  };
}

// The native frame build times of Google Benchmark's JSON output (bench/ui/staff_list_bench),
// as { name, rows, cpuMs, realMs }.
export function nativeFrameTimes(benchmarkJson) {
  const toMs = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000 };
  return (benchmarkJson?.benchmarks ?? [])
    .filter((entry) => entry.run_type !== "aggregate" && !entry.error_occurred)
    .map((entry) => {
      const [name, rows] = entry.name.split("/");
      const factor = toMs[entry.time_unit] ?? null;
      return {
        name, rows: Number(rows),
        cpuMs: factor === null ? null : entry.cpu_time * factor,
        realMs: factor === null ? null : entry.real_time * factor,
      };
    });
}

function summarizeScreens(runs) {
  return runs[0].screens.map((screen, index) => {
    const samples = runs.map((run) => run.screens[index]);
    return {
      name: screen.name,
      idleFrames: median(samples.map((sample) => sample.idleFrames)),
      idleFramesMax: Math.max(...samples.map((sample) => sample.idleFrames)),
      framesDrawn: median(samples.map((sample) => sample.framesDrawn)),
      interactionMs: median(samples.map((sample) => sample.interactionMs)),
      wallMs: frameStatistics(samples, "wallMs"),
      cpuMs: frameStatistics(samples, "cpuMs"),
      tracedFrames: median(samples.map((sample) => sample.frameTasks.length)),
    };
  });
}

function summarizeApp(runs, title) {
  const totals = (field) => runs.map(
    (run) => run.load.files.reduce((sum, entry) => sum + entry[field], 0));
  return {
    title,
    load: {
      firstFrameMs: median(runs.map((run) => run.load.firstFrameMs)),
      firstFrameRangeMs: [Math.min(...runs.map((run) => run.load.firstFrameMs)),
        Math.max(...runs.map((run) => run.load.firstFrameMs))],
      firstInteractiveMs: median(runs.map((run) => run.load.firstInteractiveMs)),
      transferBytes: median(totals("transferBytes")),
      decodedBytes: median(totals("decodedBytes")),
      wasmMemoryBytes: median(runs.map((run) => run.load.wasmMemoryBytes)),
      jsHeapUsedBytes: median(runs.map((run) => run.load.jsHeapUsedBytes)),
      files: summarizeFiles(runs),
    },
    screens: summarizeScreens(runs),
  };
}

// Shares of the first load's transfer by file kind, largest first.
function loadBreakdown(files) {
  const total = files.reduce((sum, file) => sum + file.transferBytes, 0);
  const byKind = new Map();
  for (const file of files) {
    byKind.set(file.kind, (byKind.get(file.kind) || 0) + file.transferBytes);
  }
  return [...byKind.entries()]
    .map(([kind, bytes]) => ({ kind, bytes, share: total > 0 ? bytes / total : 0 }))
    .sort((a, b) => b.bytes - a.bytes);
}

// The staff list budgets: the slowest native 5,000-row frame (CPU time) and the longest
// frame task of any run while the list scrolls in the browser. Null where not measured.
function staffListFigures(portal, native) {
  const rows = native.filter((entry) => entry.rows === 5000 && typeof entry.cpuMs === "number");
  const screen = portal.screens.find((candidate) => candidate.name === STAFF_LIST_SCREEN);
  return {
    nativeMs: rows.length > 0 ? Math.max(...rows.map((entry) => entry.cpuMs)) : null,
    scrollWorstMs: screen ? screen.wallMs.worst : null,
  };
}

function checkBudgets(portal, baseline, native) {
  const firstFrameRatio = ratio(portal.load.firstFrameMs, baseline.load.firstFrameMs);
  const idleMax = Math.max(...portal.screens.map((screen) => screen.idleFramesMax));
  const staffList = staffListFigures(portal, native);
  return [
    {
      name: "first load, gzip, font included",
      limit: `≤ ${BUDGETS.firstLoadTransferBytes / 1000} KB`,
      value: portal.load.transferBytes,
      unit: "bytes",
      met: portal.load.transferBytes <= BUDGETS.firstLoadTransferBytes,
    },
    {
      name: "time to first frame",
      limit: `≤ ${BUDGETS.firstFrameRatioToBaseline} × baseline`,
      value: firstFrameRatio,
      unit: "ratio",
      met: firstFrameRatio !== null && firstFrameRatio <= BUDGETS.firstFrameRatioToBaseline,
    },
    {
      name: "frames drawn while idle (every screen, every run)",
      limit: `${BUDGETS.idleFrames}`,
      value: idleMax,
      unit: "frames",
      met: idleMax <= BUDGETS.idleFrames,
    },
    {
      name: "staff list frame with 5,000 rows, native (slowest case, CPU)",
      limit: `≤ ${BUDGETS.staffListNativeFrameMs} ms`,
      value: staffList.nativeMs,
      unit: "ms",
      met: staffList.nativeMs !== null && staffList.nativeMs <= BUDGETS.staffListNativeFrameMs,
    },
    {
      name: "longest frame while scrolling the staff list (browser, any run)",
      limit: `≤ ${BUDGETS.staffListScrollFrameMs} ms`,
      value: staffList.scrollWorstMs,
      unit: "ms",
      met: staffList.scrollWorstMs !== null &&
        staffList.scrollWorstMs <= BUDGETS.staffListScrollFrameMs,
    },
  ];
}

// runs: { portal: [run, ...], baseline: [run, ...] } as measure.mjs collects them; native: the
// rows of nativeFrameTimes, or an empty list.
export function summarize(runs, apps, native = []) {
  const summary = { apps: {}, native };
  for (const app of apps) summary.apps[app.key] = summarizeApp(runs[app.key], app.title);
  const { portal, baseline } = summary.apps;
  summary.breakdown = loadBreakdown(portal.load.files);
  summary.budgets = checkBudgets(portal, baseline, native);
  return summary;
}
