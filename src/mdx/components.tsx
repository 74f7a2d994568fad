/**
 * The one map of tags chapters may use. Chapters import nothing: the teaching blocks are listed here (they are
 * in the entry chunk), and every widget folder contributes its tags through its `tags.ts`, so that a chapter's
 * widgets are added without touching this file. A widget's code is not in the entry: each tag loads its own
 * module when a chapter first renders it (lazyTags.tsx), so a chapter page fetches only the widgets it shows.
 */
import { lazy, Suspense } from 'react';
import type { MDXComponents } from 'mdx/types';
import { lazyTags, type Tag, type TagLoader } from './lazyTags';
import { DeepDive, Exercise, Exercises, Figure, Hint, Intro, Preset, Recap, Solution, TryThis, YouWillLearn } from './pedagogy';

const widgetModules = import.meta.glob<{ tags: Record<string, TagLoader> }>('../widgets/*/tags.ts', { eager: true });

const widgetTags: Record<string, Tag> = {};
for (const [file, mod] of Object.entries(widgetModules)) {
  for (const [name, component] of Object.entries(lazyTags(mod.tags))) {
    if (widgetTags[name]) throw new Error(`MDX tag <${name}> is defined twice (${file})`);
    widgetTags[name] = component;
  }
}

// Appendix B's term list, in its own chunk: the glossary's data is for that page only.
const GlossaryList = lazy(() => import('./Glossary'));
function Glossary() {
  return (
    <Suspense fallback={<p className="widget-note">Loading the glossary…</p>}>
      <GlossaryList />
    </Suspense>
  );
}

export const components: MDXComponents = {
  Intro,
  YouWillLearn,
  DeepDive,
  TryThis,
  Recap,
  Exercises,
  Exercise,
  Hint,
  Solution,
  Figure,
  Preset,
  Glossary,
  ...widgetTags,
};
