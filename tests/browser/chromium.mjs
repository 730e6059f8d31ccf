// Shared helpers of the browser tests: launch Debian's Chromium headless with the flags this
// machine needs, start serve.py on a free loopback port, and read the app's widget registry.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
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

// The browser tests sign the same accounts in, from the same address, far more often than
// people do, so they raise the login and SMS rate limits. tests/server covers the limits.
const raisedRateLimits = ["--login-limit-per-account", "1000", "--login-limit-per-address", "1000",
  "--sms-limit-per-address", "1000"];

// Starts serve.py on a free port with a scratch database; resolves to { url, dbPath, stop }.
export function startServer({
  root = process.env.PORTAL_WEB_ROOT || path.join(repoRoot, "build/web"), extraArgs = [],
} = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), "portal-server-"));
  const dbPath = path.join(scratch, "portal.sqlite3");
  const child = spawn("python3", [path.join(repoRoot, "serve.py"), "--host", "127.0.0.1",
    "--port", "0", "--root", root, "--db", dbPath, ...raisedRateLimits, ...extraArgs],
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

// Saves `folder/name` once the frames of the last input have settled, after checking that
// Dear ImGui reported no misuse on the screen.
export async function saveScreenshot(page, folder, name, { fullPage = false } = {}) {
  await page.waitForTimeout(250);
  await assertNoImGuiError(page);
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, name), fullPage });
}

// Clicks the menu button `menuLabel` and waits for a button `markerLabel` of the screen it opens.
// Several screens share buttons such as "选择CSV文件", so the marker must be the new screen's
// own. On a loaded machine a click can miss a screen being laid out; opening a screen twice is
// harmless, so the click is repeated once.
export async function openScreen(page, menuLabel, markerLabel) {
  for (let attempt = 0; ; attempt++) {
    await clickWidget(page, "button", menuLabel);
    try {
      return await findWidget(page, "button", markerLabel, attempt === 0 ? 8000 : 20000);
    } catch (error) {
      if (attempt > 0) throw error;
    }
  }
}

// Opens the agent's 增员 form and fills a pension addition of `name` with ID-card `number`.
export async function fillStaffAddition(page, cdp, number, name) {
  await clickWidget(page, "button", "增员");
  await findWidget(page, "button", "提交增员申报");
  await replaceFieldText(page, cdp, "证件号码", number);
  await replaceFieldText(page, cdp, "姓名 *", name);
  await replaceFieldText(page, cdp, "手机号码 *", "13805913009");
  await replaceFieldText(page, cdp, "月缴费基数（元）", "6000");
  await clickWidget(page, "checkbox", "企业养老");
}

// Replaces the text of the field labelled `label` with `text`, inserted in one input event
// through `cdp` (the page's CDP session), as an input method commits it.
export async function replaceFieldText(page, cdp, label, text) {
  await clickWidget(page, "textbox", label);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await cdp.send("Input.insertText", { text });
  await page.waitForTimeout(100);
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

// Runs a query on a test server's database with Python's sqlite3 and returns the first column
// of the first row, or "" when there is none.
export function queryDatabase(dbPath, sql, ...parameters) {
  const script = "import json, sqlite3, sys\n" +
    "row = sqlite3.connect(sys.argv[1]).execute(sys.argv[2], json.loads(sys.argv[3])).fetchone()\n" +
    "print(row[0] if row else '')";
  return execFileSync("python3", ["-c", script, dbPath, sql, JSON.stringify(parameters)])
    .toString().trim();
}

// Calls the REST API of a test server; resolves to { status, body }.
export async function callApi(serverUrl, method, url, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(url, serverUrl), {
    method, headers, body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

// The last SMS the server "sent" to `mobile`.
function lastSms(dbPath, mobile) {
  return queryDatabase(dbPath,
    "SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY rowid DESC", mobile);
}

// Prepares the seeded unit's first agent through the API, as the legal person and the agent
// would: the agent sync, the first-login password and, unless `openPlatform` is false, the
// multi-insurance platform opened for pension and work injury. Resolves to { account, password } for the agent's username login.
export async function prepareAgent(server, { password = "Agent@2027", openPlatform = true } = {}) {
  const legalMobile = "13805912001";
  const sms = await callApi(server.url, "POST", "/api/sms-codes", { mobile: legalMobile, purpose: "login" });
  if (sms.status !== 200) throw new Error(`SMS code request failed: ${JSON.stringify(sms.body)}`);
  const code = lastSms(server.dbPath, legalMobile).match(/(\d{6})/)[1];
  const legal = await callApi(server.url, "POST", "/api/sessions", {
    kind: "legal_person", method: "sms_password", account: "chenjianhua", mobile: legalMobile,
    smsCode: code, password: "Demo@2026",
  });
  if (legal.status !== 200) throw new Error(`legal person login failed: ${JSON.stringify(legal.body)}`);
  await callApi(server.url, "POST", "/api/unit/agents/sync", {}, legal.body.token);

  const account = "ma2y3k7d01";
  const initial = lastSms(server.dbPath, "13805913001").match(/初始密码(\S+?)，/)[1];
  const first = await callApi(server.url, "POST", "/api/sessions",
    { kind: "agent", method: "password", account, password: initial });
  const token = first.body.token;
  const changed = await callApi(server.url, "POST", "/api/session/password", { newPassword: password }, token);
  if (changed.status !== 200) throw new Error(`password change failed: ${JSON.stringify(changed.body)}`);
  if (openPlatform) {
    const opened = await callApi(server.url, "POST", "/api/agent/platform",
      { insuranceTypes: ["pension", "work_injury"] }, token);
    if (opened.status !== 200) throw new Error(`platform opening failed: ${JSON.stringify(opened.body)}`);
  }
  await callApi(server.url, "DELETE", "/api/session", undefined, token);
  return { account, password };
}

// Finds a widget and waits until its position stops changing, because dialogs are placed
// during their first frames.
export async function findSettledWidget(page, role, label, timeout = 10000) {
  let previous = await findWidget(page, role, label, timeout);
  for (;;) {
    await page.waitForTimeout(150);
    const current = await findWidget(page, role, label, timeout);
    if (current.x === previous.x && current.y === previous.y) return current;
    previous = current;
  }
}

// Waits until no modal dialog is open.
export async function waitForNoDialog(page, timeout = 10000) {
  await page.waitForFunction(() => !JSON.parse(Module.UTF8ToString(Module._portal_widgets_json()))
    .some((w) => w.role === "dialog"), null, { timeout });
}

// Signs the agent in through the unit login dialog's username method, typing into the canvas.
export async function signInAgent(page, agent) {
  if (!(await widgets(page)).some((w) => w.role === "dialog" && w.label === "用户登录")) {
    await clickWidget(page, "button", "单位登录");
  }
  await findSettledWidget(page, "tab", "单位经办人");
  await clickWidget(page, "radio", "用户名登录");
  await clickWidget(page, "textbox", "用户名");
  await page.keyboard.type(agent.account);
  await clickWidget(page, "textbox", "密码");
  await page.keyboard.type(agent.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    clickWidget(page, "button", "登录"),
  ]);
  if (response.status() !== 200) throw new Error(`agent login failed with ${response.status()}`);
  await findWidget(page, "button", "退出");
}
