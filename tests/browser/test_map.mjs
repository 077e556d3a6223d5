// Journey: units registered through the form appear on the map (Leaflet, no tile
// server), with the Persian legend, and no console or CSP errors. Screenshot saved.
import { join } from 'node:path';
import { assert, launchBrowser, legalId, PASSWORD, run, SHOTS, startServer } from './lib.mjs';


await run({
  async map_shows_units_with_legend() {
    const server = await startServer([['dabir', 'secretariat']]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ locale: 'fa-IR' });
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url + '/login?next=/units/new');
      await page.fill('#name', 'dabir');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(/units\/new/), page.click('form button[type=submit]')]);
      const spots = [['1520', 35.550, 51.230], ['1520', 35.5503, 51.2303], ['3100', 35.560, 51.250]];
      for (let i = 0; i < spots.length; i++) {
        await page.goto(server.url + '/units/new');
        await page.fill('#f-national_id', legalId('101060000' + i));
        await page.fill('#f-name', 'کارگاه ' + (i + 1));
        await page.selectOption('#f-isic', spots[i][0]);
        await page.selectOption('#f-county', 'اسلامشهر');
        await page.fill('#f-lat', String(spots[i][1]));
        await page.fill('#f-lon', String(spots[i][2]));
        await Promise.all([page.waitForURL(/\/units\/\d+$/), page.click('form.record button[type=submit]')]);
      }
      await page.goto(server.url + '/map');
      await page.waitForSelector('#map[data-ready]', { timeout: 20000 });
      const markers = await page.locator('#map path.leaflet-interactive, #map canvas').count();
      assert(markers > 0, 'markers drawn');
      const legend = await page.textContent('.map-legend');
      assert(legend.includes('راهنما') && legend.includes('کفش') && legend.includes('مبلمان'), legend);
      assert(legend.includes('لکه صنعتی'), 'zone kinds in legend');
      assert(errors.length === 0, 'console errors: ' + errors.join('; '));
      await page.screenshot({ path: join(SHOTS, 'map.png') });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
