/** Where a list read from main stands: not asked for, on its way, shown, or failed (the store keeps why). */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
