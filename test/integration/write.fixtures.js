'use strict';
// Shared setup of the write tests: a fresh sandbox per test, the node run through the harness,
// and one complete, valid set of values per record type (the sandbox's Update function fields).

const sandboxHelper = require('../helpers/sandbox');
const { runNode } = require('../helpers/n8n');

const FUNCTIONS = require('../sandbox/functions.json');
const fieldListOf = (token) => FUNCTIONS.find((f) => f.token === token).fieldList;

/** Per resource: endpoint, token prefix, a record to update/delete, and valid values of every field. */
const RESOURCES = {
	company: {
		endpoint: 'company',
		prefix: 'company',
		existing: '1000005',
		values: {
			sf_Name: 'Acme Test Foundation',
			sf_Address: '1 Main St',
			sf_City: 'Toronto',
			'sf_State/Province': 'ON',
			sf_Country: 'Canada',
			'sf_Postal Code': 'M5V 1A1',
			sf_Phone: '+1 416-555-0100',
			sf_Website: 'https://acme.example.org',
			sf_Category: 'Nonprofit',
			'cf_EIN Number': '12-3456789',
			'cf_Organization Type': '2',
		},
	},
	user: {
		endpoint: 'user',
		prefix: 'user',
		existing: '2000030',
		values: {
			'sf_First Name': 'Ada',
			'sf_Last Name': 'Lovelace',
			sf_Email: 'ada.lovelace@example.org',
			sf_Phone: '+1 555-0101',
			sf_Title: 'Analyst',
			'sf_Company ID': '1000003',
			sf_City: 'London',
			sf_Country: 'United Kingdom',
			'cf_Preferred Language': '2',
		},
	},
	levelOne: {
		endpoint: 'levelone',
		prefix: 'levelone',
		existing: '3000010',
		values: {
			sf_Name: 'River Clean-up 2025',
			sf_Type: '1',
			sf_Status: '2',
			sf_Owner: '2000001',
			sf_Customer: '1000004',
			sf_Contact: '2000040',
			'sf_Start Date': '2025-07-01',
			'sf_End Date': '2026-06-30',
			'sf_Requested Amount': '50000',
			'cf_Program Area': '3',
			'cf_Project Summary': '<p>Clean the river banks.</p>',
			'cf_Amount Awarded': '42000',
		},
	},
	levelTwo: {
		endpoint: 'leveltwo',
		prefix: 'leveltwo',
		existing: '4000007',
		values: {
			sf_Name: 'First instalment',
			sf_Type: '2',
			sf_Status: '1',
			'sf_Parent ID': '3000010',
			'sf_Start Date': '2025-08-01',
			'sf_End Date': '2025-08-31',
			sf_Owner: '2000002',
			'cf_Payment Amount': '12500',
		},
	},
	levelThree: {
		endpoint: 'levelthree',
		prefix: 'levelthree',
		existing: '5000004',
		values: {
			sf_Name: 'Milestone A',
			sf_Type: '1',
			sf_Status: '1',
			'sf_Parent ID': '4000007',
			'sf_Start Date': '2025-09-15',
		},
	},
	transaction: {
		endpoint: 'transactions',
		prefix: 'transactions',
		existing: '6000012',
		values: {
			sf_Subject: 'Grant payment',
			sf_Type: '1',
			sf_Status: '2',
			'sf_Object ID': '3000010',
			'sf_Start Date': '2025-10-01',
			'sf_End Date': '2025-10-02',
			cf_Amount: '12500',
		},
	},
	systemVariable: {
		endpoint: 'sysvar',
		prefix: 'sysvar',
		existing: '105',
		values: { sf_Name: 'GrantCycle', sf_Value: '2025-B', sf_Description: 'Current grant cycle' },
	},
};

/** What the store holds after writing `value` to a field (dates gain a time, empty cf_ is null). */
function storedForm(field, value) {
	if (/Date$/.test(field) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value} 00:00:00`;
	return value;
}

function pick(record, fields) {
	return Object.fromEntries(fields.map((field) => [field, record[field]]));
}

/**
 * A fresh sandbox for each test (writes change its store); returns live accessors. Here `run`
 * takes the input items as its second argument.
 */
function useSandbox(options = { records: 'small' }) {
	const ctx = sandboxHelper.useSandbox(options, { perTest: true });
	ctx.run = (parameters, input = [{ json: {} }], extra = {}) =>
		runNode({ parameters, credentials: ctx.sb.credentials, input, ...extra });
	/** The write calls (Update/Delete functions), in order. */
	ctx.writeCalls = () => ctx.sb.calls.filter((c) => c.action === 'update' || c.action === 'delete');
	return ctx;
}

const FORM_KEYS = ['alias', 'apitoken', 'companyid', 'jsonrset', 'password', 'url', 'username'];

module.exports = { RESOURCES, fieldListOf, storedForm, pick, useSandbox, FORM_KEYS };
