'use strict';
// Reports served by report functions. Rows are keyed by column caption (no recordid); the list
// rules (criteria and sortby by column caption, paging, counts) apply to them.

const { money, optionCaption } = require('./format');

const REPORTS = {
	applications: {
		name: 'Applications by program area',
		columns: ['Application ID', 'Application Name', 'Status', 'Program Area', 'Requested Amount', 'Organization', 'Modified Date'],
		rows(store) {
			const def = store.schema.levelone;
			const status = def.byKey.get('sf_Status');
			const program = def.byKey.get('cf_Program Area');
			const companies = store.schema.company && store;
			return store.rows('levelone').map((r) => ({
				_archived: !!r.archived,
				'Application ID': String(r.recordid),
				'Application Name': r.sf_Name,
				Status: optionCaption(status, r.sf_Status),
				'Program Area': r['cf_Program Area'] == null ? '' : optionCaption(program, r['cf_Program Area']),
				'Requested Amount': r['sf_Requested Amount'] ? money(r['sf_Requested Amount']) : '',
				Organization: companies.row('company', r.sf_Customer)?.sf_Name ?? '',
				'Modified Date': r['sf_Modified Date'],
			}));
		},
	},
	'organizations-by-country': {
		name: 'Organizations by country',
		columns: ['Country', 'Organizations', 'Applications'],
		rows(store) {
			const orgs = new Map();
			for (const c of store.rows('company')) orgs.set(c.sf_Country, (orgs.get(c.sf_Country) || 0) + 1);
			const apps = new Map();
			for (const a of store.rows('levelone')) {
				const c = store.row('company', a.sf_Customer);
				if (c) apps.set(c.sf_Country, (apps.get(c.sf_Country) || 0) + 1);
			}
			return [...orgs.keys()].sort().map((country) => ({
				_archived: false,
				Country: country,
				Organizations: String(orgs.get(country)),
				Applications: String(apps.get(country) || 0),
			}));
		},
	},
};

module.exports = { REPORTS };
