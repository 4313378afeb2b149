// The map on the Stockton dataset: keyboard focus on any area shows a ring
// of at least 3:1 contrast against that area's fill (WCAG 2.2, 1.4.11),
// computed here from the colours the browser uses; the legend's numbers
// have thousands separators; "No figures" is in the key only when an area
// has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useAppAndBrowser } from './harness.mjs';

const app = useAppAndBrowser();

/** WCAG relative luminance of `rgb(r, g, b)`. */
function luminance(css) {
  const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test('keyboard focus on every area of the map is at least 3:1 against its fill', async () => {
  for (const by of ['', '&by=rate']) {
    const { page } = await open(app.browser, `${app.server.url}?dataset=stockton&page=wards${by}`);
    const areas = page.locator('figure.map path.area');
    await areas.first().waitFor();
    const n = await areas.count();
    assert.ok(n > 20, `${n} areas on the map`);
    await page.keyboard.press('Tab'); // a keyboard user: focus is visible
    const seen = new Map();
    for (let i = 0; i < n; i++) {
      const area = areas.nth(i);
      await area.focus();
      const { stroke, fill, width, cls } = await area.evaluate((el) => {
        const s = getComputedStyle(el);
        return { stroke: s.stroke, fill: s.fill, width: parseFloat(s.strokeWidth), cls: el.getAttribute('class') };
      });
      const ratio = contrast(stroke, fill);
      seen.set(cls, ratio);
      assert.ok(ratio >= 3, `${cls}: focus ring ${stroke} on ${fill} is ${ratio.toFixed(2)}:1`);
      assert.ok(width >= 3, `${cls}: the ring is ${width} px wide`);
    }
    console.log(`# map focus contrast by class${by}: ${[...seen].map(([c, r]) => `${c} ${r.toFixed(1)}:1`).join(', ')}`);
    const legend = await page.locator('figure.map .legend li').allInnerTexts();
    const big = legend.flatMap((t) => t.match(/\d[\d,]*\.?\d*/g) ?? []).filter((x) => Number(x.replace(/,/g, '')) >= 1000);
    for (const x of big) assert.match(x, /^\d{1,3}(,\d{3})+(\.\d+)?$/, `legend number ${x} has separators`);
    const none = legend.some((t) => t.includes('No figures'));
    assert.equal(none, seen.has('area none'), `"No figures" in the key: ${none}; an area without figures: ${seen.has('area none')}`);
    await page.close();
  }
});
