// Shared helpers of the browser tests: launch Debian's Chromium headless with the flags this
// machine needs, start serve.py on a free loopback port, and read the app's widget registry.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

const chromiumFlags = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
];

// Launches Chromium with a fresh profile; returns { context, close }. `options` are
// Playwright context options (viewport, deviceScaleFactor, hasTouch, ...).
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), "portal-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Starts serve.py on a free port with a scratch database; resolves to { url, dbPath, stop }.
export function startServer({
  root = process.env.PORTAL_WEB_ROOT || path.join(repoRoot, "build/web"), extraArgs = [],
} = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), "portal-server-"));
  const dbPath = path.join(scratch, "portal.sqlite3");
  const child = spawn("python3", [path.join(repoRoot, "serve.py"), "--host", "127.0.0.1",
    "--port", "0", "--root", root, "--db", dbPath, ...extraArgs],
  { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk) => { log += chunk; });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`serve.py did not start:\n${log}`)), 30000);
    child.on("exit", (code) => reject(new Error(`serve.py exited with ${code}:\n${log}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/Portal running at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          dbPath,
          log: () => log,
          async stop() {
            child.kill("SIGTERM");
            await new Promise((done) => { if (child.exitCode !== null) done(); else child.on("exit", done); });
            rmSync(scratch, { recursive: true, force: true });
          },
        });
      }
    });
  });
}

// Opens the portal in a new page of `context` and waits for its first frame.
export async function openPortal(context, url) {
  const page = await context.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(url);
  await waitForFrames(page, 1);
  return page;
}

// The number of frames the app has drawn so far.
export async function frameCount(page) {
  return page.evaluate(() => Module.portalFrameCount);
}

// Waits until the app has drawn at least `count` frames.
export async function waitForFrames(page, count = 1, timeout = 60000) {
  await page.waitForFunction((n) => window.Module && window.Module.portalFrameCount >= n,
    count, { timeout });
}

// The widgets of the app's last frame: [{ role, label, x, y, width, height, ... }].
export async function widgets(page) {
  return page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._portal_widgets_json())));
}

// Finds a widget by role and visible label, waiting for it to appear.
export async function findWidget(page, role, label, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await widgets(page)).find((w) => w.role === role && w.label === label);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = (await widgets(page)).map((w) => `${w.role}:${w.label}`).join(", ");
      throw new Error(`no ${role} "${label}" on screen; seen: ${seen}`);
    }
    await page.waitForTimeout(50);
  }
}

// Fails when Dear ImGui shows its error-recovery tooltip (an API misuse in a screen).
export async function assertNoImGuiError(page) {
  const found = (await widgets(page)).some((w) => w.label === "Enable Asserts");
  if (found) throw new Error("Dear ImGui reported an API misuse on this screen");
}

// Clicks the centre of a widget found by role and label. For a text box it also waits until
// the text agent has keyboard focus, so that what the test types next reaches the field even
// on a slow machine.
export async function clickWidget(page, role, label) {
  const widget = await findWidget(page, role, label);
  await page.mouse.click(widget.x + widget.width / 2, widget.y + widget.height / 2);
  if (role === "textbox") {
    await page.waitForFunction(() => document.activeElement?.id === "portal-text-agent", null,
      { timeout: 10000 });
  }
  return widget;
}
