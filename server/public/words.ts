/* The Swedish words of the server-rendered pages and generated files (the public page is lang="sv"). */

export const kindWords: Record<string, string> = {
  agreement: 'Överenskommelse',
  regional_agreement: 'Regional överenskommelse',
  local_agreement: 'Lokal överenskommelse',
  letter_of_intent: 'Avsiktsförklaring',
  cooperation_agreement: 'Samverkansavtal',
  report: 'Rapport',
  minutes: 'Minnesanteckningar',
};

export const stageStatusWords: Record<string, string> = { planned: 'Planerat', in_progress: 'Pågår', done: 'Klart', cancelled: 'Avbrutet' };
export const decisionStateWords: Record<string, string> = { proposed: 'Förslag till beslut', adopted: 'Beslutat', rejected: 'Avslaget' };
export const roleWords: Record<string, string> = { signatory: 'undertecknande part', observer: 'observatör' };

/** 5000 basis points → "50 %" (Swedish decimal comma). */
export function percent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('sv-SE', { maximumFractionDigits: 2 })} %`;
}

/** 200 hundredths → "2,0 årsarbetare". */
export function fte(hundredths: number): string {
  return `${(hundredths / 100).toLocaleString('sv-SE', { minimumFractionDigits: 1 })} årsarbetare`;
}

/** An ISO timestamp as the date it was in Sweden. */
export function swedishDate(iso: string): string {
  return new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

export function swedishDateTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
}
