/**
 * Context words in Bahasa Indonesia and English that raise or gate a match (Presidio's context enhancement,
 * reworked): the nearest context word around a candidate names one family, and only that family's recognizer
 * is boosted. Only a short window around each candidate is searched, so the cost grows with the number of
 * candidates, not with the text.
 */

/** Which kind of entity a context word points at; `other` labels numbers that are not personal (order, invoice). */
export type ContextFamily =
  'nik' | 'npwp' | 'card' | 'bank' | 'bpjs' | 'kartu' | 'passport' | 'phone' | 'ip' | 'other';

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
  npwp: [
    'npwp',
    'nomor pokok wajib pajak',
    'wajib pajak',
    'tax id',
    'tax number',
    'taxpayer',
    'tax registration',
    'nitku',
  ],
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
    'exp',
    'expiry',
    'valid thru',
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
  kartu: ['kartu', 'no kartu', 'card'],
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
  other: [
    'kode',
    'code',
    'kartu member',
    'kartu anggota',
    'kartu pelajar',
    'kartu perpustakaan',
    'member card',
    'loyalty card',
    'kode transaksi',
    'kode barang',
    'kode pos',
    'kode booking',
    'pesanan',
    'nomor pesanan',
    'no pesanan',
    'id transaksi',
    'faktur',
    'invoice',
    'resi',
    'nomor resi',
    'tiket',
    'antrian',
    'referensi',
    'order',
    'order number',
    'order id',
    'transaction code',
    'transaction id',
    'item code',
    'reference',
    'ref',
    'ticket',
    'tracking',
    'sku',
    'version',
    'versi',
  ],
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
const AFTER = 6;
/** Words that label the value before them; other words after a value count only in parentheses: `(NPWP)`. */
const FOLLOWING = new Set(['a/n', 'atasnama', 'exp', 'expiry', 'validthru']);
/** Extra characters read past each window edge, so a phrase crossing the edge is read whole. */
const MARGIN = 24;
/** Health words may be a sentence or two away from the card number they make sensitive. */
const HEALTH_WINDOW = 200;
/** Another number (four digits, maybe separated) or a sentence end between a word and a span cuts them apart. */
const SEPARATION = /\d(?:[ .,/-]?\d){3}|[.!?;]\s/;

/**
 * The family of the context word nearest to the span [start, end): the last one within a short window before
 * it, or else one just after it that labels what precedes it (a/n, exp, or any word in parentheses). A word with
 * another number or a sentence end between it and the span labels something else.
 */
export function nearestContext(text: string, start: number, end: number): ContextFamily | undefined {
  const from = Math.max(0, start - BEFORE - MARGIN);
  const window = text.slice(from, Math.min(text.length, end + AFTER + MARGIN));
  let before: ContextFamily | undefined;
  CONTEXT.lastIndex = 0;
  for (let match = CONTEXT.exec(window); match !== null; match = CONTEXT.exec(window)) {
    const hitStart = from + match.index;
    const hitEnd = hitStart + match[0].length;
    if (hitEnd <= start) {
      if (hitEnd >= start - BEFORE && !SEPARATION.test(text.slice(hitEnd, start)))
        before = FAMILY_BY_PHRASE.get(normalise(match[0]));
    } else if (hitStart >= end) {
      const gap = text.slice(end, hitStart);
      const family = FAMILY_BY_PHRASE.get(normalise(match[0]));
      if (before !== undefined || hitStart > end + AFTER || SEPARATION.test(gap)) return before;
      return FOLLOWING.has(normalise(match[0])) || gap.includes('(') ? family : undefined;
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
