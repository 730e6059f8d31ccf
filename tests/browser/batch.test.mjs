// 批量增员 and 批量减员 end to end against serve.py. The agent uploads a GBK-encoded CSV made
// with iconv, and the preview marks the bad rows, one of them an ID-card number that Excel
// turned into 3.5E+17. Only the good rows reach the server. The template download and the CSV
// exports are checked in the page itself and inside the iframe of the host example.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  callApi, clickWidget, findWidget, launchChromium, openScreen, prepareAgent,
  queryDatabase as queryServerDatabase, replaceFieldText, repoRoot, saveScreenshot, signInAgent,
  startServer, waitForFrames, widgets,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
const agentPassword = "Agent@2027";
let server;
let browser;
let page;
let cdp;
let agentToken;
let hostServer;

function queryDatabase(sql, ...parameters) {
  return queryServerDatabase(server.dbPath, sql, ...parameters);
}

function api(method, url, body, token) {
  return callApi(server.url, method, url, body, token);
}

// This month and today in China time, as the server and the app count them.
function chinaToday() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

// Encodes CSV text as Excel in China saves "CSV（逗号分隔）": GB18030/GBK, no byte-order mark.
function gbk(text) {
  return execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: text });
}

async function screenshot(name) {
  await saveScreenshot(page, shots, name, { fullPage: true });
}

async function typeInto(label, text) {
  await replaceFieldText(page, cdp, label, text);
}

async function alerts() {
  return (await widgets(page)).filter((w) => w.role === "alert").map((w) => w.label);
}

async function waitForAlert(pattern, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await alerts()).find((label) => pattern.test(label));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no alert ${pattern}; seen: ${(await alerts()).join(" | ")}`);
    await page.waitForTimeout(100);
  }
}

// Picks `buffer` as the file of the batch screen. The button opens the chooser, and the test
// sets the file on the hidden input.
async function upload(name, buffer, mimeType = "text/csv") {
  await page.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._portal_widgets_json()))
    .some((w) => w.label === "选择CSV文件" && !w.disabled), null, { timeout: 20000 });
  await clickWidget(page, "button", "选择CSV文件");
  await page.setInputFiles("#portal-csv-input", { name, mimeType, buffer });
}

before(async () => {
  // The host example's origin must be allowed to frame the portal (CSP frame-ancestors).
  hostServer = await startHostServer();
  server = await startServer({ extraArgs: ["--frame-ancestor", hostServer.origin] });
  const agent = await prepareAgent(server, { password: agentPassword });
  agentToken = (await api("POST", "/api/sessions",
    { kind: "agent", method: "password", account: agent.account, password: agentPassword })).body.token;
  browser = await launchChromium({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await browser.context.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(server.url);
  await waitForFrames(page, 1);
  cdp = await browser.context.newCDPSession(page);

  await signInAgent(page, agent);
  // The seeded unit has a declaration waiting for its review for longer than 5 days.
  await findWidget(page, "button", "知道了");
  await clickWidget(page, "button", "知道了");
});

after(async () => {
  await browser?.close();
  await server?.stop();
  hostServer?.child.kill();
});

test("GBK file: the preview marks bad rows and only good rows are declared", async () => {
  await openScreen(page, "批量增员", "下载增员模板");
  const month = chinaToday().slice(0, 7);
  // Columns in another order than the template's, an extra column, a blank line and CRLF.
  const csv = [
    "工号,姓名*,身份证号码,参保险种,手机号码,月缴费基数（元）,参保开始年月",
    `A01,郑国强,350102199606060075,企业养老,13805913011,6000,${month}`,
    `A02,吴丽娟,3.5E+17,企业养老,13805913012,6000,${month}`,
    "",
    `A03,"王小红",350205199707070082,企业养老、工伤,13805913013,7000,${month}`,
    `A04,陈一,350102199811080017,企业养老,13805913014,6000,${month}`,
    // A valid row that only the server can refuse: 林晓明 is already insured in this unit.
    `A05,林晓明,350102199003071234,企业养老,13805913015,6000,${month}`,
  ].join("\r\n") + "\r\n";
  await upload("批量增员.csv", gbk(csv));

  const summary = await waitForAlert(/^共 5 行/);
  assert.equal(summary, "共 5 行：可提交 3 行，有错误 2 行");
  const rows = await alerts();
  assert.ok(rows.some((a) => a.startsWith("第3行有错误") && a.includes("科学计数法")), rows.join("\n"));
  assert.ok(rows.some((a) => a.startsWith("第6行有错误") && a.includes("第18位")), rows.join("\n"));
  assert.ok(rows.some((a) => a === "第2行可提交"), rows.join("\n"));
  assert.ok(rows.some((a) => a === "第5行可提交"), "the quoted name row is not ready");
  assert.ok(rows.some((a) => a === "第7行可提交"), "the already insured row is not ready");
  await findWidget(page, "button", "提交增员申报（3 条）");
  await screenshot("batch-addition-preview.png");

  const posted = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/declarations") && request.method() === "POST") {
      posted.push(request.headers()["idempotency-key"]);
    }
  });
  await clickWidget(page, "button", "提交增员申报（3 条）");
  await waitForAlert(/已提交 2 行，未通过 1 行/);
  assert.equal(posted.length, 3);
  assert.equal(new Set(posted).size, 3, "rows share an Idempotency-Key");
  const rejected = (await alerts()).find((a) => a.startsWith("第7行未通过"));
  assert.match(rejected, /已在本单位参加/);
  await screenshot("batch-addition-result.png");

  // The server stored exactly the good rows, with their names as decoded from GBK.
  const query = await api("GET", "/api/declarations?kind=addition&pageSize=100", null, agentToken);
  const names = query.body.items.map((item) => item.name);
  assert.ok(names.includes("郑国强"), names.join(","));
  assert.ok(!names.includes("林晓明"), names.join(","));
  assert.ok(!names.includes("吴丽娟"), names.join(","));
  assert.ok(!names.includes("陈一"), names.join(","));
  assert.equal(names.filter((name) => name === "王小红").length, 2, "one declaration per type");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await screenshot("batch-addition-result-phone.png");
  await page.mouse.move(200, 500);
  await page.mouse.wheel(0, 700);
  await screenshot("batch-addition-result-phone-table.png");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(300);
});

test("removal file: staff list membership and server refusals per row", async () => {
  await openScreen(page, "批量减员", "下载减员模板");
  const today = chinaToday();
  const csv = "\ufeff姓名,证件号码,减员原因,停保年月,发生日期,减员险种\r\n" +
    `黄秀英,350104198703152340,本人辞职,${today.slice(0, 7)},${today},企业养老\r\n` +
    `吴海燕,350103199308221527,本人辞职,${today.slice(0, 7)},${today},企业养老\r\n` +
    `许静,350102198211205386,本人辞职,${today.slice(0, 7)},${today},企业养老\r\n`;
  await upload("批量减员.csv", Buffer.from(csv, "utf8"));
  await waitForAlert(/^共 3 行/);
  const rows = await alerts();
  assert.ok(rows.includes("第2行可提交"), rows.join("\n"));
  assert.ok(rows.some((a) => a.startsWith("第3行有错误") && a.includes("多条记录")), rows.join("\n"));
  assert.ok(rows.some((a) => a.startsWith("第4行有错误") && a.includes("人员列表中没有")), rows.join("\n"));
  await screenshot("batch-removal-preview.png");
  await clickWidget(page, "button", "提交减员申报（1 条）");
  await waitForAlert(/已提交 1 行/);
  const stored = queryDatabase("SELECT COUNT(*) FROM declarations WHERE kind = 'removal' AND id_card_number = ?",
    "350104198703152340");
  assert.equal(stored, "1");
});

test("an unreadable file type and an empty file are explained", async () => {
  await openScreen(page, "批量增员", "下载增员模板");
  await upload("名单.xlsx", Buffer.from("PK\u0003\u0004"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  await waitForAlert(/请选择CSV文件/);
  await upload("空.csv", Buffer.alloc(0));
  await waitForAlert(/文件是空的/);
});

test("template download is UTF-8 with BOM and protects the ID column", async () => {
  await openScreen(page, "批量增员", "下载增员模板");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    clickWidget(page, "button", "下载增员模板"),
  ]);
  assert.equal(download.suggestedFilename(), "批量增员模板.csv");
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  const text = bytes.subarray(3).toString("utf8");
  const lines = text.split("\r\n");
  assert.ok(lines[0].startsWith("\"姓名*\",\"证件号码*\""), lines[0]);
  assert.ok(lines[1].includes(",=\"350102198503150022\","), lines[1]);
  assert.equal(lines[2], "");
});

test("staff list exports as CSV with masked numbers", async () => {
  await clickWidget(page, "button", "人员列表");
  await findWidget(page, "button", "办理减员");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    clickWidget(page, "button", "导出CSV"),
  ]);
  assert.match(download.suggestedFilename(), /^人员列表_\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await download.path()).toString("utf8");
  assert.ok(text.startsWith("\ufeff\"序号\",\"姓名\",\"身份证号码\""), text.slice(0, 40));
  assert.ok(text.includes(",=\"3501**********1234\","), text);
  assert.ok(!text.includes("350102199003071234"), "an unmasked number was exported");
  await screenshot("batch-staff-export.png");
});

test("declaration query exports as CSV", async () => {
  await clickWidget(page, "button", "人员申报查询");
  await findWidget(page, "tab", "待审核");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    clickWidget(page, "button", "导出CSV"),
  ]);
  assert.match(download.suggestedFilename(), /^人员申报查询_待审核_/);
  const text = readFileSync(await download.path()).toString("utf8");
  const lines = text.split("\r\n");
  assert.ok(lines[0].includes("\"申报编号\""), lines[0]);
  assert.ok(text.includes("\"郑国强\""), "the batch's declaration is not exported");
});

// The host example serves web/ from a second origin, as the legacy portal does.
function startHostServer() {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
      "--directory", path.join(repoRoot, "web")], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => {
      const match = String(chunk).match(/port (\d+)/);
      if (match) resolve({ child, origin: `http://127.0.0.1:${match[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`host server exited with ${code}`)));
  });
}

test("a file saved inside the host example's iframe downloads", async () => {
  const host = await browser.context.newPage();
  try {
    await host.goto(`${hostServer.origin}/host-example.html?app=${encodeURIComponent(server.url)}`);
    const portal = host.frames().find((f) => f.url().startsWith(server.url));
    await portal.waitForFunction(() => window.Module && Module.portalFrameCount > 0, null,
      { timeout: 60000 });
    const [download] = await Promise.all([
      host.waitForEvent("download"),
      portal.evaluate(() => Module.portalFiles.save("框内.csv",
        new TextEncoder().encode("\ufeff\"姓名\"\r\n"))),
    ]);
    assert.equal(download.suggestedFilename(), "框内.csv");
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes], [0xEF, 0xBB, 0xBF, ...Buffer.from("\"姓名\"\r\n")]);
  } finally {
    await host.close();
  }
});
