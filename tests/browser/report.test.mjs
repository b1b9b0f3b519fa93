// Renders intune-lint HTML reports in headless Chromium and checks the DOM against the JSON
// output of the same run. Run by .ci/browser-test.sh, which makes the reports:
//   REPORTS=<dir> holding demo.{html,json}, big.{html,json}, xss.{html,json}
//   SCREENSHOT=<png> (optional): where to save a screenshot of the demo report.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const dir = process.env.REPORTS;
assert.ok(dir, "REPORTS must name the folder with the reports");
let browser;

before(async () => {
  // playwright launches headless with a fresh, temporary profile (--user-data-dir) each time.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** Opens a report; records console errors, page errors and every request. */
async function open(name, { javaScript = true } = {}) {
  const url = pathToFileURL(join(dir, `${name}.html`)).href;
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  const fetched = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (r.url() !== url) fetched.push(r.url()); });
  // Anything but the report itself would be a fetch: refuse it (and count it above).
  await context.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const started = Date.now();
  // Generous: CI machines are small and shared; the measured time is printed.
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  const loadMs = Date.now() - started;
  return { page, context, errors, fetched, loadMs };
}

function json(name) {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));
}

/** The findings the DOM shows: code, path, line, and whether the text carries them. */
async function domFindings(page) {
  return page.$$eval("article.finding", (as) => as.map((a) => ({
    code: a.dataset.code,
    path: a.dataset.path,
    line: a.dataset.line ? Number(a.dataset.line) : null,
    sev: a.dataset.sev,
    visible: a.checkVisibility(),
    text: a.textContent,
  })));
}

const key = (f) => `${f.code}\u0000${f.path}\u0000${f.line ?? ""}`;

async function checkEveryFinding(name) {
  const report = json(name);
  const { page, context, errors, fetched, loadMs } = await open(name);
  const shown = await domFindings(page);
  assert.equal(shown.length, report.findings.length, "one article per finding");
  const expected = report.findings.map(key).sort();
  assert.deepEqual(shown.map(key).sort(), expected);
  for (const f of shown) {
    assert.ok(f.visible, `${key(f)} visible`);
    assert.ok(f.text.includes(f.code), `${f.code} in its text`);
    const at = f.line === null ? f.path : `${f.path}:${f.line}`;
    assert.ok(f.text.includes(at), `${at} in its text`);
  }
  assert.deepEqual(errors, [], "no console error");
  assert.deepEqual(fetched, [], "nothing fetched");
  return { page, context, report, loadMs };
}

async function visible(page) {
  return page.$$eval("article.finding", (as) => as.filter((a) => a.checkVisibility()).length);
}

test("demo report: every finding, filters, no errors, nothing fetched", async () => {
  const { page, context, report } = await checkEveryFinding("demo");
  const s = report.summary.findings;
  // The scorecard comes first, with one row per step.
  const first = await page.$eval("main > section", (e) => e.id);
  assert.equal(first, "readiness");
  const steps = await page.$$eval("#readiness table.steps tbody tr", (r) => r.length);
  assert.equal(steps, report.summary.jit_readiness.steps.length);
  assert.equal(await page.$eval("#readiness h2 .verdict", (e) => e.textContent),
    report.summary.jit_readiness.verdict.replaceAll("_", " "));

  if (process.env.SCREENSHOT) {
    // The header, the scorecard and the charts.
    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.screenshot({ path: process.env.SCREENSHOT, fullPage: false });
  }

  // Severity: without errors, only warnings and infos remain.
  await page.uncheck("input[name=sev][value=error]");
  assert.equal(await visible(page), s.warning + s.info);
  await page.check("input[name=sev][value=error]");
  assert.equal(await visible(page), report.findings.length);

  // Rule and family.
  const code = report.findings[0].code;
  await page.selectOption("select[name=rule]", code);
  assert.equal(await visible(page), report.findings.filter((f) => f.code === code).length);
  await page.selectOption("select[name=rule]", "");
  await page.selectOption("select[name=family]", "SSO");
  assert.equal(await visible(page), report.findings.filter((f) => f.code.startsWith("SSO")).length);
  await page.selectOption("select[name=family]", "");

  // Free text: a file name.
  const path = report.findings[0].path;
  await page.fill("input[name=q]", path.split("/").pop());
  assert.equal(await visible(page), report.findings.filter((f) => f.path === path).length);
  await page.fill("input[name=q]", "no finding says this");
  assert.equal(await visible(page), 0);
  assert.ok(await page.isVisible("#none"));
  await page.fill("input[name=q]", "");

  // Grouping by file: one group per file, every finding still there.
  await page.selectOption("select[name=group]", "file");
  const groups = await page.$$eval("#groups > details", (d) => d.map((x) => x.dataset.key));
  assert.deepEqual(groups, [...new Set(report.findings.map((f) => f.path))].sort());
  assert.equal(await visible(page), report.findings.length);
  await page.selectOption("select[name=group]", "rule");
  assert.equal(await visible(page), report.findings.length);

  // Sorting by severity puts every error before any warning or info, in each group.
  await page.selectOption("select[name=group]", "file");
  await page.selectOption("select[name=sort]", "severity");
  const sorted = await page.$$eval("#groups > details", (ds) => ds.map((d) =>
    Array.from(d.querySelectorAll("article.finding"), (a) => a.dataset.sev)));
  const rank = { error: 0, warning: 1, info: 2 };
  for (const g of sorted) {
    assert.deepEqual(g, [...g].sort((a, b) => rank[a] - rank[b]));
  }
  assert.ok(sorted.some((g) => new Set(g).size > 1), "a group mixes severities");
  await page.selectOption("select[name=sort]", "place");
  await page.selectOption("select[name=group]", "rule");
  assert.equal(await visible(page), report.findings.length);

  // Collapsing hides findings; a link from the scorecard opens what holds its target.
  await page.click("#collapse");
  assert.equal(await visible(page), 0);
  const link = await page.$("#readiness a.ref");
  if (link) {
    await link.click();
    const id = (await link.getAttribute("href")).slice(1);
    assert.ok(await page.$eval(`[id="${id}"]`, (e) => e.checkVisibility()));
  }
  await page.click("#expand");

  // Rule pages are embedded.
  for (const c of new Set(report.findings.map((f) => f.code))) {
    assert.ok(await page.$(`details.rulepage[id="rule-${c}"] .md h2`), `${c} page embedded`);
  }
  await context.close();
});

test("demo report reads with JavaScript off", async () => {
  const report = json("demo");
  const { page, context } = await open("demo", { javaScript: false });
  const shown = await domFindings(page);
  assert.equal(shown.filter((f) => f.visible).length, report.findings.length);
  assert.equal(await page.isVisible("#controls"), false, "filters need the script");
  await context.close();
});

test("report with thousands of findings", async () => {
  const { page, context, report, loadMs } = await checkEveryFinding("big");
  assert.ok(report.findings.length >= 2000, `${report.findings.length} findings`);
  const t0 = Date.now();
  await page.uncheck("input[name=sev][value=warning]");
  assert.equal(await visible(page), report.summary.findings.error + report.summary.findings.info);
  const filterMs = Date.now() - t0;
  console.log(`big report: ${report.findings.length} findings, loaded in ${loadMs} ms, filtered in ${filterMs} ms`);
  await context.close();
});

test("markup in a display name stays text", async () => {
  const report = json("xss");
  const { page, context, errors } = await open("xss");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval("script", (s) => s.length), 1, "only the report's own script");
  assert.equal(await page.$$eval("main img", (s) => s.length), 0);
  const body = await page.$eval("body", (b) => b.textContent);
  assert.ok(body.includes("<script>window.__pwned=1</script>"), "the name is shown as text");
  assert.ok(report.findings.length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});
