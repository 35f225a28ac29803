import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '/work/main/test/support/chromium.ts';
const [url, out, w, h] = process.argv.slice(2);
const b = await chromium.launch(chromiumLaunchOptions);
const p = await b.newPage({ viewport: { width: Number(w ?? 1280), height: Number(h ?? 900) } });
await p.goto(url!);
await p.waitForTimeout(500);
await p.screenshot({ path: out! });
await b.close();
