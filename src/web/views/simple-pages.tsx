/**
 * Small pages: errors (404, 400), the placeholder for a cable that is not in the archive but is
 * cited by cables that are, and the word-level diff between two versions of a cable.
 */
import type { Citation } from '../../store/store.ts';
import type { WordDiff } from '../diff.ts';
import { urls } from '../urls.ts';
import { Layout } from './layout.tsx';

export function ErrorPage(props: { status: number; title: string; message: string }) {
  return (
    <Layout title={props.title} noindex>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href={urls.home()}>Go to the home page</a> or <a href={urls.cables()}>browse all cables</a>.
      </p>
    </Layout>
  );
}

export function PlaceholderPage(props: { refId: string; citedBy: Citation[] }) {
  const citing = [...new Set(props.citedBy.map((c) => c.fromRefId))];
  return (
    <Layout title={`${props.refId} (not in the archive)`} noindex>
      <h1>{props.refId}</h1>
      <p class="notice">
        Cable {props.refId} is not in the archive: the release did not include it, or it has not been imported
        here. {citing.length === 1 ? 'One cable' : `${citing.length} cables`} in the archive cite it.
      </p>
      <h2>Cited by</h2>
      <ul>
        {citing.map((id) => {
          const how = props.citedBy.find((c) => c.fromRefId === id);
          return (
            <li>
              <a href={urls.cable(id)}>{id}</a>
              {how ? ` (as “${how.label ? `${how.label}. ` : ''}${how.text}”)` : ''}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

const words = (n: number) => `${n} word${n === 1 ? '' : 's'}`;

export function DiffPage(props: {
  refId: string;
  a: string;
  b: string;
  aLabel: string;
  bLabel: string;
  diff: WordDiff;
}) {
  const d = props.diff;
  return (
    <Layout title={`${props.refId}: differences between versions`} noindex>
      <h1>
        <a href={urls.cable(props.refId)}>{props.refId}</a>: differences between versions
      </h1>
      <p>
        From {props.aLabel} (<code>{props.a}</code>) to {props.bLabel} (<code>{props.b}</code>):{' '}
        {words(d.removed)} removed, {words(d.added)} added. Removed words are <del>struck through</del>, added
        words <ins>underlined</ins>; line breaks follow the second text.
      </p>
      {d.tooDifferent ? (
        <p class="notice">The two texts differ too much to compare word by word; both are shown whole.</p>
      ) : null}
      <div class="diff">
        {d.parts.map((p) =>
          p.kind === 'same' ? p.text : p.kind === 'added' ? <ins>{p.text}</ins> : <del>{p.text}</del>,
        )}
      </div>
    </Layout>
  );
}
