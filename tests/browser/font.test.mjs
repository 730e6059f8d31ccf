// The font supplement of rare CJK ideographs, cut into chunk files by code point. The first load
// of the home page fetches no chunk. A rare character typed into a field or sent in server data
// fetches only the chunk that contains it, and a typed one is then drawn with its own glyph instead
// of ImGui's fallback glyph. Which chunk contains a character is read from the manifest that
// tools/font_subset.py writes next to the chunks, so the app's own mapping is checked against it.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  clickWidget, findWidget, frameCount, launchChromium, repoRoot, startServer, waitForFrames,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
const webRoot = process.env.PORTAL_WEB_ROOT || path.join(repoRoot, "build/web");
const manifest = JSON.parse(
  readFileSync(path.join(webRoot, "fonts/portal-sc-supplement.json"), "utf8"));
const chunkPattern = /^\/fonts\/portal-sc-supplement-\d+\.ttf$/;
// 堃 (U+5803) and 赟 (U+8D5F) are outside GB 2312 and no UI string uses them, so only the
// supplement has them, in two different chunks.
const rareCharacter = "堃";
const otherChunkCharacter = "赟";
// Hangul is in neither font file and outside the supplement's ranges, so it draws as the
// fallback glyph and never starts a download.
const missingEverywhere = "한";
let server;

before(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await server?.stop();
});

// Returns the index and path of the manifest's chunk whose ranges contain `character`.
function chunkOf(character) {
  const code = character.codePointAt(0);
  const inRange = ([first, last]) =>
    code >= parseInt(first.slice(2), 16) && code <= parseInt(last.slice(2), 16);
  const index = manifest.chunks.findIndex((chunk) => chunk.ranges.some(inRange));
  assert.ok(index >= 0, `no supplement chunk contains ${character}`);
  return { index, path: `/${manifest.chunks[index].file}` };
}

// The chunk files among the recorded request paths, in request order.
function chunkRequests(requested) {
  return requested.filter((pathname) => chunkPattern.test(pathname));
}

// Opens the portal in a new page, recording the path of every request from the start.
async function openRecordedPortal(browser) {
  const page = await browser.context.newPage();
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(server.url);
  await waitForFrames(page, 1);
  return { page, requested };
}

async function chunkStates(page) {
  return page.evaluate(() => Module.portalFontSupplementState);
}

async function waitForMerged(page, index) {
  await page.waitForFunction((chunk) => window.Module?.portalFontSupplementState?.[chunk] === "merged",
    index, { timeout: 30000 });
}

// Holds the response of the chunk file `chunkPath` until the returned function is called.
async function holdChunk(page, chunkPath) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(`**${chunkPath}`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

// Opens the person login and focuses its account field. Returns the field and a CDP session
// that inserts text as the IME does.
async function focusAccountField(browser, page) {
  await clickWidget(page, "button", "个人登录");
  const field = await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  const cdp = await browser.context.newCDPSession(page);
  return { field, cdp };
}

// Waits until the app has drawn again and stopped drawing, so a screenshot shows a settled frame.
// An app that draws no new frame within 5 s was already idle, for example because the frames that
// a merge requested were drawn before this call.
async function waitForSettledFrame(page) {
  const start = await frameCount(page);
  await waitForFrames(page, start + 1, 5000).catch(() => {});
  let last = -1;
  for (let current = await frameCount(page); current !== last; current = await frameCount(page)) {
    last = current;
    await page.waitForTimeout(300);
  }
}

async function shotOf(page, widget, name) {
  return page.screenshot({
    path: path.join(shots, name),
    clip: { x: widget.x, y: widget.y, width: widget.width, height: widget.height },
  });
}

// The home page lists the notices of the portal configuration. Makes the first of them name a
// person with a rare character.
async function serveNoticeWithRareCharacter(page) {
  await page.route("**/portal-config.json", async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    config.notices[0].title = `关于表彰优秀窗口工作人员张${rareCharacter}的通知`;
    await route.fulfill({ response, json: config });
  });
}

test("home page loads no supplement chunk", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    await findWidget(page, "button", "个人登录");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(shots, "font-home.png") });
    assert.ok(requested.includes("/fonts/portal-sc.ttf"), `requests: ${requested.join(", ")}`);
    assert.deepEqual(chunkRequests(requested), []);
    const states = await chunkStates(page);
    assert.equal(states.length, manifest.chunks.length);
    assert.ok(states.every((state) => state === "absent"), `states: ${states.join(", ")}`);
  } finally {
    await browser.close();
  }
});

test("typed rare character loads only its chunk", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    const chunk = chunkOf(rareCharacter);
    const release = await holdChunk(page, chunk.path);
    const { field, cdp } = await focusAccountField(browser, page);

    await cdp.send("Input.insertText", { text: missingEverywhere });
    await waitForSettledFrame(page);
    const fallback = await shotOf(page, field, "font-field-fallback.png");
    assert.deepEqual(chunkRequests(requested), [], "a character outside the supplement fetched a chunk");
    await page.keyboard.press("Backspace");

    const fetched = page.waitForRequest((r) => new URL(r.url()).pathname === chunk.path);
    const typedAt = Date.now();
    await cdp.send("Input.insertText", { text: rareCharacter });
    await fetched;
    assert.equal((await chunkStates(page))[chunk.index], "loading");
    await waitForSettledFrame(page);
    const before = await shotOf(page, field, "font-field-before.png");
    assert.ok(before.equals(fallback), "before its chunk arrives, 堃 should draw as the fallback");

    const releasedAt = Date.now();
    release();
    await waitForMerged(page, chunk.index);
    const mergedAt = Date.now();
    await waitForSettledFrame(page);
    const afterMerge = await shotOf(page, field, "font-field-after.png");
    assert.ok(!afterMerge.equals(fallback), "after its chunk merged, 堃 still draws as the fallback");
    await page.screenshot({ path: path.join(shots, "font-login-after.png") });
    assert.deepEqual(chunkRequests(requested), [chunk.path]);
    console.log(`chunk ${chunk.index} of 堃: held ${releasedAt - typedAt} ms, merged ` +
      `${mergedAt - releasedAt} ms after release`);
  } finally {
    await browser.close();
  }
});

test("typed rare character merges its chunk (timed)", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    const chunk = chunkOf(rareCharacter);
    const { cdp } = await focusAccountField(browser, page);
    const typedAt = Date.now();
    await cdp.send("Input.insertText", { text: rareCharacter });
    await waitForMerged(page, chunk.index);
    const mergedAt = Date.now();
    console.log(`chunk ${chunk.index} of 堃 merged ${mergedAt - typedAt} ms after typing`);
    assert.deepEqual(chunkRequests(requested), [chunk.path]);
  } finally {
    await browser.close();
  }
});

test("name with characters of two chunks loads those two", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    const first = chunkOf(rareCharacter);
    const second = chunkOf(otherChunkCharacter);
    assert.notEqual(first.index, second.index, "the two characters should lie in two chunks");
    const { cdp } = await focusAccountField(browser, page);
    await cdp.send("Input.insertText", { text: `王${otherChunkCharacter}${rareCharacter}` });
    await waitForMerged(page, first.index);
    await waitForMerged(page, second.index);
    await waitForSettledFrame(page);
    await page.screenshot({ path: path.join(shots, "font-two-chunks.png") });
    assert.deepEqual(chunkRequests(requested).sort(), [first.path, second.path].sort());
  } finally {
    await browser.close();
  }
});

test("rare character in server data loads its chunk", async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const requested = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await serveNoticeWithRareCharacter(page);
    await page.goto(server.url);
    const chunk = chunkOf(rareCharacter);
    await waitForMerged(page, chunk.index);
    await waitForSettledFrame(page);
    await page.screenshot({ path: path.join(shots, "font-notice-after.png") });
    assert.deepEqual(chunkRequests(requested), [chunk.path]);
  } finally {
    await browser.close();
  }
});

// The loader starts the module before the base font has arrived, and main() waits for it. The
// app sends its first requests only after that, so the check of their texts against the font
// still finds the rare character and loads its chunk.
test("late base font still loads chunk for server data", async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.route("**/fonts/portal-sc.ttf", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await serveNoticeWithRareCharacter(page);
    await page.goto(server.url);
    const chunk = chunkOf(rareCharacter);
    await waitForMerged(page, chunk.index);
    await waitForSettledFrame(page);

    const marks = await page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType("mark").map((mark) => [mark.name, mark.startTime])));
    assert.ok(marks["portal:renderer-ready"] < marks["portal:font-downloaded"],
      "expected main() to reach portal:renderer-ready before the delayed font arrived");
    assert.ok(marks["portal:font-added"] >= marks["portal:font-downloaded"]);
    await findWidget(page, "button", "个人登录");
    assert.equal(await page.evaluate(() => window.portalLoadError), undefined);
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
  }
});

test("failed chunk download is logged once and keeps the app drawing", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    const chunk = chunkOf(rareCharacter);
    await page.route(`**${chunk.path}`, (route) => route.fulfill({ status: 503, body: "" }));
    const errors = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("font supplement")) {
        errors.push(message.text());
      }
    });
    const { cdp } = await focusAccountField(browser, page);
    await cdp.send("Input.insertText", { text: rareCharacter });
    await page.waitForFunction((index) => Module.portalFontSupplementState[index] === "failed",
      chunk.index, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.portalLoadError), undefined);
    // The app still draws what the user types after the failure, and typing the character again
    // within the retry delay neither fetches the chunk nor logs again.
    const frames = await frameCount(page);
    await cdp.send("Input.insertText", { text: `a${rareCharacter}` });
    await waitForFrames(page, frames + 1, 10000);
    await page.waitForTimeout(500);
    assert.equal(errors.length, 1, `errors: ${errors.join(" | ")}`);
    assert.match(errors[0], /HTTP status 503/);
    assert.deepEqual(chunkRequests(requested), [chunk.path]);
  } finally {
    await browser.close();
  }
});
