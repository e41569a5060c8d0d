/** One line of a checker's answer: what was checked, and whether it holds. */
export interface Finding {
  ok: boolean;
  what: string;
}

export const finding = (ok: boolean, what: string): Finding => ({ ok, what });

export const passed = (findings: Finding[]): boolean =>
  findings.length > 0 && findings.every((f) => f.ok);
