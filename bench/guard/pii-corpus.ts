/**
 * A labelled corpus of synthetic Indonesian and English sentences with embedded personal data and secrets, and
 * near misses (wrong check digits, impossible dates, numbers without context, placeholders) that must not be
 * found. Deterministic from a seed: the same seed gives the same corpus everywhere.
 */
import { Random } from './random.ts';
import * as values from './pii-values.ts';
import { keyedSecret, secret, secretNearMiss } from './secret-values.ts';

/** A labelled entity: its category and span in the sample's text. */
export interface LabelledEntity {
  readonly category: string;
  readonly start: number;
  readonly end: number;
}

/** One sample: text, language and the entities a perfect scanner would report. */
export interface CorpusSample {
  readonly text: string;
  readonly language: 'id' | 'en';
  readonly entities: readonly LabelledEntity[];
}

/** A sentence template: label words around a value; `category` undefined marks a near miss. */
interface Piece {
  readonly before: string;
  readonly value: string;
  readonly after: string;
  readonly category: string | undefined;
}

type Maker = (random: Random, language: 'id' | 'en') => Piece;

const say = (language: 'id' | 'en', id: string, en: string): string => (language === 'id' ? id : en);

const POSITIVES: readonly Maker[] = [
  (r, l) => ({
    before: say(l, 'NIK saya ', 'My NIK is '),
    value: values.validNik(r),
    after: '.',
    category: 'id_nik',
  }),
  (r) => ({ before: 'KTP: ', value: values.validNik(r), after: '', category: 'id_nik' }),
  (r, l) => ({
    before: say(l, 'Data pemohon ', 'Applicant '),
    value: values.validNik(r),
    after: ' terlampir.',
    category: 'id_nik',
  }),
  (r, l) => ({
    before: say(l, 'NPWP perusahaan: ', 'Company tax id: '),
    value: values.npwp15(r, true),
    after: '.',
    category: 'id_npwp',
  }),
  (r, l) => ({
    before: say(l, 'NPWP pribadi: ', 'Personal NPWP: '),
    value: values.validNik(r),
    after: '',
    category: 'id_npwp',
  }),
  (r, l) => ({
    before: say(l, 'Hubungi saya di ', 'Call me at '),
    value: values.phone(r),
    after: '.',
    category: 'phone',
  }),
  (r, l) => ({
    before: say(l, 'atau ', 'or '),
    value: values.phone(r),
    after: say(l, ' kapan saja', ' any time'),
    category: 'phone',
  }),
  (r, l) => ({
    before: say(l, 'Kirim ke ', 'Send it to '),
    value: values.email(r),
    after: '.',
    category: 'email',
  }),
  (r, l) => ({
    before: say(l, 'Bayar dengan kartu kredit ', 'Pay with card '),
    value: values.card(r, true),
    after: '.',
    category: 'card',
  }),
  (r) => ({ before: '', value: values.card(r, true), after: ' exp 12/29', category: 'card' }),
  (r) => ({ before: 'IBAN ', value: values.iban(r, true), after: '.', category: 'iban' }),
  (r, l) => ({
    before: say(l, 'Login dari ', 'Login from '),
    value: values.ipAddress(r),
    after: '.',
    category: 'ip_address',
  }),
  (r) => ({ before: 'No. BPJS: ', value: `000${r.digits(10)}`, after: '', category: 'bpjs' }),
  (r, l) => ({
    before: say(l, 'Nomor paspor ', 'Passport number '),
    value: `${r.pick(['A', 'B', 'C', 'X'])}${r.digits(7)}`,
    after: '.',
    category: 'passport',
  }),
  (r, l) => ({
    before: say(l, 'Transfer ke rekening BCA ', 'Wire to account number '),
    value: r.digits(r.int(10, 13)),
    after: say(l, ' a/n Budi.', '.'),
    category: 'bank_account',
  }),
  (r) => {
    const sample = secret(r);
    return { before: 'key ', value: sample.value, after: '', category: sample.category };
  },
  (r) => {
    const sample = keyedSecret(r);
    return { before: sample.prefix, value: sample.value, after: '', category: sample.category };
  },
];

const NEAR_MISSES: readonly Maker[] = [
  (r, l) => ({
    before: say(l, 'Nomor ', 'Number '),
    value: values.invalidNik(r),
    after: '.',
    category: undefined,
  }),
  (r) => ({ before: 'NPWP ', value: values.npwp15(r, false), after: '', category: undefined }),
  (r, l) => ({
    before: say(l, 'kode ', 'code '),
    value: values.phoneNearMiss(r),
    after: '',
    category: undefined,
  }),
  (r, l) => ({
    before: say(l, 'kartu kredit ', 'card '),
    value: values.card(r, false),
    after: '',
    category: undefined,
  }),
  (r) => ({ before: 'IBAN ', value: values.iban(r, false), after: '', category: undefined }),
  (r, l) => ({
    before: say(l, 'versi ', 'version '),
    value: values.ipAddress(r).includes(':')
      ? '1.2.3.4'
      : `${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}.${r.int(0, 99)}`,
    after: '',
    category: undefined,
  }),
  (r) => ({ before: 'IP ', value: values.ipNearMiss(r), after: '', category: undefined }),
  (r, l) => ({
    before: say(l, 'kode transaksi ', 'transaction code '),
    value: `000${r.digits(10)}`,
    after: '',
    category: undefined,
  }),
  (r, l) => ({
    before: say(l, 'nomor pesanan ', 'order number '),
    value: r.digits(r.int(10, 13)),
    after: '',
    category: undefined,
  }),
  (r, l) => ({
    before: say(l, 'kode barang ', 'item code '),
    value: `${r.pick(['A', 'B'])}${r.digits(7)}`,
    after: '',
    category: undefined,
  }),
  (r) => ({ before: 'key ', value: secretNearMiss(r), after: '', category: undefined }),
  (r, l) => ({
    before: say(l, 'Rp ', 'IDR '),
    value: `${r.int(1, 999)}.${r.digits(3)}.${r.digits(3)}`,
    after: '',
    category: undefined,
  }),
];

/**
 * Realistic forms the recognizers are known to miss or mistake, so the figures show the weak spots: phones
 * without a trunk 0, obfuscated e-mail, a bare 15-digit NPWP, a member card number after "kartu", a section
 * number shaped like an IPv4 address.
 */
const HARD_POSITIVES: readonly Maker[] = [
  (r, l) => ({
    before: say(l, 'WA ', 'WhatsApp '),
    value: values.phone(r).replace(/^\+62 |^62|^\+62|^0/, ''),
    after: '',
    category: 'phone',
  }),
  (r) => {
    const [local, domain] = values.email(r).split('@');
    return {
      before: 'email ',
      value: `${local ?? ''} [at] ${(domain ?? '').replace(/\./g, ' [dot] ')}`,
      after: '',
      category: 'email',
    };
  },
  (r, l) => ({
    before: say(l, 'nomor wajib pajak ', 'tax registration '),
    value: values.npwp15(r, true).replace(/\D/g, ''),
    after: '',
    category: 'id_npwp',
  }),
  (r, l) => ({
    before: say(l, 'Saya Budi, ', 'I am Budi, '),
    value: `${values.validNik(r).replace(/^(\d{6})(\d{6})/, '$1 $2 ')}`,
    after: '.',
    category: 'id_nik',
  }),
];

const HARD_NEAR_MISSES: readonly Maker[] = [
  (r, l) => ({
    before: say(l, 'kartu member ', 'member card '),
    value: r.digits(13),
    after: '',
    category: undefined,
  }),
  (r, l) => ({
    before: say(l, 'lihat bagian ', 'see section '),
    value: `${r.int(1, 9)}.${r.int(1, 9)}.${r.int(1, 9)}.${r.int(1, 9)}`,
    after: '',
    category: undefined,
  }),
  (r, l) => ({
    before: say(l, 'ID pelanggan ', 'customer ID '),
    value: values.validNik(r),
    after: '',
    category: undefined,
  }),
];

const FILLER: Readonly<Record<'id' | 'en', readonly string[]>> = {
  id: [
    'Terima kasih atas bantuannya.',
    'Mohon diproses hari ini.',
    'Rapat dimulai pukul 10.00 WIB.',
    'Tolong ringkas dokumen berikut.',
    'Saya menunggu balasan Anda.',
  ],
  en: [
    'Thanks for your help.',
    'Please process this today.',
    'The meeting starts at 10:00.',
    'Summarise the document below.',
    'I look forward to your reply.',
  ],
};

/** `count` samples from `seed`; each holds one to three entities, up to two near misses and filler. */
export function generatePiiCorpus(seed: number, count: number): CorpusSample[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => sample(random));
}

function sample(random: Random): CorpusSample {
  const language = random.chance(0.6) ? 'id' : 'en';
  const pieces: (Piece | string)[] = [random.pick(FILLER[language])];
  for (let index = random.int(1, 3); index > 0; index--)
    pieces.push(random.pick(random.chance(0.08) ? HARD_POSITIVES : POSITIVES)(random, language));
  for (let index = random.int(0, 2); index > 0; index--)
    pieces.push(random.pick(random.chance(0.1) ? HARD_NEAR_MISSES : NEAR_MISSES)(random, language));
  shuffleTail(random, pieces);
  let text = '';
  const entities: LabelledEntity[] = [];
  for (const piece of pieces) {
    if (text !== '') text += ' ';
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    text += piece.before;
    if (piece.category !== undefined)
      entities.push({ category: piece.category, start: text.length, end: text.length + piece.value.length });
    text += `${piece.value}${piece.after}`;
  }
  return { text, language, entities };
}

function shuffleTail(random: Random, items: unknown[]): void {
  for (let index = items.length - 1; index > 1; index--) {
    const other = random.int(1, index);
    [items[index], items[other]] = [items[other], items[index]];
  }
}
