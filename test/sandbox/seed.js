'use strict';
// Deterministic, realistic seed data for a grant-making foundation: organisations, contacts,
// applications (level 1), reviews and payments (level 2), milestones (level 3), transactions and
// system variables. Same seed, same data. Files, associations and addresses are generated lazily
// per record from (seed, record ID) in store.js, so they are deterministic too.

const { createRandom, weightTable } = require('./prng');
const { formatTimestamp, toMs } = require('./clock');

const SIZES = {
	full: { company: 2000, user: 10000, levelone: 25000, leveltwo: 10000, levelthree: 3000, transactions: 5000 },
	small: { company: 20, user: 60, levelone: 120, leveltwo: 60, levelthree: 30, transactions: 40 },
};

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
	'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy',
	'Matthew', 'Lisa', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Priya', 'Wei', 'Aisha', 'Mohammed', 'José', 'Zoë',
	'François', 'Siobhán', 'Hiroshi', 'Amara', 'Lucía', 'Olusegun', 'Chloé', 'Noah', 'Emma', 'Liam', 'Olivia', 'Ava',
	'Ethan', 'Mia', 'Lucas', 'Harper'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
	'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
	'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', "O'Brien", 'Tremblay', 'Gagnon', 'Côté',
	'Okafor', 'Patel', 'Chen', 'Kowalski', 'MacDonald', 'Singh', 'Müller', 'Rossi', 'Haddad', 'Kim', 'Park', 'Ivanova',
	'Dubois', 'Nakamura', 'Mensah', 'Fitzgerald'];
const ORG_A = ['Riverside', 'Northern Lights', 'Harbor', 'Maple Valley', 'Greenfield', 'Sunrise', 'Cedar Ridge', 'Lakeshore',
	'Prairie', 'Blue Mountain', 'Golden Gate', 'Silver Creek', 'Oak Hill', 'Pinecrest', 'Westside', 'Eastgate', 'Bayview',
	'Meadowbrook', 'Highland', 'Coastal', 'Heritage', 'Unity', 'Hope', 'Bright Futures', 'New Horizons', 'Open Door',
	'Common Ground', 'Evergreen', 'Summit', 'Crossroads'];
const ORG_B = ['Community', 'Youth', 'Arts', 'Health', 'Family', 'Literacy', 'Environmental', 'Food', 'Housing', 'Music',
	'Science', 'Heritage', 'Wellness', 'Education', 'Water', 'Senior', 'Refugee', 'Veterans', 'Theatre', 'Wildlife'];
const ORG_C = ['Foundation', 'Society', 'Alliance', 'Council', 'Association', 'Network', 'Trust', 'Collective', 'Centre',
	'Institute', 'Coalition', 'Partnership', 'Project', 'Initiative', 'Fund'];
const CATEGORIES = ['Nonprofit', 'Charity', 'Foundation', 'University', 'Municipality', 'Hospital', 'School District', 'Vendor'];
const TITLES = ['Executive Director', 'Program Manager', 'Grants Officer', 'Finance Director', 'Development Coordinator',
	'Board Chair', 'Project Lead', 'Volunteer Coordinator', 'Communications Manager', 'Researcher'];
const PLACES = [
	['Toronto', 'ON', 'Canada', 'M5V'], ['Ottawa', 'ON', 'Canada', 'K1P'], ['Montréal', 'QC', 'Canada', 'H2X'],
	['Vancouver', 'BC', 'Canada', 'V6B'], ['Calgary', 'AB', 'Canada', 'T2P'], ['Halifax', 'NS', 'Canada', 'B3H'],
	['New York', 'NY', 'United States', '10001'], ['Chicago', 'IL', 'United States', '60601'],
	['San Francisco', 'CA', 'United States', '94103'], ['Austin', 'TX', 'United States', '73301'],
	['Seattle', 'WA', 'United States', '98101'], ['Boston', 'MA', 'United States', '02108'],
	['Denver', 'CO', 'United States', '80202'], ['Atlanta', 'GA', 'United States', '30303'],
	['Minneapolis', 'MN', 'United States', '55401'], ['Portland', 'OR', 'United States', '97201'],
	['London', '', 'United Kingdom', 'EC1A'], ['Dublin', '', 'Ireland', 'D02'], ['Sydney', 'NSW', 'Australia', '2000'],
];
const STREETS = ['Main St', 'King St W', 'Queen St', 'Elm Ave', 'Park Rd', 'Maple Dr', 'Oak St', 'Cedar Ln', 'Pine St',
	'Lakeview Blvd', 'Market St', 'Church St', 'High St', 'Broadway', 'Wellington St'];
const PROJECT_WORDS = ['After-School Arts', 'Community Garden', 'Clean Water', 'Youth Mentorship', 'Digital Literacy',
	'Food Security', 'Senior Wellness', 'River Restoration', 'Mobile Health Clinic', 'Affordable Housing', 'STEM Camp',
	'Newcomer Welcome', 'Mural Festival', 'Reading Buddies', 'Solar Schools', 'Mental Health First Aid', 'Urban Tree Canopy',
	'Music for All', 'Indigenous Language', 'Financial Coaching'];
const SUMMARY_LINES = ['This project will serve %n% participants across the region.',
	'Our organisation has delivered similar programs since %y%.',
	'Funds will be used for staffing, materials and outreach.',
	'Outcomes will be measured through quarterly surveys.',
	'The program builds on a successful pilot with local partners.',
	'We request support for the first two years of operation.'];

const W1 = weightTable({ 1: 8, 2: 3, 3: 2 });
const W2 = weightTable({ 1: 8, 2: 10, 3: 8, 4: 10, 5: 8, 6: 2, 7: 6 });
const W3 = weightTable({ 1: 8, 2: 2, 3: 1 });
const W4 = weightTable({ 1: 5, 2: 3, 3: 2 });
const W5 = weightTable({ 1: 3, 2: 2, 3: 6, 4: 1 });
const W6 = weightTable({ 1: 4, 2: 3, 3: 3 });
const W7 = weightTable({ 1: 8, 2: 1, 3: 1 });
const W8 = weightTable({ 1: 2, 2: 7, 3: 1 });

const SEED_START = toMs('2019-01-07 03:00:00'); // the initial data migration
const SEED_END = toMs('2025-05-30 18:00:00');
const DAY = 86400000;

function makeTimes(rnd, count, span = [SEED_START, SEED_END]) {
	// Created dates rise with the record ID. The first 5% came in one migration (same second);
	// later some records were touched by bulk imports sharing one Modified Date second.
	const created = new Array(count);
	const modified = new Array(count);
	const migrated = Math.max(1, Math.floor(count * 0.05));
	const step = (span[1] - span[0]) / count;
	let batchLeft = 0;
	let batchTs = 0;
	for (let i = 0; i < count; i++) {
		let c;
		if (i < migrated) c = span[0];
		else c = Math.floor((span[0] + i * step + rnd.next() * step * 0.9) / 1000) * 1000;
		created[i] = c;
		let m;
		if (batchLeft > 0) {
			batchLeft--;
			m = Math.max(batchTs, c);
		} else if (i >= migrated && rnd.chance(0.01)) {
			batchLeft = rnd.range(20, 300);
			batchTs = Math.min(SEED_END, c + rnd.range(30, 120) * DAY + rnd.range(0, 86399) * 1000);
			m = Math.max(batchTs, c);
		} else if (i < migrated && rnd.chance(0.6)) {
			m = c; // untouched since the migration
		} else if (rnd.chance(0.35)) {
			m = c;
		} else {
			m = Math.min(SEED_END, c + Math.floor(rnd.next() * Math.min(400 * DAY, SEED_END - c) / 1000) * 1000);
		}
		modified[i] = m;
	}
	return { createdMs: created, created: created.map(formatTimestamp), modified: modified.map(formatTimestamp) };
}

const dateOnly = (ms) => formatTimestamp(ms).slice(0, 10) + ' 00:00:00';

/**
 * Builds all records. Returns { company: [...], user: [...], ... , staff: [...] }; each record
 * is a flat object { recordid: Number, archived: Boolean, '<field key>': stored value }.
 */
function generate({ seed = 42, records = 'full' } = {}) {
	const sizes = typeof records === 'object' ? { ...SIZES.small, ...records } : SIZES[records] || SIZES.full;
	const rnd = createRandom(seed);
	const out = {};

	// ---- companies
	const companies = [];
	const ct = makeTimes(rnd, sizes.company + 1);
	for (let i = 0; i <= sizes.company; i++) {
		const place = rnd.pick(PLACES);
		const name = i === 0 ? 'Sandbox Community Foundation' : `${rnd.pick(ORG_A)} ${rnd.pick(ORG_B)} ${rnd.pick(ORG_C)}`;
		const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
		companies.push({
			recordid: 1000000 + i,
			archived: i > 0 && rnd.chance(0.03),
			sf_Name: name,
			sf_Address: `${rnd.range(1, 9999)} ${rnd.pick(STREETS)}`,
			sf_City: place[0],
			'sf_State/Province': place[1],
			sf_Country: place[2],
			'sf_Postal Code': place[3] + (place[2] === 'Canada' ? ` ${rnd.range(1, 9)}${String.fromCharCode(65 + rnd.int(26))}${rnd.range(1, 9)}` : ''),
			sf_Phone: `+1 ${rnd.range(200, 989)}-${rnd.range(200, 989)}-${String(rnd.range(0, 9999)).padStart(4, '0')}`,
			sf_Website: rnd.chance(0.8) ? `https://www.${slug.slice(0, 24)}.org` : '',
			sf_Category: i === 0 ? 'Foundation' : rnd.pick(CATEGORIES),
			'sf_Created Date': ct.created[i],
			'sf_Modified Date': ct.modified[i],
			'cf_EIN Number': rnd.chance(0.85) ? `${rnd.range(10, 99)}-${String(rnd.range(0, 9999999)).padStart(7, '0')}` : null,
			'cf_Organization Type': rnd.chance(0.9) ? String(rnd.range(1, 5)) : null,
			'cf_Documents': null,
		});
	}
	out.company = companies;

	// ---- users: 0 = the API user, 1..20 staff of the root company, then contacts
	const users = [];
	const ut = makeTimes(rnd, sizes.user + 21);
	const staffCount = 21;
	for (let i = 0; i < sizes.user + staffCount; i++) {
		let first;
		let last;
		let companyId;
		let email;
		if (i === 0) {
			first = 'SmartConnect';
			last = 'API';
			companyId = 1000000;
			email = 'api.user@sandbox.example.org';
		} else {
			first = rnd.pick(FIRST);
			last = rnd.pick(LAST);
			companyId = i < staffCount ? 1000000 : 1000001 + rnd.int(sizes.company);
			email = i === 1 ? 'staff.user@sandbox.example.org'
				: `${first}.${last}${i}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '') + (i < staffCount ? '@sandbox.example.org' : '@example.org');
		}
		const place = rnd.pick(PLACES);
		users.push({
			recordid: 2000000 + i,
			archived: i >= staffCount && rnd.chance(0.03),
			'sf_First Name': first,
			'sf_Last Name': last,
			sf_Email: email,
			sf_Phone: rnd.chance(0.9) ? `+1 ${rnd.range(200, 989)}-${rnd.range(200, 989)}-${String(rnd.range(0, 9999)).padStart(4, '0')}` : '',
			sf_Title: i === 0 ? 'API Access' : rnd.pick(TITLES),
			'sf_Company ID': String(companyId),
			sf_City: place[0],
			sf_Country: place[2],
			'sf_Created Date': ut.created[i],
			'sf_Modified Date': ut.modified[i],
			'cf_Preferred Language': rnd.chance(0.8) ? rnd.weighted(W1) : null,
			cf_Resume: null,
		});
	}
	out.user = users;
	const staff = users.slice(1, staffCount);
	const staffName = (u) => `${u['sf_First Name']} ${u['sf_Last Name']}`;
	const contacts = users.slice(staffCount);

	// ---- level one: applications
	const l1 = [];
	const l1t = makeTimes(rnd, sizes.levelone);
	for (let i = 0; i < sizes.levelone; i++) {
		const contact = contacts[rnd.int(contacts.length)];
		const company = companies[Number(contact['sf_Company ID']) - 1000000];
		const status = rnd.weighted(W2);
		const program = rnd.chance(0.95) ? String(rnd.range(1, 6)) : null;
		const project = rnd.pick(PROJECT_WORDS);
		const requested = rnd.range(10, 1000) * 500;
		const createdMs = l1t.createdMs[i];
		const start = createdMs + rnd.range(30, 180) * DAY;
		const owner = rnd.pick(staff);
		let summary = null;
		if (rnd.chance(0.85)) {
			const lines = [];
			const n = rnd.range(1, 3);
			for (let k = 0; k < n; k++) {
				lines.push(rnd.pick(SUMMARY_LINES).replace('%n%', String(rnd.range(20, 2000))).replace('%y%', String(rnd.range(1975, 2018))));
			}
			summary = lines.join('<br />');
		}
		l1.push({
			recordid: 3000000 + i + 1,
			archived: rnd.chance(0.03),
			sf_Name: `${project} - ${company.sf_Name}`,
			sf_Type: rnd.weighted(W3),
			sf_Status: status,
			sf_Owner: String(owner.recordid),
			sf_Customer: String(company.recordid),
			sf_Contact: String(contact.recordid),
			'sf_Start Date': dateOnly(start),
			'sf_End Date': dateOnly(start + rnd.range(180, 730) * DAY),
			'sf_Requested Amount': String(requested),
			'sf_Created Date': l1t.created[i],
			'sf_Modified Date': l1t.modified[i],
			'sf_Created By': rnd.chance(0.7) ? `${contact['sf_First Name']} ${contact['sf_Last Name']}` : staffName(owner),
			'cf_Program Area': program,
			'cf_Project Summary': summary,
			'cf_Amount Awarded': status === '4' || status === '7' ? String(Math.round(requested * rnd.range(50, 100) / 100 / 100) * 100) : null,
			'cf_Application Attachments': null,
			'cf_Budget File': null,
		});
	}
	out.levelone = l1;

	// ---- level two: reviews, payments, progress reports under applications
	const l2 = [];
	const l2t = makeTimes(rnd, sizes.leveltwo, [SEED_START + 20 * DAY, SEED_END]);
	for (let i = 0; i < sizes.leveltwo; i++) {
		// parents roughly in step with creation time
		const pIdx = Math.min(l1.length - 1, Math.floor((i / sizes.leveltwo) * l1.length * 0.98) + rnd.int(Math.max(1, Math.floor(l1.length / 50))));
		const parent = l1[pIdx];
		const type = rnd.weighted(W4);
		const label = type === '1' ? 'Review' : type === '2' ? `Payment ${rnd.range(1, 4)}` : 'Progress Report';
		const start = l2t.createdMs[i] + rnd.range(0, 30) * DAY;
		l2.push({
			recordid: 4000000 + i + 1,
			archived: rnd.chance(0.03),
			sf_Name: `${label} - ${parent.sf_Name.split(' - ')[0]}`,
			sf_Type: type,
			sf_Status: rnd.weighted(W5),
			'sf_Parent ID': String(parent.recordid),
			'sf_Start Date': dateOnly(start),
			'sf_End Date': rnd.chance(0.8) ? dateOnly(start + rnd.range(7, 90) * DAY) : '',
			sf_Owner: String(rnd.pick(staff).recordid),
			'sf_Created Date': l2t.created[i],
			'sf_Modified Date': l2t.modified[i],
			'cf_Payment Amount': type === '2' ? String(rnd.range(10, 200) * 250) : null,
			'cf_Review Attachments': null,
		});
	}
	out.leveltwo = l2;

	// ---- level three: milestones, budget lines, deliverables under level two
	const l3 = [];
	const l3t = makeTimes(rnd, sizes.levelthree, [SEED_START + 40 * DAY, SEED_END]);
	for (let i = 0; i < sizes.levelthree; i++) {
		const pIdx = Math.min(l2.length - 1, Math.floor((i / sizes.levelthree) * l2.length * 0.98) + rnd.int(Math.max(1, Math.floor(l2.length / 50))));
		const parent = l2[pIdx];
		const type = rnd.weighted(W6);
		l3.push({
			recordid: 5000000 + i + 1,
			archived: rnd.chance(0.03),
			sf_Name: `${type === '1' ? 'Milestone' : type === '2' ? 'Budget Line' : 'Deliverable'} ${rnd.range(1, 12)}`,
			sf_Type: type,
			sf_Status: rnd.chance(0.6) ? '2' : '1',
			'sf_Parent ID': String(parent.recordid),
			'sf_Start Date': dateOnly(l3t.createdMs[i] + rnd.range(0, 60) * DAY),
			'sf_Created Date': l3t.created[i],
			'sf_Modified Date': l3t.modified[i],
			cf_Evidence: null,
		});
	}
	out.levelthree = l3;

	// ---- transactions against applications
	const tx = [];
	const txt = makeTimes(rnd, sizes.transactions, [SEED_START + 60 * DAY, SEED_END]);
	for (let i = 0; i < sizes.transactions; i++) {
		const pIdx = Math.min(l1.length - 1, Math.floor((i / sizes.transactions) * l1.length * 0.98) + rnd.int(Math.max(1, Math.floor(l1.length / 50))));
		const parent = l1[pIdx];
		const type = rnd.weighted(W7);
		const start = txt.createdMs[i] + rnd.range(0, 20) * DAY;
		tx.push({
			recordid: 6000000 + i + 1,
			archived: rnd.chance(0.02),
			sf_Subject: `${type === '1' ? 'Grant payment' : type === '2' ? 'Refund' : 'Adjustment'} ${parent.recordid}`,
			sf_Type: type,
			sf_Status: rnd.weighted(W8),
			'sf_Object ID': rnd.chance(0.97) ? String(parent.recordid) : '0',
			'sf_Start Date': dateOnly(start),
			'sf_End Date': dateOnly(start + rnd.range(0, 14) * DAY),
			'sf_Created Date': txt.created[i],
			'sf_Modified Date': txt.modified[i],
			'sf_Created By': staffName(rnd.pick(staff)),
			cf_Amount: String((type === '2' ? -1 : 1) * rnd.range(4, 400) * 250),
		});
	}
	out.transactions = tx;

	// ---- system variables
	const sysvars = [
		['FiscalYearStart', '04-01', 'First day of the fiscal year (MM-DD)'],
		['GrantCycle', '2025', 'Current grant cycle'],
		['MaxRequestAmount', '500000', 'Largest amount an applicant may request'],
		['MinRequestAmount', '5000', 'Smallest amount an applicant may request'],
		['ProgramOfficerEmail', 'grants@sandbox.example.org', 'Reply-to address for applicant mail'],
		['ReviewDeadlineDays', '30', 'Days a reviewer has to complete a review'],
		['PaymentApprovalLimit', '100000', 'Payments above this need board approval'],
		['SupportPhone', '+1 416-555-0100', 'Applicant help line'],
		['PortalName', 'Sandbox Grants Portal', 'Name shown in the portal header'],
		['DefaultCurrency', 'USD', 'Currency for money fields'],
		['ApplicationsOpen', '1', '1 when the intake is open'],
		['LOIRequired', '0', '1 when a letter of inquiry must precede an application'],
		['BoardMeetingDate', '2025-06-18', 'Next board meeting'],
		['ReportReminderDays', '14', 'Days before a report is due to send a reminder'],
		['TermsVersion', '3.2', 'Version of the grant agreement terms'],
		['InsuranceMinimum', '2000000', 'Required liability insurance'],
		['MatchingRatio', '1:1', 'Required matching funds ratio'],
		['EligibleCountries', 'Canada;;United States', 'Countries eligible for funding'],
		['FooterText', 'Sandbox Community Foundation<br />All rights reserved', 'Portal footer (HTML)'],
		['MaintenanceMode', '0', '1 to show the maintenance banner'],
	];
	out.sysvar = sysvars.map(([n, v, d], i) => ({ recordid: 101 + i, archived: false, sf_Name: n, sf_Value: v, sf_Description: d }));

	out.staffIds = staff.map((u) => u.recordid);
	return out;
}

module.exports = { generate, SIZES, SEED_START, SEED_END };
