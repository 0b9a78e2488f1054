// The simulated grok.com, on the captured markup (tests/fixtures/real/grok/): a Tiptap (ProseMirror) composer
// `div.tiptap.ProseMirror[contenteditable][translate=no]` in `form .query-bar`, and `button[type=submit]
// [aria-label=Submit]` that is disabled and inside `div.hidden` while the composer is empty (the voice button
// stands there instead). The page ends with the invisible autosize twin `textarea[aria-hidden][tabindex=-1]`
// (height 0, visibility hidden) that a careless selector would pick. The user's turns are right-aligned rows
// `div#response-{id}.items-end` > `.message-bubble`.
// Signed in ('ok'), the editor has role=textbox and an aria-label (the July 2026 fragment). Signed out
// ('login', the April 2026 capture) it has neither, the header shows Sign in / Sign up, and the composer
// still works: signed-out visitors can chat.
import { mode, onSubmit, page, proseMirror, record } from '../lib/target-sim.mjs';

const signedOut = mode === 'login';
// Tailwind's `hidden` is display:none: the submit button isn't rendered while the composer is empty.
document.head.append(Object.assign(document.createElement('style'), { textContent: '.hidden { display: none; }' }));
// Markup only: fixed strings, no page or user text.
page({
  title: 'Grok',
  colours: ['#0e0e0e', '#f3f3f3'],
  composer: `${signedOut ? '<div class="flex gap-2"><a data-slot="button" type="button" href="/sign-in">Sign in</a><a data-slot="button" type="button" href="/sign-up">Sign up</a></div>' : ''}
    <div class="relative w-full px-gutter pb-2 mb-3"><div>
      <form class="w-full text-base flex flex-col gap-2 items-center justify-center relative z-10">
        <div class="flex flex-col gap-0 justify-center w-full relative items-center">
          <input class="hidden" multiple type="file" name="files">
          <div class="query-bar group z-20 relative w-full overflow-hidden">
            <div class="ps-11 pe-[138px]">
              <div class="relative z-10"><div class="relative min-h-[60px]"><div dir="ltr" id="editor"></div></div></div>
              <div class="flex absolute inset-x-0 bottom-0 border-2 border-transparent max-w-full p-2">
                <div class="grow flex items-center gap-1.5">
                  <div class="flex items-center"><button type="button" aria-label="Attach" tabindex="0" aria-haspopup="menu" aria-expanded="false" data-state="closed">+</button></div>
                  <div class="ms-auto flex flex-row items-end gap-0.5">
                    <div class="z-20" data-query-bar-mode-select="true"><button type="button" id="model-select-trigger" aria-label="Model select" aria-haspopup="menu" aria-expanded="false" data-state="closed">Auto</button></div>
                    <div class="h-10 rounded-full shrink-0 me-1 relative flex items-center"><div><button type="button" aria-label="Dictation (Ctrl+D)" data-state="closed">mic</button></div></div>
                    <button class="group flex flex-col justify-center rounded-full" aria-label="Enter voice mode (Ctrl+⇧O)" data-state="closed" tabindex="0" id="voice">voice</button>
                    <div class="hidden" id="submit-slot"><button class="group flex flex-col justify-center rounded-full" type="submit" aria-label="Submit" disabled>&#8593;</button></div>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
      </form>
    </div></div>`,
});
// The autosize twin at the end of <body>, exactly as captured (it holds a copy of the text, never the editor).
const twin = document.createElement('textarea');
twin.tabIndex = -1;
twin.setAttribute('aria-hidden', 'true');
twin.setAttribute(
  'style',
  'min-height: 0px !important; max-height: none !important; height: 0px !important; visibility: hidden !important; overflow: hidden !important; position: absolute !important; z-index: -1000 !important; top: 0px !important; right: 0px !important; display: block !important; border-width: 0px; box-sizing: border-box;',
);
document.body.append(twin);
// Anything but the page itself touching the twin (a focus, an input event) is recorded for the tests.
let twinTouched = false;
for (const type of ['focus', 'input', 'paste']) twin.addEventListener(type, () => (twinTouched = true));

const form = document.querySelector('form');
const button = form.querySelector('button[type="submit"]');
const slot = document.getElementById('submit-slot');
const voice = document.getElementById('voice');
const attributes = {
  class: 'tiptap ProseMirror w-full px-2 bg-transparent focus:outline-none text-primary align-bottom max-h-[400px] overflow-y-auto',
  translate: 'no',
  tabindex: '0',
  ...(signedOut ? {} : { role: 'textbox', 'aria-label': 'Ask Grok anything', 'aria-multiline': 'true' }),
};
const composer = proseMirror(document.getElementById('editor'), {
  attributes,
  onEnter: () => form.requestSubmit(),
  onChange: (text) => {
    const empty = text.trim() === '';
    button.disabled = empty;
    slot.classList.toggle('hidden', empty);
    voice.hidden = !empty;
    twin.value = text;
  },
});
onSubmit(form, composer, (text) => {
  const row = document.createElement('div');
  row.className = 'relative group flex flex-col justify-center w-full pb-0.5 items-end';
  row.id = `response-${crypto.randomUUID()}`;
  const bubble = document.createElement('div');
  bubble.dir = 'auto';
  bubble.className = 'message-bubble relative rounded-3xl text-primary min-h-7 prose break-words';
  bubble.textContent = text;
  row.append(bubble);
  document.getElementById('thread').append(row);
  return record('/rest/app-chat/conversations/new', text);
});
window.__sim = { text: composer.text, twinTouched: () => twinTouched };
