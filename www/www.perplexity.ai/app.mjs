// The simulated www.perplexity.ai: a real Lexical rich-text composer (div#ask-input, data-lexical-editor), a
// submit button disabled while it is empty, and the question shown as the thread's heading once asked.
import { $createParagraphNode, $getRoot, createEditor } from 'lexical';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { mode, page, record } from '../lib/target-sim.mjs';

page({
  title: 'Perplexity',
  colours: ['#fcfcf9', '#13343b'],
  composer: `<div class="composer"><div id="ask-input" contenteditable="true" role="textbox" aria-label="Ask anything…"></div>
    <button type="button" data-testid="submit-button" aria-label="Submit" disabled>&#8594;</button></div>`,
});
const input = document.getElementById('ask-input');
const submit = document.querySelector('button[data-testid="submit-button"]');
const editor = createEditor({ namespace: 'ask', nodes: [HeadingNode, QuoteNode], onError: (error) => console.error(error) });
editor.setRootElement(input);
registerRichText(editor);

// One line per paragraph (Lexical's own root text puts a blank line between blocks).
const text = () => editor.getEditorState().read(() => $getRoot().getChildren().map((block) => block.getTextContent()).join('\n'));
editor.registerUpdateListener(() => (submit.disabled = text().trim() === ''));

async function ask() {
  const question = text();
  if (submit.disabled || !question.trim()) return;
  const heading = document.createElement('h2');
  heading.className = 'group/query';
  heading.textContent = question;
  document.getElementById('thread').append(heading);
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
