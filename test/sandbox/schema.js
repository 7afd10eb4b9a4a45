'use strict';
// Record types, their standard (sf_) and custom (cf_) fields, field types and option lists.
// Field types: text, html, option (stored key, display caption), money (stored "25000",
// display "$25,000.00"), date (YYYY-MM-DD 00:00:00; updates take YYYY-MM-DD), timestamp
// (read-only, stamped by the sandbox clock), id (another record's ID), user (stored user ID,
// display the user's name), upload (file field; value lists file names), number.

const ENDPOINTS = ['report', 'company', 'user', 'sysvar', 'levelone', 'leveltwo', 'levelthree', 'transactions'];
const RECORD_ENDPOINTS = ['company', 'user', 'levelone', 'leveltwo', 'levelthree', 'transactions', 'sysvar'];
const LEVELS = ['levelone', 'leveltwo', 'levelthree'];

const sf = (name, type = 'text', extra = {}) => ({ kind: 'sf', name, key: `sf_${name}`, id: null, type, ...extra });
const cf = (id, name, type = 'text', extra = {}) => ({ kind: 'cf', name, key: `cf_${name}`, id: String(id), type, ...extra });
const ro = { readonly: true };

const ORG_TYPES = { 1: 'Nonprofit 501(c)(3)', 2: 'Public Charity', 3: 'Private Foundation', 4: 'Government Agency', 5: 'Educational Institution' };
const LANGUAGES = { 1: 'English', 2: 'French', 3: 'Spanish' };

function defineSchema() {
	return {
		company: {
			idBase: 1000000,
			fields: [
				sf('Name'), sf('Address'), sf('City'), sf('State/Province'), sf('Country'), sf('Postal Code'),
				sf('Phone'), sf('Website'), sf('Category'),
				sf('Created Date', 'timestamp', ro), sf('Modified Date', 'timestamp', ro),
				cf(1100001, 'EIN Number'), cf(1100002, 'Organization Type', 'option', { options: { ...ORG_TYPES } }),
				cf(1100010, 'Documents', 'upload'),
			],
		},
		user: {
			idBase: 2000000,
			fields: [
				sf('First Name'), sf('Last Name'), sf('Email'), sf('Phone'), sf('Title'), sf('Company ID', 'id'),
				sf('City'), sf('Country'),
				sf('Created Date', 'timestamp', ro), sf('Modified Date', 'timestamp', ro),
				cf(1200001, 'Preferred Language', 'option', { options: { ...LANGUAGES } }),
				cf(1200010, 'Resume', 'upload'),
			],
		},
		levelone: {
			idBase: 3000000,
			types: { 1: 'Grant Application', 2: 'Letter of Inquiry', 3: 'Renewal Application' },
			statuses: { 1: 'Draft', 2: 'Submitted', 3: 'Under Review', 4: 'Approved', 5: 'Declined', 6: 'Withdrawn', 7: 'Closed' },
			fields: [
				sf('Name'), sf('Type', 'option'), sf('Status', 'option'), sf('Owner', 'user'), sf('Customer', 'id'), sf('Contact', 'id'),
				sf('Start Date', 'date'), sf('End Date', 'date'), sf('Requested Amount', 'money'),
				sf('Created Date', 'timestamp', ro), sf('Modified Date', 'timestamp', ro), sf('Created By', 'text', ro),
				cf(1234567, 'Program Area', 'option', {
					options: { 1: 'Arts & Culture', 2: 'Education', 3: 'Environment', 4: 'Health', 5: 'Community Development', 6: 'Youth' },
				}),
				cf(1234568, 'Project Summary', 'html'), cf(1234569, 'Amount Awarded', 'money'),
				cf(1234580, 'Application Attachments', 'upload'), cf(1234581, 'Budget File', 'upload'),
			],
		},
		leveltwo: {
			idBase: 4000000,
			types: { 1: 'Review', 2: 'Payment', 3: 'Progress Report' },
			statuses: { 1: 'Pending', 2: 'In Progress', 3: 'Complete', 4: 'Cancelled' },
			fields: [
				sf('Name'), sf('Type', 'option'), sf('Status', 'option'), sf('Parent ID', 'id'),
				sf('Start Date', 'date'), sf('End Date', 'date'), sf('Owner', 'user'),
				sf('Created Date', 'timestamp', ro), sf('Modified Date', 'timestamp', ro),
				cf(1300001, 'Payment Amount', 'money'), cf(1300010, 'Review Attachments', 'upload'),
			],
		},
		levelthree: {
			idBase: 5000000,
			types: { 1: 'Milestone', 2: 'Budget Line', 3: 'Deliverable' },
			statuses: { 1: 'Open', 2: 'Done' },
			fields: [
				sf('Name'), sf('Type', 'option'), sf('Status', 'option'), sf('Parent ID', 'id'), sf('Start Date', 'date'),
				sf('Created Date', 'timestamp', ro), sf('Modified Date', 'timestamp', ro),
				cf(1350010, 'Evidence', 'upload'),
			],
		},
		transactions: {
			idBase: 6000000,
			types: { 1: 'Payment', 2: 'Refund', 3: 'Adjustment' },
			statuses: { 1: 'Scheduled', 2: 'Paid', 3: 'Void' },
			fields: [
				sf('Subject'), sf('Type', 'option'), sf('Status', 'option'), sf('Object ID', 'id'),
				sf('Start Date', 'date'), sf('End Date', 'date'),
				sf('Created Date', 'timestamp', ro), sf('Modified Date', 'timestamp', ro), sf('Created By', 'text', ro),
				cf(1400001, 'Amount', 'money'),
			],
		},
		sysvar: {
			idBase: 100,
			fields: [sf('Name'), sf('Value'), sf('Description')],
		},
	};
}

/** Builds lookup maps for one schema (mutable: updatemeta adds fields/options). */
function indexSchema(schema) {
	for (const [endpoint, def] of Object.entries(schema)) {
		def.endpoint = endpoint;
		for (const f of def.fields) {
			if (f.key === 'sf_Type' && def.types) f.options = def.types;
			if (f.key === 'sf_Status' && def.statuses) f.options = def.statuses;
		}
		reindex(def);
	}
	return schema;
}

function reindex(def) {
	def.byKey = new Map();
	def.byLower = new Map();
	def.byId = new Map();
	for (const f of def.fields) {
		def.byKey.set(f.key, f);
		def.byLower.set(f.key.toLowerCase(), f);
		if (f.id) def.byId.set(f.id, f);
	}
}

const RECORDID_FIELD = { kind: 'id', name: 'recordid', key: 'recordid', id: null, type: 'number', readonly: true };

/**
 * Resolves a field reference as written in a field list or criteria: `sf_Name`, `cf_Name`,
 * `cf_1234567` (custom field ID) or `recordid`. Names are matched exactly first, then without
 * regard to case. Returns undefined when unknown.
 */
function resolveField(def, ref) {
	if (typeof ref !== 'string') return undefined;
	const r = ref.trim();
	if (r === 'recordid') return RECORDID_FIELD;
	const m = /^cf_(\d+)$/.exec(r);
	if (m && def.byId.has(m[1])) return def.byId.get(m[1]);
	return def.byKey.get(r) || def.byLower.get(r.toLowerCase());
}

module.exports = { ENDPOINTS, RECORD_ENDPOINTS, LEVELS, defineSchema, indexSchema, reindex, resolveField, RECORDID_FIELD };
