/**
 * The text the test tokenizer learns its merges from: English and Bahasa Indonesia, chat turns, JSON tool calls
 * and numbers, so common words in tests and prompts become single tokens. Written for this project.
 */
export const CORPUS = `The gateway receives a request, checks the key, applies the limits and sends the prompt to the model.
The model answers with a stream of tokens. Each token is a small piece of text: a word, part of a word, a space or a sign.
When the answer is complete, the gateway records how many tokens were used and what they would have cost.

What is the weather in Jakarta today? It is hot and humid, with a chance of rain in the afternoon.
What is the weather in Surabaya? The weather in Bandung is cooler because the city is in the mountains.
Please tell me the time in Jakarta. The time is ten past three in the afternoon.

Hello! How are you? I am fine, thank you. How can I help you today?
Can you help me write a short summary of this document? Of course. Here is a short summary of the document.
Let me think about it. First, we need to find the numbers. Then we add them together. The answer is 42.
Let me think step by step. The question asks for the sum of two numbers, so I will add them.
I think the answer is correct, but let me check it again to be sure.

Selamat pagi! Apa kabar? Saya baik, terima kasih. Ada yang bisa saya bantu hari ini?
Bagaimana cuaca di Jakarta hari ini? Cuaca di Jakarta panas dan lembap, dan mungkin hujan pada sore hari.
Saya ingin memesan makanan. Nasi goreng dan es teh manis, satu porsi saja. Terima kasih banyak.
Tolong bantu saya membuat ringkasan dokumen ini. Tentu, berikut ringkasan singkat dari dokumen tersebut.
Data pribadi nasabah harus dilindungi. Nomor induk kependudukan, nomor telepon dan alamat tidak boleh dikirim
ke luar negeri tanpa izin. Perusahaan harus menjaga keamanan data dan mencatat siapa yang mengaksesnya.
Model bahasa ini berjalan di server milik kita sendiri, sehingga data tidak pernah meninggalkan gedung.
Rumah sakit, bank dan kantor pemerintah membutuhkan sistem yang aman, cepat dan murah.
Saya sedang belajar bahasa Indonesia. Bahasa Indonesia tidak terlalu sulit, tetapi saya harus banyak berlatih.
Kami akan pergi ke Bandung besok pagi dan kembali ke Jakarta pada hari Minggu.
Harga beras naik lagi bulan ini. Pemerintah berencana menurunkan harga dengan menambah pasokan.

The user asked: "Can you call the weather tool for Jakarta?" The assistant called the tool and waited for the result.
{"name": "get_weather", "arguments": {"city": "Jakarta", "unit": "celsius"}}
{"name": "get_time", "arguments": {"timezone": "Asia/Jakarta"}}
{"name": "search", "arguments": {"query": "harga beras hari ini", "limit": 5}}
{"temperature": 31, "condition": "cloudy", "humidity": 78, "city": "Jakarta"}
{"type": "function", "function": {"name": "get_weather", "description": "Get the current weather in a city",
"parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}

def add(first, second):
    return first + second

function add(first, second) {
  return first + second;
}

const result = await fetch("http://localhost:8080/v1/chat/completions", { method: "POST" });
if (result.status !== 200) throw new Error("request failed");

Numbers: 0 1 2 3 4 5 6 7 8 9 10 12 16 24 32 42 64 100 128 256 512 1000 1024 2024 2025 3.14 0.5 1.5 99.9
Dates: 17 Agustus 1945, 1 January 2025, 26 July 2024. Prices: Rp 15.000, Rp 250.000, $12.50, 7% per year.

The quick brown fox jumps over the lazy dog. A small model runs fast; a large model knows more.
People often ask which model is best. The answer depends on the task, the budget and the hardware.
We measured the latency, the throughput and the cost of every model on our own tasks.
The results show that the open model is as good as the proprietary one on most of the tasks we tested.
This is important for teams that must keep their data inside the country and inside the building.

Indonesia adalah negara kepulauan terbesar di dunia, dengan lebih dari tujuh belas ribu pulau.
Ibu kota Indonesia adalah Jakarta. Bahasa resmi negara ini adalah bahasa Indonesia.
Di pasar tradisional, orang menjual sayur, buah, ikan, daging, beras dan bumbu dapur setiap pagi.
Anak-anak pergi ke sekolah pada pagi hari dan pulang pada siang hari. Mereka belajar membaca, menulis dan berhitung.
Saya suka makan sate ayam, rendang, gado-gado dan soto. Makanan Indonesia kaya akan rempah.
Apakah kamu sudah makan? Belum, saya belum makan. Mari kita makan bersama di warung dekat kantor.
Terima kasih atas bantuan Anda. Sama-sama, senang bisa membantu. Sampai jumpa lagi besok!

Thank you for your help. You are welcome, I am glad I could help. See you again tomorrow!
The system prompt says: you are a helpful assistant. Answer in the language of the user.
If the question is unclear, ask the user what they mean before you answer.
`;
