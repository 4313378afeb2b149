// axe-core on every page: no violations. Keyboard: every control and map
// area can be reached with Tab, and focus is visible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useAppAndBrowser } from './harness.mjs';

const app = useAppAndBrowser();

const PAGES = [
  ['overview', '?dataset=demo'],
  ['wards', '?dataset=demo&page=wards'],
  ['wards by rate', '?dataset=demo&page=wards&by=rate'],
  ['ward profile', '?dataset=demo&ward=E05900020'],
  ['deprivation', '?dataset=demo&page=deprivation'],
  ['custom periods', '?dataset=demo&current=2025-01..2025-06&previous=2024-01..2024-06'],
  ['missing dataset', '?dataset=nowhere'],
  ['embed builder', '?dataset=demo&page=embed'],
  ['how to read these figures', '?dataset=demo&page=guide'],
  ['load data', '?page=load'],
  ...['card', 'trend', 'table', 'ranking', 'map'].map((k) => [`embedded ${k}`, `?dataset=demo&embed=${k}&ward=E05900020`]),
];

for (const [name, query] of PAGES) {
  test(`axe-core finds no violations: ${name}`, async () => {
    for (const width of [375, 1280]) {
      const { page } = await open(app.browser, app.server.url + query, { width, height: 900 });
      await page.locator('[data-testid=provenance], [data-testid=load-error], [data-testid=embed-source], h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Open the hidden tables too, so they are checked.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.addScriptTag({ url: '/__test/axe.min.js' });
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      assert.deepEqual(result, [], `${name} at ${width}px`);
      await page.close();
    }
  });
}

test('keyboard: Tab reaches the controls, the table sorts and the map areas, with a visible focus', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=demo&page=wards`);
  await page.getByTestId('ranking-table').waitFor();
  const reached = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      const visible = style.outlineStyle !== 'none' || style.strokeWidth !== '0.8px' || style.boxShadow !== 'none';
      return { tag: e.tagName.toLowerCase(), id: e.id, testid: e.dataset?.testid ?? '', cls: e.getAttribute('class') ?? '', visible };
    });
    reached.add(info.id || info.testid || info.cls || info.tag);
    assert.ok(info.visible, `focus on ${JSON.stringify(info)} is not visible`);
  }
  for (const want of ['period', 'select', 'ward-search', 'area', 'sort']) {
    assert.ok([...reached].some((r) => r.includes(want)), `Tab never reached ${want}: ${[...reached].join(', ')}`);
  }
  await page.close();
});
