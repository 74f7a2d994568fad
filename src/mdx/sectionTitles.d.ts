/** Built by vite.config.ts's `section-titles` plugin: each glossary target's heading, by `<slug>#<id>`. */
declare module 'virtual:section-titles' {
  const titles: Record<string, string>;
  export default titles;
}
