// The simulated chat.mistral.ai (Le Chat): a ProseMirror composer (TipTap's markup), a "Send question" submit
// button disabled while it is empty, and the user's turns marked with data-message-author-role.
import { mode, onSubmit, page, proseMirror, record } from '../lib/target-sim.mjs';

page({
  title: 'Le Chat - Mistral AI',
  colours: ['#fffaf5', '#1a1a1a'],
  composer:
    mode === 'login'
      ? '<a href="/login">Log in to chat</a>'
      : '<form id="chat"><div id="editor"></div><button type="submit" aria-label="Send question" disabled>&#8593;</button></form>',
});
if (mode !== 'login') {
  const form = document.getElementById('chat');
  const button = form.querySelector('button[type="submit"]');
  const composer = proseMirror(document.getElementById('editor'), {
    attributes: { class: 'ProseMirror', 'data-placeholder': 'Ask le Chat', role: 'textbox', 'aria-label': 'Ask le Chat' },
    onEnter: () => form.requestSubmit(),
    onChange: (text) => (button.disabled = text.trim() === ''),
  });
  onSubmit(form, composer, (text) => {
    const turn = document.createElement('div');
    turn.dataset.messageAuthorRole = 'user';
    turn.textContent = text;
    document.getElementById('thread').append(turn);
    return record('/api/chat', text);
  });
  window.__sim = { text: composer.text };
}
