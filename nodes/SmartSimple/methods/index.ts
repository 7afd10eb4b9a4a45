export * as credentialTest from '../transport/credentialTest';
export * as loadOptions from './loadOptions';
export * as resourceMapping from './resourceMapping';
