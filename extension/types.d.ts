// Declarations for what the type checker can't see in the extension's own files (tsconfig.json); not shipped.

/** Firefox's promise-based WebExtension namespace; Chrome has only `chrome`, with the same MV3 promises. */
declare var browser: typeof chrome | undefined;

/** Where on claude.ai a text was seen (src/claude.rs `Surface`). */
type ClaudeSurface = 'reply-warning' | 'alert' | 'chat-inline' | 'composer-banner' | 'page';

/** claude.ai's structure and texts, from src/claude.rs `ContentConfig` (camelCase), written over
 * `__CLAUDE_SITE__` in the content scripts by tools/assemble.mjs. */
interface ClaudeSiteConfig {
  /** One selector matching any part of the conversation. */
  conversation: string;
  /** The site's warning inside a reply's row. */
  replyWarning: string;
  /** One selector matching any turn's row. */
  rows: string;
  /** Surfaces with their selectors, in order. */
  surfaces: [ClaudeSurface, string][];
  /** Lower-case words at least one of which every failure text contains. */
  triggerWords: string[];
  /** Longest text worth sending. */
  maxTextChars: number;
  /** Path endings of completion requests. */
  completionPaths: string[];
  /** Routes of the full-page error screen. */
  errorRoutes: string[];
  /** The composer candidates, live editor first. */
  composer: string[];
  /** What holds the composer and its buttons. */
  composerForm: string;
  /** The user's turns. */
  userMessage: string;
  /** Claude's replies. */
  reply: string;
}

/** A placeholder in the source only: the built content scripts hold the object itself. */
declare const __CLAUDE_SITE__: ClaudeSiteConfig;
