import { HashRouter, Route, Routes } from 'react-router';
import { ChapterPage } from './ChapterPage';
import { Home } from './Home';
import { Layout } from './Layout';

/**
 * Hash routing: the book is static files, so any host serves every page and a
 * share link's query (?fit.lr=...) stays in location.search, beside the route.
 */
export function App() {
  return (
    <HashRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="chapters/:slug/:section?" element={<ChapterPage />} />
          <Route path="*" element={<p className="page">No such page. <a href="#/">Back to the contents.</a></p>} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
