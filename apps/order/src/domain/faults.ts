import { AppError } from '@portside/service-kit';

/*
 * Named fault points, for teaching and for the crash tests: each saga step
 * boundary can crash the process (SIGKILL, as a power cut or an OOM kill
 * would) or fail (an error, as a database blip would), and the payment
 * provider can time out or fail after it has charged. Off unless switched on;
 * refused in production mode.
 */

/** The saga's step boundaries, in the order a checkout crosses them. */
export const STEP_FAULTS = [
  'after-reserve',
  'after-order-created',
  'after-charge',
  'after-charge-recorded',
  'after-stock-commit',
  'after-confirm',
] as const;
export type StepFault = (typeof STEP_FAULTS)[number];

/** The provider charges, then never answers (timeout) or answers an error (fail). */
export const PAYMENT_FAULTS = [
  'payment-timeout-after-charge',
  'payment-fail-after-charge',
] as const;
export type PaymentFault = (typeof PAYMENT_FAULTS)[number];

export type FaultName = StepFault | PaymentFault;
export type FaultMode = 'crash' | 'fail' | 'on';
export type FaultSettings = Partial<Record<FaultName, FaultMode>>;

export const FAULT_NAMES: readonly FaultName[] = [...STEP_FAULTS, ...PAYMENT_FAULTS];

export const isStepFault = (name: string): name is StepFault =>
  (STEP_FAULTS as readonly string[]).includes(name);
export const isFaultName = (name: string): name is FaultName =>
  (FAULT_NAMES as readonly string[]).includes(name);

/** Which modes a fault takes: step boundaries crash or fail; payment faults are on or off. */
export const modesOf = (name: FaultName): FaultMode[] =>
  isStepFault(name) ? ['crash', 'fail'] : ['on'];

/**
 * Parses `after-charge:crash,payment-timeout-after-charge` (the FAULTS
 * variable's form). Returns the problems, naming each bad entry.
 */
export function parseFaultList(text: string): { faults: FaultSettings; problems: string[] } {
  const faults: FaultSettings = {};
  const problems: string[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', mode] = entry.split(':');
    if (!isFaultName(name)) {
      problems.push(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`);
      continue;
    }
    const chosen = (mode ?? modesOf(name)[0]) as FaultMode;
    if (!modesOf(name).includes(chosen)) {
      problems.push(`fault "${name}" takes ${modesOf(name).join(' or ')}, not "${mode}"`);
      continue;
    }
    faults[name] = chosen;
  }
  return { faults, problems };
}

export class Faults {
  private settings: FaultSettings;

  constructor(
    private readonly options: {
      /** False in production mode: nothing can switch a fault on. */
      allowed: boolean;
      initial?: FaultSettings;
      /** Ends the process at once, as SIGKILL does: no shutdown, no answer. */
      crash: () => void;
      onTrip?: (name: FaultName, mode: FaultMode) => void;
    },
  ) {
    this.settings = options.allowed ? { ...options.initial } : {};
  }

  get allowed(): boolean {
    return this.options.allowed;
  }

  list(): FaultSettings {
    return { ...this.settings };
  }

  /** Replaces every setting; refused in production mode. */
  replace(settings: FaultSettings): void {
    if (!this.options.allowed) {
      throw new AppError('forbidden', 'Fault points are disabled in production mode', {
        code: 'faults_disabled',
      });
    }
    this.settings = { ...settings };
  }

  /** Called at a step boundary: crashes, throws, or (almost always) does nothing. */
  async at(point: StepFault): Promise<void> {
    const mode = this.settings[point];
    if (!mode) return;
    this.options.onTrip?.(point, mode);
    if (mode === 'crash') {
      this.options.crash();
      // A crash that returns (a test's stand-in) must still stop this checkout here.
      await new Promise(() => undefined);
    }
    throw new AppError('unavailable', `Fault injected at ${point}`, { code: 'fault_injected' });
  }

  isOn(name: PaymentFault): boolean {
    return Boolean(this.settings[name]);
  }
}

/** No fault can trip: for unit tests and the default wiring. */
export const noFaults = (): Faults => new Faults({ allowed: false, crash: () => undefined });
