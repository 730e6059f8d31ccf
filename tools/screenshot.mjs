// Takes a screenshot of a running portal: node tools/screenshot.mjs URL OUT.png [width height dpr]
import { chromium } from "playwright-core";

const [url, out, width = "1280", height = "800", dpr = "1"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
const page = await browser.newPage({
  viewport: { width: Number(width), height: Number(height) }, deviceScaleFactor: Number(dpr),
});
page.on("console", (message) => console.log("console:", message.text()));
page.on("pageerror", (error) => console.log("pageerror:", error.message));
await page.goto(url);
await page.waitForFunction(() => window.portalLoadError || (window.Module && Module.portalFrameCount > 0),
  null, { timeout: 60000 });
await page.waitForTimeout(300);
await page.screenshot({ path: out });
await browser.close();
