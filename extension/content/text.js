// Plain text from rich-text editors and rendered messages, as the user typed it. Loaded before claude.js and
// target.js in the extension's isolated world (content scripts share no modules), never in the page's.
// eslint-disable-next-line no-unused-vars
const RerouteText = (() => {
  /** A block's text: text nodes as they are, <br> as a newline, except the placeholder <br> editors keep at
   * the end of a line (ProseMirror's trailing break, Quill's empty line). */
  function inline(block) {
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) parts.push(child.data);
        else if (child.nodeName === 'BR') parts.push('\n');
        else if (child.nodeType === Node.ELEMENT_NODE && child.nodeName !== 'IMG') walk(child);
      }
    };
    walk(block);
    if (parts.at(-1) === '\n') parts.pop();
    return parts.join('');
  }

  /** Lines of one block element, with the markdown a user would have typed for lists, quotes and code. */
  function blockLines(block) {
    switch (block.nodeName) {
      case 'UL':
      case 'OL': {
        let number = Number(block.getAttribute('start') ?? 1);
        return [...block.children].flatMap((item) => {
          const marker = block.nodeName === 'OL' ? `${number++}. ` : '- ';
          const [head = '', ...rest] = blocks(item);
          return [marker + head, ...rest.map((line) => `   ${line}`)];
        });
      }
      case 'PRE':
        return ['```', ...block.textContent.replace(/\n$/, '').split('\n'), '```'];
      case 'BLOCKQUOTE':
        return blocks(block).map((line) => `> ${line}`);
      case 'H1':
      case 'H2':
      case 'H3':
      case 'H4':
      case 'H5':
      case 'H6':
        return [`${'#'.repeat(Number(block.nodeName[1]))} ${inline(block)}`];
      default:
        return inline(block).split('\n');
    }
  }

  const BLOCKS = new Set(['P', 'DIV', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI']);

  /** An element's lines: one per paragraph when it holds blocks, else its inline text. */
  function blocks(element) {
    const children = [...element.children].filter((child) => BLOCKS.has(child.nodeName) && !child.classList.contains('ql-clipboard'));
    if (children.length === 0) return inline(element).split('\n');
    return children.flatMap(blockLines);
  }

  return { text: (element) => blocks(element).join('\n') };
})();
