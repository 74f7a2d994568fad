/**
 * Widget tags whose code loads when a chapter first renders them, so that the entry chunk carries no widget
 * and a chapter page fetches only its own (each widget module is its own chunk; Vite shares the kit and viz
 * chunks between them). Until a widget's code arrives, a frame of the widget's measured height holds its
 * place (WidgetPlaceholder), so the text below it does not move when the widget appears.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { WidgetPlaceholder } from './WidgetPlaceholder';

/** A widget as MDX uses it: `any` props, since each widget has its own and MDX passes literals the widget checks. */
export type Tag = ComponentType<any>;
/** Loads a widget's module: `() => import('./LinearFit')`; the module exports a component named like the tag. */
export type TagLoader = () => Promise<object>;

/** Turns `{ Name: () => import('./Name') }` into lazily loaded tags, each shown in a sized frame until it loads. */
export function lazyTags(loaders: Record<string, TagLoader>): Record<string, Tag> {
  return Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazyTag(name, load)]));
}

function lazyTag(name: string, load: TagLoader): Tag {
  const Widget = lazy(async () => {
    const component = (await load() as Record<string, unknown>)[name];
    if (typeof component !== 'function') throw new Error(`the widget module for <${name}> exports no component named ${name}`);
    return { default: component as Tag };
  });
  function LazyTag(props: { id?: string }) {
    const placeholder = <WidgetPlaceholder tag={name} id={props.id} />;
    return (
      <TagErrorBoundary name={name}>
        <Suspense fallback={placeholder}>
          <Widget {...props} />
        </Suspense>
      </TagErrorBoundary>
    );
  }
  LazyTag.displayName = name;
  return LazyTag;
}

/** A widget whose code could not load (offline, a failed request) says so in its place instead of blanking the chapter. */
class TagErrorBoundary extends Component<{ name: string; children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="widget" role="alert">
        <p className="widget-alert" data-error>This figure ({this.props.name}) could not load: {this.state.error}. Reload the page to try again.</p>
      </section>
    );
  }
}
