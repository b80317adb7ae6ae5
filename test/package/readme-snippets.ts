// The README's code blocks to copy: each follows a `<!-- snippet: name -->` line.

export interface Snippet {
  /** The fence's language: `html`, `ts`, `tsx`, `vue`, ... */
  language: string;
  code: string;
}

/** The named blocks of a Markdown page, by name; a name given twice is a mistake. */
export function readmeSnippets(markdown: string): Map<string, Snippet> {
  const snippets = new Map<string, Snippet>();
  for (const [, name, language, code] of markdown.matchAll(/<!-- snippet: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)```/g)) {
    if (name === undefined || language === undefined || code === undefined) continue;
    if (snippets.has(name)) throw new Error(`Two README blocks are named ${name}`);
    snippets.set(name, { language, code });
  }
  return snippets;
}

/** Lines of code a user writes from a snippet: neither blank nor only a comment (`// file.ts`, `<!-- App.vue -->`). */
export function codeLines({ code }: Snippet): number {
  return code.split('\n').filter((line) => {
    const text = line.trim();
    return text !== '' && !text.startsWith('//') && !/^<!--.*-->$/.test(text);
  }).length;
}
