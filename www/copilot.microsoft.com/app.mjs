// The simulated copilot.microsoft.com: a <textarea id="userInput"> tracked from input events (React), a
// "Submit message" button disabled while it is empty, and the user's turns as data-content="user-message".
import { onSubmit, page, record, trackedTextarea } from '../lib/target-sim.mjs';

page({
  title: 'Microsoft Copilot: Your AI companion',
  colours: ['#f6f3ee', '#1b1b1b'],
  composer: `<form id="chat"><textarea id="userInput" data-testid="composer-input" rows="2" placeholder="Message Copilot"></textarea>
    <button type="submit" data-testid="submit-button" aria-label="Submit message" title="Submit message" disabled>&#8593;</button></form>`,
});
const form = document.getElementById('chat');
const input = document.getElementById('userInput');
const button = form.querySelector('button[type="submit"]');
const composer = trackedTextarea(input, (text) => (button.disabled = text.trim() === ''));
onSubmit(form, composer, (text) => {
  const turn = document.createElement('div');
  turn.dataset.content = 'user-message';
  turn.textContent = text;
  document.getElementById('thread').append(turn);
  return record('/c/api/conversations', text);
});
window.__sim = { text: () => input.value, tracked: composer.text };
