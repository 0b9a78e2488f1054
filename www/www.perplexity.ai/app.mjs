// The simulated www.perplexity.ai, on the captured markup (tests/fixtures/real/perplexity/: Feb and Apr 2026):
// a real Lexical rich-text composer `div#ask-input[contenteditable][role=textbox][data-lexical-editor]` inside
// `[data-ask-input-container]`, the placeholder as its aria-hidden sibling, and `button[type=button]
// [aria-label=Submit]` (arrow-up icon) disabled while the composer is empty. The question, once asked, heads
// the thread as `h1.group/query`. Mode 'ja' labels the buttons in Japanese, as the site does for a
// Japanese UI (the label follows the user's language; Reroute must not need the English word).
import { $createParagraphNode, $getRoot, createEditor } from 'lexical';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { mode, page, record } from '../lib/target-sim.mjs';

const LABELS = mode === 'ja'
  ? { submit: '送信', attach: 'ファイルまたはツールを追加', model: 'モデル', dictation: '音声入力', placeholder: 'フォローアップを質問' }
  : { submit: 'Submit', attach: 'Add files or tools', model: 'Model', dictation: 'Dictation', placeholder: 'Ask a follow-up' };
if (mode === 'ja') document.documentElement.lang = 'ja';

// Markup only (no page or user text): the labels above are fixed strings.
const icon = (name) => `<svg role="img" class="inline-flex fill-current shrink-0" width="16" height="16" stroke-width="1.75"><use xlink:href="#pplx-icon-${name}"></use></svg>`;
page({
  title: 'Perplexity',
  colours: ['#fcfcf9', '#13343b'],
  composer: `<div class="relative"><div class="bg-base rounded-2xl" data-ask-input-container="true"><span class="grow block"><div class="relative rounded-2xl">
    <div class="composer bg-raised w-full outline-none flex items-center border rounded-2xl px-0 pt-3 pb-3 grid">
      <div class="px-3 grid-rows-1fr-auto grid grid-cols-[1fr_auto]">
        <div class="overflow-hidden relative flex h-full col-start-1 col-end-3 pb-2 ml-2 mt-1"><div class="w-full" style="min-height: 1.5em">
          <div class="overflow-auto outline-none font-sans resize-none caret-super" contenteditable="true" id="ask-input" role="textbox"
            spellcheck="true" aria-placeholder="${LABELS.placeholder}" data-lexical-editor="true"
            style="user-select: text; white-space: pre-wrap; word-break: break-word;"></div>
          <div aria-hidden="true"><div class="absolute inset-0 pointer-events-none select-none text-quieter" id="placeholder">${LABELS.placeholder}</div></div>
        </div></div>
        <div class="gap-sm flex overflow-hidden min-w-0 col-start-1 row-start-2"><div class="gap-sm flex items-center overflow-hidden min-w-0">
          <input multiple type="file" style="display: none"><button aria-expanded="false" aria-haspopup="menu" data-state="closed" aria-label="${LABELS.attach}" type="button" class="reset interactable">${icon('custom-plus-large')}</button>
        </div></div>
        <div class="flex items-center justify-self-end gap-sm col-start-2 row-start-2">
          <div class="inline-flex -mr-sm"><button aria-expanded="false" aria-haspopup="menu" data-state="closed" aria-label="${LABELS.model}" type="button" class="reset interactable">${icon('chevron-down')}</button></div>
          <div class="relative"><button aria-label="${LABELS.dictation}" data-state="closed" type="button" class="reset interactable">${icon('microphone')}</button></div>
          <button disabled aria-label="${LABELS.submit}" type="button" class="reset interactable pointer-events-none select-none">${icon('arrow-up')}</button>
        </div>
      </div>
    </div>
  </div></span></div></div>`,
});
const input = document.getElementById('ask-input');
const submit = input.closest('[data-ask-input-container]').querySelector('button:has(use[*|href="#pplx-icon-arrow-up"])');
const editor = createEditor({ namespace: 'ask', nodes: [HeadingNode, QuoteNode], onError: (error) => console.error(error) });
editor.setRootElement(input);
registerRichText(editor);

// One line per paragraph (Lexical's own root text puts a blank line between blocks).
const text = () => editor.getEditorState().read(() => $getRoot().getChildren().map((block) => block.getTextContent()).join('\n'));
editor.registerUpdateListener(() => {
  const empty = text().trim() === '';
  submit.disabled = empty;
  submit.classList.toggle('pointer-events-none', empty);
  document.getElementById('placeholder').hidden = text() !== '';
});

/** The question as the captures show it: `h1.group/query` > div > span, its text exactly as asked. */
function questionHeading(question) {
  const heading = document.createElement('h1');
  heading.className = 'group/query relative whitespace-pre-line break-words font-sans text-base text-foreground';
  const bubble = document.createElement('div');
  bubble.className = 'min-w-[48px] select-none p-3 bg-subtle rounded-2xl flex items-center justify-center';
  const span = document.createElement('span');
  span.className = 'min-w-0 font-sans text-base text-foreground font-normal select-text break-words';
  span.textContent = question;
  bubble.append(span);
  heading.append(bubble);
  return heading;
}

async function ask() {
  const question = text();
  if (submit.disabled || !question.trim()) return;
  document.getElementById('thread').append(questionHeading(question));
  editor.update(() => $getRoot().clear().append($createParagraphNode()));
  await record('/rest/sse/perplexity_ask', question);
  const answer = document.createElement('div');
  answer.textContent = mode === 'error' ? 'Something went wrong. Please try again later.' : 'Here is what I found.';
  document.getElementById('thread').append(answer);
}
submit.addEventListener('click', ask);
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    ask();
  }
});
window.__sim = { text };
