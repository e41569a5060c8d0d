import path from 'node:path';
import { renderKustomizationYaml } from '@portside/k8s';

/** `npm run course:render -- <overlay>`: what `kubectl kustomize <overlay>` prints, without a cluster. */
const [dir] = process.argv.slice(2);
if (!dir) {
  process.stderr.write(
    'name a kustomize folder: npm run course:render -- deploy/k8s/overlays/local\n',
  );
  process.exit(2);
}
try {
  process.stdout.write(renderKustomizationYaml(path.resolve(process.env.INIT_CWD ?? '.', dir)));
} catch (error) {
  process.stderr.write(`course:render: ${(error as Error).message}\n`);
  process.exit(1);
}
