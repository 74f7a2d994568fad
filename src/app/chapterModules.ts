import type { ComponentType } from 'react';
import type { MDXComponents } from 'mdx/types';

type ChapterModule = { default: ComponentType<{ components?: MDXComponents }> };

/** Each chapter's MDX, loaded only when its page opens. */
const modules = import.meta.glob<ChapterModule>('../../chapters/*/index.mdx');

export function chapterLoader(slug: string): (() => Promise<ChapterModule>) | null {
  return modules[`../../chapters/${slug}/index.mdx`] ?? null;
}
