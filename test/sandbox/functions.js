'use strict';
// SmartConnect functions: token -> { endpoint, action, fieldList, name, report? }. The default set
// lives in functions.json; startSandbox({ functions }) can add or replace entries.

const path = require('path');
const fs = require('fs');
const { resolveField, LEVELS } = require('./schema');

// Files - Upload / Delete and Notes - List came after the guide, for companies, users and UTA
// records; Provider/Consumer - List / Update for UTA Level 1 and 2 only.
const LATER = ['uploadfile', 'deletefile', 'listnotes'];
const ACTIONS = {
	report: ['list'],
	company: ['get', 'list', 'update', 'delete', 'listfiles', 'downloadfile', 'searchfiles', 'listaddresses', 'updateaddresses', 'variablesreplace', ...LATER],
	user: ['get', 'list', 'update', 'delete', 'listfiles', 'downloadfile', 'searchfiles', 'listaddresses', 'updateaddresses', 'variablesreplace', ...LATER],
	sysvar: ['get', 'list', 'update'],
	transactions: ['get', 'list', 'update', 'delete'],
};
for (const l of LEVELS) {
	ACTIONS[l] = ['get', 'list', 'update', 'delete', 'getmeta', 'updatemeta', 'listfiles', 'downloadfile', 'searchfiles', 'listassociations', 'updateassociations', 'variablesreplace', ...LATER];
	if (l !== 'levelthree') ACTIONS[l].push('listproviderconsumer', 'updateproviderconsumer');
}

function loadDefaultFunctions() {
	return JSON.parse(fs.readFileSync(path.join(__dirname, 'functions.json'), 'utf8'));
}

/** Splits a field list on ';;' (trimming blanks). */
function splitFieldList(fieldList) {
	return String(fieldList || '').split(';;').map((s) => s.trim()).filter(Boolean);
}

/** Builds the token map; checks every function against the record types and actions. */
function buildFunctions(list, schema) {
	const byToken = new Map();
	for (const raw of list) {
		const fn = { ...raw, fieldList: raw.fieldList ?? '' };
		if (!fn.token) throw new Error('functions: an entry has no token');
		if (!ACTIONS[fn.endpoint]) throw new Error(`functions: ${fn.token}: unknown endpoint "${fn.endpoint}"`);
		if (!ACTIONS[fn.endpoint].includes(fn.action)) throw new Error(`functions: ${fn.token}: ${fn.endpoint} has no action "${fn.action}"`);
		const refs = splitFieldList(fn.fieldList);
		const def = schema[fn.endpoint];
		fn.entries = def ? refs.filter((r) => !/\.\*$/.test(r)).map((ref) => ({ ref, field: resolveField(def, ref) })) : [];
		fn.levels = refs.filter((r) => /^level(one|two|three)\.\*$/.test(r)).map((r) => r.slice(0, -2));
		byToken.set(fn.token, fn);
	}
	return byToken;
}

/** The public view of a function (sb.functions). */
function publicFunction(fn) {
	const out = { token: fn.token, endpoint: fn.endpoint, action: fn.action, fieldList: fn.fieldList, name: fn.name };
	if (fn.report) out.report = fn.report;
	return out;
}

module.exports = { ACTIONS, loadDefaultFunctions, splitFieldList, buildFunctions, publicFunction };
