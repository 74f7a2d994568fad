/**
 * The one map of tags chapters may use. Chapters import nothing: the teaching
 * blocks are listed here, and every widget folder contributes its tags through
 * its `tags.ts`, so that a chapter's widgets are added without touching this file.
 */
import type { ComponentType } from 'react';
import type { MDXComponents } from 'mdx/types';
import { DeepDive, Exercise, Exercises, Figure, Hint, Intro, Preset, Recap, Solution, TryThis, YouWillLearn } from './pedagogy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each widget has its own literal props
type Tag = ComponentType<any>;

const widgetModules = import.meta.glob<{ tags: Record<string, Tag> }>('../widgets/*/tags.ts', { eager: true });

const widgetTags: Record<string, Tag> = {};
for (const [file, mod] of Object.entries(widgetModules)) {
  for (const [name, component] of Object.entries(mod.tags)) {
    if (widgetTags[name]) throw new Error(`MDX tag <${name}> is defined twice (${file})`);
    widgetTags[name] = component;
  }
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
  ...widgetTags,
};
