export * from './payload-encryption.codec';
export * from './temporal-connection';
