/**
 * @portside/k8s: render Portside's kustomize overlays without a kustomize
 * binary, and order the result for a deploy. Used by the manifest tests and
 * by `portside deploy --target k8s`.
 */
export { renderKustomization, renderKustomizationYaml } from './render';
/** The name the deploy tool looks for: render(dir) -> objects, as `kustomize build dir` would print them. */
export { renderKustomization as render } from './render';
export type { RenderOptions } from './render';
export { planApply, migrationGates, AFTER_JOB_ANNOTATION } from './apply-plan';
export type { ApplyStep, ApplyWait } from './apply-plan';
export { parseImage, formatImage } from './transformers/images';
export { CLUSTER_SCOPED } from './transformers/namespace';
export type { ImageReference } from './transformers/images';
export { parseObjects, toYaml } from './documents';
export { KustomizeError } from './types';
export type { KubeObject, ImageOverride } from './types';
export { overlayDir, OVERLAYS } from './paths';
export type { OverlayName } from './paths';
