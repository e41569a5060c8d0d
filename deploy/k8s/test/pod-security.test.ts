import { allContainers, id, named, OVERLAYS, podTemplates, rendered } from './support/rendered';

/* The restricted Pod Security Standard, as kube-score and kube-linter check it, for every pod. */
describe.each(OVERLAYS)('pods of the %s overlay', (overlay) => {
  const objects = rendered(overlay);
  const pods = podTemplates(objects).map(({ owner, template }) => [id(owner), template] as const);
  const containers = pods.flatMap(([owner, template]) =>
    allContainers(template.spec).map((c) => [`${owner} ${c.name}`, c, template.spec] as const),
  );

  it('run in a namespace that enforces the restricted standard', () => {
    const namespace = named(objects, 'Namespace', 'portside');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const { owner } of podTemplates(objects))
      expect(owner.metadata.namespace).toBe('portside');
  });

  it.each(pods)(
    '%s runs as a non-root user and group 10001 with the runtime seccomp profile',
    (_owner, template) => {
      expect(template.spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    },
  );

  it.each(pods)(
    '%s gets no service account token and shares no host namespace',
    (_owner, template) => {
      expect(template.spec.automountServiceAccountToken).toBe(false);
      expect(template.spec.serviceAccountName).toBeTruthy();
      expect(template.spec.hostNetwork ?? false).toBe(false);
      expect(template.spec.hostPID ?? false).toBe(false);
      expect(template.spec.hostIPC ?? false).toBe(false);
    },
  );

  it.each(containers)(
    '%s cannot escalate, write its root filesystem or keep any capability',
    (_name, container) => {
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    },
  );

  it.each(containers)('%s has CPU and memory requests and limits', (_name, container) => {
    for (const kind of ['requests', 'limits'] as const) {
      expect(container.resources?.[kind]).toEqual({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
    }
  });

  it.each(containers)(
    '%s writes temporary files to a mounted emptyDir',
    (_name, container, spec) => {
      const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect(tmp).toBeDefined();
      expect(spec.volumes?.find((v) => v.name === tmp!.name)?.emptyDir).toBeDefined();
    },
  );

  it('gives the nginx edge writable cache and run directories', () => {
    const { template } = podTemplates(objects).find(
      ({ owner }) => owner.metadata.name === 'storefront',
    )!;
    const mounts = template.spec.containers[0]!.volumeMounts!.map((m) => m.mountPath);
    expect(mounts).toEqual(expect.arrayContaining(['/var/cache/nginx', '/var/run', '/tmp']));
    for (const mount of template.spec.containers[0]!.volumeMounts!) {
      expect(template.spec.volumes!.find((v) => v.name === mount.name)?.emptyDir).toBeDefined();
    }
  });

  it.each(pods)('%s carries the recommended app.kubernetes.io labels', (_owner, template) => {
    const labels = template.metadata.labels;
    for (const key of ['name', 'component', 'version'])
      expect(labels[`app.kubernetes.io/${key}`]).toBeTruthy();
    expect(labels['app.kubernetes.io/part-of']).toBe('portside');
  });
});
