// Prints how long headless Chromium takes to load and lay out one report (REPORT=path).
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const url = pathToFileURL(process.env.REPORT).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
const t0 = Date.now();
await page.goto(url, { waitUntil: "load", timeout: 300_000 });
const load = Date.now() - t0;
// Force layout of the whole document, as scrolling to the end would.
const height = await page.evaluate(() => document.body.scrollHeight);
const laid = Date.now() - t0;
const n = await page.$$eval("article.finding", (a) => a.length);
console.log(`chromium: ${n} findings loaded in ${load} ms, laid out (${height}px) in ${laid} ms`);
await browser.close();
