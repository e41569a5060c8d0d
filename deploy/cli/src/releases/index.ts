/**
 * Release history and locks kept with the target. The one module other commands (deploy --verify,
 * loadtest) go through to read or add to a target's history.
 */
export { openTargetStore, parseTarget, targetNamespace, type TargetOptions } from './open-store';
export { recordVerdict } from './verdict';
export {
  currentRelease,
  rollbackTarget,
  type NewRelease,
  type Outcome,
  type Release,
  type ReleaseService,
  type Target,
  type Verdict,
} from './record';
export type { TargetStore, HeldLock } from './target-store';
export { describeHolder, type LockHolder } from './holder';
export { underTargetLock } from './session';
export type { ReleaseRecorder } from './recorder';
