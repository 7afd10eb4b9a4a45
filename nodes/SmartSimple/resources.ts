/**
 * The one table of SmartConnect record types. SmartConnect actions behave the same for every
 * record type (only the endpoint and the field names differ), so a new record type is one row
 * here and every operation it lists works for it.
 */

export type OperationName =
	| 'get'
	| 'getAll'
	| 'create'
	| 'update'
	| 'delete'
	| 'getMeta'
	| 'updateMeta'
	| 'listFiles'
	| 'downloadFile'
	| 'searchFiles'
	| 'listAssociations'
	| 'updateAssociations'
	| 'listAddresses'
	| 'updateAddresses'
	| 'replaceVariables';

export type ResourceName =
	| 'company'
	| 'user'
	| 'levelOne'
	| 'levelTwo'
	| 'levelThree'
	| 'transaction'
	| 'report'
	| 'systemVariable';

export interface ResourceDefinition {
	value: ResourceName;
	/** Label in the Resource dropdown. */
	name: string;
	/** Lower-case noun phrases used in operation labels ("Get many companies"). */
	singular: string;
	plural: string;
	/** SmartConnect endpoint: POST <instance>/API/1/<endpoint>/ */
	endpoint: string;
	operations: OperationName[];
	/** Standard fields offered by field pickers when the user gives no field list. */
	standardFields: string[];
	/** Trigger defaults; absent where a record type cannot be watched. */
	timestamps?: { modified: string; created: string };
}

const RECORD_OPERATIONS: OperationName[] = ['get', 'getAll', 'create', 'update', 'delete'];
const FILE_OPERATIONS: OperationName[] = ['listFiles', 'downloadFile', 'searchFiles'];
const STANDARD_TIMESTAMPS = { modified: 'sf_Modified Date', created: 'sf_Created Date' };
const UTA_OPERATIONS: OperationName[] = [
	...RECORD_OPERATIONS,
	'getMeta',
	'updateMeta',
	...FILE_OPERATIONS,
	'listAssociations',
	'updateAssociations',
	'replaceVariables',
];
const UTA_FIELDS = [
	'sf_Name',
	'sf_Type',
	'sf_Status',
	'sf_Owner',
	'sf_Start Date',
	'sf_End Date',
	'sf_Created Date',
	'sf_Modified Date',
];

export const RESOURCES: ResourceDefinition[] = [
	{
		value: 'company',
		name: 'Company',
		singular: 'company',
		plural: 'companies',
		endpoint: 'company',
		operations: [
			...RECORD_OPERATIONS,
			...FILE_OPERATIONS,
			'listAddresses',
			'updateAddresses',
			'replaceVariables',
		],
		standardFields: [
			'sf_Name',
			'sf_Address',
			'sf_City',
			'sf_State/Province',
			'sf_Country',
			'sf_Postal Code',
			'sf_Phone',
			'sf_Website',
			'sf_Category',
			'sf_Created Date',
			'sf_Modified Date',
		],
		timestamps: STANDARD_TIMESTAMPS,
	},
	{
		value: 'user',
		name: 'User (Contact)',
		singular: 'contact',
		plural: 'contacts',
		endpoint: 'user',
		operations: [
			...RECORD_OPERATIONS,
			...FILE_OPERATIONS,
			'listAddresses',
			'updateAddresses',
			'replaceVariables',
		],
		standardFields: [
			'sf_First Name',
			'sf_Last Name',
			'sf_Email',
			'sf_Phone',
			'sf_Title',
			'sf_Company ID',
			'sf_City',
			'sf_Country',
			'sf_Created Date',
			'sf_Modified Date',
		],
		timestamps: STANDARD_TIMESTAMPS,
	},
	{
		value: 'levelOne',
		name: 'UTA Level 1',
		singular: 'level 1 record',
		plural: 'level 1 records',
		endpoint: 'levelone',
		operations: UTA_OPERATIONS,
		standardFields: [...UTA_FIELDS, 'sf_Customer', 'sf_Contact', 'sf_Requested Amount'],
		timestamps: STANDARD_TIMESTAMPS,
	},
	{
		value: 'levelTwo',
		name: 'UTA Level 2',
		singular: 'level 2 record',
		plural: 'level 2 records',
		endpoint: 'leveltwo',
		operations: UTA_OPERATIONS,
		standardFields: [...UTA_FIELDS, 'sf_Parent ID'],
		timestamps: STANDARD_TIMESTAMPS,
	},
	{
		value: 'levelThree',
		name: 'UTA Level 3',
		singular: 'level 3 record',
		plural: 'level 3 records',
		endpoint: 'levelthree',
		operations: UTA_OPERATIONS,
		standardFields: [...UTA_FIELDS, 'sf_Parent ID'],
		timestamps: STANDARD_TIMESTAMPS,
	},
	{
		value: 'transaction',
		name: 'Transaction',
		singular: 'transaction',
		plural: 'transactions',
		endpoint: 'transactions',
		operations: RECORD_OPERATIONS,
		standardFields: [
			'sf_Subject',
			'sf_Type',
			'sf_Status',
			'sf_Object ID',
			'sf_Start Date',
			'sf_End Date',
			'sf_Created Date',
			'sf_Modified Date',
			'sf_Created By',
		],
		timestamps: STANDARD_TIMESTAMPS,
	},
	{
		value: 'report',
		name: 'Report',
		singular: 'report row',
		plural: 'report rows',
		endpoint: 'report',
		operations: ['getAll'],
		standardFields: [],
	},
	{
		value: 'systemVariable',
		name: 'System Variable',
		singular: 'system variable',
		plural: 'system variables',
		endpoint: 'sysvar',
		operations: ['get', 'getAll', 'update'],
		standardFields: ['sf_Name', 'sf_Value', 'sf_Description'],
	},
];

export function getResource(value: string): ResourceDefinition | undefined {
	return RESOURCES.find((resource) => resource.value === value);
}

/** Standard fields SmartSimple stamps itself: never offered for writing, never filled. */
const READ_ONLY_FIELDS = ['sf_Created Date', 'sf_Modified Date', 'sf_Created By'];

/** Whether a field of a record can be sent back in an update. */
export function isWritableField(field: string): boolean {
	return field !== 'recordid' && !READ_ONLY_FIELDS.includes(field);
}

/** The resources that offer an operation, for its parameters' displayOptions. */
export function resourcesWith(operation: OperationName): ResourceName[] {
	return RESOURCES.filter((resource) => resource.operations.includes(operation)).map(
		(resource) => resource.value,
	);
}

/**
 * What a standard field holds, where it means the same on every record type. The column mapper
 * types these without a Get Meta call; a field missing here has an unknown type.
 */
export type FieldKind = 'text' | 'date' | 'number' | 'option' | 'reference';

const STANDARD_FIELD_KINDS: Record<string, FieldKind> = {
	'sf_Name': 'text',
	'sf_Address': 'text',
	'sf_City': 'text',
	'sf_State/Province': 'text',
	'sf_Country': 'text',
	'sf_Postal Code': 'text',
	'sf_Phone': 'text',
	'sf_Website': 'text',
	'sf_First Name': 'text',
	'sf_Last Name': 'text',
	'sf_Email': 'text',
	'sf_Title': 'text',
	'sf_Subject': 'text',
	'sf_Value': 'text',
	'sf_Description': 'text',
	'sf_Start Date': 'date',
	'sf_End Date': 'date',
	'sf_Requested Amount': 'number',
	'sf_Type': 'option',
	'sf_Status': 'option',
	'sf_Owner': 'reference',
	'sf_Customer': 'reference',
	'sf_Contact': 'reference',
	'sf_Parent ID': 'reference',
	'sf_Company ID': 'reference',
	'sf_Object ID': 'reference',
};

export function standardFieldKind(field: string): FieldKind | undefined {
	return STANDARD_FIELD_KINDS[field];
}
