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

// The names on the map, checked against the real font in the browser: each
// placed name lies inside its own area's fill (every corner and edge
// midpoint of its box), no two names overlap, each is at least 11 px on
// the screen, and an area pointed at or focused is named on the map.
async function namesOnScreen(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('figure.map svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text.name:not(.pointed)')]
      .filter((t) => getComputedStyle(t).display !== 'none')
      .map((t) => {
        const path = svg.querySelector(`path.area[data-code="${t.dataset.code}"]`);
        const b = t.getBBox();
        const pts = [];
        for (const fx of [0, 0.5, 1]) for (const fy of [0, 0.5, 1]) pts.push([b.x + fx * b.width, b.y + fy * b.height]);
        const outside = pts.filter(([x, y]) => !path.isPointInFill(new DOMPoint(x, y)));
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        const name = [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ');
        return { name, box: [b.x, b.y, b.x + b.width, b.y + b.height], outside: outside.length, px };
      });
  });
}

test('ward names sit inside their wards, apart, at 11 px or more; pointing or focusing names any ward', async () => {
  for (const width of [1280, 375]) {
    const { page, errors } = await open(app.browser, `${app.server.url}?dataset=stockton&page=wards`, { width, height: 900 });
    await page.locator('figure.map path.area').first().waitFor();
    const names = await namesOnScreen(page);
    console.log(`# ${width} px: ${names.length} ward names on the map: ${names.map((n) => n.name).join(', ')}`);
    assert.ok(names.length >= 3, `${names.length} names shown at ${width} px`);
    for (const n of names) {
      assert.equal(n.outside, 0, `"${n.name}" lies inside its ward`);
      assert.ok(n.px >= 11, `"${n.name}" is ${n.px.toFixed(1)} px`);
    }
    for (const [i, a] of names.entries()) {
      for (const b of names.slice(i + 1)) {
        const apart = a.box[2] <= b.box[0] || b.box[2] <= a.box[0] || a.box[3] <= b.box[1] || b.box[3] <= a.box[1];
        assert.ok(apart, `"${a.name}" and "${b.name}" do not overlap`);
      }
    }
    // A ward whose name does not fit is named when focused, and beside the
    // map its figures are said.
    const placed = new Set(names.map((n) => n.name));
    const areas = page.locator('figure.map path.area');
    let unnamed = null;
    for (let i = 0; i < (await areas.count()); i++) {
      const label = await areas.nth(i).getAttribute('aria-label');
      if (![...placed].some((p) => label.startsWith(`${p}:`))) { unnamed = { i, name: label.split(':')[0] }; break; }
    }
    assert.ok(unnamed, 'some ward is too small for its name');
    await areas.nth(unnamed.i).focus();
    const pointed = page.locator('figure.map text.name.pointed');
    assert.equal((await pointed.locator('tspan').allTextContents()).join(' '), unnamed.name);
    assert.ok((await page.getByTestId('map-detail').innerText()).startsWith(`${unnamed.name}:`));
    await areas.nth(unnamed.i).blur();
    assert.equal(await pointed.count(), 0, 'the name goes with the focus');
    await areas.nth(unnamed.i).hover();
    assert.equal(await pointed.count(), 1, 'and comes with the pointer');
    if (width === 1280) {
      // The figures are beside the map, not below it.
      const [map, detail] = await Promise.all(['figure.map svg', '.map-detail'].map((s) => page.locator(s).boundingBox()));
      assert.ok(detail.x >= map.x + map.width && detail.y < map.y + map.height / 2, 'the figures sit beside the map');
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});
