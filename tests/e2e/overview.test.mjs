// The overview page on the bundled demo data: the headline figures equal
// totals computed here from the demo counts file, independently of the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ROOT, open, readCountsIndependently, addMonths, thousands, useAppAndBrowser,
} from './harness.mjs';

const app = useAppAndBrowser();

/** Latest-12 vs previous-12 totals of crime (ASB excluded), whole borough. */
function expectedHeadline() {
  const rows = readCountsIndependently(join(ROOT, 'public/data/demo/counts.csv'));
  const latest = rows.map((r) => r.month).sort().at(-1);
  const currentStart = addMonths(latest, -11);
  const previousStart = addMonths(latest, -23);
  const previousEnd = addMonths(latest, -12);
  let current = 0;
  let previous = 0;
  for (const r of rows) {
    if (r.category === 'Anti-social behaviour') continue;
    if (r.month >= currentStart && r.month <= latest) current += r.count;
    if (r.month >= previousStart && r.month <= previousEnd) previous += r.count;
  }
  return { current, previous, change: current - previous, pct: ((current - previous) / previous) * 100 };
}

test('the demo overview shows the latest 12 months against the 12 before', async () => {
  const want = expectedHeadline();
  assert.ok(want.current > 1000 && want.previous > 1000, 'the demo data should have thousands of crimes a year');
  const { page, errors } = await open(app.browser, `${app.server.url}?dataset=demo`);
  await page.getByTestId('current').waitFor();
  assert.equal(await page.getByTestId('current').textContent(), thousands(want.current));
  assert.equal(await page.getByTestId('previous').textContent(), thousands(want.previous));
  const sign = want.change > 0 ? '+' : want.change < 0 ? '\u2212' : '';
  assert.equal(await page.getByTestId('change').textContent(), sign + thousands(Math.abs(want.change)));
  assert.equal(await page.getByTestId('pct-change').textContent(), `${sign}${Math.abs(want.pct).toFixed(1)}%`);
  // Demo data is labelled as such, and the dataset's title is shown.
  assert.match(await page.getByTestId('demo-banner').textContent(), /invented \(synthetic\)/);
  assert.match(await page.getByTestId('dataset-title').textContent(), /synthetic demo data/);
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});

test('the trend chart is drawn and has a text alternative and a data table', async () => {
  const want = expectedHeadline();
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo`);
  const figure = page.getByTestId('trend-chart');
  await figure.waitFor();
  const canvas = figure.locator('canvas');
  assert.equal(await canvas.getAttribute('role'), 'img');
  assert.match(await canvas.getAttribute('aria-label'), /^Line chart of all crime/);
  // Something was drawn: the canvas is not blank.
  const inked = await canvas.evaluate((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 && data[i + 2] > data[i] + 40) dark++;
    return dark;
  });
  assert.ok(inked > 200, `the current-period line should be drawn in blue (found ${inked} blue pixels)`);
  // The table's current-period counts add up to the headline's current total.
  const counts = await figure.getByTestId('chart-table').locator('tbody tr td:nth-child(2)').allTextContents();
  assert.equal(counts.length, 12);
  const sum = counts.map((t) => Number(t.replaceAll(',', ''))).reduce((a, b) => a + b, 0);
  assert.equal(sum, want.current);
  await page.close();
});

