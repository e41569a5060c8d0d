export { RegistryClient, type Probe } from './client';
export type { Credential, FoundCredential } from './credential';
export { engineAuth } from './engine-auth';
export { findCredential } from './find-credential';
export { registryEndpoint } from './host';
