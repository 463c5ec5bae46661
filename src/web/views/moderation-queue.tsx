/**
 * What every moderation queue page shares (comments, mentions): the links between the queues,
 * the notice after an action, and the form that acts on the items - Approve / Spam / Trash for
 * the ticked ones, and on each item a tick box, its own three buttons and one more (ban the
 * author, block the host). Plain form posts: it all works without JavaScript.
 */
import type { Child } from 'hono/jsx';
import { CsrfField } from './discussion-section.tsx';

const ACTIONS = ['approve', 'spam', 'trash'] as const;

const label = (action: string) => action[0]!.toUpperCase() + action.slice(1);

/** A link between queues; the current one is shown without a link. */
export interface QueueLink {
  label: string;
  href: string;
  current?: boolean;
}

export function QueueNav(props: { links: QueueLink[] }) {
  return (
    <nav aria-label="Queues">
      <ul class="share">
        {props.links.map((link) => (
          <li>{link.current ? <strong>{link.label}</strong> : <a href={link.href}>{link.label}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}

export function ModerationNotice(props: { notice?: string | null | undefined }) {
  return props.notice ? (
    <p class="notice" role="status">
      {props.notice}
    </p>
  ) : null;
}

export interface QueueItem {
  id: number;
  /** The item's element id (`comment-12`). */
  anchor: string;
  /** Said after "Select {noun} {id}" (who sent it, from where). */
  about: Child;
  /** The item itself. */
  content: Child;
  /** One more button after Approve / Spam / Trash. */
  extra: Child;
}

/**
 * The form of a queue: posts to `action` with the form token, `back` (where to return), either
 * `action` and the ticked `ids` or one item's `one=ACTION:ID`. "Nothing here." when empty.
 */
export function ModerationForm(props: {
  /** What the items are, singular (`comment`). */
  noun: string;
  action: string;
  back: string;
  csrf: string;
  items: QueueItem[];
}) {
  if (props.items.length === 0) return <p>Nothing here.</p>;
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <p>
        With the selected {props.noun}s:{' '}
        {ACTIONS.map((action, i) => (
          <>
            {i > 0 ? ' ' : ''}
            <button type="submit" name="action" value={action}>
              {label(action)}
            </button>
          </>
        ))}
      </p>
      <ol class="comments">
        {props.items.map((item) => (
          <li class="comment" id={item.anchor}>
            <p>
              <input type="checkbox" name="ids" value={String(item.id)} id={`select-${item.id}`} />{' '}
              <label for={`select-${item.id}`}>
                Select {props.noun} {item.id}
              </label>
              {item.about}
            </p>
            {item.content}
            <p>
              {ACTIONS.map((action) => (
                <>
                  <button type="submit" name="one" value={`${action}:${item.id}`}>
                    {label(action)}
                  </button>{' '}
                </>
              ))}
              {item.extra}
            </p>
          </li>
        ))}
      </ol>
    </form>
  );
}
