export * from './identity.ts';
export * from './platform.ts';
export * from './people.ts';
export * from './employers.ts';
export * from './taxonomy.ts';
export * from './dataprotection.ts';
