/*
 * A person's colour for carets and avatars, the same in every browser: picked from
 * the user id. Each colour carries white text at a contrast of at least 4.5:1.
 */
export const palette = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#a16207', '#be185d', '#0e7490', '#4d7c0f', '#c2410c', '#4338ca'];

export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return palette[Math.abs(h) % palette.length]!;
}
