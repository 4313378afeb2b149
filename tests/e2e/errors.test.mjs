// Loading failures are shown as clear messages, never as a blank page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useAppAndBrowser } from './harness.mjs';

const app = useAppAndBrowser();

test('a dataset that does not exist names the missing manifest', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=nowhere`);
  const alert = page.getByTestId('load-error');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /data\/nowhere\/manifest\.json/);
  assert.match(text, /404/);
  await page.close();
});

test('a manifest whose counts file is missing names that file', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=broken`);
  const alert = page.getByTestId('load-error');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /data\/broken\/no-such-counts\.csv/);
  assert.match(text, /404/);
  await page.close();
});

test('a dataset name that could escape data/ is refused and the default dataset (Cleveland) is shown', async () => {
  const { page } = await open(app.browser, `${app.server.url}?dataset=..%2F..%2Fetc`);
  await page.getByTestId('dataset-title').waitFor();
  assert.match(await page.getByTestId('dataset-title').textContent(), /^Cleveland: /);
  await page.close();
});
