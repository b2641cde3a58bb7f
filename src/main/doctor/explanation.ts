import type { Finding } from './types';

/** A finding and the words the verdict uses for it ("Invalid — <summary>"). */
export interface Explanation {
  finding: Finding;
  summary: string;
}

export function explanation(rule: string, summary: string, text: Omit<Finding, 'rule'>): Explanation {
  return { finding: { rule, ...text }, summary };
}
