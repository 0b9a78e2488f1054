// Generated prompts for the byte-exact delivery suite: seeded, so a failure names a prompt that can be
// regenerated. Every prompt mixes the things editors get wrong: blank lines, leading spaces, tabs, code fences,
// emoji with ZWJ sequences, right-to-left and mixed scripts, HTML-looking text, trailing whitespace.

/** mulberry32: small, fast, good enough to pick segments. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEGMENTS = [
  () => 'Summarise the following in three bullet points.',
  () => '',
  () => '',
  () => '    indented with four spaces',
  () => '\ttab-indented\tand a tab inside',
  () => '```rust\nfn main() {\n    println!("{}", 1 + 1);\n}\n```',
  () => '```\n<div class="x">literal markup</div>\n```',
  () => '- a list item\n- another\n  - nested with two spaces',
  () => '1. first\n2. second',
  () => '# Heading as typed\n> a quote as typed',
  () => 'Emoji with ZWJ: 👩‍👩‍👧‍👦 👨🏽‍💻 🏳️‍🌈 🇯🇵 ❤️‍🔥',
  () => 'עברית: שלום עולם, and English in one line',
  () => 'العربية: مرحبا بالعالم 123',
  () => '中文、日本語のテキスト、한국어 문장',
  () => 'Русский текст и हिन्दी पाठ',
  () => 'Combining: e\u0301 a\u0308 n\u0303',
  () => '<img src=x onerror=alert(1)>',
  () => '<script>alert("xss")</script> &amp; &lt;b&gt;',
  () => '**bold** _italic_ `code` [link](https://example.com)',
  () => 'trailing spaces   ',
  () => 'trailing tab\t',
  () => 'two  spaces  between  words',
  () => '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
  () => 'A long line: ' + 'lorem ipsum dolor sit amet '.repeat(40),
];

/** `count` prompts; those at `hugeAt` are 100,000 characters long. */
export function generatePrompts(count, { seed = 20261122, hugeAt = [] } = {}) {
  const next = random(seed);
  const prompts = [];
  for (let i = 0; i < count; i++) {
    const lines = [];
    const segments = 1 + Math.floor(next() * 8);
    for (let s = 0; s < segments; s++) lines.push(SEGMENTS[Math.floor(next() * SEGMENTS.length)]());
    let prompt = lines.join('\n');
    if (hugeAt.includes(i)) {
      const block = `${prompt}\n\n`;
      prompt = block.repeat(Math.ceil(100_000 / block.length)).slice(0, 100_000);
    }
    // A prompt is something to send: never only whitespace.
    if (!prompt.trim()) prompt = `Question ${i}?`;
    prompts.push(prompt);
  }
  return prompts;
}
