// The simulated gemini.google.com: a real Quill composer inside <rich-textarea> (PAGE-MODEL), a send button that
// starts disabled, no URL prefill, and the site's own failure texts. Submissions are POSTed to the server,
// which records them byte for byte for the tests.
import Quill from 'quill';

const mode = document.querySelector('meta[name="sim-mode"]').content;
const conversation = document.getElementById('conversation');
const slot = document.getElementById('input-slot');
let quill;
let send;

/** Quill keeps a trailing newline after the last line; what the user wrote is everything before it. */
const text = () => quill.getText().replace(/\n$/, '');

function mountComposer() {
  const area = document.createElement('div');
  area.className = 'input-area';
  const rich = document.createElement('rich-textarea');
  const editor = document.createElement('div');
  rich.append(editor);
  send = document.createElement('button');
  send.type = 'button';
  send.className = 'send-button';
  send.setAttribute('aria-label', 'Send message');
  send.textContent = '\u27a4';
  area.append(rich, send);
  slot.replaceChildren(area);
  quill = new Quill(editor, { formats: [], placeholder: 'Ask Gemini', modules: { toolbar: false } });
  quill.root.setAttribute('role', 'textbox');
  quill.root.setAttribute('aria-label', 'Enter a prompt for Gemini');
  quill.keyboard.addBinding({ key: 'Enter', shiftKey: false }, () => (submit(), false));
  quill.on('text-change', updateSend);
  send.addEventListener('click', () => submit());
  updateSend();
}

function updateSend() {
  send.disabled = mode === 'no-send' || text().trim() === '';
}

async function submit() {
  const prompt = text();
  if (send.disabled || !prompt.trim()) return;
  const query = document.createElement('user-query');
  query.textContent = prompt;
  conversation.append(query);
  quill.setText('');
  await fetch('/_/BardChatUi/data/StreamGenerate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: prompt }) });
  const response = document.createElement('model-response');
  const content = document.createElement('message-content');
  if (mode === 'error') {
    content.className = 'error';
    content.textContent = 'Something went wrong (13)';
  } else {
    content.textContent = 'Here is what I found.';
  }
  response.append(content);
  conversation.append(response);
}

if (mode === 'broken') {
  // The page never shows a composer (a redesign Reroute's selectors don't know yet).
} else if (mode === 'login') {
  slot.innerHTML = '<p>Sign in to start chatting with Gemini</p><a href="https://accounts.google.com/ServiceLogin">Sign in</a>';
} else if (mode === 'slow') {
  setTimeout(mountComposer, 3000);
} else {
  mountComposer();
}
window.__sim = { text: () => text() };
