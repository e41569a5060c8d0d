/** The load profiles under k6/profiles, one script each. */
export const PROFILES = ['smoke', 'average', 'stress', 'spike', 'soak'] as const;
export type Profile = (typeof PROFILES)[number];

export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}
