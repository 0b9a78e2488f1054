// @ts-check
// Plain text from rich-text editors and rendered messages, as the user typed it, and the plain text to paste
// into an editor so that it holds exactly a prompt. Loaded before claude.js and target.js in the extension's
// isolated world (content scripts share no modules), never in the page's; text.test.mjs loads it in Node.
// eslint-disable-next-line no-unused-vars
const RerouteText = (() => {
  /** A block's text: text nodes as they are, <br> as a newline, except the placeholder <br> editors keep at
   * the end of a line (ProseMirror's trailing break, Quill's empty line).
   * @param {Element} block
   * @returns {string} */
  function inline(block) {
    /** @type {string[]} */
    const parts = [];
    /** @param {Node} node */
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) parts.push(/** @type {Text} */ (child).data);
        else if (child.nodeName === 'BR') parts.push('\n');
        else if (child.nodeType === Node.ELEMENT_NODE && child.nodeName !== 'IMG') walk(child);
      }
    };
    walk(block);
    if (parts.at(-1) === '\n') parts.pop();
    return parts.join('');
  }

  /** Lines of one block element, with the markdown a user would have typed for lists, quotes and code.
   * @param {Element} block
   * @returns {string[]} */
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
        return ['```', ...(block.textContent ?? '').replace(/\n$/, '').split('\n'), '```'];
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

  /** An element's lines: one per paragraph when it holds blocks, else its inline text.
   * @param {Element} element
   * @returns {string[]} */
  function blocks(element) {
    const children = [...element.children].filter((child) => BLOCKS.has(child.nodeName) && !child.classList.contains('ql-clipboard'));
    if (children.length === 0) return inline(element).split('\n');
    return children.flatMap(blockLines);
  }

  /** The plain-text pastes that leave `text` in a rich-text editor exactly. Quill 2 and Lexical keep every
   * newline of pasted plain text: one paste. ProseMirror (prosemirror-view's parseFromClipboard) makes a
   * paragraph of each piece between runs of newlines, so a run of blank lines would collapse: the text is cut
   * between every two consecutive newlines, "a\n" + "\n" + "\nb" being "a", two empty paragraphs, "b".
   * @param {string} text
   * @param {TargetEditor} editor
   * @returns {string[]} */
  const pastePieces = (text, editor) => (editor === 'quill' || editor === 'lexical' ? [text] : text.split(/(?<=\n)(?=\n)/));

  /** What goes into Quill 1's paste container for `text`: its convert() drops one trailing "\n" from what it
   * reads (the end of its last line), so the text gets one more.
   * @param {string} text */
  const quill1ContainerText = (text) => `${text}\n`;

  return {
    pastePieces,
    quill1ContainerText,
    /** The text of a composer or a rendered message, one line per paragraph.
     * @param {Element} element
     * @returns {string} */
    text: (element) => blocks(element).join('\n'),
  };
})();
