// Test harness shared by the api's integration tests, the browser tests and the benchmark.
export * from './api-process';
export * from './browser';
export * from './http';
export * from './postgres';
export * from './sockets';
export * from './test-app';
export * from './smtp';
export * from './smpp';
