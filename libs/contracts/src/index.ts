// Framework-free wire format shared by the api, the web app and the load generator.
export * from './roles';
export * from './errors';
export * from './auth';
export * from './permissions';
export * from './event-redaction';
export * from './plans';
export * from './realtime';
export * from './koordinerende-enhet';
export * from './exports';
export * from './comments';
export * from './deleted';
export * from './home';
export * from './evaluations';
export * from './contact';
export * from './shared-text';
export * from './consent';
