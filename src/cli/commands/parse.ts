/** `cabledesk parse` (stub, being written by the sources work). */
import type { Command } from '../main.ts';

export const command: Command = {
  summary: 'parse cables and print one JSON record per line',
  help: 'Usage: cabledesk parse [--format auto|csv|html|jsonl|text] PATH...',
  async run() {
    return 1;
  },
};
