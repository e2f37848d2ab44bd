/**
 * Context words in Bahasa Indonesia and English that raise or gate a match (Presidio's context enhancement,
 * reworked): the nearest context word around a candidate names one family, and only that family's recognizer
 * is boosted. Only a short window around each candidate is searched, so the cost grows with the number of
 * candidates, not with the text.
 */

/** Which kind of entity a context word points at; `version` suppresses IP addresses. */
export type ContextFamily =
  'nik' | 'npwp' | 'card' | 'bank' | 'bpjs' | 'kartu' | 'passport' | 'phone' | 'ip' | 'version';

const PHRASES: Readonly<Record<ContextFamily, readonly string[]>> = {
  nik: [
    'nik',
    'ktp',
    'e-ktp',
    'ektp',
    'no ktp',
    'nomor induk kependudukan',
    'kartu tanda penduduk',
    'kartu keluarga',
    'national id',
    'national identity number',
    'identity number',
    'identity card',
    'id card',
    'nomor identitas',
    'no identitas',
  ],
  npwp: ['npwp', 'nomor pokok wajib pajak', 'wajib pajak', 'tax id', 'tax number', 'taxpayer', 'nitku'],
  card: [
    'kartu kredit',
    'kartu debit',
    'kartu atm',
    'nomor kartu',
    'no kartu kredit',
    'credit card',
    'debit card',
    'card number',
    'card no',
    'cc',
    'visa',
    'mastercard',
    'master card',
    'amex',
    'american express',
    'jcb',
    'unionpay',
    'discover',
    'gpn',
    'cvv',
    'cvc',
  ],
  bank: [
    'rekening',
    'no rek',
    'norek',
    'rek',
    'nomor rekening',
    'account number',
    'account no',
    'acct',
    'bank account',
    'a/n',
    'atas nama',
    'transfer ke',
    'bca',
    'bri',
    'bni',
    'mandiri',
    'btn',
    'cimb',
    'permata',
    'danamon',
    'bsi',
    'jago',
    'virtual account',
  ],
  bpjs: [
    'bpjs',
    'bpjs kesehatan',
    'bpjs ketenagakerjaan',
    'kis',
    'kartu indonesia sehat',
    'jkn',
    'jkn-kis',
    'nomor peserta',
    'no peserta',
  ],
  kartu: ['kartu', 'no kartu'],
  passport: ['paspor', 'passport', 'no paspor', 'nomor paspor', 'passport no', 'passport number'],
  phone: [
    'telp',
    'tlp',
    'telepon',
    'telpon',
    'hp',
    'no hp',
    'nomor hp',
    'handphone',
    'ponsel',
    'whatsapp',
    'wa',
    'hubungi',
    'sms',
    'phone',
    'mobile',
    'tel',
    'call',
    'fax',
    'cell',
  ],
  ip: ['ip', 'ip address', 'alamat ip', 'ipv4', 'ipv6', 'host', 'server', 'client ip'],
  version: ['version', 'versi', 'ver', 'release', 'rilis', 'build', 'oid', 'snmp'],
};

const HEALTH_WORDS = [
  'diagnosis',
  'diagnosa',
  'didiagnosis',
  'penyakit',
  'pasien',
  'rawat inap',
  'rawat jalan',
  'rumah sakit',
  'dokter',
  'klinik',
  'puskesmas',
  'icd-10',
  'resep',
  'obat',
  'gejala',
  'kanker',
  'diabetes',
  'hipertensi',
  'hiv',
  'tbc',
  'stroke',
  'hamil',
  'operasi',
  'patient',
  'hospital',
  'diagnosed',
  'treatment',
  'prescription',
  'symptoms',
];

function normalise(phrase: string): string {
  return phrase.toLowerCase().replace(/[.\s]+/g, '');
}

/** Words are matched whole, case-insensitively; a dot may stand between words (`no. rek`, `no.rek`, `no rek`). */
function phraseSource(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(String.raw`(?:\.\s{0,3}|\s{1,3})`);
}

function wordsRegex(phrases: readonly string[]): RegExp {
  const sorted = [...phrases].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${sorted.join('|')})\.?(?![\p{L}\p{N}])`, 'giu');
}

const FAMILY_BY_PHRASE = new Map<string, ContextFamily>(
  Object.entries(PHRASES).flatMap(([family, phrases]) =>
    phrases.map((phrase) => [normalise(phrase), family as ContextFamily] as const),
  ),
);
const CONTEXT = wordsRegex(Object.values(PHRASES).flat());
const HEALTH = wordsRegex(HEALTH_WORDS);

/** How far, in UTF-16 code units, before and after a candidate a context word may stand. */
const BEFORE = 48;
const AFTER = 24;
/** Health words may be a sentence or two away from the card number they make sensitive. */
const HEALTH_WINDOW = 200;
const OTHER_NUMBER = /\d{5}/;

/**
 * The family of the context word nearest to the span [start, end): the last one within a short window before
 * it, or else the first one just after it (labels precede values far more often than they follow them). A word
 * with another number between it and the span labels that number instead.
 */
export function nearestContext(text: string, start: number, end: number): ContextFamily | undefined {
  const from = Math.max(0, start - BEFORE);
  const window = text.slice(from, Math.min(text.length, end + AFTER));
  let before: ContextFamily | undefined;
  CONTEXT.lastIndex = 0;
  for (let match = CONTEXT.exec(window); match !== null; match = CONTEXT.exec(window)) {
    const hitStart = from + match.index;
    if (hitStart < start && hitStart + match[0].length > start) continue;
    const hitEnd = hitStart + match[0].length;
    if (hitStart < start) {
      if (!OTHER_NUMBER.test(text.slice(hitEnd, start))) before = FAMILY_BY_PHRASE.get(normalise(match[0]));
    } else if (hitStart >= end) {
      if (before !== undefined || OTHER_NUMBER.test(text.slice(end, hitStart))) return before;
      return FAMILY_BY_PHRASE.get(normalise(match[0]));
    }
  }
  return before;
}

/** True when a health word (diagnosis, patient, hospital …) stands near the span: the data becomes `health`. */
export function hasHealthContext(text: string, start: number, end: number): boolean {
  const window = text.slice(Math.max(0, start - HEALTH_WINDOW), Math.min(text.length, end + HEALTH_WINDOW));
  HEALTH.lastIndex = 0;
  return HEALTH.test(window);
}
