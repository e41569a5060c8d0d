/**
 * What to do about a push the Docker Engine refused, from the daemon's own message: the daemon
 * reads its transport settings and credentials apart from ours, so it can disagree with a registry we reached.
 */
export function engineFailureHint(
  message: string,
  host: string,
  source: string | undefined,
): string | undefined {
  if (/server gave HTTP response to HTTPS client/i.test(message)) {
    return `the Docker daemon speaks HTTPS to ${host}: add it to insecure-registries in /etc/docker/daemon.json and restart the daemon`;
  }
  if (/x509|certificate/i.test(message))
    return `the Docker daemon does not trust ${host}'s certificate: put its CA in /etc/docker/certs.d/${host}/ca.crt`;
  if (/unauthorized|authentication required|denied|forbidden/i.test(message)) {
    return source
      ? `the credentials from ${source} may not push there`
      : `set PORTSIDE_REGISTRY_USER and PORTSIDE_REGISTRY_PASSWORD, or run docker login ${host}`;
  }
  return undefined;
}
