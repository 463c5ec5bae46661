/**
 * The discussion's shapes: accounts and their roles, comments and their states.
 */
export const ROLES = ['member', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  banned: boolean;
  createdAt: string;
}

/** `deleted`: removed by its author (kept as a tombstone so replies keep their place). */
export const COMMENT_STATUSES = ['approved', 'pending', 'spam', 'trash', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export interface Comment {
  id: number;
  refId: string;
  paragraph: number | null;
  parentId: number | null;
  depth: number;
  accountId: number | null;
  /** Display name: the account's name, or the name a guest gave. */
  authorName: string;
  /** Never shown: used for avatars (hashed), bans and moderation. */
  authorEmail: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  address: string | null;
  created: string;
  edited: string | null;
}

export function isModerator(account: Account | null): boolean {
  return account?.role === 'moderator' || account?.role === 'admin';
}
