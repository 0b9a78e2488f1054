// The simulated grok.com: a TipTap/ProseMirror composer (div.tiptap.ProseMirror), a "Submit" button disabled
// while it is empty, and the user's bubbles on the right (.items-end .message-bubble). Signed out, it shows
// the X sign-in link instead of a composer.
import { mode, onSubmit, page, proseMirror, record } from '../lib/target-sim.mjs';

page({
  title: 'Grok',
  colours: ['#0e0e0e', '#f3f3f3'],
  composer:
    mode === 'login'
      ? '<a href="https://x.com/i/flow/login">Sign in with X</a>'
      : '<form id="chat"><div id="editor"></div><button type="submit" aria-label="Submit" disabled>&#8593;</button></form>',
});
if (mode !== 'login') {
  const form = document.getElementById('chat');
  const button = form.querySelector('button[type="submit"]');
  const composer = proseMirror(document.getElementById('editor'), {
    attributes: { class: 'tiptap ProseMirror', role: 'textbox', 'aria-label': 'Ask Grok anything' },
    onEnter: () => form.requestSubmit(),
    onChange: (text) => (button.disabled = text.trim() === ''),
  });
  onSubmit(form, composer, (text) => {
    const row = document.createElement('div');
    row.className = 'items-end';
    const bubble = document.createElement('div');
    bubble.className = 'message-bubble';
    bubble.textContent = text;
    row.append(bubble);
    document.getElementById('thread').append(row);
    return record('/rest/app-chat/conversations/new', text);
  });
  window.__sim = { text: composer.text };
}
