/** What we can prove ourselves with to a registry. */
export type Credential =
  /** A user and password (or an access token used as one, as most hosted registries take). */
  | { kind: 'basic'; username: string; password: string }
  /** An identity (refresh) token from an OAuth login: exchanged at the token service, never sent to the registry. */
  | { kind: 'identity-token'; token: string; username?: string };

/** A credential and where it was found, so that errors can say which one was refused. */
export interface FoundCredential {
  credential: Credential;
  /** For people: "PORTSIDE_REGISTRY_USER/PORTSIDE_REGISTRY_PASSWORD", "auths in /home/me/.docker/config.json", ... */
  source: string;
}
