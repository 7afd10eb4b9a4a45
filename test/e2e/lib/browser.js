'use strict';
/**
 * Headless Chromium (Debian's `chromium`, installed by the suite when missing) driven by
 * playwright-core: log in to the editor, open workflows and node panels, save screenshots.
 */
const { recordPid } = require('../../../scripts/lib/n8n-instance');
const { ensureSystemPackages } = require('../../../scripts/lib/system-packages');

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage',
	'--disable-crash-reporter',
];

async function launch() {
	const executablePath = process.env.CHROMIUM_PATH || ensureSystemPackages(['chromium']).chromium;
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout: 60000 });
	const proc = browser.process && browser.process();
	if (proc) recordPid(proc); // playwright starts Chromium in a process group of its own
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
	const page = await context.newPage();
	// generous: the editor's first load is slow on a busy 2-core machine
	page.setDefaultTimeout(60000);
	page.setDefaultNavigationTimeout(120000);
	return { browser, context, page };
}

async function login(page, baseUrl, owner) {
	// the editor's router may replace the first navigation (net::ERR_ABORTED): retry a few times
	for (let attempt = 1; ; attempt++) {
		try {
			await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
			break;
		} catch (e) {
			if (attempt >= 4 || !/ERR_ABORTED|interrupted/.test(e.message)) throw e;
			await page.waitForTimeout(1000);
		}
	}
	const email = page.locator('input[name="emailOrLdapLoginId"], input[name="email"], input[type="email"]').first();
	await email.waitFor();
	await email.fill(owner.email);
	await page.locator('input[name="password"], input[type="password"]').first().fill(owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((u) => !String(u).includes('/signin'), { timeout: 30000 });
}

/** Hides the toasts and banners n8n shows to a fresh instance, so screenshots show the work. */
async function tidy(page) {
	await page
		.addStyleTag({ content: '.el-notification, [data-test-id="banners"], .el-message { display: none !important; }' })
		.catch(() => {});
}

async function openWorkflow(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	await tidy(page);
	await page.waitForTimeout(800); // canvas fit-to-view animation
}

async function openNode(page, nodeName) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first();
	if (await node.count()) await node.dblclick();
	else await page.getByText(nodeName, { exact: true }).first().dblclick();
	await page.locator('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]').first().waitFor();
	await page.waitForTimeout(800);
}

/** Runs the open workflow from the editor's button; resolves when all its nodes show success. */
async function executeWorkflow(page, nodeCount) {
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page.waitForFunction(
		(n) => document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= n,
		nodeCount,
		{ timeout: 60000 },
	);
	await page.mouse.move(700, 200); // off the button, whose hover state would show in a screenshot
	await page.waitForTimeout(800);
}

/** Waits until no dropdown of the open panel still shows "Loading options" (as text or as its placeholder; the options come from the node's methods). */
async function settle(page) {
	await page
		.waitForFunction(
			() =>
				!document.body.innerText.includes('Loading options') &&
				![...document.querySelectorAll('input')].some((i) => `${i.placeholder} ${i.value}`.includes('Loading options')),
			null,
			{ timeout: 30000 },
		)
		.catch(() => {});
	await page.waitForTimeout(500);
}

module.exports = { launch, login, openWorkflow, openNode, executeWorkflow, settle, tidy, CHROMIUM_FLAGS };
