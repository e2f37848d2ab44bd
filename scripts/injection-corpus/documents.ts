/**
 * Documents the model reads — web pages, e-mails, PDF text, tool results — as shells around paragraphs. The
 * same shells carry benign documents and poisoned ones, so the classifier cannot learn "HTML means attack".
 */
import { pick, type Random } from './expand.ts';

/** A document shell: where its text comes from and how it lays out paragraphs. */
export interface Shell {
  readonly id: string;
  readonly source: 'retrieved' | 'tool';
  readonly render: (paragraphs: readonly string[], random: Random) => string;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** Document shells, pooled by split like the fillers. */
export const SHELLS: readonly Shell[] = [
  {
    id: 'html-article',
    source: 'retrieved',
    render: (paragraphs) =>
      `<html><head><title>Update</title></head><body>\n<h1>Latest update</h1>\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n</body></html>`,
  },
  {
    id: 'email',
    source: 'retrieved',
    render: (paragraphs, random) =>
      `From: ${pick(['billing@northwind.example', 'hr@sinarabadi.example', 'noreply@shop.example', 'cs@bank.example'], random)}\nTo: me@company.example\nSubject: ${pick(['Your invoice', 'Meeting follow-up', 'Pemberitahuan', 'Order update'], random)}\n\n${paragraphs.join('\n\n')}\n\nRegards,\nThe team`,
  },
  {
    id: 'search-results',
    source: 'tool',
    render: (paragraphs) =>
      json({
        results: paragraphs.map((p, index) => ({
          title: `Result ${index + 1}`,
          url: `https://site${index}.example/page`,
          snippet: p,
        })),
      }),
  },
  {
    id: 'pdf-text',
    source: 'retrieved',
    render: (paragraphs) => `Page 1 of 3\n\n${paragraphs.join('\n\n')}\n\n— confidential — page 1 —`,
  },
  {
    id: 'reviews',
    source: 'tool',
    render: (paragraphs, random) =>
      paragraphs.map((p) => `★${'★'.repeat(Math.floor(random() * 4))} ${p}`).join('\n---\n'),
  },
  {
    id: 'markdown-readme',
    source: 'retrieved',
    render: (paragraphs) =>
      `# Project notes\n\n${paragraphs.map((p) => `- ${p}`).join('\n')}\n\n## License\nMIT`,
  },
  {
    id: 'api-record',
    source: 'tool',
    render: (paragraphs) =>
      json({ status: 'ok', ticket: { id: 48213, priority: 'normal', notes: paragraphs } }),
  },
  {
    id: 'calendar-invite',
    source: 'tool',
    render: (paragraphs) =>
      `BEGIN:VEVENT\nSUMMARY:Quarterly review\nDTSTART:20250314T090000\nDESCRIPTION:${paragraphs.join(' ')}\nEND:VEVENT`,
  },
  {
    id: 'news-id',
    source: 'retrieved',
    render: (paragraphs) => `BERITA TERKINI\n\n${paragraphs.join('\n\n')}\n\n(red/ant)`,
  },
  {
    id: 'chat-export',
    source: 'tool',
    render: (paragraphs, random) =>
      paragraphs
        .map(
          (p) =>
            `[${pick(['09:12', '09:15', '10:02', '11:40'], random)}] ${pick(['rina', 'tom', 'agus', 'mei'], random)}: ${p}`,
        )
        .join('\n'),
  },
  {
    id: 'code-file',
    source: 'tool',
    render: (paragraphs) =>
      `// utils.ts\n${paragraphs.map((p) => `// ${p}`).join('\n')}\nexport function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}`,
  },
  {
    id: 'csv-export',
    source: 'tool',
    render: (paragraphs) =>
      `id,date,comment\n${paragraphs.map((p, index) => `${index + 1},2025-0${(index % 9) + 1}-12,"${p.replaceAll('"', '""')}"`).join('\n')}`,
  },
  {
    id: 'forum-thread',
    source: 'retrieved',
    render: (paragraphs, random) =>
      paragraphs
        .map(
          (p, index) =>
            `#${index + 1} ${pick(['dewi_k', 'budi88', 'techguy', 'sari.putri', 'anon'], random)} wrote:\n${p}`,
        )
        .join('\n\n'),
  },
  {
    id: 'product-listing',
    source: 'tool',
    render: (paragraphs) =>
      json({
        product: { name: 'Item 2231', price: 'Rp 149.000', description: paragraphs.join(' '), stock: 12 },
      }),
  },
  {
    id: 'support-ticket',
    source: 'tool',
    render: (paragraphs) =>
      `Ticket #88213\nStatus: open\nPriority: normal\n\nCustomer message:\n${paragraphs.join('\n')}\n\nInternal notes: none`,
  },
  {
    id: 'sms-inbox',
    source: 'tool',
    render: (paragraphs, random) =>
      paragraphs
        .map((p) => `From ${pick(['+62812xxxx', 'BANK', 'KURIR', '+62857xxxx'], random)}: ${p}`)
        .join('\n'),
  },
  {
    id: 'wiki-page',
    source: 'retrieved',
    render: (paragraphs) =>
      `== Overview ==\n${paragraphs[0] ?? ''}\n\n== Details ==\n${paragraphs.slice(1).join('\n\n')}\n\n[[Category:Help]]`,
  },
  {
    id: 'meeting-transcript',
    source: 'tool',
    render: (paragraphs, random) =>
      paragraphs.map((p) => `${pick(['SPEAKER 1', 'SPEAKER 2', 'Moderator'], random)}: ${p}`).join('\n'),
  },
  {
    id: 'rss-feed',
    source: 'tool',
    render: (paragraphs) =>
      `<rss><channel>${paragraphs.map((p, index) => `<item><title>News ${index + 1}</title><description>${p}</description></item>`).join('')}</channel></rss>`,
  },
  {
    id: 'ocr-scan',
    source: 'retrieved',
    render: (paragraphs) => paragraphs.map((p) => p.toUpperCase()).join('\n\n'),
  },
];

/**
 * Paragraph templates for documents (`{a|b}` alternatives, `{slot}` fillers), English then Indonesian: a few
 * frames give thousands of distinct sentences, so the classifier learns ordinary prose, not a handful of lines.
 */
export const PARAGRAPH_FRAMES: Readonly<Record<'en' | 'id', readonly string[]>> = {
  en: [
    '{The|Our|This} {clinic|branch|office|library|store|service centre} {in {city}|downtown|near the station} {is open|opens|will be closed} {on weekdays|on Saturday|from 08:00 to 16:00|during the holidays}.',
    '{Customers|Patients|Students|Residents|Members} {can|must|may} {register|apply|pay|book an appointment|renew their card} {online|at the front desk|through the app|by phone} {before the end of the month|within seven days|at least two days in advance}.',
    '{Sales|Revenue|Visits|Downloads|Complaints} {rose|fell|stayed flat|grew} by {three|eight|twelve|twenty} percent {in the last quarter|this year|compared with last month|after the update}.',
    '{The new|An updated|A revised} {policy|schedule|price list|procedure|timetable} {takes effect|applies|starts} {next Monday|on the first of June|from January} and {replaces|updates|extends} the {2022|previous|old} version.',
    '{Great|Decent|Disappointing|Excellent} {product|service|stay|meal|experience}: the {staff|courier|room|food|battery} was {friendly|slow|clean|delicious|better than expected} and {I would come back|I will order again|the price was fair|delivery took a week}.',
    '{Heat|Mix|Chop|Boil|Fry} the {garlic|onions|rice|chicken|noodles}, {then|and} {add|stir in|pour over} the {soy sauce|coconut milk|spices|vegetables} and {cook|simmer|serve} {for ten minutes|until golden|with rice}.',
    '{To reset|To update|To install|To remove} the {app|router|printer|device|software}, {open the settings|hold the power button|download the latest version|go to the help page} and {follow the steps|wait for the light to blink|restart it|sign in again}.',
    '{The meeting|The workshop|The training|The webinar} on {Thursday|Friday|the 14th} will {cover|discuss|review} {the budget|hiring|the office move|customer feedback|the new app} and {last about an hour|start at 10:00|be recorded}.',
    '{Flights|Trains|Buses|Ferries} to {city} {leave|depart|run} {every hour|twice a day|each morning} {from the main terminal|from gate 4|from the harbour}, {and tickets can be bought online|except on public holidays|weather permitting}.',
    '{Please note|Remember|Be aware} that {late payments|cancellations|returns|changes} {are charged|incur a fee of|cost} {two percent|Rp 50.000|a small fee} {per month|per booking|after 24 hours}.',
  ],
  id: [
    '{Klinik|Cabang|Kantor|Perpustakaan|Toko|Pusat layanan} {di {city}|di pusat kota|dekat stasiun} {buka|akan tutup} {pada hari kerja|hari Sabtu|pukul 08.00–16.00|selama libur}.',
    '{Pelanggan|Pasien|Mahasiswa|Warga|Anggota} {dapat|wajib|boleh} {mendaftar|mengajukan|membayar|membuat janji|memperpanjang kartu} {secara online|di loket|lewat aplikasi|lewat telepon} {sebelum akhir bulan|dalam tujuh hari|paling lambat dua hari sebelumnya}.',
    '{Penjualan|Pendapatan|Kunjungan|Unduhan|Keluhan} {naik|turun|tetap|tumbuh} {tiga|delapan|dua belas|dua puluh} persen {pada kuartal lalu|tahun ini|dibanding bulan lalu|setelah pembaruan}.',
    '{Kebijakan|Jadwal|Daftar harga|Prosedur} {baru|terbaru|yang direvisi} {berlaku|mulai berlaku} {Senin depan|tanggal 1 Juni|mulai Januari} dan {menggantikan|memperbarui|memperpanjang} versi {2022|sebelumnya|lama}.',
    '{Produknya|Layanannya|Menginapnya|Makanannya} {bagus|lumayan|mengecewakan|luar biasa}: {petugasnya|kurirnya|kamarnya|baterainya} {ramah|lambat|bersih|lebih baik dari perkiraan} dan {saya akan kembali|saya akan pesan lagi|harganya wajar|pengirimannya seminggu}.',
    '{Tumis|Campur|Potong|Rebus|Goreng} {bawang putih|bawang merah|nasi|ayam|mi}, {lalu|kemudian} {masukkan|tuang} {kecap|santan|bumbu|sayuran} dan {masak|didihkan|sajikan} {sepuluh menit|sampai kecokelatan|dengan nasi}.',
    '{Untuk mereset|Untuk memperbarui|Untuk memasang|Untuk menghapus} {aplikasi|router|printer|perangkat}, {buka pengaturan|tekan tombol daya|unduh versi terbaru|buka halaman bantuan} lalu {ikuti langkahnya|tunggu lampunya berkedip|nyalakan ulang|masuk lagi}.',
    '{Rapat|Lokakarya|Pelatihan|Webinar} hari {Kamis|Jumat|tanggal 14} akan {membahas|meninjau} {anggaran|rekrutmen|pindahan kantor|masukan pelanggan|aplikasi baru} dan {berlangsung sekitar sejam|mulai pukul 10.00|direkam}.',
    '{Penerbangan|Kereta|Bus|Kapal} ke {city} {berangkat|beroperasi} {setiap jam|dua kali sehari|setiap pagi} {dari terminal utama|dari gerbang 4|dari pelabuhan}, {tiket bisa dibeli online|kecuali hari libur nasional|tergantung cuaca}.',
    '{Harap diperhatikan|Ingat|Perlu diketahui} bahwa {keterlambatan pembayaran|pembatalan|pengembalian|perubahan} {dikenakan biaya|dikenai denda} {dua persen|Rp 50.000|biaya kecil} {per bulan|per pemesanan|setelah 24 jam}.',
  ],
};

/** Benign paragraphs for documents, English (even entries) and Indonesian (odd), pooled by split per language. */
export const PARAGRAPHS: readonly string[] = [
  'Our quarterly revenue grew by eight percent, driven mostly by the new subscription plans in Jakarta and Surabaya.',
  'Pendapatan kuartal ini naik delapan persen, terutama dari paket langganan baru di Jakarta dan Surabaya.',
  'The battery lasts about two days with normal use and charges fully in under an hour.',
  'Baterainya tahan sekitar dua hari untuk pemakaian normal dan penuh dalam kurang dari satu jam.',
  'Please bring your ID card and the booking code to the front desk when you check in.',
  'Mohon bawa KTP dan kode booking ke resepsionis saat check-in.',
  'The meeting on Thursday will cover the budget, the hiring plan and the office move.',
  'Rapat hari Kamis akan membahas anggaran, rencana rekrutmen, dan pindahan kantor.',
  'Heat the oil, add the garlic and shallots, then stir in the rice and sweet soy sauce.',
  'Panaskan minyak, tumis bawang putih dan bawang merah, lalu masukkan nasi dan kecap manis.',
  'Late payments are charged a fee of two percent per month on the outstanding balance.',
  'Keterlambatan pembayaran dikenakan denda dua persen per bulan dari sisa tagihan.',
  'The clinic is open Monday to Saturday; emergency care is available around the clock.',
  'Klinik buka Senin sampai Sabtu; layanan gawat darurat tersedia 24 jam.',
  'Shipping takes three to five working days; remote islands may take up to two weeks.',
  'Pengiriman memakan waktu tiga sampai lima hari kerja; pulau terpencil bisa sampai dua minggu.',
  'The update fixes a crash when uploading large photos and improves sync speed.',
  'Pembaruan ini memperbaiki aplikasi yang macet saat mengunggah foto besar dan mempercepat sinkronisasi.',
  'Students must submit the assignment through the portal before Friday at 17:00.',
  'Mahasiswa wajib mengumpulkan tugas lewat portal sebelum Jumat pukul 17.00.',
  'Great product, the fabric is soft and the colour matches the photos exactly.',
  'Produknya bagus, bahannya lembut dan warnanya sama persis dengan foto.',
  'The train to Bandung departs every hour from Gambir station between 05:00 and 21:00.',
  'Kereta ke Bandung berangkat setiap jam dari Stasiun Gambir antara pukul 05.00 dan 21.00.',
  'Interest on the savings account is calculated daily and credited at the end of each month.',
  'Bunga tabungan dihitung harian dan dikreditkan setiap akhir bulan.',
  'To reset the router, hold the button on the back for ten seconds until the light blinks.',
  'Untuk mereset router, tekan tombol di belakang selama sepuluh detik sampai lampunya berkedip.',
  'The museum offers free entry for children under twelve on the first Sunday of the month.',
  'Museum gratis untuk anak di bawah dua belas tahun setiap Minggu pertama setiap bulan.',
  'Customers reported that the delivery driver was friendly and arrived earlier than expected.',
  'Pelanggan melaporkan kurirnya ramah dan datang lebih cepat dari perkiraan.',
  'The library extends its opening hours during the exam period, closing at midnight from Monday to Thursday.',
  'Perpustakaan memperpanjang jam buka selama masa ujian, tutup tengah malam dari Senin sampai Kamis.',
  'Our support team replies within one business day; urgent outages are handled by the on-call engineer.',
  'Tim dukungan kami membalas dalam satu hari kerja; gangguan mendesak ditangani teknisi piket.',
  'The new tariff applies to all postpaid plans from the first of next month.',
  'Tarif baru berlaku untuk semua paket pascabayar mulai tanggal satu bulan depan.',
  'Patients must fast for eight hours before the blood test; water is allowed.',
  'Pasien wajib puasa delapan jam sebelum tes darah; boleh minum air putih.',
  'The warranty covers manufacturing defects for two years but not accidental damage.',
  'Garansi mencakup cacat produksi selama dua tahun tetapi tidak termasuk kerusakan karena kelalaian.',
  'Volunteers will meet at the harbour at six to clean the beach before the festival.',
  'Relawan berkumpul di pelabuhan pukul enam untuk membersihkan pantai sebelum festival.',
  'The committee approved the budget after removing the travel allowance for the second quarter.',
  'Panitia menyetujui anggaran setelah menghapus tunjangan perjalanan untuk kuartal kedua.',
  'Add two cups of water, bring it to a boil, then let the rice simmer for fifteen minutes.',
  'Tambahkan dua gelas air, didihkan, lalu biarkan nasi matang dengan api kecil selama lima belas menit.',
  'Passengers with connecting flights should proceed directly to the transfer desk on level two.',
  'Penumpang transit langsung menuju meja transfer di lantai dua.',
  'The quarterly newsletter highlights three new branches and a partnership with a local university.',
  'Buletin triwulan ini menyoroti tiga cabang baru dan kerja sama dengan universitas setempat.',
  'To cancel an order, open the order history, choose the item and tap "Cancel order" before it ships.',
  'Untuk membatalkan pesanan, buka riwayat pesanan, pilih barangnya, lalu ketuk "Batalkan" sebelum dikirim.',
  'Rain is expected in the afternoon, so the outdoor concert has been moved to the main hall.',
  'Hujan diperkirakan turun sore hari, jadi konser di luar ruangan dipindah ke aula utama.',
  'The app now supports QRIS payments and shows a receipt right after the transfer.',
  'Aplikasi sekarang mendukung pembayaran QRIS dan langsung menampilkan bukti setelah transfer.',
  'Employees can claim up to three days of paid leave for family events each year.',
  'Karyawan dapat mengambil hingga tiga hari cuti berbayar untuk acara keluarga setiap tahun.',
];
