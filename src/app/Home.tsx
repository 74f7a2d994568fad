import { Link } from 'react-router';
import { CHAPTERS, entryLabel } from '../../chapters/manifest';
import { isReady } from './chapterModules';

/** The table of contents, one line per chapter. Loads no tfjs. */
export function Home() {
  return (
    <main className="page home">
      <h1>Trainable</h1>
      <p className="lede">
        A deep-learning book whose figures train real models, on your own device, while you read. Every loss curve here is
        computed live: change a setting and watch what gradient descent does with it.
      </p>
      <ol className="toc" start={0}>
        {CHAPTERS.filter((c) => !c.appendix).map((c) => (
          <li key={c.slug} className={isReady(c) ? 'ready' : 'planned'} value={c.number}>
            {isReady(c) ? <Link to={`/chapters/${c.slug}`}>{c.title}</Link> : <span>{c.title}</span>}
            <span className="toc-summary">{isReady(c) ? c.summary : `${c.summary} (in preparation)`}</span>
          </li>
        ))}
      </ol>
      <h2 className="toc-heading">Appendices</h2>
      <ul className="toc appendices">
        {CHAPTERS.filter((c) => c.appendix && isReady(c)).map((c) => (
          <li key={c.slug} className="ready">
            <Link to={`/chapters/${c.slug}`}>{entryLabel(c)}. {c.title}</Link>
            <span className="toc-summary">{c.summary}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
