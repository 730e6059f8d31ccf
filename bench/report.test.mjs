// Unit tests of the benchmark's statistics and of the docs/performance.md section update.
//   node --test bench/
import assert from "node:assert/strict";
import { test } from "node:test";

import { BEGIN_MARKER, END_MARKER, replaceGeneratedSection } from "./report.mjs";
import { fileKind, median, percentile, ratio } from "./stats.mjs";

test("median of odd and even counts", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test("median ignores missing values", () => {
  assert.equal(median([null, 5, undefined]), 5);
  assert.equal(median([]), null);
});

test("percentile uses the nearest rank", () => {
  const values = Array.from({ length: 20 }, (_, index) => index + 1);
  assert.equal(percentile(values, 95), 19);
  assert.equal(percentile(values, 100), 20);
  assert.equal(percentile([7], 95), 7);
});

test("ratio without a denominator is null", () => {
  assert.equal(ratio(3, 0), null);
  assert.equal(ratio(null, 2), null);
  assert.equal(ratio(3, 2), 1.5);
});

test("file kinds by extension", () => {
  assert.equal(fileKind("/portal.wasm"), "wasm");
  assert.equal(fileKind("/fonts/portal-sc.ttf"), "font");
  assert.equal(fileKind("/loader.js"), "JavaScript");
  assert.equal(fileKind("/"), "HTML");
  assert.equal(fileKind("/portal-config.json"), "data");
});

test("generated section replaced between markers", () => {
  const before = "# Performance\n\nIntro.\n\n" +
    `${BEGIN_MARKER}\nold figures\n${END_MARKER}\n\n## Notes\n\nKept.\n`;
  const after = replaceGeneratedSection(before, "new figures");
  assert.ok(after.includes(`${BEGIN_MARKER}\nnew figures\n${END_MARKER}`));
  assert.ok(!after.includes("old figures"));
  assert.ok(after.startsWith("# Performance\n\nIntro.\n"));
  assert.ok(after.endsWith("## Notes\n\nKept.\n"));
});

test("generated section appended without markers", () => {
  const after = replaceGeneratedSection("# Performance\n\nWritten by hand.\n", "figures");
  const expected = `# Performance\n\nWritten by hand.\n\n${BEGIN_MARKER}\nfigures\n${END_MARKER}\n`;
  assert.equal(after, expected);
});

test("empty document gets a title", () => {
  const after = replaceGeneratedSection("", "figures");
  assert.equal(after, `# Performance\n\n${BEGIN_MARKER}\nfigures\n${END_MARKER}\n`);
});
