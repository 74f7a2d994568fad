import type { ComponentType } from 'react';
import type { MDXComponents } from 'mdx/types';
import { CHAPTERS, type ChapterEntry } from '../../chapters/manifest';

type ChapterModule = { default: ComponentType<{ components?: MDXComponents }> };

/** Each chapter's MDX, loaded only when its page opens. */
const modules = import.meta.glob<ChapterModule>('../../chapters/*/index.mdx');

export function chapterLoader(slug: string): (() => Promise<ChapterModule>) | null {
  return modules[`../../chapters/${slug}/index.mdx`] ?? null;
}

/** A chapter is ready when its MDX exists. */
export function isReady(c: ChapterEntry): boolean {
  return chapterLoader(c.slug) !== null;
}

export const READY_CHAPTERS: ChapterEntry[] = CHAPTERS.filter(isReady);
