// The simulated gemini.google.com, on the markup of the captures in tests/fixtures/real/gemini/: Quill 1.3.7
// (what the captures' `div.ql-clipboard` beside the editor shows the site runs) mounted on
// `rich-textarea.ql-container` inside `input-area-v2`, the editor `div.ql-editor.textarea.new-input-ui
// [role=textbox][aria-multiline=true]` with a localised aria-label, and the send button
// `div.send-button-container.disabled > button.send-button.submit[aria-disabled=true]` while empty (aria-disabled,
// never `disabled`). Submissions are POSTed to the server, which records them byte for byte for the tests.
//
// Modes (the server's TARGET_MODES): ok, slow, login, broken, error ("Something went wrong (13)"), error-screen
// (that text in place of the app, no composer), no-send (the
// send button stays aria-disabled), late-send (it is enabled 2 s after the text), ja (the captures' Japanese UI),
// shadow (a grammar checker makes rich-textarea a closed shadow host with its children slotted, as QuillBot
// does in both captures), twin (a hidden composer of the same markup, as a Gem-editing panel has, comes first
// in the page: it matches every composer selector).
import Quill from 'quill';

const mode = document.querySelector('meta[name="sim-mode"]').content;
const conversation = document.getElementById('conversation');
const slot = document.getElementById('input-slot');
const loadedUrl = location.href;
let shadowed = false;
let quill;
let send;
let sendAllowedAt = null;
let lateTimer;

// The labels as captured: Japanese in the Jan/Feb 2026 captures, English in the July 2026 fragment.
const WORDS =
  mode === 'ja'
    ? { lang: 'ja', prompt: 'Gemini へのプロンプトを入力', placeholder: 'Gemini 3 に相談', send: 'プロンプトを送信', mic: 'マイク', upload: '[ファイルをアップロード] メニューを開く', you: 'あなたのプロンプト', answer: 'Gemini の回答' }
    : { lang: 'en', prompt: 'Enter a prompt for Gemini', placeholder: 'Ask Gemini', send: 'Send message', mic: 'Microphone', upload: 'Open upload file menu', you: 'You said', answer: 'Gemini said' };
document.documentElement.lang = WORDS.lang;

/** Quill keeps a trailing newline after the last line; what the user wrote is everything before it. */
const text = () => quill.getText().replace(/\n$/, '');

const el = (tag, attributes = {}, ...children) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
};

function mountComposer() {
  // fieldset.input-area-container > input-area-v2 > div.input-area > div.text-input-field > … > rich-textarea
  const rich = el('rich-textarea', {
    atmentions: '',
    class: 'text-input-field_textarea ql-container ql-bubble ng-untouched ng-valid ng-pristine',
    enterkeyhint: 'send',
    dir: 'ltr',
    style: '--textarea-max-rows: 7',
  });
  const inner = el('div', { class: 'text-input-field_textarea-inner' }, rich);
  const main = el('div', { class: 'text-input-field-main-area' }, inner);
  const wrapper = el('div', { class: 'text-input-field_textarea-wrapper' }, main);
  const upload = el('button', { 'mat-icon-button': '', 'aria-haspopup': 'menu', 'aria-controls': 'upload-file-menu', class: 'mdc-icon-button mat-mdc-icon-button upload-card-button', 'aria-label': WORDS.upload, 'aria-expanded': 'false' }, '+');
  const leading = el('div', { class: 'leading-actions-wrapper ui-ready-fade-in has-model-picker' }, el('div', { class: 'uploader-button-container' }, el('uploader', { class: 'upload-button' }, upload)));
  const mic = el('button', { 'data-node-type': 'speech_dictation_mic_button', 'mat-icon-button': '', 'aria-label': WORDS.mic, class: 'mdc-icon-button mat-mdc-icon-button speech_dictation_mic_button', 'aria-pressed': 'false' }, '\u{1F3A4}');
  send = el('button', {
    'mat-icon-button': '',
    class: 'mdc-icon-button mat-mdc-icon-button mat-mdc-button-base send-button mat-unthemed submit',
    'aria-label': WORDS.send,
    'aria-disabled': 'true',
    tabindex: '-1',
  }, el('mat-icon', { role: 'img', class: 'mat-icon notranslate send-button-icon', 'aria-hidden': 'true', 'data-mat-icon-name': 'send', fonticon: 'send' }, '\u27a4'));
  const sendContainer = el('div', { class: 'mat-mdc-tooltip-trigger send-button-container inner disabled' }, send);
  const bottom = el('div', { class: 'input-buttons-wrapper-bottom' }, el('div', { class: 'mic-button-container' }, el('speech-dictation-mic-button', { class: 'speech-dictation-mic-button' }, mic)), sendContainer);
  const trailing = el('div', { class: 'trailing-actions-wrapper ui-ready-fade-in' }, bottom);
  const field = el('div', { xapfileselectordropzone: '', class: 'text-input-field with-toolbox-drawer' }, wrapper, leading, trailing);
  const area = el('div', { uireadyparent: '', 'data-node-type': 'input-area', class: 'input-area with-toolbox-drawer children-ready' }, field);
  const inputArea = el('input-area-v2', { class: 'ui-improvements-phase-1 with-toolbox-drawer input-box-shadow' }, area);
  slot.replaceChildren(el('fieldset', { class: 'input-area-container' }, inputArea));
  if (mode === 'twin') {
    const hidden = el('rich-textarea', { class: 'ql-container', style: 'display: none' },
      el('div', { class: 'ql-editor textarea new-input-ui ql-blank', contenteditable: 'true', role: 'textbox', 'aria-multiline': 'true', 'aria-label': WORDS.prompt }, el('p', {}, el('br'))));
    slot.prepend(hidden);
  }

  if (mode === 'shadow') {
    // QuillBot's overlay, as in both captures: rich-textarea becomes a closed shadow host; the editor and
    // Quill's clipboard stay in the light DOM, slotted.
    const root = rich.attachShadow({ mode: 'closed' });
    const highlighter = el('qb-highlighter', { contenteditable: 'false', style: 'display: none' });
    root.append(highlighter, el('slot', { style: 'display: contents' }));
    shadowed = true;
  }

  // Quill 1 makes rich-textarea its container: it adds div.ql-editor and its own div.ql-clipboard
  // [contenteditable=true][tabindex=-1] inside, as the captures show.
  quill = new Quill(rich, {
    placeholder: WORDS.placeholder,
    modules: {
      toolbar: false,
      // Enter sends, Shift+Enter makes a new line (a binding from the options runs before Quill's own Enter).
      keyboard: { bindings: { send: { key: 13, shiftKey: false, handler: () => (submit(), false) } } },
    },
  });
  quill.root.classList.add('textarea', 'new-input-ui');
  quill.root.setAttribute('data-gramm', 'false');
  quill.root.setAttribute('role', 'textbox');
  quill.root.setAttribute('aria-multiline', 'true');
  quill.root.setAttribute('aria-label', WORDS.prompt);
  quill.on('text-change', updateSend);
  send.addEventListener('click', () => submit());
  updateSend();
}

/** The send button is aria-disabled (and its container .disabled) while there is nothing to send. */
function updateSend() {
  const hasText = text().trim() !== '';
  if (!hasText) sendAllowedAt = null;
  else if (sendAllowedAt === null) {
    sendAllowedAt = Date.now() + (mode === 'late-send' ? 2000 : 0);
    if (mode === 'late-send') {
      clearTimeout(lateTimer);
      lateTimer = setTimeout(updateSend, 2000);
    }
  }
  const enabled = hasText && mode !== 'no-send' && Date.now() >= sendAllowedAt;
  send.setAttribute('aria-disabled', String(!enabled));
  send.tabIndex = enabled ? 0 : -1;
  send.parentElement.classList.toggle('disabled', !enabled);
}

let turns = 0;
async function submit() {
  const prompt = text();
  if (send.getAttribute('aria-disabled') === 'true' || !prompt.trim()) return;
  const id = turns++;
  // user-query > … > div.query-text[role=heading] > p.query-text-line, one per line (Jan/Feb 2026 captures).
  const heading = el('div', { role: 'heading', 'aria-level': '2', class: 'query-text gds-body-l', dir: 'ltr' }, el('span', { class: 'cdk-visually-hidden' }, WORDS.you));
  for (const line of prompt.split('\n')) heading.append(el('p', { class: 'query-text-line' }, line));
  const query = el('user-query', {},
    el('span', { class: 'user-query-container' },
      el('user-query-content', { class: 'user-query-container' },
        el('div', { class: 'user-query-container' },
          el('div', { class: 'query-content', id: `user-query-content-${id}` },
            el('span', { class: 'user-query-bubble-with-background' }, el('span', { class: 'horizontal-container' }, heading)))))));
  const container = el('div', { class: 'conversation-container message-actions-hover-boundary', id: `c${id}` }, query);
  conversation.append(container);
  quill.setText('');
  await fetch('/_/BardChatUi/data/StreamGenerate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: prompt }) });
  const body = el('div', { class: 'markdown markdown-main-panel', 'aria-live': 'off', 'aria-busy': 'false', dir: 'ltr' });
  if (mode === 'error') {
    body.classList.add('error');
    body.textContent = 'Something went wrong (13)';
  } else {
    body.append(el('p', {}, mode === 'ja' ? 'はい' : 'Here is what I found.'));
  }
  const content = el('message-content', { id: `message-content-id-r_${id}` }, body);
  const response = el('model-response', {},
    el('div', {},
      el('response-container', {},
        el('h2', { class: 'cdk-visually-hidden' }, WORDS.answer),
        el('structured-content-container', { class: 'model-response-text' }, el('div', { class: 'container' }, content)))));
  container.append(response);
}

if (mode === 'broken') {
  // The page never shows a composer (a redesign Reroute's selectors don't know yet).
} else if (mode === 'login') {
  slot.innerHTML = '<p>Sign in to start chatting with Gemini</p><a href="https://accounts.google.com/ServiceLogin">Sign in</a>';
} else if (mode === 'slow') {
  setTimeout(mountComposer, 3000);
} else if (mode === 'error-screen') {
  // The site's own error in place of the app: no composer, its failure text.
  slot.innerHTML = '<p role="alert">Something went wrong (500). Please try again later.</p>';
} else {
  mountComposer();
}
window.__sim = { text: () => (quill ? text() : ''), loadedUrl, get shadowed() { return shadowed; } };
