/**
 * Markdown cells rendered with marked and sanitised with DOMPurify: an imported notebook is someone
 * else's text, and its markdown must not run scripts in the page that holds the user's models.
 */
import DOMPurify from "dompurify";
import { marked } from "marked";

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html);
}
