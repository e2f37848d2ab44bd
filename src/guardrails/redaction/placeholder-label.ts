/** The word inside a placeholder (`[NIK_1]`) for each category: short, upper case, and free of `[`, `]`. */

const LABELS: Readonly<Record<string, string>> = {
  id_nik: 'NIK',
  id_npwp: 'NPWP',
  ip_address: 'IP',
  generic_secret: 'SECRET',
};

/** The placeholder label of a finding category; unknown categories are upper-cased. */
export function placeholderLabel(category: string): string {
  const label = LABELS[category] ?? category.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[A-Z]/.test(label) ? label : `X${label}`;
}
