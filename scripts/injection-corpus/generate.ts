/**
 * Generates the labelled injection corpus from templates × slot fillers × transformations, deterministically
 * from a seed. Whole templates (and every fourth filler, shell, paragraph and wrapper) are held out for the
 * test split, so the test split measures generalisation to phrasings the classifier never saw.
 */
import type { CorpusExample } from '../../src/guardrails/injection/corpus-file.ts';
import { seededRandom } from '../../src/guardrails/injection/train.ts';
import { ATTACKS_EN } from './attacks-en.ts';
import { ATTACKS_ID } from './attacks-id.ts';
import { BENIGN_EN } from './benign-en.ts';
import { BENIGN_ID } from './benign-id.ts';
import { PARAGRAPH_FRAMES, PARAGRAPHS, SHELLS } from './documents.ts';
import { ATTACK_WRAPPERS, BENIGN_ENCODED, BENIGN_PAYLOADS } from './encoded-wrappers.ts';
import { expand, pick, pool, poolOf, type Random, type Split } from './expand.ts';
import { DIRECT_FAMILIES } from './families.ts';
import { DOCUMENT_NOTES, INDIRECT_EN, INDIRECT_ID } from './indirect-payloads.ts';
import { TRAIN_ONLY_ATTACKS_EN } from './train-only-attacks-en.ts';
import { TRAIN_ONLY_ATTACKS_ID } from './train-only-attacks-id.ts';
import { TRAIN_ONLY_BENIGN } from './train-only-benign.ts';
import { encode, obfuscate, type Encoding, type Obfuscation } from './transforms.ts';

/** The generated splits. */
export interface GeneratedCorpus {
  readonly train: CorpusExample[];
  readonly validation: CorpusExample[];
  readonly test: CorpusExample[];
}

type Language = 'en' | 'id';
type Draft = Omit<CorpusExample, 'template'> & { template: string };

const ROWS_PER_TEMPLATE = 14;
const DOCUMENT_ROWS_PER_SHELL = 40;
// Train-only templates have many alternatives each: more rows show more of them.
const TRAIN_ONLY_ROWS = 24;

const ATTACK_OBFUSCATIONS: readonly [Obfuscation | Encoding, number][] = [
  ['none', 0.45],
  ['case', 0.05],
  ['leetspeak', 0.08],
  ['homoglyph', 0.07],
  ['zero_width', 0.06],
  ['spaced', 0.05],
  ['fullwidth', 0.03],
  ['diacritics', 0.03],
  ['base64', 0.07],
  ['hex', 0.04],
  ['rot13', 0.04],
  ['tags', 0.03],
];
const BENIGN_OBFUSCATIONS: readonly [Obfuscation, number][] = [
  ['none', 0.8],
  ['case', 0.04],
  ['leetspeak', 0.04],
  ['homoglyph', 0.03],
  ['zero_width', 0.03],
  ['spaced', 0.02],
  ['fullwidth', 0.02],
  ['diacritics', 0.02],
];
// Openings and closings for both labels alike, so neither politeness nor context is a signal.
const PREFIXES: Readonly<Record<Language, readonly string[]>> = {
  en: [
    'Hi! ',
    'Hello, ',
    'Quick one: ',
    'Thanks for your help earlier. ',
    'Good morning. ',
    'Hey there, ',
    'I work at {company} in {city}. ',
    'For a project at work, ',
    'My name is {name}. ',
    'Sorry to bother you again. ',
    'I have a question. ',
    'Following up on yesterday: ',
  ],
  id: [
    'Halo, ',
    'Hai kak, ',
    'Permisi, ',
    'Selamat pagi. ',
    'Makasih bantuannya tadi. ',
    'Min, ',
    'Saya kerja di {company}, {city}. ',
    'Untuk tugas kantor, ',
    'Nama saya {name}. ',
    'Maaf ganggu lagi. ',
    'Mau tanya. ',
    'Lanjutan yang kemarin: ',
  ],
};
const SUFFIXES: Readonly<Record<Language, readonly string[]>> = {
  en: [
    ' Thanks!',
    ' Thank you.',
    ' Please hurry.',
    ' Cheers',
    ' :)',
    ' It is urgent.',
    ' Keep it short.',
    ' Answer in bullet points.',
    ' I need this for a meeting at {city}.',
    ' Much appreciated, {name}',
    ' Reply in English please.',
    ' No rush.',
  ],
  id: [
    ' Makasih!',
    ' Terima kasih.',
    ' Tolong cepat ya.',
    ' Ditunggu.',
    ' :)',
    ' Penting banget.',
    ' Jawab singkat saja.',
    ' Pakai poin-poin ya.',
    ' Buat rapat di {city}.',
    ' Salam, {name}',
    ' Pakai bahasa Indonesia ya.',
    ' Santai saja.',
  ],
};

function weighted<T>(choices: readonly [T, number][], random: Random): T {
  let roll = random();
  for (const [choice, weight] of choices) {
    roll -= weight;
    if (roll < 0) return choice;
  }
  return choices[0]?.[0] as T;
}

function decorate(text: string, language: Language, random: Random, split: Split): string {
  const prefix = random() < 0.3 ? expand(pick(pool(PREFIXES[language], split), random), random, split) : '';
  const suffix = random() < 0.3 ? expand(pick(pool(SUFFIXES[language], split), random), random, split) : '';
  return prefix + text + suffix;
}

/** A seed from a group's id (FNV-1a). */
function groupSeed(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1)
    hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** Splits a group's templates: a quarter for test, about a sixth for validation, the rest for training. */
function assignSplits(count: number, random: Random): Split[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
  }
  const test = Math.max(1, Math.round(count * 0.25));
  const validation = Math.max(1, Math.round(count * 0.17));
  const splits: Split[] = new Array<Split>(count).fill('train');
  order.forEach((templateIndex, rank) => {
    splits[templateIndex] = rank < test ? 'test' : rank < test + validation ? 'validation' : 'train';
  });
  return splits;
}

function attackRow(
  template: string,
  family: string,
  language: Language,
  split: Split,
  random: Random,
): Omit<Draft, 'template'> {
  const multiTurn = template.includes('\n\n');
  const core = decorate(expand(template, random, split), language, random, split);
  const kind = weighted(ATTACK_OBFUSCATIONS, random);
  const turn = multiTurn ? 'multi_turn+' : '';
  if (kind === 'base64' || kind === 'hex' || kind === 'rot13' || kind === 'tags') {
    const wrapper = pick(pool(ATTACK_WRAPPERS[kind], split), random);
    const text = wrapper.replace('{P}', encode(core, kind, random));
    return { text, label: 1, family: 'encoded_payload', language, source: 'user', transform: turn + kind };
  }
  const text = obfuscate(core, kind, random);
  return { text, label: 1, family, language, source: 'user', transform: turn + kind };
}

function benignRow(
  template: string,
  family: string,
  language: Language,
  split: Split,
  random: Random,
): Omit<Draft, 'template'> {
  const kind = weighted(BENIGN_OBFUSCATIONS, random);
  const text = obfuscate(decorate(expand(template, random, split), language, random, split), kind, random);
  const turn = template.includes('\n\n') ? 'multi_turn+' : '';
  return { text, label: 0, family, language, source: 'user', transform: turn + kind };
}

function documentParagraphs(language: Language, split: Split, random: Random): string[] {
  // Even entries are English, odd ones Indonesian; each language's list is pooled on its own.
  const fixed = pool(
    PARAGRAPHS.filter((_, index) => (index % 2 === 0) === (language === 'en')),
    split,
  );
  const frames = pool(PARAGRAPH_FRAMES[language], split);
  const count = 2 + Math.floor(random() * 4);
  const chosen = Array.from({ length: count }, () =>
    random() < 0.6 ? expand(pick(frames, random), random, split) : pick(fixed, random),
  );
  if (random() < 0.35) {
    const note = expand(pick(pool(DOCUMENT_NOTES, split), random), random, split);
    chosen.splice(Math.floor(random() * (chosen.length + 1)), 0, note);
  }
  return chosen;
}

function indirectRow(
  template: string,
  language: Language,
  split: Split,
  random: Random,
): Omit<Draft, 'template'> {
  const shell = pick(pool(SHELLS, split), random);
  const paragraphs = documentParagraphs(language, split, random);
  const kind = weighted<Obfuscation>(
    [
      ['none', 0.8],
      ['homoglyph', 0.07],
      ['zero_width', 0.07],
      ['leetspeak', 0.06],
    ],
    random,
  );
  const payload = obfuscate(expand(template, random, split), kind, random);
  paragraphs.splice(Math.floor(random() * (paragraphs.length + 1)), 0, payload);
  const text = shell.render(paragraphs, random);
  return {
    text,
    label: 1,
    family: 'indirect_injection',
    language,
    source: shell.source,
    transform: `${shell.id}+${kind}`,
  };
}

function benignDocumentRow(shellIndex: number, split: Split, random: Random): Omit<Draft, 'template'> {
  const shell = SHELLS[shellIndex] ?? SHELLS[0];
  if (shell === undefined) throw new Error('no document shells');
  const language: Language = random() < 0.5 ? 'en' : 'id';
  const text = shell.render(documentParagraphs(language, split, random), random);
  return { text, label: 0, family: 'benign_document', language, source: shell.source, transform: shell.id };
}

function benignEncodedRow(index: number, split: Split, random: Random): Omit<Draft, 'template'> {
  const entry = BENIGN_ENCODED[index];
  if (entry === undefined) throw new Error(`no benign encoded template ${index}`);
  const payload = pick(BENIGN_PAYLOADS, random);
  const text =
    entry.encoding === 'raw'
      ? entry.text
      : entry.text.replace('{P}', encode(payload, entry.encoding, random));
  const language: Language = /\b(?:apa|tolong|teman|isi)\b/i.test(entry.text) ? 'id' : 'en';
  return {
    text: decorate(text, language, random, split),
    label: 0,
    family: 'benign_encoded',
    language,
    source: 'user',
    transform: entry.encoding,
  };
}

/** Benign documents, one template per shell; shells are split like every pooled list (see `pool`). */
function benignDocuments(random: Random): Draft[] {
  const drafts: Draft[] = [];
  SHELLS.forEach((_, index) => {
    const split = poolOf(index);
    for (let n = 0; n < DOCUMENT_ROWS_PER_SHELL; n += 1) {
      drafts.push({
        ...benignDocumentRow(index, split, random),
        template: `any.benign_document.${index}:${split}`,
      });
    }
  });
  return drafts;
}

/** One group of templates generated into rows; every template of the group gets a split first. */
function generateGroup(
  seed: number,
  id: string,
  count: number,
  rows: number,
  random: Random,
  row: (index: number, split: Split) => Omit<Draft, 'template'>,
): Draft[] {
  // Each group's split is drawn from its own generator, so adding templates to one group leaves the others' splits.
  const splits = assignSplits(count, seededRandom(groupSeed(`${seed}:${id}`)));
  const drafts: Draft[] = [];
  for (let index = 0; index < count; index += 1) {
    const split = splits[index] ?? 'train';
    const texts = new Set<string>();
    // A template with few slots repeats itself: a few more tries, then it keeps the rows it has.
    for (let attempt = 0; attempt < rows * 3 && texts.size < rows; attempt += 1) {
      const draft = row(index, split);
      if (texts.has(draft.text)) continue;
      texts.add(draft.text);
      drafts.push({ ...draft, template: `${id}.${index}:${split}` });
    }
  }
  return drafts;
}

function allDrafts(seed: number, random: Random): Draft[] {
  const drafts: Draft[] = [];
  for (const [language, attacks, benign] of [
    ['en', ATTACKS_EN, BENIGN_EN],
    ['id', ATTACKS_ID, BENIGN_ID],
  ] as const) {
    for (const family of DIRECT_FAMILIES) {
      const templates = attacks[family];
      drafts.push(
        ...generateGroup(
          seed,
          `${language}.${family}`,
          templates.length,
          ROWS_PER_TEMPLATE,
          random,
          (index, split) => attackRow(templates[index] ?? '', family, language, split, random),
        ),
      );
    }
    const indirect = language === 'en' ? INDIRECT_EN : INDIRECT_ID;
    drafts.push(
      ...generateGroup(
        seed,
        `${language}.indirect_injection`,
        indirect.length,
        ROWS_PER_TEMPLATE,
        random,
        (index, split) => indirectRow(indirect[index] ?? '', language, split, random),
      ),
    );
    for (const [family, templates] of Object.entries(benign)) {
      drafts.push(
        ...generateGroup(
          seed,
          `${language}.${family}`,
          templates.length,
          ROWS_PER_TEMPLATE,
          random,
          (index, split) => benignRow(templates[index] ?? '', family, language, split, random),
        ),
      );
    }
  }
  drafts.push(...benignDocuments(random));
  drafts.push(
    ...generateGroup(
      seed,
      'any.benign_encoded',
      BENIGN_ENCODED.length,
      ROWS_PER_TEMPLATE,
      random,
      (index, split) => benignEncodedRow(index, split, random),
    ),
  );
  return drafts;
}

/** Rows of one train-only template, distinct texts only (like `generateGroup`, without a split draw). */
function trainOnlyRows(id: string, row: () => Omit<Draft, 'template'>): Draft[] {
  const texts = new Set<string>();
  const drafts: Draft[] = [];
  for (let attempt = 0; attempt < TRAIN_ONLY_ROWS * 3 && texts.size < TRAIN_ONLY_ROWS; attempt += 1) {
    const draft = row();
    if (texts.has(draft.text)) continue;
    texts.add(draft.text);
    drafts.push({ ...draft, template: `${id}:train` });
  }
  return drafts;
}

/**
 * Rows from the train-only templates, drawn from their own generator and placed after every other row: the
 * templates, fillers and texts of validation and test stay exactly as they were before these were written.
 */
function trainOnlyDrafts(seed: number): Draft[] {
  const random = seededRandom(groupSeed(`${seed}:train-only`));
  const drafts: Draft[] = [];
  for (const [language, attacks] of [
    ['en', TRAIN_ONLY_ATTACKS_EN],
    ['id', TRAIN_ONLY_ATTACKS_ID],
  ] as const) {
    for (const family of DIRECT_FAMILIES) {
      const templates = family in attacks ? attacks[family as keyof typeof attacks] : [];
      templates.forEach((template, index) => {
        const id = `${language}.${family}.train-only.${index}`;
        drafts.push(...trainOnlyRows(id, () => attackRow(template, family, language, 'train', random)));
      });
    }
    for (const [family, templates] of Object.entries(TRAIN_ONLY_BENIGN[language])) {
      templates.forEach((template, index) => {
        const id = `${language}.${family}.train-only.${index}`;
        drafts.push(...trainOnlyRows(id, () => benignRow(template, family, language, 'train', random)));
      });
    }
  }
  return drafts;
}

/** Generates the corpus; the same seed always gives the same rows in the same order. */
export function generateInjectionCorpus(seed: number): GeneratedCorpus {
  const corpus: GeneratedCorpus = { train: [], validation: [], test: [] };
  const seen = new Set<string>();
  for (const draft of [...allDrafts(seed, seededRandom(seed)), ...trainOnlyDrafts(seed)]) {
    if (seen.has(draft.text)) continue;
    seen.add(draft.text);
    const [template, split] = draft.template.split(':') as [string, Split];
    corpus[split].push({ ...draft, template });
  }
  return corpus;
}
