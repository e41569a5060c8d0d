/** The digest the local registry (127.0.0.1:5000) holds for repository:tag, asked over its HTTP API. */
export async function registryDigest(repository: string, tag: string): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:5000/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept:
        'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
    },
  });
  return response.headers.get('docker-content-digest');
}
